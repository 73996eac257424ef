// The case as the goodwill policy reads it from its input record
// (redress/compensation.hpp): the handbook's factors A–E, the customer's ask
// and stated loss, the complaint's severity and customer type, the SLA flag,
// and the decision of the policy before it in the chain.
//
// Absent factors read as the handbook's "nothing to go on": booleans false,
// word of mouth "low", company fault "none". A field present with a value
// outside its vocabulary (word_of_mouth "huge", a negative ask) is malformed
// input: read_case throws Error(REDRESS_E_INVALID) naming the field.
#pragma once

#include <cstdint>
#include <optional>
#include <redress/record.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace redress::goodwill {

//! A complaint's severity, in rising order.
enum class Severity { Low, Medium, High, Critical };
//! E: how far the company is at fault.
enum class Fault { None, Partial, Full };
//! C: what word of mouth will do.
enum class WordOfMouth { Low, Medium, High };

std::optional<Severity> parse_severity(std::string_view s) noexcept;
std::string_view to_string(Severity s) noexcept;
std::string_view to_string(Fault f) noexcept;
std::string_view to_string(WordOfMouth w) noexcept;

//! The catalog's verdict on the customer's ask (input.catalog_verdict) and the
//! entry it cites (input.catalog).
struct CatalogCitation {
    std::string verdict; //!< "provided" | "not_provided" | "arrangeable"
    std::string entry, version, title, currency;
    std::optional<std::int64_t> fee_minor;
    std::optional<std::int64_t> lead_time_days;
    std::vector<std::string> alternative_titles;
};

struct Case {
    bool long_term = false;                  //!< A
    bool will_buy_again = false;             //!< B
    WordOfMouth word_of_mouth{};             //!< C
    bool demand_reasonable = false;          //!< D
    Fault company_fault{};                   //!< E
    std::optional<std::int64_t> ask_minor;   //!< what the customer asks, if stated (>= 0)
    std::optional<std::int64_t> loss_minor;  //!< the stated loss, if any (>= 0)
    std::vector<std::string> asked_remedies; //!< known remedy names, as asked
    std::optional<Severity> severity;        //!< absent when the complaint has none
    bool agitated = false;                   //!< the customer type is "agitated"
    bool sla_breached = false;
    std::vector<std::string> sla_breaches; //!< "first_response", "resolution"
    //! The decision of the proposal so far ("grant", "refuse", "abstain"); absent
    //! for the first policy of the chain.
    std::optional<std::string> earlier_decision;
    std::optional<CatalogCitation> catalog; //!< absent: the ask was not classified
};

//! Reads the policy's input record. Throws Error(REDRESS_E_INVALID) naming the
//! field ("input.factors.word_of_mouth: …") when a present value is malformed.
Case read_case(const RecordView& input);

} // namespace redress::goodwill
