// redress catalog lookup|list|versions|diff: the service-commitment catalog —
// what the company provides, does not provide, and arranges for a fee.
#include "commands.hpp"
#include "display_format.hpp"
#include "errors.hpp"
#include "json_util.hpp"
#include "table.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/URI.h>

namespace redress::cli {
namespace {

// --at DATE and the scope flags, checked here so the usage error names the flag.
void add_common(Poco::URI& uri, const ParsedArgs& args, const std::string& command, bool scope) {
    if (auto at = args.value("at")) {
        bool ok = at->size() == 10 && (*at)[4] == '-' && (*at)[7] == '-' &&
                  at->find_first_not_of("0123456789-") == std::string::npos;
        if (!ok)
            throw UsageError(
                "--at must be a date YYYY-MM-DD, such as 2026-07-01, not \"" + *at + "\"", command);
        uri.addQueryParameter("at", *at);
    }
    if (!scope)
        return;
    for (const char* flag : {"department", "product-line", "tier"})
        if (auto v = args.value(flag)) {
            std::string name = std::string(flag) == "product-line" ? "product_line"
                               : std::string(flag) == "tier"       ? "customer_tier"
                                                                   : flag;
            uri.addQueryParameter(name, *v);
        }
}

std::string language_of(const ParsedArgs& args) {
    return args.value("lang").value_or("zh");
}

// The text of obj[key][lang], else English, else empty.
std::string translated(const Poco::JSON::Object::Ptr& obj, const std::string& key,
                       const std::string& lang) {
    auto t = object_of(obj, key);
    std::string s = text_of(t, lang);
    return s.empty() ? text_of(t, "en") : s;
}

std::string fee_text(const Poco::JSON::Object::Ptr& e) {
    if (!e->has("fee_minor"))
        return "";
    std::string s = money(e->getValue<Poco::Int64>("fee_minor"), text_of(e, "currency"));
    if (e->has("lead_time_days")) {
        auto days = e->getValue<Poco::Int64>("lead_time_days");
        s += ", " + std::to_string(days) + (days == 1 ? " working day" : " working days");
    }
    return s;
}

void print_entries(Context& ctx, const Poco::JSON::Array::Ptr& list, const std::string& lang,
                   bool scores) {
    std::vector<std::string> headers{"ID", "STATUS", "TITLE", "FEE"};
    if (scores)
        headers.insert(headers.begin(), "SCORE");
    Table table(headers);
    table.limit_width(scores ? 3 : 2, 40);
    for (std::size_t i = 0; list && i < list->size(); ++i) {
        auto e = list->getObject(static_cast<unsigned>(i));
        std::vector<std::string> row{text_of(e, "id"), text_of(e, "status"),
                                     translated(e, "title", lang), fee_text(e)};
        if (scores)
            row.insert(row.begin(), text_of(e, "score"));
        table.add_row(row);
    }
    table.print(ctx.out);
}

void lookup(Context& ctx, const ParsedArgs& args) {
    std::string q;
    for (const auto& word : args.positional())
        q += (q.empty() ? "" : " ") + word;
    Poco::URI uri("/catalog/lookup");
    uri.addQueryParameter("q", q);
    if (auto limit = args.value("limit"))
        uri.addQueryParameter("limit", *limit);
    add_common(uri, args, "catalog lookup", true);
    Reply reply = ctx.api.get(uri.getPathAndQuery());
    if (ctx.json)
        return print_json_body(ctx, reply);
    auto a = reply.object();
    auto matches = a->getArray("matches");
    std::string lang = language_of(args);
    ctx.out << "catalog version " << text_of(a, "version") << ": ";
    if (!matches || matches->size() == 0) {
        ctx.out << "nothing matches \"" << q << "\"\n";
        return;
    }
    auto best = matches->getObject(0);
    ctx.out << text_of(a, "verdict") << " (" << text_of(best, "id") << ")\n"
            << translated(best, "wording", lang) << "\n\n";
    print_entries(ctx, matches, lang, true);
}

void list(Context& ctx, const ParsedArgs& args) {
    Poco::URI uri("/catalog");
    if (auto status = args.value("status"))
        uri.addQueryParameter("status", *status);
    add_common(uri, args, "catalog list", true);
    Reply reply = ctx.api.get(uri.getPathAndQuery());
    if (ctx.json)
        return print_json_body(ctx, reply);
    auto a = reply.object();
    ctx.out << "catalog version " << text_of(a, "version") << "\n";
    print_entries(ctx, a->getArray("entries"), language_of(args), false);
}

void versions(Context& ctx, const ParsedArgs& args) {
    Poco::URI uri("/catalog/versions");
    add_common(uri, args, "catalog versions", false);
    Reply reply = ctx.api.get(uri.getPathAndQuery());
    if (ctx.json)
        return print_json_body(ctx, reply);
    Table table({"VERSION", "FROM", "UNTIL", "ENTRIES", "IN FORCE", "FILE"});
    auto list = reply.object()->getArray("versions");
    for (std::size_t i = 0; list && i < list->size(); ++i) {
        auto v = list->getObject(static_cast<unsigned>(i));
        table.add_row({text_of(v, "name"), text_of(v, "effective_from"),
                       v->has("effective_until") ? text_of(v, "effective_until") : "(open)",
                       v->get("entry_count").toString(),
                       v->get("in_force").toString() == "true" ? "yes" : "", text_of(v, "file")});
    }
    table.print(ctx.out);
}

void diff(Context& ctx, const ParsedArgs& args) {
    Poco::URI uri("/catalog/diff");
    uri.addQueryParameter("from", args.positional()[0]);
    uri.addQueryParameter("to", args.positional()[1]);
    Reply reply = ctx.api.get(uri.getPathAndQuery());
    if (ctx.json)
        return print_json_body(ctx, reply);
    auto a = reply.object();
    std::string lang = language_of(args);
    ctx.out << "catalog " << text_of(a, "from") << " → " << text_of(a, "to") << "\n";
    std::size_t changes = 0;
    auto each = [&](const char* key, auto print) {
        auto list = a->getArray(key);
        for (std::size_t i = 0; list && i < list->size(); ++i, ++changes)
            print(list->getObject(static_cast<unsigned>(i)));
    };
    each("added", [&](const Poco::JSON::Object::Ptr& e) {
        ctx.out << "+ " << text_of(e, "id") << " (" << text_of(e, "status")
                << "): " << translated(e, "title", lang) << "\n";
    });
    each("removed", [&](const Poco::JSON::Object::Ptr& e) {
        ctx.out << "- " << text_of(e, "id") << " (" << text_of(e, "status")
                << "): " << translated(e, "title", lang) << "\n";
    });
    each("changed", [&](const Poco::JSON::Object::Ptr& c) {
        auto before = object_of(c, "before"), after = object_of(c, "after");
        ctx.out << "~ " << text_of(c, "id") << ":";
        auto fields = c->getArray("fields");
        for (std::size_t i = 0; fields && i < fields->size(); ++i) {
            std::string f = fields->getElement<std::string>(static_cast<unsigned>(i));
            ctx.out << (i ? "," : "") << " " << f;
            auto value = [&](const Poco::JSON::Object::Ptr& e) -> std::string {
                if (!e->has(f))
                    return "-";
                if (f == "fee_minor")
                    return money(e->getValue<Poco::Int64>(f), text_of(e, "currency"));
                return text_of(e, f);
            };
            if (f == "status" || f == "fee_minor" || f == "lead_time_days")
                ctx.out << " " << value(before) << " → " << value(after);
        }
        ctx.out << "\n";
    });
    if (changes == 0)
        ctx.out << "no differences\n";
}

std::vector<FlagSpec> scope_flags() {
    return {
        {"department", "D", "only entries that apply to department D"},
        {"product-line", "P", "only entries that apply to product line P"},
        {"tier", "T", "only entries that apply to customer tier T"},
        {"at", "DATE", "answer from the version in force on DATE (YYYY-MM-DD; default today)"},
        {"lang", "L", "the language to show titles and wording in: zh (default), en"},
    };
}

} // namespace

std::vector<Command> catalog_commands() {
    CommandSpec l;
    l.name = "catalog lookup";
    l.arguments = "WORDS...";
    l.summary = "look up a customer's ask in the service catalog (Chinese or English)";
    l.description = "Looks WORDS up in the catalog version in force and prints the verdict —\n"
                    "provided, not_provided or arrangeable (for a fee) — with the wording to read\n"
                    "to the customer, then every match, best first, with its score and fee.\n"
                    "  redress catalog lookup 上门安装\n"
                    "  redress catalog lookup extended warranty --lang en --at 2026-03-01";
    l.flags = scope_flags();
    l.flags.push_back({"limit", "N", "at most N matches (1-50)"});
    l.min_positional = 1;
    l.max_positional = 64;

    CommandSpec s;
    s.name = "catalog list";
    s.summary = "the entries of the catalog version in force";
    s.description = "Lists the entries of the catalog version in force (or --at a date),\n"
                    "filtered by --status (provided, not_provided, arrangeable) and scope.";
    s.flags = scope_flags();
    s.flags.push_back({"status", "S", "only entries with status S"});

    CommandSpec v;
    v.name = "catalog versions";
    v.summary = "every catalog version and when it is in force";
    v.description = "Lists the catalog's versions, oldest first, with their validity periods,\n"
                    "and marks the one in force today (or --at a date).";
    v.flags = {{"at", "DATE", "mark the version in force on DATE (YYYY-MM-DD)"}};

    CommandSpec d;
    d.name = "catalog diff";
    d.arguments = "V1 V2";
    d.summary = "what changed from catalog version V1 to V2";
    d.description = "Prints the entries V2 adds (+), removes (-) and changes (~, with the fields\n"
                    "that changed; status, fee and lead time with their old and new values).\n"
                    "  redress catalog diff 2026-H1 2026-H2";
    d.flags = {{"lang", "L", "the language to show titles in: zh (default), en"}};
    d.min_positional = d.max_positional = 2;

    return {{l, lookup}, {s, list}, {v, versions}, {d, diff}};
}

} // namespace redress::cli
