// redress propose, approve, agree, proposals, tasks [done|assign] and budget:
// compensation from the policies' proposal to the departments' tasks.
#include "commands.hpp"
#include "display_format.hpp"
#include "errors.hpp"
#include "form.hpp"
#include "json_util.hpp"
#include "paging.hpp"
#include "proposal_view.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/URI.h>

namespace redress::cli {
namespace {

// "a, b" and repeated flags into ["a","b"]: the values of a flag that takes
// a comma-separated list and may be repeated.
std::vector<std::string> list_values(const ParsedArgs& args, const std::string& flag) {
    std::vector<std::string> out;
    for (const auto& text : args.values(flag))
        for (std::size_t start = 0; start <= text.size();) {
            std::size_t end = std::min(text.find(',', start), text.size());
            std::string item = text.substr(start, end - start);
            item.erase(0, item.find_first_not_of(' '));
            item.erase(item.find_last_not_of(' ') + 1);
            if (!item.empty())
                out.push_back(item);
            start = end + 1;
        }
    return out;
}

// --limit N: a positive whole number (the API caps it).
std::optional<std::string> limit_of(const ParsedArgs& args, const std::string& command) {
    auto limit = args.value("limit");
    if (limit &&
        (limit->empty() || limit->size() > 9 ||
         limit->find_first_not_of("0123456789") != std::string::npos || std::stoi(*limit) < 1))
        throw UsageError("--limit must be a positive whole number, not \"" + *limit + "\"",
                         command);
    return limit;
}

// A task id as printed by `redress tasks` (12, or #12 as in the API's messages).
std::string task_id(const std::string& text, const std::string& command) {
    std::string id = !text.empty() && text[0] == '#' ? text.substr(1) : text;
    if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos)
        throw UsageError("TASK_ID must be a task number such as 12 (see `redress tasks`), not \"" +
                             text + "\"",
                         command);
    return id;
}

// "AS-2026-000001: analysed → proposed" from a reply's complaint and event.
void print_move(Context& ctx, const Poco::JSON::Object::Ptr& complaint,
                const Poco::JSON::Object::Ptr& event) {
    std::string from = text_of(event, "from"), to = text_of(event, "to");
    ctx.out << text_of(complaint, "id") << ": ";
    if (!to.empty())
        ctx.out << (from.empty() ? "" : from + " ") << "→ " << to << '\n';
    else
        ctx.out << text_of(complaint, "status") << '\n';
}

std::string remedies_of(const Poco::JSON::Object::Ptr& o) {
    std::string out;
    if (o && o->isArray("remedies")) {
        auto a = o->getArray("remedies");
        for (std::size_t i = 0; i < a->size(); ++i)
            out += (i ? ", " : "") + a->get(static_cast<unsigned>(i)).toString();
    }
    return out;
}

std::int64_t int_of(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!o || !o->has(key) || o->isNull(key))
        return 0;
    return o->getValue<Poco::Int64>(key);
}

// ---- propose --------------------------------------------------------------

const char* const propose_name = "propose";

// The currency the complaint's proposal will be in: its department's.
std::string proposal_currency(Context& ctx, const std::string& id) {
    auto complaint = ctx.api.get("/complaints/" + path_segment(id)).object();
    std::string department = text_of(complaint, "department");
    auto departments = ctx.api.get("/departments").object();
    if (departments->isArray("items")) {
        auto items = departments->getArray("items");
        for (std::size_t i = 0; i < items->size(); ++i) {
            auto d = items->getObject(static_cast<unsigned>(i));
            if (text_of(d, "id") == department && !text_of(d, "currency").empty())
                return text_of(d, "currency");
        }
    }
    throw CliError(ExitCode::ServerError, "cannot tell the currency of department '" + department +
                                              "' for --ask (it is not listed by " +
                                              "GET /departments for this token)");
}

Poco::JSON::Object::Ptr proposal_factors(const ParsedArgs& args) {
    Poco::JSON::Object::Ptr f = new Poco::JSON::Object;
    f->set("long_term", args.has("long-term"));
    f->set("will_buy_again", args.has("buy-again"));
    if (auto w = args.value("word-of-mouth")) {
        if (*w != "low" && *w != "medium" && *w != "high")
            throw UsageError("--word-of-mouth must be low, medium or high, not \"" + *w + "\"",
                             propose_name);
        f->set("word_of_mouth", *w);
    }
    if (auto tier = args.value("tier"))
        f->set("customer_tier", *tier);
    if (args.has("asked")) {
        auto remedies = list_values(args, "asked");
        if (remedies.empty())
            throw UsageError("--asked needs remedies, such as --asked replacement,apology",
                             propose_name);
        Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
        for (const auto& r : remedies)
            a->add(r);
        f->set("asked_remedies", a);
    }
    return f;
}

void propose(Context& ctx, const ParsedArgs& args) {
    const std::string& id = args.positional()[0];
    Poco::JSON::Object body;
    auto factors = proposal_factors(args);
    auto ask = args.value("ask");
    // The shape is checked before anything is sent; the decimals once the currency is known.
    if (ask && !parse_amount(*ask, 3))
        throw UsageError("--ask must be an amount in major units, such as 1299.00 or 1299, not \"" +
                             *ask + "\"",
                         propose_name);
    if (ask) {
        std::string currency = proposal_currency(ctx, id);
        int digits = minor_digits(currency);
        auto minor = parse_amount(*ask, digits);
        if (!minor)
            throw UsageError("--ask \"" + *ask + "\": " + currency + " amounts have " +
                                 (digits == 0 ? std::string("no decimals")
                                              : "at most " + std::to_string(digits) + " decimals"),
                             propose_name);
        factors->set("ask_minor", static_cast<Poco::Int64>(*minor));
    }
    body.set("factors", factors);
    body.set("dry_run", args.has("dry-run"));
    if (auto note = args.value("note"))
        body.set("note", *note);
    Reply reply = ctx.api.post("/complaints/" + path_segment(id) + "/proposal", to_json(body));
    if (ctx.json)
        return print_json_body(ctx, reply);
    auto result = reply.object();
    bool dry_run = text_of(result, "dry_run") == "true";
    print_proposal(ctx.out, object_of(result, "proposal"), id, dry_run);
    if (auto complaint = object_of(result, "complaint"))
        print_move(ctx, complaint, object_of(result, "event"));
}

// ---- approve, agree, proposals -------------------------------------------------

// "proposal 3 approved by 经理-张: grant 1948.50 CNY (replacement, apology)".
void print_decided(Context& ctx, const Poco::JSON::Object::Ptr& p) {
    if (!p)
        return;
    std::string status = text_of(p, "status"), by = text_of(p, "decided_by");
    std::string note = text_of(p, "decision_note");
    ctx.out << "proposal " << text_of(p, "id");
    if (status == "refused") {
        // An approved refusal: nothing is granted, the complaint is rejected.
        ctx.out << " (a refusal) approved" << (by.empty() ? "" : " by " + by)
                << ": the complaint is rejected\n";
        if (!note.empty())
            ctx.out << "reason: " << note << '\n';
        return;
    }
    ctx.out << " " << status << (by.empty() ? "" : " by " + by) << ": " << text_of(p, "decision")
            << " " << money(int_of(p, "amount_minor"), text_of(p, "currency"));
    if (auto remedies = remedies_of(p); !remedies.empty())
        ctx.out << " (" << remedies << ")";
    ctx.out << '\n';
    if (!note.empty())
        ctx.out << (status == "approved" ? "note: " : "reason: ") << note << '\n';
}

// What the approval charged to the monthly budget (the event's data.budget).
void print_charge(Context& ctx, const Poco::JSON::Object::Ptr& event, const std::string& currency) {
    auto b = object_of(object_of(event, "data"), "budget");
    if (!b)
        return;
    std::int64_t charged = int_of(b, "amount_minor");
    std::int64_t spent = int_of(b, "spent_before_minor") + charged;
    ctx.out << "budget " << text_of(b, "month") << ": " << money(charged, currency) << " charged; "
            << amount(spent, currency) << " of " << money(int_of(b, "budget_minor"), currency)
            << " spent" << (text_of(b, "exceeded") == "true" ? " (over budget)" : "") << '\n';
}

void approve(Context& ctx, const ParsedArgs& args) {
    const std::string& id = args.positional()[0];
    bool reject = args.has("reject");
    if (reject && !args.value("reason"))
        throw UsageError("--reject needs --reason: say why the proposal is declined", "approve");
    Poco::JSON::Object body;
    body.set("decision", std::string(reject ? "reject" : "approve"));
    if (auto reason = args.value("reason"))
        body.set("reason", *reason);
    if (auto note = args.value("note"))
        body.set("note", *note);
    if (args.has("customer-told"))
        body.set("customer_told", true);
    Reply reply = ctx.api.post("/complaints/" + path_segment(id) + "/approval", to_json(body));
    if (ctx.json)
        return print_json_body(ctx, reply);
    auto result = reply.object();
    auto proposal = object_of(result, "proposal");
    print_move(ctx, object_of(result, "complaint"), object_of(result, "event"));
    print_decided(ctx, proposal);
    print_charge(ctx, object_of(result, "event"), text_of(proposal, "currency"));
}

void agree(Context& ctx, const ParsedArgs& args) {
    const std::string& id = args.positional()[0];
    bool declined = args.has("declined");
    if (declined && !args.value("reason"))
        throw UsageError("--declined needs --reason: say why the customer did not accept", "agree");
    Poco::JSON::Object body;
    body.set("accepted", !declined);
    if (auto reason = args.value("reason"))
        body.set("reason", *reason);
    if (auto note = args.value("note"))
        body.set("note", *note);
    Reply reply = ctx.api.post("/complaints/" + path_segment(id) + "/agreement", to_json(body));
    if (ctx.json)
        return print_json_body(ctx, reply);
    auto result = reply.object();
    auto complaint = object_of(result, "complaint");
    ctx.out << text_of(complaint, "id") << ": " << text_of(complaint, "status");
    if (declined) {
        ctx.out << " (the customer did not accept the proposal; propose again)\n";
        return;
    }
    auto tasks = result->isArray("tasks") ? result->getArray("tasks")
                                          : Poco::JSON::Array::Ptr(new Poco::JSON::Array);
    ctx.out << ", " << tasks->size() << (tasks->size() == 1 ? " task" : " tasks")
            << " dispatched\n";
    if (tasks->size() > 0)
        print_task_table(ctx.out, tasks);
}

void proposals(Context& ctx, const ParsedArgs& args) {
    const std::string& id = args.positional()[0];
    Reply reply = ctx.api.get("/complaints/" + path_segment(id) + "/proposals");
    if (ctx.json)
        return print_json_body(ctx, reply);
    auto body = reply.object();
    auto items = body->isArray("items") ? body->getArray("items") : nullptr;
    if (!items || items->size() == 0) {
        ctx.out << id << ": no proposals\n";
        return;
    }
    for (std::size_t i = 0; i < items->size(); ++i) {
        if (i > 0)
            ctx.out << '\n';
        print_proposal(ctx.out, items->getObject(static_cast<unsigned>(i)), id);
    }
}

// ---- tasks ----------------------------------------------------------------------

const char* const tasks_name = "tasks";

Poco::URI tasks_uri(const ParsedArgs& args) {
    Poco::URI uri("/tasks");
    if (args.has("department")) {
        auto departments = list_values(args, "department");
        if (departments.empty())
            throw UsageError("--department needs department ids, such as after-sales,warehouse",
                             tasks_name);
        std::string joined;
        for (const auto& d : departments)
            joined += (joined.empty() ? "" : ",") + d;
        uri.addQueryParameter("department", joined);
    }
    if (auto status = args.value("status")) {
        if (*status != "open" && *status != "done" && *status != "cancelled" && *status != "all")
            throw UsageError("--status must be open, done, cancelled or all, not \"" + *status +
                                 "\"",
                             tasks_name);
        uri.addQueryParameter("status", *status);
    }
    if (auto complaint = args.value("complaint"))
        uri.addQueryParameter("complaint", *complaint);
    if (auto assignee = args.value("assignee"))
        uri.addQueryParameter("assignee", *assignee);
    if (auto limit = limit_of(args, tasks_name))
        uri.addQueryParameter("limit", *limit);
    return uri;
}

void tasks(Context& ctx, const ParsedArgs& args) {
    list_pages(ctx, args, tasks_uri(args), "tasks",
               [&](const Poco::JSON::Array::Ptr& items) { print_task_table(ctx.out, items); });
}

void task_done(Context& ctx, const ParsedArgs& args) {
    std::string id = task_id(args.positional()[0], "tasks done");
    Poco::JSON::Object body;
    if (auto note = args.value("note"))
        body.set("note", *note);
    Reply reply = ctx.api.post("/tasks/" + id + "/done", to_json(body));
    if (ctx.json)
        return print_json_body(ctx, reply);
    auto t = reply.object();
    ctx.out << task_title(t) << " " << text_of(t, "status");
    if (auto by = text_of(t, "done_by"); !by.empty())
        ctx.out << " by " << by;
    ctx.out << '\n';
    std::string status = text_of(t, "complaint_status");
    if (!status.empty())
        ctx.out << text_of(t, "tracking_number") << ": " << status
                << (status == "resolved" ? " (that was its last open task)" : "") << '\n';
}

void task_assign(Context& ctx, const ParsedArgs& args) {
    std::string id = task_id(args.positional()[0], "tasks assign");
    Poco::JSON::Object body;
    body.set("assignee", args.positional()[1]);
    Reply reply = ctx.api.post("/tasks/" + id + "/assign", to_json(body));
    if (ctx.json)
        return print_json_body(ctx, reply);
    auto t = reply.object();
    ctx.out << task_title(t) << " assigned to " << text_of(t, "assignee") << '\n';
}

// ---- budget ---------------------------------------------------------------------

bool is_month(const std::string& m) {
    auto digit = [](char c) {
        return c >= '0' && c <= '9';
    };
    return m.size() == 7 && digit(m[0]) && digit(m[1]) && digit(m[2]) && digit(m[3]) &&
           m[4] == '-' && digit(m[5]) && digit(m[6]) && m.substr(5) >= "01" && m.substr(5) <= "12";
}

void budget(Context& ctx, const ParsedArgs& args) {
    Poco::URI uri("/departments/" + path_segment(args.positional()[0]) + "/budget");
    if (auto month = args.value("month")) {
        if (!is_month(*month))
            throw UsageError("--month must be YYYY-MM, such as 2026-07, not \"" + *month + "\"",
                             "budget");
        uri.addQueryParameter("month", *month);
    }
    Reply reply = ctx.api.get(uri.getPathAndQuery());
    if (ctx.json)
        return print_json_body(ctx, reply);
    auto b = reply.object();
    std::string currency = text_of(b, "currency");
    std::int64_t total = int_of(b, "budget_minor");
    Form form(ctx.out, 12);
    form.heading("department", text_of(b, "department"));
    form.heading("month", text_of(b, "month"));
    form.heading("budget", total > 0 ? money(total, currency) : "none (no monthly budget set)");
    form.heading("spent", money(int_of(b, "spent_minor"), currency));
    if (b->has("remaining_minor") && !b->isNull("remaining_minor")) {
        std::int64_t left = int_of(b, "remaining_minor");
        form.heading("remaining", money(left, currency) + (left < 0 ? " (over budget)" : ""));
    }
}

} // namespace

std::vector<Command> compensation_commands() {
    CommandSpec p;
    p.name = "propose";
    p.arguments = "ID";
    p.summary = "run the department's compensation policies and propose the result";
    p.description = "Runs the compensation policies of the department of complaint ID (analysed:\n"
                    "contacted, then analysed with severity, company_fault, demand_reasonable and\n"
                    "findings) and proposes what they decide. Prints the decision, remedies,\n"
                    "amount, who must approve it and why, the factors the policies weighed, and\n"
                    "each policy's step: its effect, the amount before → after, and its reasons.\n"
                    "\n"
                    "The handbook's factors: A --long-term, B --buy-again, C --word-of-mouth;\n"
                    "D (demand reasonable) and E (company fault) come from the analysis.\n"
                    "--ask is in major units of the department's currency (1299.00 or 1299);\n"
                    "with --dry-run the policies run and nothing is stored.\n"
                    "  redress propose AS-2026-000001 --long-term --word-of-mouth high \\\n"
                    "      --ask 1299.00 --asked replacement --dry-run";
    p.flags = {
        {"long-term", "", "A: a long-term relationship with the customer"},
        {"buy-again", "", "B: the customer will buy again once this is solved"},
        {"word-of-mouth", "LEVEL", "C: the effect on word of mouth: low (default), medium, high"},
        {"tier", "T", "the customer's tier, e.g. standard, key"},
        {"ask", "AMOUNT", "what the customer asks for, in major units, e.g. 1299.00"},
        {"asked", "REMEDY[,REMEDY]", "remedies the customer asks for, e.g. replacement,apology",
         true},
        {"dry-run", "", "show what the policies decide; store nothing"},
        {"note", "TEXT", "a note on the proposal"},
    };
    p.min_positional = p.max_positional = 1;

    CommandSpec a;
    a.name = "approve";
    a.arguments = "ID";
    a.summary = "approve the proposal of a complaint, or --reject it with a reason";
    a.description = "Approves the proposal waiting on complaint ID; the token's role must be the\n"
                    "proposal's approval level or higher (see `redress propose`), and one level\n"
                    "more when approving would exceed the department's monthly budget. Approving\n"
                    "a refusal rejects the complaint: add --customer-told (and --reason to word\n"
                    "the refusal). --reject --reason R declines the proposal: the complaint goes\n"
                    "back to analysed for a new one.";
    a.flags = {
        {"reject", "", "decline the proposal (needs --reason)"},
        {"reason", "R", "why it is declined; for an approved refusal, its wording"},
        {"customer-told", "", "the customer has been told (approving a refusal)"},
        {"note", "TEXT", "a note on the decision"},
    };
    a.min_positional = a.max_positional = 1;

    CommandSpec g;
    g.name = "agree";
    g.arguments = "ID";
    g.summary = "record that the customer accepts the approved proposal; prints its tasks";
    g.description = "Records the customer's answer to the approved proposal of complaint ID.\n"
                    "Accepted: each remedy becomes a task for the department that carries it out\n"
                    "(the complaint is then implementing) and the tasks are printed. --declined\n"
                    "--reason R: the customer did not accept; the complaint goes back to analysed.";
    g.flags = {
        {"declined", "", "the customer did not accept (needs --reason)"},
        {"reason", "R", "why the customer did not accept"},
        {"note", "TEXT", "a note, e.g. how the customer was asked"},
    };
    g.min_positional = g.max_positional = 1;

    CommandSpec ps;
    ps.name = "proposals";
    ps.arguments = "ID";
    ps.summary = "show a complaint's proposals, oldest first, with their reasons";
    ps.description = "Shows every proposal of complaint ID, oldest first, as `redress propose`\n"
                     "prints one: status, decision, amount, approval level and why, factors\n"
                     "and policy steps, and who decided and when.";
    ps.min_positional = ps.max_positional = 1;

    CommandSpec t;
    t.name = "tasks";
    t.summary = "list the departments' tasks as a table (also: tasks done, tasks assign)";
    t.description =
        "Lists the tasks of the departments the token may see, oldest first: id,\n"
        "complaint, remedy, department, amount, due (UTC), status (\"overdue\" when\n"
        "late) and assignee. Open tasks unless --status. One page unless --all; with\n"
        "--json, the API's page (with --all, {\"items\": [...], \"next_cursor\": null}).\n"
        "\n"
        "  redress tasks done TASK_ID [--note TEXT]   mark a task done\n"
        "  redress tasks assign TASK_ID NAME          give a task to someone";
    t.flags = {
        {"department", "D", "only these departments (comma-separated)", true},
        {"status", "S", "open (default), done, cancelled or all"},
        {"complaint", "ID", "only the tasks of this complaint"},
        {"assignee", "NAME", "only the tasks given to NAME"},
    };
    for (auto& f : paging_flags("tasks"))
        t.flags.push_back(std::move(f));

    CommandSpec d;
    d.name = "tasks done";
    d.arguments = "TASK_ID";
    d.summary = "mark a task done; the last one resolves its complaint";
    d.description = "Marks task TASK_ID (see `redress tasks`) done and prints it with its\n"
                    "complaint's status: \"resolved\" when it was the complaint's last open\n"
                    "task. The token must be of the task's department.";
    d.flags = {{"note", "TEXT", "what was done, e.g. a parcel number"}};
    d.min_positional = d.max_positional = 1;

    CommandSpec s;
    s.name = "tasks assign";
    s.arguments = "TASK_ID NAME";
    s.summary = "give an open task to someone in its department";
    s.description = "Gives open task TASK_ID (see `redress tasks`) to NAME.";
    s.min_positional = s.max_positional = 2;

    CommandSpec b;
    b.name = "budget";
    b.arguments = "DEPARTMENT";
    b.summary = "a department's monthly compensation budget: spent and remaining";
    b.description = "Shows DEPARTMENT's compensation budget for a month (default: this month\n"
                    "in the department's time zone): the budget, what approvals have charged\n"
                    "to it, and what remains.";
    b.flags = {{"month", "YYYY-MM", "another month, e.g. 2026-07"}};
    b.min_positional = b.max_positional = 1;

    return {{p, propose}, {a, approve},   {g, agree},       {ps, proposals},
            {t, tasks},   {d, task_done}, {s, task_assign}, {b, budget}};
}

} // namespace redress::cli
