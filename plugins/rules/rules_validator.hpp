// Checks a decision table before the policy runs it. Pure: no host, no I/O.
//
// Errors (the policy refuses to start) are one line each, "rule N '<name>': …"
// with N counted from 1 in the order written: duplicate or empty names, empty
// reasons, unknown values in condition lists, empty lists, min > max, negative
// amounts, unknown decisions, levels and remedies, a grant or extend without
// remedies (or with an amount but no material remedy to carry it), a cap
// without cap_minor or with remedies/amounts, a refusal with remedies or
// amounts, share_of_loss outside 0 to 10; and, between pairs of rules:
//  - identical conditions (both modes): only one can ever decide;
//  - first mode, unreachable: an earlier rule is at least as general on every
//    key (absent ⊇ anything, list ⊇ list, range ⊇ range);
//  - best mode, ambiguous: two rules that can match one case with the same
//    number of conditions.
// Warnings (logged; the policy runs): no rules at all; in first mode, two rules
// that can both match one case ("rules 'a' and 'b' overlap; 'a' decides where
// both match"). Rules compare pairwise: a rule covered only by several earlier
// rules together is not found unreachable.
#pragma once

#include "rules_model.hpp"

#include <string>
#include <vector>

namespace redress::rules {

struct Report {
    std::vector<std::string> errors;
    std::vector<std::string> warnings;
};

Report validate_rules(const std::vector<Rule>& rules, Mode mode);

//! True when every case a matches, b matches too (b is at least as general).
bool covers(const Conditions& b, const Conditions& a);
//! True when some case can match both.
bool overlap(const Conditions& a, const Conditions& b);

} // namespace redress::rules
