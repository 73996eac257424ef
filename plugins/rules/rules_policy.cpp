#include "rules_policy.hpp"

#include "rules_case.hpp"
#include "rules_engine.hpp"
#include "rules_validator.hpp"

#include <redress/error.hpp>

namespace redress::rules {

PluginInfo RulesPolicy::info() {
    PluginInfo i;
    i.name = "rules";
    i.version = "1.0.0";
    i.description = "compensation by a decision table of conditions and actions";
    i.config = RulesConfig::schema();
    return i;
}

RulesPolicy::RulesPolicy(Host host, ConfigView config)
    : config_(RulesConfig::from(config)) {
    Report report = validate_rules(config_.rules, config_.mode);
    if (!report.errors.empty()) {
        std::string message;
        for (const std::string& e : report.errors)
            message += (message.empty() ? "" : "\n") + e;
        throw Error(REDRESS_E_INVALID, message);
    }
    for (const std::string& w : report.warnings)
        host.log(LogLevel::Warning, w);
}

void RulesPolicy::propose(const RecordView& input, RecordWriter& proposal) {
    RuleCase c = read_case(input);
    if (const Rule* rule = select(config_.rules, config_.mode, c))
        if (auto outcome = apply(*rule, c))
            write(*outcome, proposal);
}

} // namespace redress::rules
