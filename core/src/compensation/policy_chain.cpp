#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <algorithm>
#include <redress/compensation.hpp>
#include <redress/core/compensation/policy_chain.hpp>
#include <redress/core/plugin/complaint_record.hpp>
#include <redress/core/service/service_error.hpp>
#include <set>
#include <sstream>

namespace redress::core {
namespace {

namespace in = redress::compensation::input;
namespace fa = redress::compensation::factor;
namespace out = redress::compensation::output;

constexpr std::size_t max_reasons = 50;
constexpr std::size_t max_reason_bytes = 2000;
constexpr std::int64_t max_amount = 1'000'000'000'000;

ServiceError invalid_output(const std::string& policy, const std::string& why) {
    return ServiceError(ServiceError::Kind::PluginFailed, "policy_failed",
                        "compensation policy '" + policy + "' wrote an invalid proposal: " + why);
}

Record base_input(const PolicyCase& c) {
    Record r;
    write_complaint_record(r.add_record(in::complaint), c.complaint);
    r.set(in::department, c.complaint.department);
    r.set(in::currency, c.currency);
    Record& f = r.add_record(in::factors);
    f.set(fa::long_term, c.factors.long_term);
    f.set(fa::will_buy_again, c.factors.will_buy_again);
    f.set(fa::word_of_mouth, c.factors.word_of_mouth);
    f.set(fa::demand_reasonable, c.factors.demand_reasonable);
    f.set(fa::company_fault, c.factors.company_fault);
    if (!c.factors.customer_tier.empty())
        f.set(fa::customer_tier, c.factors.customer_tier);
    if (c.factors.ask_minor)
        f.set(fa::ask_minor, *c.factors.ask_minor);
    for (const auto& r2 : c.factors.asked_remedies)
        f.append(fa::asked_remedies, r2);
    if (c.complaint.loss)
        f.set(fa::loss_minor, c.complaint.loss->amount_minor);
    r.set(in::sla_breached, !c.sla_breaches.empty());
    for (const auto& b : c.sla_breaches)
        r.append(in::sla_breaches, b);
    if (c.catalog_verdict)
        r.set(in::catalog_verdict, *c.catalog_verdict);
    if (c.catalog)
        r.add_record(in::catalog) = *c.catalog;
    return r;
}

std::vector<std::string> strings_of(const Record& r, std::string_view key,
                                    const std::string& policy) {
    std::vector<std::string> list;
    if (const RecordField* field = r.find(key))
        for (std::size_t i = 0; i < field->values.size(); ++i) {
            const auto* s = std::get_if<std::string>(&field->values[i]);
            if (!s)
                throw invalid_output(policy, std::string(key) + "[" + std::to_string(i) +
                                                 "] is not a string");
            list.push_back(*s);
        }
    return list;
}

struct Output {
    std::string decision;
    std::vector<std::string> remedies;
    std::int64_t amount = 0;
    std::string level;
    std::vector<std::string> reasons;
};

// Checks a policy's output against the contract in redress/compensation.hpp.
Output parse_output(const Record& r, const std::string& policy) {
    static const std::set<std::string, std::less<>> known{
        std::string(out::decision), std::string(out::remedies), std::string(out::amount_minor),
        std::string(out::level), std::string(out::reasons)};
    for (const auto& f : r.fields())
        if (!known.count(f.name))
            throw invalid_output(policy, "unknown field '" + f.name +
                                             "' (fields: decision, remedies, amount_minor, "
                                             "level, reasons)");
    Output o;
    if (r.fields().empty()) {
        o.decision = std::string(compensation::abstain);
        return o;
    }
    auto decision = r.string(out::decision);
    if (!decision)
        throw invalid_output(policy, "no decision (grant, refuse or abstain)");
    o.decision = *decision;
    if (o.decision == compensation::abstain)
        return o;
    if (o.decision != compensation::grant && o.decision != compensation::refuse)
        throw invalid_output(policy, "decision must be grant, refuse or abstain, not \"" +
                                         o.decision + "\"");
    o.remedies = strings_of(r, out::remedies, policy);
    std::set<std::string> seen;
    for (const auto& rem : o.remedies) {
        if (!compensation::is_remedy(rem))
            throw invalid_output(policy, "unknown remedy \"" + rem + "\"");
        if (!seen.insert(rem).second)
            throw invalid_output(policy, "remedy \"" + rem + "\" listed twice");
    }
    if (r.count(out::amount_minor)) {
        auto amount = r.integer(out::amount_minor);
        if (!amount || r.count(out::amount_minor) != 1)
            throw invalid_output(policy, "amount_minor must be one integer");
        if (*amount < 0 || *amount > max_amount)
            throw invalid_output(policy, "amount_minor " + std::to_string(*amount) +
                                             " is outside 0.." + std::to_string(max_amount));
        o.amount = *amount;
    }
    if (o.decision == compensation::grant && o.remedies.empty())
        throw invalid_output(policy, "a grant names at least one remedy");
    if (o.decision == compensation::refuse && (!o.remedies.empty() || o.amount != 0))
        throw invalid_output(policy, "a refusal names no remedy and no amount");
    if (r.count(out::level)) {
        auto level = r.string(out::level);
        auto role = level ? parse_role(*level) : std::nullopt;
        if (!role || *role == Role::Admin)
            throw invalid_output(policy, "level must be agent, supervisor, manager or executive");
        o.level = std::string(*level);
    }
    o.reasons = strings_of(r, out::reasons, policy);
    if (o.reasons.empty())
        throw invalid_output(policy, "a " + o.decision + " gives at least one reason");
    if (o.reasons.size() > max_reasons)
        throw invalid_output(policy, "more than " + std::to_string(max_reasons) + " reasons");
    for (const auto& why : o.reasons)
        if (why.empty() || why.size() > max_reason_bytes)
            throw invalid_output(policy, "a reason must have 1 to " +
                                             std::to_string(max_reason_bytes) + " bytes");
    return o;
}

std::string effect_of(const std::optional<Output>& before, const Output& after) {
    if (!before)
        return "proposed";
    if (before->decision == compensation::grant && after.decision == compensation::refuse)
        return "vetoed";
    if (before->decision == compensation::refuse && after.decision == compensation::grant)
        return "overruled";
    if (after.decision == compensation::refuse)
        return "confirmed";
    bool subset = std::all_of(after.remedies.begin(), after.remedies.end(), [&](const auto& r) {
        return std::find(before->remedies.begin(), before->remedies.end(), r) !=
               before->remedies.end();
    });
    if (after.amount < before->amount && subset)
        return "capped";
    if (after.amount == before->amount && after.remedies == before->remedies)
        return "confirmed";
    if (after.amount > before->amount && after.remedies.size() >= before->remedies.size())
        return "raised";
    return "amended";
}

int rank(const std::string& level) {
    auto role = parse_role(level);
    return role ? static_cast<int>(*role) : -1;
}

} // namespace

std::string factors_to_json(const CompensationFactors& f, const PolicyCase& c) {
    Poco::JSON::Object o;
    o.set("long_term", f.long_term);
    o.set("will_buy_again", f.will_buy_again);
    o.set("word_of_mouth", f.word_of_mouth);
    o.set("demand_reasonable", f.demand_reasonable);
    o.set("company_fault", f.company_fault);
    if (!f.customer_tier.empty())
        o.set("customer_tier", f.customer_tier);
    if (f.ask_minor)
        o.set("ask_minor", *f.ask_minor);
    Poco::JSON::Array asked;
    for (const auto& r : f.asked_remedies)
        asked.add(r);
    o.set("asked_remedies", asked);
    if (c.complaint.loss)
        o.set("loss_minor", c.complaint.loss->amount_minor);
    Poco::JSON::Array breaches;
    for (const auto& b : c.sla_breaches)
        breaches.add(b);
    o.set("sla_breaches", breaches);
    if (c.catalog_verdict)
        o.set("catalog_verdict", *c.catalog_verdict);
    std::ostringstream s;
    o.stringify(s);
    return s.str();
}

PolicyChainResult run_policy_chain(const std::vector<ChainedPolicy>& policies,
                                   const PolicyCase& c) {
    PolicyChainResult result;
    result.factors_json = factors_to_json(c.factors, c);
    const Record base = base_input(c);
    std::optional<Output> current;
    std::string decided_by;
    for (const auto& p : policies) {
        Record input = base;
        if (current) {
            Record& prop = input.add_record(in::proposal);
            prop.set(out::decision, current->decision);
            for (const auto& r : current->remedies)
                prop.append(out::remedies, r);
            prop.set(out::amount_minor, current->amount);
            if (!current->level.empty())
                prop.set(out::level, current->level);
            for (const auto& why : current->reasons)
                prop.append(out::reasons, why);
            prop.set(out::policy, decided_by);
        }
        Record reply;
        try {
            p.instance->propose(input, reply);
        } catch (const PluginCallError& e) {
            throw ServiceError(ServiceError::Kind::PluginFailed, "policy_failed",
                               "compensation policy '" + p.name +
                                   "' failed: " + e.plugin_message());
        }
        Output o = parse_output(reply, p.name);
        PolicyStep step;
        step.policy = p.name;
        step.amount_before = current ? current->amount : 0;
        if (o.decision == compensation::abstain) {
            step.effect = "abstained";
            step.amount_after = step.amount_before;
            if (current) {
                step.decision = current->decision;
                step.remedies = current->remedies;
            }
        } else {
            step.effect = effect_of(current, o);
            step.decision = o.decision;
            step.amount_after = o.amount;
            step.remedies = o.remedies;
            step.level = o.level;
            step.reasons = o.reasons;
            if (rank(o.level) > rank(result.level))
                result.level = o.level;
            current = o;
            decided_by = p.name;
        }
        result.steps.push_back(std::move(step));
    }
    if (!current) {
        std::string names;
        for (const auto& p : policies)
            names += (names.empty() ? "" : ", ") + p.name;
        throw ServiceError(ServiceError::Kind::Conflict, "no_proposal",
                           "no compensation policy of department '" + c.complaint.department +
                               "' made a proposal (" +
                               (names.empty() ? "it has none configured" : "policies: " + names) +
                               "); propose by hand with the 'propose' action");
    }
    result.decision = current->decision;
    result.remedies = current->remedies;
    result.amount_minor = current->amount;
    return result;
}

} // namespace redress::core
