#include "http_reply.hpp"

#include <regex>
#include <sstream>

namespace redress::intake {

Caller require_caller(const HttpRequest& request) {
    auto caller = request.caller();
    if (!caller)
        throw RequestError(401, "unauthorized",
                           "an API token is required (Authorization: Bearer <token>)");
    return *caller;
}

RequestError from_host_error(const Error& error, const Scope& scope) {
    std::string message = error.what();
    switch (error.status()) {
    case REDRESS_E_INVALID:
    case REDRESS_E_TYPE: {
        // The host's form errors read "<field>: <what>"; keep the field.
        static const std::regex field_first(R"(^([a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*): )");
        std::smatch m;
        std::string field;
        if (std::regex_search(message, m, field_first))
            field = m[1];
        return RequestError(422, "invalid", message, field);
    }
    case REDRESS_E_REFUSED: {
        std::string where;
        if (!scope.department.empty())
            where += "department '" + scope.department + "'";
        if (!scope.channel.empty())
            where += (where.empty() ? "" : ", ") + std::string("channel '") + scope.channel + "'";
        return RequestError(403, "refused",
                            where.empty() ? message : "refused (" + where + "): " + message);
    }
    case REDRESS_E_NOT_FOUND:
        return RequestError(404, "not_found", message);
    case REDRESS_E_UNAVAILABLE:
        return RequestError(503, "unavailable", message);
    case REDRESS_E_UNSUPPORTED:
        return RequestError(501, "unsupported", message);
    default:
        return RequestError(500, "internal", message);
    }
}

void reply_json(HttpResponse& response, int status, const Poco::JSON::Object::Ptr& body) {
    std::ostringstream out;
    body->stringify(out);
    response.status(status).content_type("application/json; charset=utf-8").body(out.str());
}

void reply_error(HttpResponse& response, const RequestError& e) {
    Poco::JSON::Object::Ptr error = new Poco::JSON::Object;
    error->set("code", e.code());
    error->set("message", std::string(e.what()));
    if (!e.field().empty())
        error->set("field", e.field());
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("error", error);
    if (e.http_status() == 401)
        response.header("WWW-Authenticate", "Bearer");
    reply_json(response, e.http_status(), body);
}

RequestError method_not_allowed(std::string_view method, std::string_view path,
                                const std::string& allowed) {
    return RequestError(405, "method_not_allowed",
                        std::string(method) + " is not allowed on " + std::string(path) +
                            " (allowed: " + allowed + ")");
}

} // namespace redress::intake
