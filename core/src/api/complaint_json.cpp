#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Timestamp.h>
#include <redress/core/api/complaint_json.hpp>
#include <redress/core/lifecycle/lifecycle.hpp>
#include <redress/core/store/store.hpp>
#include <regex>

namespace redress::core::api {
namespace {

Poco::JSON::Object::Ptr money(const Money& m) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("amount_minor", m.amount_minor);
    o->set("currency", m.currency);
    return o;
}

void set_optional_time(Poco::JSON::Object& o, const std::string& key,
                       const std::optional<std::int64_t>& t) {
    if (t)
        o.set(key, iso_time(*t));
    else
        o.set(key, Poco::Dynamic::Var());
}

// Free-text fields of the registration form share one limit.
constexpr std::size_t text_limit = 4000;
constexpr std::size_t short_limit = 200;

std::string text(JsonReader& r, const std::string& field, bool required = false,
                 std::size_t limit = short_limit) {
    return r.string(field, required, limit).value_or("");
}

} // namespace

std::string iso_time(std::int64_t ms) {
    Poco::Timestamp t(static_cast<Poco::Timestamp::TimeVal>(ms) * 1000);
    return Poco::DateTimeFormatter::format(t, "%Y-%m-%dT%H:%M:%S.%iZ");
}

std::optional<std::int64_t> parse_iso_time(const std::string& s) {
    static const std::regex shape(
        R"(^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$)");
    if (s.size() > 40 || !std::regex_match(s, shape))
        return std::nullopt;
    try {
        int tz = 0;
        Poco::DateTime dt;
        std::string text = s.size() == 10 ? s + "T00:00:00Z" : s;
        if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, text, dt,
                                            tz) &&
            !Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FORMAT, text, dt, tz))
            return std::nullopt;
        dt.makeUTC(tz);
        return dt.timestamp().epochMicroseconds() / 1000;
    } catch (const Poco::Exception&) {
        return std::nullopt;
    }
}

Poco::JSON::Object::Ptr complaint_json(const Complaint& c) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", c.tracking_number);
    o->set("status", std::string(to_string(c.status)));
    o->set("department", c.department);
    o->set("channel", c.channel);
    o->set("category", c.category);
    o->set("severity", std::string(to_string(c.severity)));
    Poco::JSON::Object::Ptr customer = new Poco::JSON::Object;
    customer->set("company", c.customer.company);
    customer->set("contact", c.customer.contact);
    customer->set("address", c.customer.address);
    customer->set("phone", c.customer.phone);
    customer->set("email", c.customer.email);
    customer->set("type", std::string(to_string(c.customer.type)));
    o->set("customer", customer);
    o->set("cause", c.cause);
    o->set("request", c.request);
    Poco::JSON::Object::Ptr product = new Poco::JSON::Object;
    product->set("name", c.product.name);
    product->set("spec", c.product.spec);
    product->set("production_date", c.product.production_date);
    product->set("batch", c.product.batch);
    product->set("used_at", c.product.used_at);
    product->set("symptoms", c.product.symptoms);
    product->set("previous_brand", c.product.previous_brand);
    o->set("product", product);
    if (c.loss)
        o->set("loss", money(*c.loss));
    else
        o->set("loss", Poco::Dynamic::Var());
    o->set("received_at", iso_time(c.received_at_ms));
    o->set("recorder", c.recorder);
    o->set("owner", c.owner);
    Poco::JSON::Object::Ptr sla = new Poco::JSON::Object;
    sla->set("first_response_due", iso_time(c.first_response_due_ms));
    sla->set("resolution_due", iso_time(c.resolution_due_ms));
    set_optional_time(*sla, "first_responded_at", c.first_responded_at_ms);
    set_optional_time(*sla, "resolved_at", c.resolved_at_ms);
    // What GET /complaints?sort=due orders by, so clients need not re-derive it.
    set_optional_time(*sla, "next_due", next_due_ms(c));
    sla->set("first_response_breached", c.first_response_breached);
    sla->set("resolution_breached", c.resolution_breached);
    if (c.same_day_reply)
        sla->set("same_day_reply", *c.same_day_reply);
    else
        sla->set("same_day_reply", Poco::Dynamic::Var());
    o->set("sla", sla);
    if (c.proposed) {
        Poco::JSON::Object::Ptr p = money(*c.proposed);
        p->set("required_level",
               std::string(to_string(c.required_level.value_or(Role::Executive))));
        o->set("proposal", p);
    } else {
        o->set("proposal", Poco::Dynamic::Var());
    }
    if (c.satisfaction)
        o->set("satisfaction", *c.satisfaction);
    else
        o->set("satisfaction", Poco::Dynamic::Var());
    if (c.catalog) {
        Poco::JSON::Object::Ptr cat = new Poco::JSON::Object;
        cat->set("verdict", c.catalog->verdict);
        cat->set("entry", c.catalog->entry);
        cat->set("version", c.catalog->version);
        o->set("catalog", cat);
    } else {
        o->set("catalog", Poco::Dynamic::Var());
    }
    set_optional_time(*o, "closed_at", c.closed_at_ms);
    Poco::JSON::Array::Ptr actions = new Poco::JSON::Array;
    for (const auto& a : Lifecycle::allowed_actions(c.status))
        actions->add(a);
    o->set("allowed_actions", actions);
    o->set("created_at", iso_time(c.created_at_ms));
    o->set("updated_at", iso_time(c.updated_at_ms));
    o->set("version", c.version);
    return o;
}

Poco::JSON::Object::Ptr event_json(const Event& e) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", e.id);
    o->set("at", iso_time(e.at_ms));
    o->set("actor", e.actor);
    o->set("type", e.type);
    if (!e.from_status.empty())
        o->set("from", e.from_status);
    if (!e.to_status.empty())
        o->set("to", e.to_status);
    if (!e.reason.empty())
        o->set("reason", e.reason);
    try {
        o->set("data", Poco::JSON::Parser().parse(e.data_json));
    } catch (const Poco::Exception&) {
        o->set("data", e.data_json); // never fails a read over a stored detail
    }
    return o;
}

Complaint complaint_from_json(JsonReader& body) {
    Complaint c;
    c.department = *body.string("department", true, 32);
    c.channel = *body.string("channel", true, 32);
    static const std::regex channel_name("^[a-z0-9][a-z0-9_-]{0,31}$");
    if (!std::regex_match(c.channel, channel_name))
        throw http::HttpError(Poco::Net::HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, "invalid_field",
                              "channel must be a channel name such as \"phone\" or \"web\"",
                              "channel");
    c.category = text(body, "category", false, 64);
    if (auto s = body.string("severity", false, 16)) {
        auto sev = parse_severity(*s);
        if (!sev)
            throw http::HttpError(
                Poco::Net::HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, "invalid_field",
                "severity must be one of low, medium, high, critical", "severity");
        c.severity = *sev;
    }
    c.cause = text(body, "cause", true, text_limit);
    c.request = text(body, "request", false, text_limit);
    c.owner = text(body, "owner", false, 100);
    if (auto r = body.object("customer", true)) {
        c.customer.company = text(*r, "company");
        c.customer.contact = text(*r, "contact");
        c.customer.address = text(*r, "address", false, 500);
        c.customer.phone = text(*r, "phone", false, 50);
        c.customer.email = text(*r, "email", false, 254);
        if (auto t = r->string("type", false, 16)) {
            auto type = parse_customer_type(*t);
            if (!type)
                throw http::HttpError(
                    Poco::Net::HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, "invalid_field",
                    "customer.type must be one of demanding, confused, agitated, unknown",
                    "customer.type");
            c.customer.type = *type;
        }
        if (c.customer.company.empty() && c.customer.contact.empty())
            throw http::HttpError(
                Poco::Net::HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, "missing_field",
                "customer.company or customer.contact is required", "customer.contact");
        if (c.customer.phone.empty() && c.customer.email.empty() && c.customer.address.empty())
            throw http::HttpError(
                Poco::Net::HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, "missing_field",
                "a way to reach the customer is required: customer.phone, customer.email "
                "or customer.address",
                "customer.phone");
        r->finish();
    }
    if (auto r = body.object("product", false)) {
        c.product.name = text(*r, "name");
        c.product.spec = text(*r, "spec");
        c.product.production_date = text(*r, "production_date", false, 32);
        c.product.batch = text(*r, "batch", false, 64);
        c.product.used_at = text(*r, "used_at", false, 64);
        c.product.symptoms = text(*r, "symptoms", false, text_limit);
        c.product.previous_brand = text(*r, "previous_brand");
        r->finish();
    }
    if (auto r = body.object("loss", false)) {
        Money m;
        m.amount_minor = *r->integer("amount_minor", true, 0, 1'000'000'000'000);
        m.currency = *r->string("currency", true, 3);
        static const std::regex iso4217("^[A-Z]{3}$");
        if (!std::regex_match(m.currency, iso4217))
            throw http::HttpError(
                Poco::Net::HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, "invalid_field",
                "loss.currency must be an ISO 4217 code such as \"CNY\"", "loss.currency");
        r->finish();
        c.loss = m;
    }
    body.finish();
    return c;
}

std::string duration_text(const BusinessDuration& d) {
    std::string out;
    if (d.days)
        out += std::to_string(d.days) + "d";
    if (d.minutes / 60)
        out += std::to_string(d.minutes / 60) + "h";
    if (d.minutes % 60)
        out += std::to_string(d.minutes % 60) + "m";
    return out.empty() ? "0m" : out;
}

} // namespace redress::core::api
