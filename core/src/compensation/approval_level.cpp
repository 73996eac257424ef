#include <redress/core/compensation/approval_level.hpp>
#include <redress/core/lifecycle/lifecycle.hpp>

namespace redress::core {
namespace {

bool above(Role a, Role b) {
    return static_cast<int>(a) > static_cast<int>(b);
}

std::string name(Role r) {
    return std::string(to_string(r));
}

} // namespace

Role next_level(Role level) {
    switch (level) {
    case Role::Agent:
        return Role::Supervisor;
    case Role::Supervisor:
        return Role::Manager;
    default:
        return Role::Executive;
    }
}

LevelDecision base_approval_level(const Department& d, const Config& config,
                                  const std::string& decision, std::int64_t amount,
                                  const std::vector<std::string>& remedies,
                                  const std::string& policy_level) {
    LevelDecision out;
    const ApprovalLimits& l = d.approval;
    out.level = Lifecycle::required_level(l, amount);
    std::string money = format_money(amount, d.currency);
    switch (out.level) {
    case Role::Agent:
        out.reasons.push_back(money + " is within the agent limit of " +
                              format_money(l.agent, d.currency));
        break;
    case Role::Supervisor:
        out.reasons.push_back(money + " is above the agent limit of " +
                              format_money(l.agent, d.currency) + ": a supervisor approves");
        break;
    case Role::Manager:
        out.reasons.push_back(money + " is above the supervisor limit of " +
                              format_money(l.supervisor, d.currency) + ": a manager approves");
        break;
    default:
        out.reasons.push_back(money + " is above the manager limit of " +
                              format_money(l.manager, d.currency) + ": an executive approves");
        break;
    }
    auto raise = [&](Role to, const std::string& why) {
        if (above(to, out.level)) {
            out.level = to;
            out.reasons.push_back(why);
        }
    };
    if (decision == "refuse")
        raise(Role::Supervisor, "a refusal is signed by a supervisor or higher");
    for (const auto& r : remedies) {
        auto it = config.remedies.find(r);
        if (it != config.remedies.end())
            if (auto role = parse_role(it->second.approval))
                raise(*role, "the remedy " + r + " needs a " + name(*role) + " or higher");
    }
    if (auto role = parse_role(policy_level))
        raise(*role, "a policy asked for a " + name(*role) + " or higher");
    return out;
}

} // namespace redress::core
