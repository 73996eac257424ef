// The goodwill decision: the handbook's A–E reasoning (seeds/002, 互相协商)
// turned into an amount, remedies and reasons. Pure: no host, no I/O.
//
// In order:
//  1. The handbook's "no": demand excessive (not D), no long-term relationship
//     (not A), no further purchase (not B) → refuse, level "supervisor".
//  2. basis = the stated loss, else the customer's ask, else 0;
//     amount = basis × fault_share[E] × (1 + A·long_term_bonus + B·buy_again_bonus
//     + word_of_mouth_bonus[C]), the bonuses only when the demand is reasonable.
//  3. Never more than the ask (ask × (1 + generosity_when_at_fault) when fully at
//     fault); 4. never more than loss × cap_share_of_loss, nor cap_minor.
//  5. Not at fault and nothing owed: a voucher gesture when the customer matters
//     and the demand is reasonable; else an apology; else (excessive demand) a no.
//  6. Remedies in compensation::remedies order; see goodwill/README.md.
//  7. A refusal earlier in the chain stands: goodwill then abstains.
// Every limit that lowered the amount leaves a reason with both figures.
#pragma once

#include "goodwill_case.hpp"
#include "goodwill_config.hpp"

#include <cstdint>
#include <optional>
#include <redress/record.hpp>
#include <string>
#include <vector>

namespace redress::goodwill {

//! What goodwill proposes (the fields of compensation::output).
struct Proposal {
    std::string decision;              //!< "grant" | "refuse"
    std::vector<std::string> remedies; //!< compensation::remedies order, no duplicates
    std::int64_t amount_minor = 0;     //!< grant only
    std::string level;                 //!< "" or "supervisor" (refusals)
    std::vector<std::string> reasons;  //!< at least one
};

//! The proposal for a case, or nullopt to abstain (an earlier refusal stands).
std::optional<Proposal> decide(const GoodwillConfig& config, const Case& c);

//! Writes a proposal as compensation::output fields.
void write(const Proposal& p, RecordWriter& out);

} // namespace redress::goodwill
