// The body of POST /complaints, read as create_complaint reads it
// (core/src/api/api_routes.cpp): parse_object, then complaint_from_json; a
// valid form is then written back as the API's complaint JSON.
//
// Expected: HttpError 400 (not UTF-8, not JSON, not an object) or 422 (a field
// is missing or wrong). Anything else is a finding, and so is a registration
// form the route would accept while breaking its own promises: text that is
// not UTF-8 or holds NUL, a field over its limit, a channel that is not a name.
#include "fuzz_support.hpp"

#include <Poco/JSON/Object.h>
#include <cstddef>
#include <cstdint>
#include <redress/core/api/complaint_json.hpp>
#include <redress/core/api/json_input.hpp>
#include <sstream>
#include <string>

namespace {

using redress::core::Complaint;
using namespace redress::core::api;

constexpr const char* target = "json_intake_fuzz";

[[noreturn]] void finding(const std::string& what) {
    redress::fuzz::finding(target, what);
}

void check_text(const std::string& field, const std::string& value, std::size_t limit) {
    if (value.size() > limit)
        finding(field + " is " + std::to_string(value.size()) + " bytes, over its limit of " +
                std::to_string(limit));
    if (!valid_utf8(value))
        finding(field + " was accepted but is not valid UTF-8");
    if (value.find('\0') != std::string::npos)
        finding(field + " was accepted with a NUL character");
}

// The limits complaint_from_json states for each field.
void check_form(const Complaint& c) {
    check_text("department", c.department, 32);
    check_text("channel", c.channel, 32);
    check_text("category", c.category, 64);
    check_text("cause", c.cause, 4000);
    check_text("request", c.request, 4000);
    check_text("owner", c.owner, 100);
    check_text("customer.company", c.customer.company, 200);
    check_text("customer.contact", c.customer.contact, 200);
    check_text("customer.address", c.customer.address, 500);
    check_text("customer.phone", c.customer.phone, 50);
    check_text("customer.email", c.customer.email, 254);
    check_text("product.name", c.product.name, 200);
    check_text("product.spec", c.product.spec, 200);
    check_text("product.production_date", c.product.production_date, 32);
    check_text("product.batch", c.product.batch, 64);
    check_text("product.used_at", c.product.used_at, 64);
    check_text("product.symptoms", c.product.symptoms, 4000);
    check_text("product.previous_brand", c.product.previous_brand, 200);
    if (c.cause.find_first_not_of(" \t\r\n\f\v") == std::string::npos)
        finding("a blank cause was accepted");
    if (c.loss && (c.loss->amount_minor < 0 || c.loss->currency.size() != 3))
        finding("loss accepted out of range: " + std::to_string(c.loss->amount_minor) + " " +
                c.loss->currency);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string body(reinterpret_cast<const char*>(data), size);
    try {
        JsonReader reader(parse_object(body));
        Complaint draft = complaint_from_json(reader);
        check_form(draft);
        redress::fuzz::note(target, "accepted: " + draft.department + "/" + draft.channel);
        std::ostringstream out;
        complaint_json(draft)->stringify(out);
    } catch (const redress::core::http::HttpError& e) {
        redress::fuzz::note(target, std::to_string(e.status()) + " " + e.code() + ": " + e.what());
        if (e.status() != Poco::Net::HTTPResponse::HTTP_BAD_REQUEST &&
            e.status() != Poco::Net::HTTPResponse::HTTP_UNPROCESSABLE_ENTITY)
            finding("unexpected status " + std::to_string(e.status()) + ": " + e.what());
        if (e.code().empty())
            finding(std::string("an error without a code: ") + e.what());
    }
    return 0;
}
