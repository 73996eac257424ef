// The [plugin.goodwill] section: the weights and caps of the handbook's A–E
// reasoning. Every key has a default, so the policy runs with no section at
// all; the two tables default to {} so that their keys' own defaults fill in
// when the table is left out.
#pragma once

#include "goodwill_case.hpp"

#include <cstdint>
#include <redress/config.hpp>
#include <string>
#include <vector>

namespace redress::goodwill {

struct GoodwillConfig {
    //! E: the share of the loss covered for each degree of company fault.
    struct FaultShare {
        double none = 0.0;
        double partial = 0.5;
        double full = 1.0;
    } fault_share;
    double long_term_bonus = 0.2; //!< A: added to the share's factor
    double buy_again_bonus = 0.1; //!< B
    //! C: added to the share's factor, by word of mouth.
    struct WordOfMouthBonus {
        double low = 0.0;
        double medium = 0.1;
        double high = 0.25;
    } word_of_mouth_bonus;
    //! When fully at fault, the amount may exceed the customer's ask by this share.
    double generosity_when_at_fault = 0.1;
    //! The goodwill voucher when not at fault but the customer matters; 0: none.
    std::int64_t gesture_minor = 50'00;
    std::int64_t cap_minor = 20'000'00; //!< absolute cap, minor units
    double cap_share_of_loss = 1.5;     //!< never more than this × the stated loss
    //! The material remedy when at fault and none asked for (a material remedy).
    std::string default_material = "replacement";
    Severity senior_call_from = Severity::High;      //!< a senior person calls
    Severity senior_visit_from = Severity::Critical; //!< … visits (long-term customers)
    bool plant_visit = true; //!< invite a long-term customer when fully at fault

    double share_for(Fault f) const noexcept;
    double bonus_for(WordOfMouth w) const noexcept;

    //! The keys as the host validates them, with defaults and descriptions.
    static std::vector<ConfigKey> schema();
    //! Reads a section the host validated against schema() (keys left out read
    //! as their defaults). Throws Error(REDRESS_E_INVALID) listing every bad
    //! value, one per line, each naming its key ("plugin.goodwill.cap_minor: …").
    static GoodwillConfig from(const ConfigView& section);
};

} // namespace redress::goodwill
