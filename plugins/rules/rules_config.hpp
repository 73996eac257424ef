// The [plugin.rules] section: the mode and the decision table.
//
//   [plugin.rules]
//   mode = "first"
//   [[plugin.rules.rule]]
//   name = "late-reply-voucher"
//   reason = "We answered late: a voucher on top, whatever else is offered."
//   when = { sla_breached = true }
//   then = { decision = "extend", remedies = ["voucher"], amount_minor = 50_00 }
//
// The condition and action keys are declared without defaults (except
// then.decision, "grant"), so a key left out arrives absent, distinct from
// false or 0. The host drops an empty array (`severity = []`) entirely; the
// reader also takes a field present as null as an empty list, so that a host
// that keeps empty arrays gets them flagged by the validator.
#pragma once

#include "rules_model.hpp"

#include <redress/config.hpp>
#include <vector>

namespace redress::rules {

struct RulesConfig {
    Mode mode = Mode::First;
    std::vector<Rule> rules; //!< in the order written, not yet validated

    //! The keys as the host validates them.
    static std::vector<ConfigKey> schema();
    //! Reads a section the host validated against schema(). Throws
    //! Error(REDRESS_E_INVALID) for an unknown mode; the rules themselves are
    //! checked by validate_rules.
    static RulesConfig from(const ConfigView& section);
};

} // namespace redress::rules
