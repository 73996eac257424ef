// redress/compensation.hpp — what a CompensationPolicy reads and writes.
//
// The host runs a department's policies in the order its config lists them
// (`policies = ["goodwill", "rules"]`). Each gets the case as the input record
// below and writes a proposal (or nothing). From the second policy on, the
// input also carries the proposal so far (`input.proposal`), so a later policy
// can cap it (grant a smaller amount), veto it (refuse), amend it, or leave it
// (abstain). The host records every policy's step, so a supervisor sees who
// decided what and why.
//
// The handbook's five questions (seeds/002, 互相协商) are the factors:
//   A long_term        is there a long-term relationship?
//   B will_buy_again   will the customer buy again once this is solved?
//   C word_of_mouth    what will word of mouth do? "low" | "medium" | "high"
//   D demand_reasonable is the demand reasonable, or excessive?
//   E company_fault    is the company at fault, and how much? "none" | "partial" | "full"
// D and E come from the complaint's analysis; A, B, C, the customer's tier and
// own ask come with the request for a proposal.
#pragma once

#include <array>
#include <redress/record.hpp>
#include <string_view>

namespace redress::compensation {

//! Fields of the input record a policy receives.
namespace input {
inline constexpr std::string_view complaint = "complaint"; //!< the complaint record (complaint.hpp)
inline constexpr std::string_view department = "department"; //!< the deciding department's id
inline constexpr std::string_view currency = "currency";     //!< ISO 4217 of every amount
inline constexpr std::string_view factors = "factors";       //!< nested record, see factor
//! true when the complaint breached an SLA target (first response or resolution).
inline constexpr std::string_view sla_breached = "sla_breached";
//! Which targets were breached: "first_response", "resolution" (repeated).
inline constexpr std::string_view sla_breaches = "sla_breaches";
//! The service-commitment catalog's verdict on the customer's ask, when known:
//! "provided" | "not_provided" | "arrangeable" (absent: not classified).
inline constexpr std::string_view catalog_verdict = "catalog_verdict";
//! Nested record citing the catalog entry (redress/catalog.hpp): entry (id),
//! version, title (English, or the first language given), and for arrangeable
//! entries fee_minor, currency and lead_time_days; alternatives (repeated ids)
//! with alternative_titles (repeated, same order). Present with
//! catalog_verdict; only entry and version when the entry can no longer be read.
inline constexpr std::string_view catalog = "catalog";
//! The proposal so far (fields of `output`, plus `policy`: who last decided);
//! absent for the first policy of the chain.
inline constexpr std::string_view proposal = "proposal";
} // namespace input

//! Fields of input.factors.
namespace factor {
inline constexpr std::string_view long_term = "long_term";                 //!< bool (A)
inline constexpr std::string_view will_buy_again = "will_buy_again";       //!< bool (B)
inline constexpr std::string_view word_of_mouth = "word_of_mouth";         //!< low|medium|high (C)
inline constexpr std::string_view demand_reasonable = "demand_reasonable"; //!< bool (D)
inline constexpr std::string_view company_fault = "company_fault"; //!< none|partial|full (E)
inline constexpr std::string_view customer_tier = "customer_tier"; //!< e.g. "standard", "key"
inline constexpr std::string_view ask_minor = "ask_minor"; //!< what the customer asks, if stated
inline constexpr std::string_view asked_remedies = "asked_remedies"; //!< remedies asked for
inline constexpr std::string_view loss_minor = "loss_minor";         //!< the stated loss, if any
} // namespace factor

//! Fields a policy writes. An empty output (or decision "abstain") leaves the
//! proposal as it was.
namespace output {
//! "grant" (remedies and an amount), "refuse" (a reasoned, polite no), "abstain".
inline constexpr std::string_view decision = "decision";
inline constexpr std::string_view remedies = "remedies"; //!< repeated; a grant names at least one
inline constexpr std::string_view amount_minor = "amount_minor"; //!< money part, >= 0
//! The lowest approval level this proposal needs, if the policy wants more than
//! the department's limits give: "agent" | "supervisor" | "manager" | "executive".
inline constexpr std::string_view level = "level";
//! Repeated, at least one for grant and refuse: sentences a supervisor reads.
inline constexpr std::string_view reasons = "reasons";
//! Set by the host in input.proposal: the policy that last changed it.
inline constexpr std::string_view policy = "policy";
} // namespace output

inline constexpr std::string_view grant = "grant";
inline constexpr std::string_view refuse = "refuse";
inline constexpr std::string_view abstain = "abstain";

//! Every remedy a proposal may name: material first, then non-material.
inline constexpr std::array<std::string_view, 8> remedies{
    "replacement",  // replace the product
    "refund",       // return and refund
    "gift",         // a product given as a gift
    "voucher",      // a voucher towards a next purchase
    "apology",      // a formal apology
    "senior_call",  // a call from a senior person (层次高一点)
    "senior_visit", // a visit by a senior person
    "plant_visit",  // an invitation to visit the plant (办法多一点)
};

constexpr bool is_remedy(std::string_view name) noexcept {
    for (std::string_view r : remedies)
        if (r == name)
            return true;
    return false;
}

constexpr bool is_material(std::string_view remedy) noexcept {
    return remedy == "replacement" || remedy == "refund" || remedy == "gift" || remedy == "voucher";
}

} // namespace redress::compensation
