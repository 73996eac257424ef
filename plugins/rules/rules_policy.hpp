// The "rules" compensation policy: a department's decision table from
// [plugin.rules], checked when the policy is created (see rules_validator.hpp)
// and run on each case (see rules_engine.hpp). No matching rule: it abstains.
#pragma once

#include "rules_config.hpp"

#include <redress/plugin.hpp>

namespace redress::rules {

class RulesPolicy : public CompensationPolicy {
public:
    static PluginInfo info();
    //! Throws Error(REDRESS_E_INVALID) listing every error of the table, one per
    //! line; logs the warnings through host at warning level.
    RulesPolicy(Host host, ConfigView config);

    //! Thread-safe: reads only the immutable table.
    void propose(const RecordView& input, RecordWriter& proposal) override;

    const RulesConfig& config() const noexcept { return config_; }

private:
    RulesConfig config_;
};

} // namespace redress::rules
