// The fields of the public complaint form (the registration form of
// DESIGN.md §1 that a customer may fill in), how a request body becomes field
// values, and how those values are checked.
//
// The same flat field names serve the HTML form (application/x-www-form-
// urlencoded) and JSON clients ({"cause": "…", "customer_phone": "…"}).
// Length limits are UTF-8 bytes and equal the host's own limits for the
// fields they feed, so a form that passes here is never refused for length by
// complaint.submit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace redress::web {

//! How a field's value is checked (and, for the page, which control shows it).
enum class FieldKind {
    Text,      //!< one line of free text
    MultiLine, //!< free text over several lines
    Phone,     //!< digits with + ( ) - . and spaces, at least 5 digits
    Email,     //!< local@domain.tld
    Date,      //!< YYYY-MM-DD, a real calendar date
    Category,  //!< one of categories()
    Amount,    //!< a decimal amount of money in major units ("1299.50")
    Currency,  //!< an ISO 4217 code ("CNY")
};

//! One visible field of the form.
struct FieldSpec {
    std::string_view name; //!< the form/JSON name, e.g. "customer_phone"
    std::string_view path; //!< where complaint.submit takes it, e.g. "customer.phone"
    FieldKind kind;        //!< what is checked
    std::size_t max_bytes; //!< longest accepted value, UTF-8 bytes
    bool required;         //!< must be non-blank
};

//! The visible fields, in the order the form shows them.
const std::vector<FieldSpec>& form_fields();
//! The field called name, or nullptr.
const FieldSpec* find_field(std::string_view name);

//! Names of the hidden fields the form carries besides the visible ones.
inline constexpr std::string_view honeypot_field = "website"; //!< must stay empty
inline constexpr std::string_view token_field = "form_token"; //!< the one-time ref
inline constexpr std::string_view lang_field = "lang";        //!< the page's language

//! Complaint categories offered by the select, as complaint.submit stores them.
const std::vector<std::string_view>& categories();

//! Field values by name, trimmed of surrounding whitespace.
using FormValues = std::map<std::string, std::string, std::less<>>;

//! What is wrong with one field. limit/actual are bytes for TooLong; detail
//! carries the host's message for Host.
struct FieldProblem {
    enum class Kind {
        Required,    //!< blank but required
        TooLong,     //!< more than max_bytes
        NotUtf8,     //!< not valid UTF-8
        NotText,     //!< a JSON value that is not a string (or, for the amount, a number)
        Repeated,    //!< the field came twice
        Unknown,     //!< no such field on the form
        BadEmail,    //!< not an e-mail address
        BadPhone,    //!< not a phone number
        BadDate,     //!< not a YYYY-MM-DD calendar date
        BadCategory, //!< not one of categories()
        BadAmount,   //!< not a non-negative amount with at most the currency's decimals
        BadCurrency, //!< not an ISO 4217 code
        NoContact,   //!< neither phone, e-mail nor address
        NoName,      //!< neither contact person nor company
        BadToken,    //!< a form token of the wrong shape (see acceptable_form_token)
        Host,        //!< complaint.submit refused the field; see detail
    };
    FieldProblem(Kind k, std::size_t limit_ = 0, std::size_t actual_ = 0, std::string detail_ = {})
        : kind(k)
        , limit(limit_)
        , actual(actual_)
        , detail(std::move(detail_)) {}

    Kind kind;
    std::size_t limit;
    std::size_t actual;
    std::string detail;
};

//! Problems by field name. Form-wide problems (NoContact, NoName) are filed
//! under the field the customer should fill in (customer_phone, customer_contact).
using FieldErrors = std::map<std::string, FieldProblem, std::less<>>;

//! A body that cannot be read at all (bad percent-encoding, malformed JSON, a
//! JSON value that is not an object). The message says what and where.
class MalformedBody : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

//! The values of a request body, and the problems found while reading it
//! (repeated, unknown or non-text fields). Hidden fields are included.
struct ParsedForm {
    FormValues values;
    FieldErrors errors;
};

//! Reads an application/x-www-form-urlencoded body with Poco::Net::HTMLForm
//! (so '+' and %XX decode as browsers encode them). Throws MalformedBody.
ParsedForm parse_urlencoded(std::string_view body);
//! Reads a JSON object of field names to strings (loss_amount may also be a
//! number) with Poco::JSON. Throws MalformedBody.
ParsedForm parse_json(std::string_view body);

//! Checks every visible field's value and the form-wide rules (a way to reach
//! the customer, a name). currency_default is the department's currency, used
//! for an amount given without one. Returns nothing when the form is good.
FieldErrors validate(const FormValues& values, std::string_view currency_default);

//! True when s is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates).
bool valid_utf8(std::string_view s) noexcept;

//! Digits after the decimal point of a currency's minor unit (JPY 0, CNY 2).
int minor_digits(std::string_view currency) noexcept;
//! "1299.5" in CNY → 129950; nullopt unless the text is a non-negative decimal
//! with at most minor_digits(currency) decimals and at most 10^12 minor units.
std::optional<std::int64_t> parse_amount_minor(std::string_view text, std::string_view currency);

} // namespace redress::web
