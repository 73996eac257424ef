// redress transition and redress comment: moving a complaint through the
// procedure and adding to its timeline.
#include "commands.hpp"
#include "errors.hpp"
#include "json_util.hpp"

namespace redress::cli {
namespace {

// --data's object, with each --set key=value on top.
Poco::JSON::Object::Ptr transition_data(const ParsedArgs& args) {
    Poco::JSON::Object::Ptr data = new Poco::JSON::Object;
    if (auto text = args.value("data"))
        data = parse_object_arg(*text, "--data", "transition");
    for (const auto& pair : args.values("set")) {
        auto eq = pair.find('=');
        if (eq == std::string::npos || eq == 0)
            throw UsageError(
                "--set takes key=value, such as --set customer_confirmed=true, not \"" + pair +
                    "\"",
                "transition");
        data->set(pair.substr(0, eq), value_from_text(pair.substr(eq + 1)));
    }
    return data;
}

void transition(Context& ctx, const ParsedArgs& args) {
    const std::string& id = args.positional()[0];
    Poco::JSON::Object body;
    body.set("action", args.positional()[1]);
    if (auto reason = args.value("reason"))
        body.set("reason", *reason);
    body.set("data", transition_data(args));
    Reply reply = ctx.api.post("/complaints/" + path_segment(id) + "/transitions", to_json(body));
    if (ctx.json) {
        print_json_body(ctx, reply);
        return;
    }
    auto result = reply.object();
    auto complaint = object_of(result, "complaint");
    auto event = object_of(result, "event");
    std::string from = text_of(event, "from"), to = text_of(event, "to");
    ctx.out << text_of(complaint, "id") << ": ";
    if (!to.empty())
        ctx.out << from << " → " << to << '\n';
    else
        ctx.out << text_of(complaint, "status") << ", owner " << text_of(complaint, "owner")
                << '\n';
}

void comment(Context& ctx, const ParsedArgs& args) {
    const std::string& id = args.positional()[0];
    Poco::JSON::Object body;
    body.set("text", args.positional()[1]);
    Reply reply = ctx.api.post("/complaints/" + path_segment(id) + "/comments", to_json(body));
    if (ctx.json) {
        print_json_body(ctx, reply);
        return;
    }
    auto event = reply.object();
    ctx.out << id << ": comment added (event " << text_of(event, "id") << ")\n";
}

} // namespace

std::vector<Command> workflow_commands() {
    CommandSpec t;
    t.name = "transition";
    t.arguments = "ID ACTION";
    t.summary = "apply an action (contact, analyse, propose, ...) and print the new status";
    t.description =
        "Applies ACTION to complaint ID and prints the status it moves to.\n"
        "\n"
        "Actions and their data (data.* fields):\n"
        "  contact    restated_problem, customer_confirmed=true, method (phone, fax, visit,\n"
        "             email, letter, sms); note\n"
        "  analyse    severity, company_fault (none, partial, full), demand_reasonable,\n"
        "             findings; needs_investigation\n"
        "  propose    remedies ([\"replacement\",\"refund\",\"gift\",\"voucher\",\"apology\",\n"
        "             \"senior_call\",\"senior_visit\",\"plant_visit\"]), amount_minor; currency,\n"
        "             reasons, note\n"
        "  approve    note (the approver's role must cover the amount)\n"
        "  agree      customer_accepted=true; note\n"
        "  implement  plan, note\n"
        "  resolve    resolution\n"
        "  close      satisfaction (1-5); comment, called_by\n"
        "  escalate   --reason, and to_department or to_level (supervisor, manager, executive)\n"
        "  reject     --reason, customer_told=true (supervisor or higher)\n"
        "  reopen     --reason\n"
        "  assign     owner (keeps the status)\n"
        "\n"
        "--set values are JSON when they parse as JSON (true, 5, [\"a\",\"b\"]), else text:\n"
        "  redress transition AS-2026-000001 contact --set restated_problem=洗衣机漏水 \\\n"
        "      --set customer_confirmed=true --set method=phone\n"
        "--data gives the whole object at once; --set keys are applied on top of it.";
    t.flags = {
        {"reason", "R", "why (required by escalate, reject and reopen)"},
        {"data", "JSON", "the action's data as a JSON object"},
        {"set", "key=value", "one data field (repeatable)", true},
    };
    t.min_positional = t.max_positional = 2;

    CommandSpec c;
    c.name = "comment";
    c.arguments = "ID TEXT";
    c.summary = "add a comment to a complaint's timeline";
    c.description = "Adds TEXT (quote it) as a comment to the timeline of complaint ID.";
    c.min_positional = c.max_positional = 2;
    return {{t, transition}, {c, comment}};
}

} // namespace redress::cli
