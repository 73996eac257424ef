// Runs a validated decision table on a case. Pure: no host, no I/O.
//
// The deciding rule (the first that matches, or in best mode the matching one
// with the most conditions) acts on the proposal so far:
//  - grant: replaces it (even a refusal): its remedies, amount_minor +
//    share_of_loss × the stated loss, then at most cap_minor;
//  - extend: adds its remedies and amount to an earlier grant, then caps the
//    total; with no proposal so far it grants; on a refusal it abstains (the
//    refusal stands);
//  - cap: lowers an earlier grant's amount to cap_minor, keeping its remedies;
//    with no earlier grant it abstains;
//  - refuse: a reasoned no, replacing any earlier grant.
// The level is the higher of the earlier proposal's and the rule's. The
// outcome is the full proposal after the change, with this rule's reasons only
// ("rule '<name>': <reason>", and the figures behind any amount or cap); the
// host keeps the reasons of every step.
#pragma once

#include "rules_model.hpp"

#include <cstdint>
#include <optional>
#include <redress/record.hpp>
#include <string>
#include <vector>

namespace redress::rules {

bool matches(const Conditions& when, const RuleCase& c);

//! The rule that decides the case, or nullptr when none matches.
const Rule* select(const std::vector<Rule>& rules, Mode mode, const RuleCase& c);

//! The proposal after a rule's change (the fields of compensation::output).
struct Outcome {
    std::string decision;              //!< "grant" | "refuse"
    std::vector<std::string> remedies; //!< compensation::remedies order
    std::int64_t amount_minor = 0;     //!< grant only
    std::string level;                 //!< "" when none
    std::vector<std::string> reasons;
};

//! What rule does to the case's proposal; nullopt: it abstains.
std::optional<Outcome> apply(const Rule& rule, const RuleCase& c);

//! Writes an outcome as compensation::output fields.
void write(const Outcome& o, RecordWriter& out);

} // namespace redress::rules
