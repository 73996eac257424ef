#include <Poco/JSON/Array.h>
#include <algorithm>
#include <cctype>
#include <redress/compensation.hpp>
#include <redress/core/lifecycle/lifecycle.hpp>
#include <set>
#include <sstream>

namespace redress::core {
namespace {

constexpr std::size_t max_text = 4000;

using S = Status;

// Reads and checks the fields of one request; every failure names the field.
class DataReader {
public:
    DataReader(const TransitionRequest& r, std::string action)
        : data_(*r.data)
        , action_(std::move(action)) {}

    std::string text(const std::string& field) {
        used_.insert(field);
        if (!data_.has(field) || data_.isNull(field))
            throw missing(field);
        Poco::Dynamic::Var v = data_.get(field);
        if (!v.isString())
            throw invalid(field, "must be a string");
        std::string s = v.extract<std::string>();
        if (std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); }))
            throw missing(field);
        if (s.size() > max_text)
            throw invalid(field, "is longer than " + std::to_string(max_text) + " bytes");
        if (s.find('\0') != std::string::npos)
            throw invalid(field, "must not contain NUL characters");
        return s;
    }
    std::optional<std::string> optional_text(const std::string& field) {
        used_.insert(field);
        if (!data_.has(field) || data_.isNull(field))
            return std::nullopt;
        return text(field);
    }
    std::string one_of(const std::string& field, const std::vector<std::string>& values) {
        std::string s = text(field);
        if (std::find(values.begin(), values.end(), s) == values.end())
            throw invalid(field, "must be one of " + join(values) + ", not \"" + s + "\"");
        return s;
    }
    bool boolean(const std::string& field) {
        used_.insert(field);
        if (!data_.has(field) || data_.isNull(field))
            throw missing(field);
        Poco::Dynamic::Var v = data_.get(field);
        if (!v.isBoolean())
            throw invalid(field, "must be true or false");
        return v.extract<bool>();
    }
    //! A boolean that must be true, with the reason why.
    void confirmed(const std::string& field, const std::string& why) {
        if (!boolean(field))
            throw invalid(field, why);
    }
    std::optional<bool> optional_boolean(const std::string& field) {
        used_.insert(field);
        if (!data_.has(field) || data_.isNull(field))
            return std::nullopt;
        return boolean(field);
    }
    std::int64_t integer(const std::string& field, std::int64_t min, std::int64_t max) {
        used_.insert(field);
        if (!data_.has(field) || data_.isNull(field))
            throw missing(field);
        Poco::Dynamic::Var v = data_.get(field);
        if (!v.isInteger())
            throw invalid(field, "must be an integer");
        std::int64_t n;
        try {
            n = v.convert<Poco::Int64>();
        } catch (const Poco::Exception&) {
            throw invalid(field,
                          "must be between " + std::to_string(min) + " and " + std::to_string(max));
        }
        if (n < min || n > max)
            throw invalid(field,
                          "must be between " + std::to_string(min) + " and " + std::to_string(max));
        return n;
    }
    std::vector<std::string> strings(const std::string& field,
                                     const std::vector<std::string>& allowed) {
        used_.insert(field);
        if (!data_.has(field) || data_.isNull(field))
            throw missing(field);
        Poco::JSON::Array::Ptr a = data_.getArray(field);
        if (!a || a->size() == 0)
            throw invalid(field, "must be a non-empty array of strings");
        std::vector<std::string> out;
        for (std::size_t i = 0; i < a->size(); ++i) {
            Poco::Dynamic::Var v = a->get(i);
            std::string item = field + "[" + std::to_string(i) + "]";
            if (!v.isString())
                throw invalid(item, "must be a string");
            std::string s = v.extract<std::string>();
            if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), s) == allowed.end())
                throw invalid(item, "must be one of " + join(allowed) + ", not \"" + s + "\"");
            if (std::find(out.begin(), out.end(), s) != out.end())
                throw invalid(item, "\"" + s + "\" is listed twice");
            out.push_back(s);
        }
        return out;
    }
    void allow(std::initializer_list<std::string> fields) {
        used_.insert(fields.begin(), fields.end());
    }
    //! Refuses fields the action does not know, so typos are not silently dropped.
    void finish() {
        for (const auto& [name, _] : data_)
            if (!used_.count(name))
                throw TransitionError("invalid_field",
                                      "unknown field \"data." + name + "\" for action '" + action_ +
                                          "' (expected: " + join({used_.begin(), used_.end()}) +
                                          ")",
                                      "data." + name);
    }

    TransitionError missing(const std::string& field) const {
        return TransitionError("missing_field", "action '" + action_ + "' requires data." + field,
                               "data." + field);
    }
    TransitionError invalid(const std::string& field, const std::string& why) const {
        return TransitionError("invalid_field", "data." + field + " " + why, "data." + field);
    }

    static std::string join(const std::vector<std::string>& v) {
        std::string out;
        for (const auto& s : v)
            out += (out.empty() ? "" : ", ") + s;
        return out;
    }

private:
    const Poco::JSON::Object& data_;
    std::string action_;
    std::set<std::string> used_;
};

std::string reason_of(const TransitionRequest& r, const std::string& action) {
    std::string reason = r.reason;
    if (std::all_of(reason.begin(), reason.end(), [](unsigned char c) { return std::isspace(c); }))
        throw TransitionError("missing_field", "action '" + action + "' requires a reason",
                              "reason");
    if (reason.size() > max_text)
        throw TransitionError("invalid_field",
                              "reason is longer than " + std::to_string(max_text) + " bytes",
                              "reason");
    return reason;
}

const ActionRule* find_rule(const std::string& action) {
    for (const auto& r : Lifecycle::rules())
        if (r.action == action)
            return &r;
    return nullptr;
}

} // namespace

const std::vector<ActionRule>& Lifecycle::rules() {
    static const std::vector<ActionRule> rules{
        {"contact",
         {S::Received, S::Escalated, S::Reopened},
         S::Contacted,
         Role::Agent,
         {"restated_problem", "customer_confirmed", "method"}},
        {"analyse",
         {S::Contacted},
         S::Analysed,
         Role::Agent,
         {"severity", "company_fault", "demand_reasonable", "findings"}},
        {"propose", {S::Analysed}, S::Proposed, Role::Agent, {"remedies", "amount_minor"}},
        {"approve", {S::Proposed}, S::Approved, Role::Agent, {}},
        {"revise", {S::Proposed, S::Approved}, S::Analysed, Role::Agent, {"reason"}},
        {"agree", {S::Approved}, S::Agreed, Role::Agent, {"customer_accepted"}},
        {"implement", {S::Agreed}, S::Implementing, Role::Agent, {}},
        {"resolve", {S::Implementing}, S::Resolved, Role::Agent, {"resolution"}},
        {"close", {S::Resolved}, S::Closed, Role::Agent, {"satisfaction"}},
        {"escalate",
         {S::Received, S::Contacted, S::Analysed, S::Proposed},
         S::Escalated,
         Role::Agent,
         {"reason", "to_department or to_level"}},
        {"reject",
         {S::Contacted, S::Analysed, S::Proposed},
         S::Rejected,
         Role::Supervisor,
         {"reason", "customer_told"}},
        {"reopen", {S::Resolved, S::Closed, S::Rejected}, S::Reopened, Role::Agent, {"reason"}},
        {"assign",
         {S::Received, S::Contacted, S::Analysed, S::Proposed, S::Approved, S::Agreed,
          S::Implementing, S::Resolved, S::Escalated, S::Reopened},
         std::nullopt,
         Role::Agent,
         {"owner"}},
    };
    return rules;
}

std::vector<std::string> Lifecycle::allowed_actions(Status status) {
    std::vector<std::string> out;
    for (const auto& r : rules())
        if (std::find(r.from.begin(), r.from.end(), status) != r.from.end())
            out.push_back(r.action);
    return out;
}

Role Lifecycle::required_level(const ApprovalLimits& limits, std::int64_t amount) {
    if (amount <= limits.agent)
        return Role::Agent;
    if (amount <= limits.supervisor)
        return Role::Supervisor;
    if (amount <= limits.manager)
        return Role::Manager;
    return Role::Executive;
}

const std::vector<std::string>& Lifecycle::remedies() {
    // Material, then non-material remedies (DESIGN.md §1, "Compensation").
    static const std::vector<std::string> r(compensation::remedies.begin(),
                                            compensation::remedies.end());
    return r;
}

TransitionResult Lifecycle::apply(const Complaint& complaint, const Actor& actor,
                                  const TransitionRequest& request, const TransitionContext& ctx) {
    const ActionRule* rule = find_rule(request.action);
    std::vector<std::string> allowed = allowed_actions(complaint.status);
    const std::string state = std::string(to_string(complaint.status));
    if (!rule) {
        std::string known;
        for (const auto& r : rules())
            known += (known.empty() ? "" : ", ") + r.action;
        throw TransitionError("invalid_field",
                              "unknown action \"" + request.action + "\" (actions: " + known + ")",
                              "action");
    }
    if (std::find(rule->from.begin(), rule->from.end(), complaint.status) == rule->from.end())
        throw TransitionError(
            "illegal_transition",
            "cannot '" + request.action + "' complaint " + complaint.tracking_number +
                " in state '" + state + "'; allowed from '" + state +
                "': " + (allowed.empty() ? "nothing" : DataReader::join(allowed)));
    if (!actor.may_act_on(complaint.department))
        throw TransitionError("forbidden", actor.name + " may not act on department '" +
                                               complaint.department + "'");
    if (!actor.at_least(rule->min_role))
        throw TransitionError("forbidden", "'" + request.action + "' needs role " +
                                               std::string(to_string(rule->min_role)) +
                                               " or higher; " + actor.name + " is " +
                                               std::string(to_string(actor.role)));
    const Department* dept = ctx.config.find_department(complaint.department);
    if (!dept)
        throw TransitionError("invalid_field", "complaint " + complaint.tracking_number +
                                                   " belongs to unknown department '" +
                                                   complaint.department + "'");

    Complaint c = complaint;
    DataReader data(request, request.action);
    Poco::JSON::Object::Ptr recorded = new Poco::JSON::Object(*request.data);
    std::string reason = request.reason;
    const std::string& a = request.action;

    if (a == "contact") {
        data.text("restated_problem");
        data.confirmed("customer_confirmed",
                       "must be true: the customer confirms the restated problem");
        data.one_of("method", {"phone", "fax", "visit", "email", "letter", "sms"});
        data.allow({"note"});
        if (!c.first_responded_at_ms) {
            c.first_responded_at_ms = ctx.now_ms;
            c.same_day_reply =
                ctx.same_local_day ? ctx.same_local_day(c.received_at_ms, ctx.now_ms) : false;
            recorded->set("same_day_reply", *c.same_day_reply);
        }
    } else if (a == "analyse") {
        c.severity =
            *parse_severity(data.one_of("severity", {"low", "medium", "high", "critical"}));
        data.one_of("company_fault", {"none", "partial", "full"});
        data.boolean("demand_reasonable");
        data.text("findings");
        data.allow({"needs_investigation"});
        data.optional_boolean("needs_investigation");
    } else if (a == "propose") {
        bool refuse = request.data->has("decision") &&
                      data.one_of("decision", {"grant", "refuse"}) == "refuse";
        std::int64_t amount = 0;
        if (refuse) {
            // A reasoned "no": nothing to give, and at least a supervisor signs it.
            data.allow({"remedies", "amount_minor"});
            auto list = request.data->getArray("remedies");
            if (request.data->has("remedies") && (!list || list->size() != 0))
                throw data.invalid("remedies", "must be empty for a refusal");
            if (request.data->has("amount_minor") && data.integer("amount_minor", 0, 0) != 0)
                throw data.invalid("amount_minor", "must be 0 for a refusal");
        } else {
            data.strings("remedies", remedies());
            amount = data.integer("amount_minor", 0, 1'000'000'000'000);
        }
        std::string currency = data.optional_text("currency").value_or(dept->currency);
        if (currency != dept->currency)
            throw data.invalid("currency", "must be the department's currency " + dept->currency);
        data.allow({"reasons", "note"});
        if (request.data->has("reasons"))
            data.strings("reasons", {});
        c.proposed = Money{amount, currency};
        c.required_level = refuse ? Role::Supervisor : required_level(dept->approval, amount);
        recorded->set("required_level", std::string(to_string(*c.required_level)));
    } else if (a == "approve") {
        data.allow({"note"});
        Role needed = c.required_level.value_or(Role::Executive);
        if (!actor.at_least(needed))
            throw TransitionError(
                "forbidden", "the proposal of " +
                                 format_money(c.proposed ? c.proposed->amount_minor : 0,
                                              c.proposed ? c.proposed->currency : dept->currency) +
                                 " needs approval by a " + std::string(to_string(needed)) +
                                 " or higher; " + actor.name + " is " +
                                 std::string(to_string(actor.role)));
        recorded->set("approved_level", std::string(to_string(actor.role)));
    } else if (a == "revise") {
        // Back to analysis: the approver declined (and must be entitled to
        // approve), or the customer did not accept the approved proposal.
        reason = reason_of(request, a);
        if (complaint.status == Status::Proposed) {
            Role needed = c.required_level.value_or(Role::Executive);
            if (!actor.at_least(needed))
                throw TransitionError("forbidden", "declining this proposal needs a " +
                                                       std::string(to_string(needed)) +
                                                       " or higher; " + actor.name + " is " +
                                                       std::string(to_string(actor.role)));
        }
        data.allow({"note"});
        c.proposed.reset();
        c.required_level.reset();
    } else if (a == "agree") {
        data.confirmed("customer_accepted", "must be true: the customer accepts the proposal");
        data.allow({"note"});
    } else if (a == "implement") {
        data.allow({"plan", "note"});
    } else if (a == "resolve") {
        data.text("resolution");
        c.resolved_at_ms = ctx.now_ms;
    } else if (a == "close") {
        c.satisfaction = static_cast<int>(data.integer("satisfaction", 1, 5));
        data.allow({"comment", "called_by"});
        c.closed_at_ms = ctx.now_ms;
    } else if (a == "escalate") {
        reason = reason_of(request, a);
        auto to_department = data.optional_text("to_department");
        auto to_level = data.optional_text("to_level");
        if (!to_department && !to_level)
            throw TransitionError("missing_field",
                                  "action 'escalate' requires data.to_department or data.to_level",
                                  "data.to_department");
        if (to_level)
            data.one_of("to_level", {"supervisor", "manager", "executive"});
        if (to_department) {
            if (!ctx.config.find_department(*to_department))
                throw data.invalid("to_department",
                                   "names no department: \"" + *to_department + "\"");
            if (*to_department == c.department)
                throw data.invalid("to_department", "is the complaint's own department");
            recorded->set("from_department", c.department);
            c.department = *to_department;
        }
    } else if (a == "reject") {
        reason = reason_of(request, a);
        data.confirmed("customer_told", "must be true: the customer is told the reasoned \"no\"");
    } else if (a == "reopen") {
        reason = reason_of(request, a);
        c.resolved_at_ms.reset();
        c.closed_at_ms.reset();
        c.satisfaction.reset();
        c.proposed.reset();
        c.required_level.reset();
    } else if (a == "assign") {
        c.owner = data.text("owner");
        recorded->set("previous_owner", complaint.owner);
    }
    data.finish();

    if (rule->to)
        c.status = *rule->to;
    c.updated_at_ms = ctx.now_ms;
    c.version = complaint.version + 1;

    Event e;
    e.complaint_id = c.id;
    e.at_ms = ctx.now_ms;
    e.actor = actor.name;
    e.type = rule->to ? "transition" : "assigned";
    e.from_status = rule->to ? state : "";
    e.to_status = rule->to ? std::string(to_string(*rule->to)) : "";
    e.reason = reason;
    recorded->set("action", a);
    std::ostringstream json;
    recorded->stringify(json);
    e.data_json = json.str();
    return {std::move(c), std::move(e)};
}

} // namespace redress::core
