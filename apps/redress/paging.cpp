#include "paging.hpp"

#include "errors.hpp"
#include "json_util.hpp"

#include <Poco/JSON/Object.h>
#include <optional>

namespace redress::cli {

std::vector<FlagSpec> paging_flags(const std::string& noun) {
    return {
        {"limit", "N", noun + " per page (API default 50, at most 500)"},
        {"all", "", "follow next_cursor through every page"},
        {"cursor", "C", "start after this cursor (the next_cursor of an earlier page)"},
    };
}

void list_pages(Context& ctx, const ParsedArgs& args, const Poco::URI& base,
                const std::string& noun,
                const std::function<void(const Poco::JSON::Array::Ptr&)>& print) {
    std::optional<std::string> cursor = args.value("cursor");
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    std::string next;
    for (;;) {
        Poco::URI uri = base;
        if (cursor)
            uri.addQueryParameter("cursor", *cursor);
        Reply reply = ctx.api.get(uri.getPathAndQuery());
        if (ctx.json && !args.has("all"))
            return print_json_body(ctx, reply);
        auto page = reply.object();
        if (page->isArray("items")) {
            auto got = page->getArray("items");
            for (std::size_t i = 0; i < got->size(); ++i)
                items->add(got->get(static_cast<unsigned>(i)));
        }
        next = text_of(page, "next_cursor");
        if (!args.has("all") || next.empty())
            break;
        if (cursor && *cursor == next) // a server that repeats itself would loop for ever
            throw ApiError(500, "bad_reply", "the server returned the same next_cursor twice");
        cursor = next;
    }
    if (ctx.json) {
        Poco::JSON::Object all;
        all.set("items", items);
        all.set("next_cursor", Poco::Dynamic::Var());
        ctx.out << to_json(all) << '\n';
        return;
    }
    print(items);
    if (!next.empty())
        ctx.err << "more " << noun << " follow: add --all, or --cursor " << next << '\n';
}

} // namespace redress::cli
