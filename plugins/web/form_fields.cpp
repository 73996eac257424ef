#include "form_fields.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/String.h>
#include <Poco/UTF8Encoding.h>
#include <algorithm>
#include <chrono>
#include <regex>
#include <sstream>

namespace redress::web {
namespace {

// The host's limits (core/src/api/complaint_json.cpp): 200 bytes for short
// text, 4000 for the free-text fields.
constexpr std::size_t short_text = 200;
constexpr std::size_t long_text = 4000;

const std::vector<FieldSpec> fields{
    {"customer_company", "customer.company", FieldKind::Text, short_text, false},
    {"customer_contact", "customer.contact", FieldKind::Text, short_text, false},
    {"customer_phone", "customer.phone", FieldKind::Phone, 50, false},
    {"customer_email", "customer.email", FieldKind::Email, 254, false},
    {"customer_address", "customer.address", FieldKind::Text, 500, false},
    {"product_name", "product.name", FieldKind::Text, short_text, false},
    {"product_spec", "product.spec", FieldKind::Text, short_text, false},
    {"product_batch", "product.batch", FieldKind::Text, 64, false},
    {"product_production_date", "product.production_date", FieldKind::Date, 32, false},
    {"product_used_at", "product.used_at", FieldKind::Text, 64, false},
    {"product_symptoms", "product.symptoms", FieldKind::MultiLine, long_text, false},
    {"product_previous_brand", "product.previous_brand", FieldKind::Text, short_text, false},
    {"category", "category", FieldKind::Category, 64, false},
    {"cause", "cause", FieldKind::MultiLine, long_text, true},
    {"request", "request", FieldKind::MultiLine, long_text, false},
    {"loss_amount", "loss.amount_minor", FieldKind::Amount, 20, false},
    {"loss_currency", "loss.currency", FieldKind::Currency, 3, false},
};

const std::vector<std::string_view> category_names{"quality", "delivery", "service",
                                                   "billing", "safety",   "other"};

// Hidden fields: small, and checked where they are used (the token's shape in
// form_token, the language by parse_lang, the honeypot by the plugin).
constexpr std::size_t hidden_limit = 128;

bool is_hidden(std::string_view name) {
    return name == honeypot_field || name == token_field || name == lang_field;
}

// Files a problem unless the field already has one: the first problem found
// is the one the customer sees.
void note(FieldErrors& errors, std::string_view field, FieldProblem problem) {
    errors.try_emplace(std::string(field), std::move(problem));
}

void accept(ParsedForm& out, const std::string& name, std::string value) {
    if (!find_field(name) && !is_hidden(name)) {
        note(out.errors, name, {FieldProblem::Kind::Unknown});
        return;
    }
    if (out.values.count(name)) {
        note(out.errors, name, {FieldProblem::Kind::Repeated});
        return;
    }
    out.values.emplace(name, Poco::trim(value));
}

bool shaped_email(const std::string& s) {
    // Deliberately loose (RFC 5322 allows far more than any regex should
    // judge): one @, no spaces or angle brackets, a dot in the domain.
    static const std::regex re(R"(^[^@\s<>",;]+@[^@\s<>",;.]+(\.[^@\s<>",;.]+)+$)");
    return std::regex_match(s, re);
}

bool shaped_phone(const std::string& s) {
    static const std::regex re(R"(^\+?[0-9 ()\-./]+$)");
    auto digits = std::count_if(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    return std::regex_match(s, re) && digits >= 5 && digits <= 20;
}

bool calendar_date(const std::string& s) {
    static const std::regex re(R"(^(\d{4})-(\d{2})-(\d{2})$)");
    std::smatch m;
    if (!std::regex_match(s, m, re))
        return false;
    std::chrono::year_month_day d{std::chrono::year(std::stoi(m[1])),
                                  std::chrono::month(static_cast<unsigned>(std::stoi(m[2]))),
                                  std::chrono::day(static_cast<unsigned>(std::stoi(m[3])))};
    return d.ok();
}

bool iso4217(std::string_view s) {
    return s.size() == 3 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string value_of(const FormValues& values, std::string_view name) {
    auto it = values.find(name);
    return it == values.end() ? std::string() : it->second;
}

} // namespace

const std::vector<FieldSpec>& form_fields() {
    return fields;
}

const FieldSpec* find_field(std::string_view name) {
    for (const FieldSpec& f : fields)
        if (f.name == name)
            return &f;
    return nullptr;
}

const std::vector<std::string_view>& categories() {
    return category_names;
}

bool valid_utf8(std::string_view s) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
        int n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        if (end - p < n || !Poco::UTF8Encoding::isLegal(p, n))
            return false;
        p += n;
    }
    return true;
}

int minor_digits(std::string_view currency) noexcept {
    // ISO 4217 currencies without a minor unit that customers here may name.
    for (std::string_view c : {"JPY", "KRW", "VND", "CLP", "ISK", "UGX"})
        if (currency == c)
            return 0;
    return 2;
}

std::optional<std::int64_t> parse_amount_minor(std::string_view text, std::string_view currency) {
    static const std::regex re(R"(^(\d{1,13})(?:\.(\d{1,2}))?$)");
    std::string s(text);
    std::smatch m;
    if (!std::regex_match(s, m, re))
        return std::nullopt;
    int digits = minor_digits(currency);
    std::string fraction = m[2].str();
    if (static_cast<int>(fraction.size()) > digits)
        return std::nullopt;
    fraction.resize(static_cast<std::size_t>(digits), '0');
    std::int64_t major = std::stoll(m[1].str());
    std::int64_t scale = digits == 0 ? 1 : 100;
    constexpr std::int64_t max_minor = 1'000'000'000'000; // the host's ceiling
    if (major > max_minor / scale)
        return std::nullopt;
    std::int64_t minor = major * scale + (fraction.empty() ? 0 : std::stoll(fraction));
    if (minor > max_minor)
        return std::nullopt;
    return minor;
}

ParsedForm parse_urlencoded(std::string_view body) {
    Poco::Net::HTMLForm form;
    // The plugin's max_body bounds the whole body; these bound what HTMLForm
    // keeps, so a hostile body cannot make it allocate more than that.
    form.setFieldLimit(static_cast<int>(fields.size() + 3) * 2);
    form.setValueLengthLimit(static_cast<int>(std::max<std::size_t>(body.size(), 1)));
    std::istringstream in{std::string(body)};
    try {
        form.read(in);
    } catch (const Poco::Exception& e) {
        throw MalformedBody("the form body is not valid application/x-www-form-urlencoded: " +
                            e.message());
    }
    ParsedForm out;
    for (const auto& [name, value] : form)
        accept(out, name, value);
    return out;
}

ParsedForm parse_json(std::string_view body) {
    Poco::Dynamic::Var parsed;
    try {
        Poco::JSON::Parser parser;
        parsed = parser.parse(std::string(body));
    } catch (const Poco::Exception& e) {
        throw MalformedBody("the request body is not valid JSON: " + e.message());
    }
    if (parsed.type() != typeid(Poco::JSON::Object::Ptr))
        throw MalformedBody("the request body must be a JSON object of form fields, such as "
                            "{\"cause\": \"…\", \"customer_phone\": \"…\"}");
    auto object = parsed.extract<Poco::JSON::Object::Ptr>();
    ParsedForm out;
    for (const auto& [name, value] : *object) {
        if (value.isEmpty()) // null: as if absent
            continue;
        if (value.isString()) {
            accept(out, name, value.extract<std::string>());
        } else if (name == "loss_amount" && value.isNumeric()) {
            accept(out, name, value.toString());
        } else if (!find_field(name) && !is_hidden(name)) {
            note(out.errors, name, {FieldProblem::Kind::Unknown});
        } else {
            note(out.errors, name, {FieldProblem::Kind::NotText});
        }
    }
    return out;
}

FieldErrors validate(const FormValues& values, std::string_view currency_default) {
    FieldErrors errors;
    for (const auto& [name, value] : values) {
        if (!valid_utf8(value)) {
            note(errors, name, {FieldProblem::Kind::NotUtf8});
            continue;
        }
        if (is_hidden(name) && value.size() > hidden_limit)
            note(errors, name, {FieldProblem::Kind::TooLong, hidden_limit, value.size()});
    }
    for (const FieldSpec& f : fields) {
        std::string value = value_of(values, f.name);
        if (errors.count(f.name))
            continue;
        if (value.empty()) {
            if (f.required)
                note(errors, f.name, {FieldProblem::Kind::Required});
            continue;
        }
        if (value.size() > f.max_bytes) {
            note(errors, f.name, {FieldProblem::Kind::TooLong, f.max_bytes, value.size()});
            continue;
        }
        switch (f.kind) {
        case FieldKind::Email:
            if (!shaped_email(value))
                note(errors, f.name, {FieldProblem::Kind::BadEmail});
            break;
        case FieldKind::Phone:
            if (!shaped_phone(value))
                note(errors, f.name, {FieldProblem::Kind::BadPhone});
            break;
        case FieldKind::Date:
            if (!calendar_date(value))
                note(errors, f.name, {FieldProblem::Kind::BadDate});
            break;
        case FieldKind::Category:
            if (std::find(category_names.begin(), category_names.end(), value) ==
                category_names.end())
                note(errors, f.name, {FieldProblem::Kind::BadCategory});
            break;
        case FieldKind::Currency:
            if (!iso4217(value))
                note(errors, f.name, {FieldProblem::Kind::BadCurrency});
            break;
        case FieldKind::Amount: {
            std::string currency = value_of(values, "loss_currency");
            if (currency.empty())
                currency = currency_default;
            if (!parse_amount_minor(value, currency))
                note(errors, f.name,
                     {FieldProblem::Kind::BadAmount,
                      static_cast<std::size_t>(minor_digits(currency))});
            break;
        }
        case FieldKind::Text:
        case FieldKind::MultiLine:
            break;
        }
    }
    // The host needs a name and a way back to the customer; say so at the
    // field the customer would fill in, unless that field already has a problem.
    if (value_of(values, "customer_contact").empty() &&
        value_of(values, "customer_company").empty())
        note(errors, "customer_contact", {FieldProblem::Kind::NoName});
    if (value_of(values, "customer_phone").empty() && value_of(values, "customer_email").empty() &&
        value_of(values, "customer_address").empty())
        note(errors, "customer_phone", {FieldProblem::Kind::NoContact});
    return errors;
}

} // namespace redress::web
