// redress departments and redress token create|list|revoke.
#include "commands.hpp"
#include "display_format.hpp"
#include "errors.hpp"
#include "form.hpp"
#include "json_util.hpp"
#include "table.hpp"

#include <Poco/JSON/Array.h>

namespace redress::cli {
namespace {

Poco::JSON::Array::Ptr items_of(const Reply& reply) {
    auto o = reply.object();
    return o->isArray("items") ? o->getArray("items")
                               : Poco::JSON::Array::Ptr(new Poco::JSON::Array);
}

std::string joined(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!o || !o->isArray(key))
        return "";
    std::string out;
    auto a = o->getArray(key);
    for (std::size_t i = 0; i < a->size(); ++i)
        out += (i ? "," : "") + a->get(i).toString();
    return out;
}

void departments(Context& ctx, const ParsedArgs&) {
    Reply reply = ctx.api.get("/departments");
    if (ctx.json) {
        print_json_body(ctx, reply);
        return;
    }
    Table table({"ID", "NAME", "PREFIX", "CHANNELS", "FIRST RESPONSE", "RESOLUTION", "CURRENCY",
                 "TIMEZONE", "APPROVAL AGENT/SUPERVISOR/MANAGER"});
    auto items = items_of(reply);
    for (std::size_t i = 0; i < items->size(); ++i) {
        auto d = items->getObject(i);
        auto sla = object_of(d, "sla");
        auto approval = object_of(d, "approval");
        std::string currency = text_of(d, "currency");
        std::string limits;
        for (const char* level : {"agent", "supervisor", "manager"})
            if (approval && approval->has(level))
                limits += (limits.empty() ? "" : " / ") +
                          amount(approval->getValue<Poco::Int64>(level), currency);
        if (!limits.empty())
            limits += " " + currency;
        table.add_row({text_of(d, "id"), text_of(d, "name"), text_of(d, "prefix"),
                       joined(d, "channels"), text_of(sla, "first_response"),
                       text_of(sla, "resolution"), currency, text_of(d, "timezone"), limits});
    }
    table.print(ctx.out);
}

// "a, b" into ["a","b"]; "*" stays ["*"] (every department).
Poco::JSON::Array::Ptr department_list(const std::string& text) {
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (std::size_t start = 0; start <= text.size();) {
        std::size_t end = std::min(text.find(',', start), text.size());
        std::string item = text.substr(start, end - start);
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (!item.empty())
            out->add(item);
        start = end + 1;
    }
    if (out->size() == 0)
        throw UsageError(
            "--departments needs department ids, such as after-sales,call-centre, or *",
            "token create");
    return out;
}

void token_create(Context& ctx, const ParsedArgs& args) {
    for (const char* required : {"name", "role", "departments"})
        if (!args.has(required))
            throw UsageError("'token create' needs --" + std::string(required), "token create");
    Poco::JSON::Object body;
    body.set("name", *args.value("name"));
    body.set("role", *args.value("role"));
    body.set("departments", department_list(*args.value("departments")));
    Reply reply = ctx.api.post("/tokens", to_json(body));
    if (ctx.json) {
        print_json_body(ctx, reply);
        return;
    }
    auto t = reply.object();
    Form form(ctx.out, 14);
    form.heading("id", text_of(t, "id"));
    form.heading("name", text_of(t, "name"));
    form.heading("role", text_of(t, "role"));
    form.heading("departments", joined(t, "departments"));
    form.heading("secret", text_of(t, "secret"));
    ctx.err << "note: the secret is shown only this once; store it now\n";
}

void token_list(Context& ctx, const ParsedArgs&) {
    Reply reply = ctx.api.get("/tokens");
    if (ctx.json) {
        print_json_body(ctx, reply);
        return;
    }
    Table table({"ID", "NAME", "ROLE", "DEPARTMENTS", "CREATED (UTC)", "REVOKED (UTC)"});
    auto items = items_of(reply);
    for (std::size_t i = 0; i < items->size(); ++i) {
        auto t = items->getObject(i);
        table.add_row({text_of(t, "id"), text_of(t, "name"), text_of(t, "role"),
                       joined(t, "departments"), short_time(text_of(t, "created_at")),
                       short_time(text_of(t, "revoked_at"))});
    }
    table.print(ctx.out);
}

void token_revoke(Context& ctx, const ParsedArgs& args) {
    const std::string& id = args.positional()[0];
    ctx.api.send("DELETE", "/tokens/" + path_segment(id));
    if (!ctx.json) // the API answers 204 with no body: nothing to print as JSON
        ctx.out << "revoked token " << id << '\n';
}

} // namespace

std::vector<Command> admin_commands() {
    CommandSpec d;
    d.name = "departments";
    d.summary = "list the departments the token may act on";
    d.description = "Lists the departments the token may act on: id, name, tracking-number\n"
                    "prefix, channels, SLA, currency, timezone and approval limits.";

    CommandSpec create;
    create.name = "token create";
    create.summary = "create an API token (admin); prints its secret once";
    create.description = "Creates an API token and prints its id and its secret. The secret is\n"
                         "shown only this once. Needs an admin token.";
    create.flags = {
        {"name", "N", "who or what uses the token"},
        {"role", "R", "agent, supervisor, manager, executive or admin"},
        {"departments", "a,b|*", "comma-separated department ids, or * for all"},
    };

    CommandSpec list;
    list.name = "token list";
    list.summary = "list API tokens (admin), without secrets";
    list.description = "Lists every API token, revoked ones included, without secrets.";

    CommandSpec revoke;
    revoke.name = "token revoke";
    revoke.arguments = "ID";
    revoke.summary = "revoke an API token (admin)";
    revoke.description =
        "Revokes the token with id ID (see `redress token list`); it stops working\n"
        "at once.";
    revoke.min_positional = revoke.max_positional = 1;
    return {{d, departments}, {create, token_create}, {list, token_list}, {revoke, token_revoke}};
}

} // namespace redress::cli
