// redress list and redress show: reading complaints.
#include "commands.hpp"
#include "complaint_view.hpp"
#include "display_format.hpp"
#include "errors.hpp"
#include "json_util.hpp"
#include "paging.hpp"
#include "table.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/URI.h>

namespace redress::cli {
namespace {

// The query of GET /complaints from list's flags (without the cursor).
Poco::URI list_uri(const ParsedArgs& args) {
    Poco::URI uri("/complaints");
    for (const auto& d : args.values("department"))
        uri.addQueryParameter("department", d);
    for (const char* name : {"status", "channel", "customer", "owner"})
        if (auto v = args.value(name))
            uri.addQueryParameter(name, *v);
    if (args.has("overdue"))
        uri.addQueryParameter("overdue", "true");
    if (auto limit = args.value("limit")) {
        if (limit->empty() || limit->size() > 9 ||
            limit->find_first_not_of("0123456789") != std::string::npos || std::stoi(*limit) < 1)
            throw UsageError("--limit must be a positive whole number, not \"" + *limit + "\"",
                             "list");
        uri.addQueryParameter("limit", *limit);
    }
    return uri;
}

std::string customer_name(const Poco::JSON::Object::Ptr& c) {
    auto customer = object_of(c, "customer");
    std::string company = text_of(customer, "company");
    return company.empty() ? text_of(customer, "contact") : company;
}

void print_list_table(Context& ctx, const Poco::JSON::Array::Ptr& items) {
    if (!items || items->size() == 0) {
        ctx.out << "no complaints match\n";
        return;
    }
    Table table({"TRACKING NUMBER", "STATUS", "DEPARTMENT", "CHANNEL", "CUSTOMER", "RECEIVED (UTC)",
                 "FIRST RESPONSE DUE (UTC)"});
    table.limit_width(4, 30);
    for (std::size_t i = 0; i < items->size(); ++i) {
        auto c = items->getObject(i);
        auto sla = object_of(c, "sla");
        std::string due = short_time(text_of(sla, "first_response_due"));
        if (text_of(sla, "first_response_breached") == "true")
            due += " late";
        table.add_row({text_of(c, "id"), text_of(c, "status"), text_of(c, "department"),
                       text_of(c, "channel"), customer_name(c),
                       short_time(text_of(c, "received_at")), due});
    }
    table.print(ctx.out);
}

void list(Context& ctx, const ParsedArgs& args) {
    list_pages(ctx, args, list_uri(args), "complaints",
               [&](const Poco::JSON::Array::Ptr& items) { print_list_table(ctx, items); });
}

void show(Context& ctx, const ParsedArgs& args) {
    Reply reply = ctx.api.get("/complaints/" + path_segment(args.positional()[0]));
    if (ctx.json) {
        print_json_body(ctx, reply);
        return;
    }
    auto c = reply.object();
    print_complaint_form(ctx.out, c);
    ctx.out << '\n';
    print_timeline(ctx.out, c);
}

} // namespace

std::vector<Command> query_commands() {
    CommandSpec l;
    l.name = "list";
    l.summary = "list complaints as a table";
    l.description =
        "Lists the complaints the token may see, oldest first: tracking number, status,\n"
        "department, channel, customer, received and first-response due (UTC; \"late\"\n"
        "when breached). One page unless --all; with --json, the API's page (with --all,\n"
        "{\"items\": [every complaint], \"next_cursor\": null}).";
    l.flags = {
        {"department", "D", "only this department (repeat or comma-separate for several)", true},
        {"status", "S", "only this status, e.g. received, contacted, resolved"},
        {"channel", "C", "only this intake channel"},
        {"customer", "X", "part of the customer's company, contact, phone or e-mail"},
        {"owner", "O", "only complaints this person handles"},
        {"overdue", "", "only complaints past an SLA due time"},
    };
    for (auto& f : paging_flags("complaints"))
        l.flags.push_back(std::move(f));
    CommandSpec s;
    s.name = "show";
    s.arguments = "ID";
    s.summary = "show a complaint's registration form and timeline";
    s.description = "Shows the complaint with tracking number ID: its registration form, SLA,\n"
                    "proposal, the actions allowed next, and its timeline.";
    s.min_positional = s.max_positional = 1;
    return {{l, list}, {s, show}};
}

} // namespace redress::cli
