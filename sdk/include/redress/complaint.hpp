// redress/complaint.hpp — the complaint registration form (投诉登记表) as fields.
//
// Host and plugins exchange complaints as records with the field names below;
// the host validates them at intake. ComplaintView reads one with typed
// accessors. Times are UTC milliseconds since the epoch; money is an integer
// in minor units plus an ISO 4217 currency code.
#pragma once

#include <cstdint>
#include <optional>
#include <redress/record.hpp>
#include <string_view>

namespace redress {

//! Field names of a complaint record. Nested records: customer, product, loss.
namespace field {
inline constexpr std::string_view tracking_number = "tracking_number"; //!< e.g. "AS-2026-000123"
inline constexpr std::string_view department = "department";           //!< department id
inline constexpr std::string_view channel = "channel";                 //!< intake channel name
inline constexpr std::string_view category = "category"; //!< e.g. "quality", "delivery"
inline constexpr std::string_view severity = "severity"; //!< "low" | "medium" | "high" | "critical"
inline constexpr std::string_view received_at = "received_at"; //!< UTC ms
inline constexpr std::string_view recorder = "recorder";       //!< who wrote it down (signs)
inline constexpr std::string_view owner = "owner";             //!< the named handler
inline constexpr std::string_view cause = "cause";       //!< the cause in the customer's own words
inline constexpr std::string_view request = "request";   //!< what the customer asks for
inline constexpr std::string_view customer = "customer"; //!< nested record, see customer_field
inline constexpr std::string_view product = "product";   //!< nested record, see product_field
inline constexpr std::string_view loss = "loss";         //!< nested record: amount_minor, currency
} // namespace field

//! Field names inside the customer record.
namespace customer_field {
inline constexpr std::string_view company = "company";
inline constexpr std::string_view contact = "contact"; //!< the contact person
inline constexpr std::string_view address = "address";
inline constexpr std::string_view phone = "phone";
inline constexpr std::string_view email = "email";
inline constexpr std::string_view type = "type"; //!< "demanding" | "confused" | "agitated"
} // namespace customer_field

//! Field names inside the product record.
namespace product_field {
inline constexpr std::string_view name = "name";
inline constexpr std::string_view spec = "spec";                       //!< model / specification
inline constexpr std::string_view production_date = "production_date"; //!< "YYYY-MM-DD"
inline constexpr std::string_view batch = "batch";                     //!< batch number
inline constexpr std::string_view used_at = "used_at";                 //!< when it was used
inline constexpr std::string_view symptoms = "symptoms";
inline constexpr std::string_view previous_brand = "previous_brand"; //!< the brand used before
} // namespace product_field

//! The handbook's three kinds of complaining customer.
enum class CustomerType { Unknown, Demanding, Confused, Agitated };

//! Parses "demanding" / "confused" / "agitated"; anything else is Unknown.
constexpr CustomerType parse_customer_type(std::string_view s) noexcept {
    if (s == "demanding")
        return CustomerType::Demanding;
    if (s == "confused")
        return CustomerType::Confused;
    if (s == "agitated")
        return CustomerType::Agitated;
    return CustomerType::Unknown;
}

//! An amount of money: integer minor units and an ISO 4217 code.
struct Money {
    std::int64_t amount_minor = 0;
    std::string_view currency;
};

//! Read-only typed view of a complaint record. Absent text fields read as "".
class ComplaintView {
public:
    explicit ComplaintView(RecordView record)
        : record_(record) {}

    std::string_view tracking_number() const { return record_.string(field::tracking_number); }
    std::string_view department() const { return record_.string(field::department); }
    std::string_view channel() const { return record_.string(field::channel); }
    std::string_view category() const { return record_.string(field::category); }
    std::string_view severity() const { return record_.string(field::severity); }
    std::int64_t received_at_ms() const { return record_.integer(field::received_at); }
    std::string_view recorder() const { return record_.string(field::recorder); }
    std::string_view owner() const { return record_.string(field::owner); }
    std::string_view cause() const { return record_.string(field::cause); }
    std::string_view request() const { return record_.string(field::request); }

    std::string_view customer(std::string_view customer_key) const {
        return nested(field::customer, customer_key);
    }
    CustomerType customer_type() const {
        return parse_customer_type(customer(customer_field::type));
    }
    std::string_view product(std::string_view product_key) const {
        return nested(field::product, product_key);
    }
    //! The customer's stated loss, if given.
    std::optional<Money> loss() const {
        auto r = record_.record(field::loss);
        if (!r)
            return std::nullopt;
        return Money{r->integer("amount_minor"), r->string("currency")};
    }

    const RecordView& record() const noexcept { return record_; }

private:
    std::string_view nested(std::string_view outer, std::string_view inner) const {
        auto r = record_.record(outer);
        return r ? r->string(inner) : std::string_view{};
    }
    RecordView record_;
};

} // namespace redress
