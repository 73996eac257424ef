#include "replies.hpp"

#include "messages.hpp"

#include <sstream>

namespace redress::web {

void send_html(HttpResponse& response, int status, const std::string& html) {
    response.status(status)
        .content_type("text/html; charset=utf-8")
        .header("Cache-Control", "no-store")
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                "frame-ancestors 'none'; base-uri 'none'")
        .body(html);
}

void send_json(HttpResponse& response, int status, const Poco::JSON::Object::Ptr& body) {
    std::ostringstream out;
    body->stringify(out);
    response.status(status)
        .content_type("application/json; charset=utf-8")
        .header("Cache-Control", "no-store")
        .body(out.str());
}

Poco::JSON::Object::Ptr json_error(std::string_view code, std::string_view message) {
    Poco::JSON::Object::Ptr error = new Poco::JSON::Object;
    error->set("code", std::string(code));
    error->set("message", std::string(message));
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("error", error);
    return body;
}

Poco::JSON::Object::Ptr json_field_errors(const FieldErrors& errors, Lang lang) {
    Poco::JSON::Object::Ptr fields = new Poco::JSON::Object;
    for (const auto& [name, problem] : errors)
        fields->set(name, describe(problem, lang));
    auto body = json_error("invalid", text(Msg::FixBelow, lang));
    body->getObject("error")->set("fields", fields);
    return body;
}

} // namespace redress::web
