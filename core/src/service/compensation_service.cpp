#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <algorithm>
#include <redress/compensation.hpp>
#include <redress/core/compensation/approval_level.hpp>
#include <redress/core/service/compensation_service.hpp>
#include <sstream>

namespace redress::core {
namespace {

constexpr int max_attempts = 5;
constexpr std::int64_t max_amount = 1'000'000'000'000;
constexpr std::size_t max_text = 4000;

ServiceError invalid(const std::string& field, const std::string& message) {
    return ServiceError(ServiceError::Kind::Invalid, "invalid_field", field + " " + message, field);
}

std::string json_text(const Poco::JSON::Object& o) {
    std::ostringstream s;
    o.stringify(s);
    return s.str();
}

// The event's data with more keys; the lifecycle wrote it as JSON text.
void add_to_event(Event& e, const std::function<void(Poco::JSON::Object&)>& add) {
    auto data = Poco::JSON::Parser().parse(e.data_json).extract<Poco::JSON::Object::Ptr>();
    add(*data);
    e.data_json = json_text(*data);
}

Poco::JSON::Array::Ptr json_array(const std::vector<std::string>& list) {
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    for (const auto& s : list)
        a->add(s);
    return a;
}

std::string month_of(const BusinessClock& clock, std::int64_t at_ms) {
    return clock.local_text(at_ms).substr(0, 7); // "YYYY-MM-DD hh:mm" → "YYYY-MM"
}

// The open proposal (proposed or approved), newest first.
std::optional<Proposal> open_proposal(Store& store, std::int64_t complaint_id) {
    auto all = store.proposals(complaint_id);
    for (auto it = all.rbegin(); it != all.rend(); ++it)
        if (it->status == ProposalStatus::Proposed || it->status == ProposalStatus::Approved)
            return *it;
    return std::nullopt;
}

std::optional<Proposal> agreed_proposal(Store& store, std::int64_t complaint_id) {
    auto all = store.proposals(complaint_id);
    if (!all.empty() && all.back().status == ProposalStatus::Agreed)
        return all.back();
    return std::nullopt;
}

std::string policy_level(const Proposal& p) {
    std::string level;
    for (const auto& s : p.steps)
        if (auto r = parse_role(s.level))
            if (!parse_role(level) || static_cast<int>(*r) > static_cast<int>(*parse_role(level)))
                level = s.level;
    return level;
}

std::string describe(const std::vector<Task>& tasks) {
    std::string out;
    for (const auto& t : tasks)
        out += (out.empty() ? "" : ", ") +
               ("#" + std::to_string(t.id) + " " + t.remedy + " (" + t.department + ")");
    return out;
}

void check_factors(const CompensationFactors& f) {
    if (f.word_of_mouth != "low" && f.word_of_mouth != "medium" && f.word_of_mouth != "high")
        throw invalid("factors.word_of_mouth",
                      "must be one of low, medium, high, not \"" + f.word_of_mouth + "\"");
    if (f.customer_tier.size() > 64)
        throw invalid("factors.customer_tier", "is longer than 64 bytes");
    if (f.ask_minor && (*f.ask_minor < 0 || *f.ask_minor > max_amount))
        throw invalid("factors.ask_minor", "must be between 0 and " + std::to_string(max_amount));
    for (std::size_t i = 0; i < f.asked_remedies.size(); ++i) {
        const auto& r = f.asked_remedies[i];
        if (!compensation::is_remedy(r))
            throw invalid("factors.asked_remedies[" + std::to_string(i) + "]",
                          "is not a remedy: \"" + r + "\"");
        if (std::find(f.asked_remedies.begin(), f.asked_remedies.begin() + i, r) !=
            f.asked_remedies.begin() + i)
            throw invalid("factors.asked_remedies[" + std::to_string(i) + "]",
                          "\"" + r + "\" is listed twice");
    }
}

// The latest analysis answers D and E.
void take_analysis(Store& store, const Complaint& c, CompensationFactors& f) {
    auto events = store.events(c.id);
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
        if (it->type != "transition" || it->to_status != "analysed")
            continue;
        auto data = Poco::JSON::Parser().parse(it->data_json).extract<Poco::JSON::Object::Ptr>();
        if (data->optValue<std::string>("action", "") != "analyse")
            continue; // a revise also leads back to "analysed"
        f.company_fault = data->optValue<std::string>("company_fault", "none");
        f.demand_reasonable = data->optValue<bool>("demand_reasonable", true);
        return;
    }
    throw ServiceError(ServiceError::Kind::Conflict, "not_analysed",
                       "complaint " + c.tracking_number +
                           " has no analysis (company fault, demand reasonable) to decide on");
}

std::vector<std::string> breaches_of(const Complaint& c, std::int64_t now) {
    std::vector<std::string> out;
    bool fr_late = c.first_response_breached ||
                   (c.first_responded_at_ms ? *c.first_responded_at_ms > c.first_response_due_ms
                                            : now > c.first_response_due_ms);
    bool res_late = c.resolution_breached || (!c.resolved_at_ms && now > c.resolution_due_ms);
    if (fr_late)
        out.push_back("first_response");
    if (res_late)
        out.push_back("resolution");
    return out;
}

} // namespace

CompensationService::CompensationService(ComplaintService& complaints, PolicyFinder policies)
    : complaints_(complaints)
    , policies_(std::move(policies)) {
    complaints_.set_effects(this);
}

CompensationService::~CompensationService() {
    complaints_.set_effects(nullptr);
}

// ---- the effects of each transition -------------------------------------------

UpdateEffects CompensationService::plan(const Complaint& before, TransitionResult& r,
                                        const Actor& actor, const TransitionRequest& request,
                                        const ServiceSettings& settings) {
    Store& store = complaints_.store();
    UpdateEffects fx;
    const std::string& action = request.action;
    const Department* dept = settings.config.find_department(before.department);
    if (!dept)
        return fx;
    const BusinessClock& clock = ComplaintService::clock_of(settings, before.department);
    std::int64_t now = r.event.at_ms;

    if (action == "propose") {
        Proposal p;
        p.complaint_id = before.id;
        p.department = before.department;
        p.decision = request.data->optValue<std::string>("decision", "grant");
        if (auto list = request.data->getArray("remedies"))
            for (std::size_t i = 0; i < list->size(); ++i)
                p.remedies.push_back(list->getElement<std::string>(static_cast<unsigned>(i)));
        p.amount = r.complaint.proposed.value_or(Money{0, dept->currency});
        if (auto list = request.data->getArray("reasons"))
            for (std::size_t i = 0; i < list->size(); ++i)
                p.reasons.push_back(list->getElement<std::string>(static_cast<unsigned>(i)));
        if (request.host.policies) {
            p.source = "policies";
            p.steps = request.host.policies->steps;
            p.factors_json = request.host.policies->factors_json;
        } else {
            p.source = "manual";
        }
        LevelDecision level = base_approval_level(
            *dept, settings.config, p.decision, p.amount.amount_minor, p.remedies,
            request.host.policies ? request.host.policies->level : std::string());
        if (dept->monthly_budget > 0 && p.amount.amount_minor > 0) {
            std::string month = month_of(clock, now);
            std::int64_t spent = store.budget_spent(dept->id, month);
            if (spent + p.amount.amount_minor > dept->monthly_budget) {
                level.level = next_level(level.level);
                level.reasons.push_back(
                    "the " + month + " budget of " +
                    format_money(dept->monthly_budget, dept->currency) + " has " +
                    format_money(std::max<std::int64_t>(0, dept->monthly_budget - spent),
                                 dept->currency) +
                    " left: exceeding it needs one level more, a " +
                    std::string(to_string(level.level)));
            }
        }
        p.required_level = level.level;
        p.level_reasons = level.reasons;
        p.created_by = actor.name;
        p.created_at_ms = now;
        r.complaint.required_level = p.required_level;
        add_to_event(r.event, [&](Poco::JSON::Object& d) {
            d.set("required_level", std::string(to_string(p.required_level)));
            d.set("level_reasons", json_array(p.level_reasons));
            d.set("source", p.source);
            if (!p.steps.empty())
                d.set("policy_steps", Poco::JSON::Parser().parse(steps_to_json(p.steps)));
        });
        fx.add_proposal = std::move(p);
        return fx;
    }

    if (action == "approve") {
        auto p = open_proposal(store, before.id);
        if (!p || p->status != ProposalStatus::Proposed)
            return fx; // proposed before proposals were kept: nothing to track
        if (p->decision == compensation::refuse)
            throw ServiceError(ServiceError::Kind::Conflict, "proposal_is_refusal",
                               "the proposal for " + before.tracking_number +
                                   " is a refusal: approving it rejects the complaint "
                                   "(POST /complaints/{id}/approval, or the 'reject' action)");
        Role base = base_approval_level(*dept, settings.config, p->decision, p->amount.amount_minor,
                                        p->remedies, policy_level(*p))
                        .level;
        Role needed = std::max(base, p->required_level);
        UpdateEffects::ProposalChange change{p->id,
                                             ProposalStatus::Proposed,
                                             ProposalStatus::Approved,
                                             actor.name,
                                             now,
                                             request.data->optValue<std::string>("note", ""),
                                             std::string()};
        std::int64_t amount = p->amount.amount_minor;
        if (dept->monthly_budget > 0 && amount > 0) {
            std::string month = month_of(clock, now);
            std::int64_t spent = store.budget_spent(dept->id, month);
            bool over = spent + amount > dept->monthly_budget;
            if (over)
                needed = std::max(needed, next_level(base));
            if (!actor.at_least(needed))
                throw ServiceError(ServiceError::Kind::Forbidden, "budget_exceeded",
                                   "approving " + format_money(amount, dept->currency) +
                                       " would take " + dept->id + " past its " + month +
                                       " budget of " +
                                       format_money(dept->monthly_budget, dept->currency) + " (" +
                                       format_money(spent, dept->currency) + " spent): a " +
                                       std::string(to_string(needed)) + " or higher approves; " +
                                       actor.name + " is " + std::string(to_string(actor.role)));
            // Whoever may exceed the budget charges it unconditionally; anyone
            // else only while it holds (re-checked at commit).
            std::optional<std::int64_t> limit;
            if (!actor.at_least(next_level(base)))
                limit = dept->monthly_budget;
            fx.charge = UpdateEffects::BudgetCharge{dept->id, month, amount, limit};
            change.budget_month = month;
            add_to_event(r.event, [&](Poco::JSON::Object& d) {
                Poco::JSON::Object b;
                b.set("month", month);
                b.set("budget_minor", dept->monthly_budget);
                b.set("spent_before_minor", spent);
                b.set("amount_minor", amount);
                b.set("exceeded", over);
                d.set("budget", b);
            });
        } else if (!actor.at_least(needed)) {
            throw ServiceError(ServiceError::Kind::Forbidden, "forbidden",
                               "this proposal needs a " + std::string(to_string(needed)) +
                                   " or higher; " + actor.name + " is " +
                                   std::string(to_string(actor.role)));
        }
        add_to_event(r.event, [&](Poco::JSON::Object& d) {
            d.set("proposal_id", p->id);
            d.set("amount_minor", amount);
            d.set("remedies", json_array(p->remedies));
        });
        fx.change_proposal = change;
        return fx;
    }

    if (action == "revise" || action == "reject" || action == "escalate") {
        auto p = open_proposal(store, before.id);
        if (!p)
            return fx;
        ProposalStatus to = ProposalStatus::Withdrawn;
        if (action == "revise")
            to = p->status == ProposalStatus::Proposed ? ProposalStatus::Declined
                                                       : ProposalStatus::NotAccepted;
        if (action == "reject" && p->status == ProposalStatus::Proposed &&
            p->decision == compensation::refuse) {
            // Rejecting the complaint is approving the refusal: it takes the
            // refusal's level, however the reject was asked for.
            if (!actor.at_least(p->required_level))
                throw ServiceError(ServiceError::Kind::Forbidden, "forbidden",
                                   "this refusal needs a " +
                                       std::string(to_string(p->required_level)) + " or higher; " +
                                       actor.name + " is " + std::string(to_string(actor.role)));
            to = ProposalStatus::Refused;
        }
        fx.change_proposal = UpdateEffects::ProposalChange{
            p->id, p->status, to, actor.name, now, r.event.reason, std::nullopt};
        if (p->status == ProposalStatus::Approved && !p->budget_month.empty())
            // Approved but never agreed: the money was not spent.
            fx.charge = UpdateEffects::BudgetCharge{p->department, p->budget_month,
                                                    -p->amount.amount_minor, std::nullopt};
        add_to_event(r.event, [&](Poco::JSON::Object& d) {
            d.set("proposal_id", p->id);
            d.set("proposal_status", std::string(to_string(to)));
        });
        return fx;
    }

    if (action == "agree") {
        auto p = open_proposal(store, before.id);
        if (!p || p->status != ProposalStatus::Approved)
            return fx;
        fx.change_proposal = UpdateEffects::ProposalChange{
            p->id, ProposalStatus::Approved, ProposalStatus::Agreed, actor.name, now, {}, {}};
        add_to_event(r.event, [&](Poco::JSON::Object& d) { d.set("proposal_id", p->id); });
        return fx;
    }

    if (action == "implement") {
        auto p = agreed_proposal(store, before.id);
        if (!p)
            return fx;
        std::string carrier = money_remedy(p->remedies);
        Poco::JSON::Array::Ptr listed = new Poco::JSON::Array;
        for (const auto& remedy : p->remedies) {
            Task t;
            t.complaint_id = before.id;
            t.proposal_id = p->id;
            auto d = settings.config.remedies.find(remedy);
            t.department = d != settings.config.remedies.end() && !d->second.department.empty()
                               ? d->second.department
                               : before.department;
            BusinessDuration due =
                d != settings.config.remedies.end() ? d->second.due : BusinessDuration{1, 0};
            t.due_at_ms = ComplaintService::clock_of(settings, t.department).add(now, due);
            t.remedy = remedy;
            t.amount = Money{remedy == carrier ? p->amount.amount_minor : 0, p->amount.currency};
            t.assignee = t.department == before.department ? before.owner : "";
            t.created_by = actor.name;
            t.created_at_ms = now;
            Poco::JSON::Object o;
            o.set("remedy", t.remedy);
            o.set("department", t.department);
            o.set("due_at", t.due_at_ms);
            o.set("amount_minor", t.amount.amount_minor);
            listed->add(o);
            fx.add_tasks.push_back(std::move(t));
        }
        add_to_event(r.event, [&](Poco::JSON::Object& d) {
            d.set("proposal_id", p->id);
            d.set("tasks", listed);
        });
        return fx;
    }

    if (action == "resolve") {
        TaskFilter open;
        open.complaint_id = before.id;
        open.status = TaskStatus::Open;
        open.limit = 1000;
        auto tasks = store.tasks(open);
        if (auto finishing = request.host.finishing_task) {
            auto it = std::find_if(tasks.begin(), tasks.end(),
                                   [&](const Task& t) { return t.id == *finishing; });
            if (it == tasks.end())
                throw ServiceError(ServiceError::Kind::Conflict, "task_not_open",
                                   "task #" + std::to_string(*finishing) + " is not open");
            tasks.erase(it);
            fx.change_task =
                UpdateEffects::TaskChange{*finishing, TaskStatus::Done,       actor.name,
                                          now,        request.host.task_note, std::nullopt};
        }
        if (!tasks.empty())
            throw ServiceError(ServiceError::Kind::Conflict, "tasks_open",
                               "complaint " + before.tracking_number + " has " +
                                   std::to_string(tasks.size()) + " open task(s): " +
                                   describe(tasks) + "; it resolves when the last one is done");
        return fx;
    }
    return fx;
}

// ---- proposal, approval, agreement --------------------------------------------

ProposalOutcome CompensationService::propose(const std::string& tracking_number, const Actor& actor,
                                             const ProposalRequest& request) {
    check_factors(request.factors);
    if (request.note.size() > max_text)
        throw invalid("note", "is longer than " + std::to_string(max_text) + " bytes");
    auto settings = complaints_.settings();
    Complaint c = complaints_.load_visible(tracking_number, actor);
    if (c.status != Status::Analysed) {
        std::string allowed;
        for (const auto& a : Lifecycle::allowed_actions(c.status))
            allowed += (allowed.empty() ? "" : ", ") + a;
        throw ServiceError(ServiceError::Kind::Conflict, "illegal_transition",
                           "cannot propose for complaint " + c.tracking_number + " in state '" +
                               std::string(to_string(c.status)) +
                               "': a proposal follows the analysis; allowed from '" +
                               std::string(to_string(c.status)) +
                               "': " + (allowed.empty() ? "nothing" : allowed));
    }
    const Department* dept = settings->config.find_department(c.department);
    if (!dept)
        throw ServiceError(ServiceError::Kind::Invalid, "invalid_field",
                           "complaint " + c.tracking_number + " belongs to unknown department '" +
                               c.department + "'");
    if (dept->policies.empty())
        throw ServiceError(ServiceError::Kind::Conflict, "no_policies",
                           "department '" + dept->id +
                               "' has no compensation policies ([[department]] policies = "
                               "[...]); propose by hand with the 'propose' action");
    std::vector<ChainedPolicy> chain;
    for (const auto& name : dept->policies) {
        auto instance = policies_ ? policies_(name) : nullptr;
        if (!instance)
            throw ServiceError(ServiceError::Kind::Unavailable, "policy_unavailable",
                               "compensation policy '" + name + "' of department '" + dept->id +
                                   "' is not running (see GET /plugins)");
        chain.push_back({name, std::move(instance)});
    }
    PolicyCase pc;
    pc.complaint = c;
    pc.currency = dept->currency;
    pc.factors = request.factors;
    take_analysis(complaints_.store(), c, pc.factors);
    pc.sla_breaches = breaches_of(c, complaints_.now_ms());
    if (c.catalog) {
        pc.catalog_verdict = c.catalog->verdict;
        if (catalog_)
            pc.catalog = catalog_->citation(*c.catalog);
    }
    PolicyChainResult chained = run_policy_chain(chain, pc);

    TransitionRequest t;
    t.action = "propose";
    t.data->set("decision", chained.decision);
    t.data->set("remedies", json_array(chained.remedies));
    t.data->set("amount_minor", chained.amount_minor);
    if (!request.note.empty())
        t.data->set("note", request.note);
    t.host.policies = chained;

    if (request.dry_run) {
        // The same planning as the real thing, on a copy, storing nothing.
        Actor as = actor;
        TransitionContext ctx{settings->config, complaints_.now_ms(), {}};
        TransitionResult preview;
        try {
            preview = Lifecycle::apply(c, as, t, ctx);
        } catch (const TransitionError& e) {
            throw ServiceError(e.code() == "forbidden" ? ServiceError::Kind::Forbidden
                                                       : ServiceError::Kind::Invalid,
                               e.code(), e.what(), e.field());
        }
        UpdateEffects fx = plan(c, preview, actor, t, *settings);
        return {*fx.add_proposal, std::nullopt};
    }
    TransitionResult done = complaints_.transition(tracking_number, actor, t);
    // This transition's proposal (another may have followed it already).
    auto all = complaints_.store().proposals(c.id);
    for (auto it = all.rbegin(); it != all.rend(); ++it)
        if (it->created_at_ms == done.event.at_ms && it->created_by == actor.name)
            return {*it, done};
    return {all.back(), done};
}

TransitionResult CompensationService::decide(const std::string& tracking_number, const Actor& actor,
                                             const ApprovalRequest& request) {
    if (request.reason.size() > max_text)
        throw invalid("reason", "is longer than " + std::to_string(max_text) + " bytes");
    if (request.note.size() > max_text)
        throw invalid("note", "is longer than " + std::to_string(max_text) + " bytes");
    Complaint c = complaints_.load_visible(tracking_number, actor);
    auto p = open_proposal(complaints_.store(), c.id);
    if (!p || p->status != ProposalStatus::Proposed)
        throw ServiceError(ServiceError::Kind::Conflict, "no_open_proposal",
                           "complaint " + c.tracking_number +
                               " has no proposal waiting for approval (it is '" +
                               std::string(to_string(c.status)) + "')");
    TransitionRequest t;
    if (!request.note.empty())
        t.data->set("note", request.note);
    if (!request.approve) {
        if (request.reason.empty())
            throw ServiceError(ServiceError::Kind::Invalid, "missing_field",
                               "declining a proposal needs a reason", "reason");
        t.action = "revise";
        t.reason = request.reason;
    } else if (p->decision == compensation::refuse) {
        if (!request.customer_told)
            throw ServiceError(ServiceError::Kind::Invalid, "missing_field",
                               "approving a refusal rejects the complaint: confirm the customer "
                               "is told (customer_told: true)",
                               "customer_told");
        t.action = "reject";
        std::string why = request.reason;
        if (why.empty())
            for (const auto& step : p->steps)
                if (step.decision == compensation::refuse)
                    for (const auto& r : step.reasons)
                        why += (why.empty() ? "" : " ") + r;
        if (why.empty() || why.size() > max_text)
            why = "the compensation policies refused the demand (their reasons are on the "
                  "proposal)";
        t.reason = why;
        t.data->remove("note");
        t.data->set("customer_told", true);
    } else {
        t.action = "approve";
    }
    return complaints_.transition(tracking_number, actor, t);
}

AgreementOutcome CompensationService::agreement(const std::string& tracking_number,
                                                const Actor& actor,
                                                const AgreementRequest& request) {
    if (request.reason.size() > max_text)
        throw invalid("reason", "is longer than " + std::to_string(max_text) + " bytes");
    if (request.note.size() > max_text)
        throw invalid("note", "is longer than " + std::to_string(max_text) + " bytes");
    Complaint c = complaints_.load_visible(tracking_number, actor);
    if (!request.accepted) {
        if (c.status != Status::Approved)
            throw ServiceError(ServiceError::Kind::Conflict, "illegal_transition",
                               "complaint " + c.tracking_number + " is '" +
                                   std::string(to_string(c.status)) +
                                   "': the customer answers an approved proposal");
        if (request.reason.empty())
            throw ServiceError(ServiceError::Kind::Invalid, "missing_field",
                               "a proposal the customer did not accept needs a reason", "reason");
        TransitionRequest t;
        t.action = "revise";
        t.reason = request.reason;
        if (!request.note.empty())
            t.data->set("note", request.note);
        return {complaints_.transition(tracking_number, actor, t).complaint, {}};
    }
    if (c.status != Status::Agreed) {
        TransitionRequest agree;
        agree.action = "agree";
        agree.data->set("customer_accepted", true);
        if (!request.note.empty())
            agree.data->set("note", request.note);
        complaints_.transition(tracking_number, actor, agree);
    }
    // A second commit: if it fails the complaint waits in "agreed", and calling
    // this again (or the 'implement' action) dispatches the tasks.
    TransitionRequest implement;
    implement.action = "implement";
    implement.data->set("plan", std::string("remedies dispatched as tasks"));
    TransitionResult r = complaints_.transition(tracking_number, actor, implement);
    // The tasks of this agreement, not those of an earlier round (reopened).
    std::vector<Task> tasks = tasks_of(r.complaint);
    auto proposals = complaints_.store().proposals(r.complaint.id);
    if (!proposals.empty())
        std::erase_if(tasks, [&](const Task& t) { return t.proposal_id != proposals.back().id; });
    return {r.complaint, tasks};
}

// ---- reads ----------------------------------------------------------------------

std::vector<Proposal> CompensationService::proposals(const std::string& tracking_number,
                                                     const Actor& actor) {
    Complaint c = complaints_.load_visible(tracking_number, actor);
    return complaints_.store().proposals(c.id);
}

std::vector<Task> CompensationService::tasks(TaskFilter filter, const Actor& actor) {
    bool all = std::find(actor.departments.begin(), actor.departments.end(), "*") !=
               actor.departments.end();
    if (filter.departments.empty()) {
        if (!all)
            filter.departments = actor.departments;
    } else {
        for (const auto& d : filter.departments)
            if (!actor.may_act_on(d))
                throw ServiceError(ServiceError::Kind::Forbidden, "forbidden",
                                   actor.name + " may not see department '" + d + "'",
                                   "department");
    }
    return complaints_.store().tasks(filter);
}

std::vector<Task> CompensationService::tasks_of(const Complaint& complaint) {
    TaskFilter f;
    f.complaint_id = complaint.id;
    f.limit = 1000;
    return complaints_.store().tasks(f);
}

BudgetStatus CompensationService::budget(const std::string& department, const Actor& actor,
                                         std::optional<std::string> month) {
    auto settings = complaints_.settings();
    const Department* dept = settings->config.find_department(department);
    if (!dept || !actor.may_act_on(department))
        throw ServiceError(ServiceError::Kind::NotFound, "not_found",
                           "no department \"" + department + "\"");
    if (month) {
        const std::string& m = *month;
        bool ok = m.size() == 7 && m[4] == '-' &&
                  std::all_of(m.begin(), m.begin() + 4, ::isdigit) && ::isdigit(m[5]) &&
                  ::isdigit(m[6]) && m.substr(5) >= "01" && m.substr(5) <= "12";
        if (!ok)
            throw invalid("month", "must be YYYY-MM, not \"" + m + "\"");
    }
    std::string m = month.value_or(
        month_of(ComplaintService::clock_of(*settings, department), complaints_.now_ms()));
    return {department, m, dept->currency, dept->monthly_budget,
            complaints_.store().budget_spent(department, m)};
}

// ---- tasks ----------------------------------------------------------------------

Task CompensationService::visible_task(std::int64_t id, const Actor& actor) {
    auto t = complaints_.store().find_task(id);
    if (!t || !actor.may_act_on(t->department))
        throw ServiceError(ServiceError::Kind::NotFound, "not_found",
                           "no task #" + std::to_string(id));
    return *t;
}

std::optional<Task> CompensationService::change_task(const Task& task, const Complaint& c,
                                                     const Actor& actor,
                                                     UpdateEffects::TaskChange change,
                                                     const std::string& event_reason) {
    Store& store = complaints_.store();
    Complaint next = c;
    std::int64_t now = complaints_.now_ms();
    next.version = c.version + 1;
    next.updated_at_ms = now;
    Event e;
    e.complaint_id = c.id;
    e.at_ms = now;
    e.actor = actor.name;
    e.type = "task";
    e.reason = event_reason;
    Poco::JSON::Object d;
    d.set("task_id", task.id);
    d.set("remedy", task.remedy);
    d.set("department", task.department);
    if (change.assignee)
        d.set("assignee", *change.assignee);
    else
        d.set("status", std::string(to_string(change.to)));
    if (!change.note.empty())
        d.set("note", change.note);
    e.data_json = json_text(d);
    change.at_ms = now;
    UpdateEffects fx;
    fx.change_task = change;
    switch (store.update(next, c.version, e, fx)) {
    case UpdateOutcome::Applied:
        return *store.find_task(task.id);
    case UpdateOutcome::StateChanged:
        throw ServiceError(ServiceError::Kind::Conflict, "task_not_open",
                           "task #" + std::to_string(task.id) + " is no longer open");
    default:
        return std::nullopt; // the complaint moved on meanwhile
    }
}

Task CompensationService::finish_task(std::int64_t id, const Actor& actor,
                                      const std::string& note) {
    if (note.size() > max_text)
        throw invalid("note", "is longer than " + std::to_string(max_text) + " bytes");
    for (int attempt = 0; attempt < max_attempts; ++attempt) {
        Task t = visible_task(id, actor);
        if (t.status != TaskStatus::Open)
            throw ServiceError(ServiceError::Kind::Conflict, "task_not_open",
                               "task #" + std::to_string(id) + " is already " +
                                   std::string(to_string(t.status)));
        auto c = complaints_.store().find(t.tracking_number);
        if (!c)
            throw ServiceError(ServiceError::Kind::NotFound, "not_found",
                               "no complaint " + t.tracking_number);
        auto tasks = tasks_of(*c);
        bool last = std::none_of(tasks.begin(), tasks.end(), [&](const Task& o) {
            return o.id != id && o.status == TaskStatus::Open;
        });
        if (!last || c->status != Status::Implementing) {
            // Committed only if no other task changed meanwhile (each bumps the
            // complaint's version): else this may have become the last one.
            UpdateEffects::TaskChange change{id,   TaskStatus::Done, actor.name, 0,
                                             note, std::nullopt};
            if (auto done = change_task(t, *c, actor, change,
                                        t.remedy + " done (task #" + std::to_string(id) + ")"))
                return *done;
            continue;
        }
        // The last task resolves the complaint, in the same commit. The one who
        // finished it resolves, on behalf of the complaint's department.
        Actor resolver{actor.name, Role::Agent, {c->department}};
        TransitionRequest r;
        r.action = "resolve";
        std::string done;
        for (const auto& o : tasks)
            done += (done.empty() ? "" : ", ") + o.remedy + " (" + o.department + ")";
        r.data->set("resolution", "every task is done: " + done);
        r.host.finishing_task = id;
        r.host.task_note = note;
        try {
            complaints_.transition(c->tracking_number, resolver, r);
            return *complaints_.store().find_task(id);
        } catch (const ServiceError& e) {
            if (e.code() != "tasks_open" && e.code() != "illegal_transition")
                throw;
            // Tasks or the complaint changed between our read and the commit.
        }
    }
    throw ServiceError(ServiceError::Kind::Conflict, "concurrent_change",
                       "task #" + std::to_string(id) + " kept changing; try again");
}

Task CompensationService::assign_task(std::int64_t id, const Actor& actor,
                                      const std::string& assignee) {
    if (assignee.empty() || assignee.size() > 200)
        throw invalid("assignee", "must have 1 to 200 bytes");
    for (int attempt = 0; attempt < max_attempts; ++attempt) {
        Task t = visible_task(id, actor);
        if (t.status != TaskStatus::Open)
            throw ServiceError(ServiceError::Kind::Conflict, "task_not_open",
                               "task #" + std::to_string(id) + " is already " +
                                   std::string(to_string(t.status)));
        auto c = complaints_.store().find(t.tracking_number);
        if (!c)
            throw ServiceError(ServiceError::Kind::NotFound, "not_found",
                               "no complaint " + t.tracking_number);
        UpdateEffects::TaskChange change{id, TaskStatus::Open, actor.name, 0, {}, assignee};
        if (auto done =
                change_task(t, *c, actor, change,
                            t.remedy + " (task #" + std::to_string(id) + ") given to " + assignee))
            return *done;
    }
    throw ServiceError(ServiceError::Kind::Conflict, "concurrent_change",
                       "task #" + std::to_string(id) + " kept changing; try again");
}

} // namespace redress::core
