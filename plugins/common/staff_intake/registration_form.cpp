#include "registration_form.hpp"

#include <array>
#include <regex>

namespace redress::intake {
namespace {

// The REST API's limits, so that a form the API takes is taken here too.
constexpr std::size_t text_limit = 4000;
constexpr std::size_t short_limit = 200;

std::string text(JsonReader& r, const std::string& field, std::size_t limit = short_limit) {
    return r.string(field, false, limit).value_or("");
}

template <std::size_t N>
void one_of(const JsonReader& r, const std::string& field, const std::string& value,
            const std::array<const char*, N>& allowed) {
    if (value.empty())
        return;
    std::string list;
    for (const char* a : allowed) {
        if (value == a)
            return;
        list += (list.empty() ? "" : ", ") + std::string(a);
    }
    throw invalid_field(r.path_of(field), "must be one of " + list + " (got \"" + value + "\")");
}

} // namespace

RegistrationForm read_registration_form(JsonReader& body) {
    if (body.has("recorder"))
        throw RequestError(422, "invalid_field",
                           "recorder is the signed-in user (the API token's name); leave it out",
                           "recorder");
    body.skip("recorder"); // null is harmless: nothing is claimed
    RegistrationForm f;
    f.department = *body.string("department", true, 32);
    f.category = text(body, "category", 64);
    f.severity = text(body, "severity", 16);
    one_of(body, "severity", f.severity,
           std::array<const char*, 4>{"low", "medium", "high", "critical"});
    f.cause = *body.string("cause", true, text_limit);
    f.request = text(body, "request", text_limit);
    f.owner = text(body, "owner", 100);
    auto c = body.object("customer", true);
    f.customer.company = text(*c, "company");
    f.customer.contact = text(*c, "contact");
    f.customer.address = text(*c, "address", 500);
    f.customer.phone = text(*c, "phone", 50);
    f.customer.email = text(*c, "email", 254);
    f.customer.type = text(*c, "type", 16);
    one_of(*c, "type", f.customer.type,
           std::array<const char*, 4>{"demanding", "confused", "agitated", "unknown"});
    c->finish();
    if (auto p = body.object("product", false)) {
        ProductForm product;
        product.name = text(*p, "name");
        product.spec = text(*p, "spec");
        product.production_date = text(*p, "production_date", 32);
        product.batch = text(*p, "batch", 64);
        product.used_at = text(*p, "used_at", 64);
        product.symptoms = text(*p, "symptoms", text_limit);
        product.previous_brand = text(*p, "previous_brand");
        p->finish();
        f.product = std::move(product);
    }
    if (auto l = body.object("loss", false)) {
        LossForm loss;
        loss.amount_minor = *l->integer("amount_minor", true, 0, 1'000'000'000'000);
        loss.currency = *l->string("currency", true, 3);
        static const std::regex iso4217("^[A-Z]{3}$");
        if (!std::regex_match(loss.currency, iso4217))
            throw invalid_field(l->path_of("currency"), "must be an ISO 4217 code such as \"CNY\"");
        l->finish();
        f.loss = std::move(loss);
    }
    return f;
}

} // namespace redress::intake
