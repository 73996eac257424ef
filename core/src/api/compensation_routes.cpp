// Compensation: proposals from the policies, approval, the customer's
// agreement, the departments' tasks, and the monthly budget.
#include "query_params.hpp"
#include "route_support.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <redress/core/api/api_routes.hpp>
#include <redress/core/api/complaint_json.hpp>
#include <redress/core/api/json_input.hpp>
#include <redress/core/compensation/approval_level.hpp>

namespace redress::core::api {
namespace {

constexpr std::int64_t max_amount = 1'000'000'000'000;

Poco::JSON::Array::Ptr array_of(const std::vector<std::string>& list) {
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    for (const auto& s : list)
        a->add(s);
    return a;
}

Poco::Dynamic::Var optional_time(const std::optional<std::int64_t>& ms) {
    return ms ? Poco::Dynamic::Var(iso_time(*ms)) : Poco::Dynamic::Var();
}

Poco::JSON::Object::Ptr proposal_json(const Proposal& p) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", p.id);
    o->set("status", std::string(to_string(p.status)));
    o->set("decision", p.decision);
    o->set("remedies", array_of(p.remedies));
    o->set("amount_minor", p.amount.amount_minor);
    o->set("currency", p.amount.currency);
    o->set("amount_text", format_money(p.amount.amount_minor, p.amount.currency));
    o->set("required_level", std::string(to_string(p.required_level)));
    o->set("level_reasons", array_of(p.level_reasons));
    o->set("source", p.source);
    o->set("steps", Poco::JSON::Parser().parse(steps_to_json(p.steps)));
    o->set("factors", Poco::JSON::Parser().parse(p.factors_json));
    o->set("reasons", array_of(p.reasons));
    o->set("created_by", p.created_by);
    o->set("created_at", iso_time(p.created_at_ms));
    o->set("decided_by", p.decided_by);
    o->set("decided_at", optional_time(p.decided_at_ms));
    o->set("decision_note", p.decision_note);
    o->set("budget_month", p.budget_month);
    return o;
}

Poco::JSON::Object::Ptr task_json(const Task& t, std::int64_t now_ms) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", t.id);
    o->set("tracking_number", t.tracking_number);
    o->set("proposal_id", t.proposal_id);
    o->set("department", t.department);
    o->set("remedy", t.remedy);
    o->set("amount_minor", t.amount.amount_minor);
    o->set("currency", t.amount.currency);
    o->set("status", std::string(to_string(t.status)));
    o->set("assignee", t.assignee);
    o->set("due_at", iso_time(t.due_at_ms));
    o->set("overdue", t.status == TaskStatus::Open && now_ms > t.due_at_ms);
    o->set("created_by", t.created_by);
    o->set("created_at", iso_time(t.created_at_ms));
    o->set("done_at", optional_time(t.done_at_ms));
    o->set("done_by", t.done_by);
    o->set("note", t.note);
    return o;
}

std::int64_t task_id(HttpContext& ctx) {
    const std::string& id = ctx.param("id");
    if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos)
        throw HttpError(HTTPResponse::HTTP_NOT_FOUND, "not_found", "no task " + id);
    return std::stoll(id);
}

CompensationFactors factors_from(JsonReader& body) {
    CompensationFactors f;
    auto r = body.object("factors", false);
    if (!r)
        return f;
    f.long_term = r->boolean("long_term", false).value_or(false);
    f.will_buy_again = r->boolean("will_buy_again", false).value_or(false);
    f.word_of_mouth = r->string("word_of_mouth", false, 16).value_or("low");
    f.customer_tier = r->string("customer_tier", false, 64).value_or("");
    f.ask_minor = r->integer("ask_minor", false, 0, max_amount);
    f.asked_remedies = r->strings("asked_remedies", false, 8).value_or(std::vector<std::string>{});
    r->finish();
    return f;
}

void propose(ApiContext& api, CompensationService& comp, HttpContext& ctx) {
    Actor actor = require_actor(ctx, api.store);
    JsonReader body(parse_object(ctx.body().empty() ? "{}" : ctx.body()));
    ProposalRequest req;
    req.factors = factors_from(body);
    req.dry_run = body.boolean("dry_run", false).value_or(false);
    req.note = body.string("note", false).value_or("");
    body.finish();
    ProposalOutcome out = comp.propose(ctx.param("id"), actor, req);
    Poco::JSON::Object o;
    o.set("proposal", proposal_json(out.proposal));
    o.set("dry_run", req.dry_run);
    if (out.transition) {
        o.set("complaint", complaint_json(out.transition->complaint));
        o.set("event", event_json(out.transition->event));
    }
    ctx.send_json(req.dry_run ? HTTPResponse::HTTP_OK : HTTPResponse::HTTP_CREATED, o);
}

void list_proposals(ApiContext& api, CompensationService& comp, HttpContext& ctx) {
    Actor actor = require_actor(ctx, api.store);
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& p : comp.proposals(ctx.param("id"), actor))
        items->add(proposal_json(p));
    Poco::JSON::Object o;
    o.set("items", items);
    ctx.send_json(HTTPResponse::HTTP_OK, o);
}

void send_transition(ApiContext& api, HttpContext& ctx, const TransitionResult& r) {
    Poco::JSON::Object o;
    o.set("complaint", complaint_json(r.complaint));
    o.set("event", event_json(r.event));
    auto all = api.store.proposals(r.complaint.id);
    o.set("proposal",
          all.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(proposal_json(all.back())));
    ctx.send_json(HTTPResponse::HTTP_OK, o);
}

void approval(ApiContext& api, CompensationService& comp, HttpContext& ctx) {
    Actor actor = require_actor(ctx, api.store);
    JsonReader body(parse_object(ctx.body()));
    ApprovalRequest req;
    std::string decision = *body.string("decision", true, 16);
    if (decision != "approve" && decision != "reject")
        throw HttpError(HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, "invalid_field",
                        "decision must be \"approve\" or \"reject\", not \"" + decision + "\"",
                        "decision");
    req.approve = decision == "approve";
    req.reason = body.string("reason", false).value_or("");
    req.note = body.string("note", false).value_or("");
    req.customer_told = body.boolean("customer_told", false).value_or(false);
    body.finish();
    send_transition(api, ctx, comp.decide(ctx.param("id"), actor, req));
}

void agreement(ApiContext& api, CompensationService& comp, HttpContext& ctx) {
    Actor actor = require_actor(ctx, api.store);
    JsonReader body(parse_object(ctx.body()));
    AgreementRequest req;
    req.accepted = *body.boolean("accepted", true);
    req.reason = body.string("reason", false).value_or("");
    req.note = body.string("note", false).value_or("");
    body.finish();
    AgreementOutcome out = comp.agreement(ctx.param("id"), actor, req);
    Poco::JSON::Object o;
    o.set("complaint", complaint_json(out.complaint));
    Poco::JSON::Array::Ptr tasks = new Poco::JSON::Array;
    for (const auto& t : out.tasks)
        tasks->add(task_json(t, api.service.now_ms()));
    o.set("tasks", tasks);
    ctx.send_json(HTTPResponse::HTTP_OK, o);
}

void list_tasks(ApiContext& api, CompensationService& comp, HttpContext& ctx) {
    Actor actor = require_actor(ctx, api.store);
    Query q(ctx.request().getURI());
    TaskFilter f;
    f.departments = q.many("department");
    std::string status = q.one("status").value_or("open");
    if (status != "all") {
        f.status = parse_task_status(status);
        if (!f.status)
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                            "status must be open, done, cancelled or all", "status");
    }
    f.assignee = q.one("assignee");
    if (auto tn = q.one("complaint")) {
        // A carrying department (the warehouse) may not see the complaint but
        // does see its own tasks on it; an unknown number simply has none.
        auto c = api.store.find(*tn);
        f.complaint_id = c ? c->id : -1;
    }
    paging(q, f.limit, f.after_id);
    q.finish();
    int limit = f.limit;
    f.limit = limit + 1; // one more tells whether there is a next page
    auto tasks = comp.tasks(f, actor);
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    std::int64_t now = api.service.now_ms();
    for (std::size_t i = 0; i < tasks.size() && i < static_cast<std::size_t>(limit); ++i)
        items->add(task_json(tasks[i], now));
    Poco::JSON::Object o;
    o.set("items", items);
    if (tasks.size() > static_cast<std::size_t>(limit))
        o.set("next_cursor", std::to_string(tasks[static_cast<std::size_t>(limit) - 1].id));
    else
        o.set("next_cursor", Poco::Dynamic::Var());
    ctx.send_json(HTTPResponse::HTTP_OK, o);
}

void finish_task(ApiContext& api, CompensationService& comp, HttpContext& ctx) {
    Actor actor = require_actor(ctx, api.store);
    std::int64_t id = task_id(ctx);
    JsonReader body(parse_object(ctx.body().empty() ? "{}" : ctx.body()));
    std::string note = body.string("note", false).value_or("");
    body.finish();
    Task t = comp.finish_task(id, actor, note);
    auto o = task_json(t, api.service.now_ms());
    if (auto c = api.store.find(t.tracking_number))
        o->set("complaint_status", std::string(to_string(c->status)));
    ctx.send_json(HTTPResponse::HTTP_OK, *o);
}

void assign_task(ApiContext& api, CompensationService& comp, HttpContext& ctx) {
    Actor actor = require_actor(ctx, api.store);
    std::int64_t id = task_id(ctx);
    JsonReader body(parse_object(ctx.body()));
    std::string assignee = *body.string("assignee", true, 200);
    body.finish();
    ctx.send_json(HTTPResponse::HTTP_OK,
                  *task_json(comp.assign_task(id, actor, assignee), api.service.now_ms()));
}

void budget(ApiContext& api, CompensationService& comp, HttpContext& ctx) {
    Actor actor = require_actor(ctx, api.store);
    Query q(ctx.request().getURI());
    auto month = q.one("month");
    q.finish();
    BudgetStatus b = comp.budget(ctx.param("id"), actor, month);
    Poco::JSON::Object o;
    o.set("department", b.department);
    o.set("month", b.month);
    o.set("currency", b.currency);
    o.set("budget_minor", b.budget);
    o.set("spent_minor", b.spent);
    o.set("remaining_minor",
          b.budget > 0 ? Poco::Dynamic::Var(b.budget - b.spent) : Poco::Dynamic::Var());
    ctx.send_json(HTTPResponse::HTTP_OK, o);
}

} // namespace

void add_compensation_routes(http::Router& router, ApiContext& api, CompensationService& comp) {
    auto route = [&](const char* method, const char* path,
                     void (*handler)(ApiContext&, CompensationService&, HttpContext&)) {
        router.add(method, path,
                   guarded([&api, &comp, handler](HttpContext& ctx) { handler(api, comp, ctx); }));
    };
    route("POST", "/complaints/{id}/proposal", propose);
    route("GET", "/complaints/{id}/proposals", list_proposals);
    route("POST", "/complaints/{id}/approval", approval);
    route("POST", "/complaints/{id}/agreement", agreement);
    route("GET", "/tasks", list_tasks);
    route("POST", "/tasks/{id}/done", finish_task);
    route("POST", "/tasks/{id}/assign", assign_task);
    route("GET", "/departments/{id}/budget", budget);
}

} // namespace redress::core::api
