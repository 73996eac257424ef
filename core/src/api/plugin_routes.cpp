// Routes the URL prefixes of intake plugins to their handle_http: the request
// becomes a record (see redress_intake_api.handle_http), the caller's token is
// checked first — an invalid one never reaches the plugin — and the plugin's
// response record becomes the HTTP response.
#include "route_support.hpp"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/String.h>
#include <Poco/URI.h>
#include <redress/core/api/api_routes.hpp>

namespace redress::core::api {
namespace {

HTTPResponse::HTTPStatus status_of(redress_status s) {
    switch (s) {
    case REDRESS_E_INVALID:
    case REDRESS_E_TYPE:
        return HTTPResponse::HTTP_BAD_REQUEST;
    case REDRESS_E_NOT_FOUND:
        return HTTPResponse::HTTP_NOT_FOUND;
    case REDRESS_E_REFUSED:
        return HTTPResponse::HTTP_FORBIDDEN;
    case REDRESS_E_UNAVAILABLE:
        return HTTPResponse::HTTP_SERVICE_UNAVAILABLE;
    default:
        return HTTPResponse::HTTP_INTERNAL_SERVER_ERROR;
    }
}

Record request_record(HttpContext& ctx, ApiContext& api, const std::string& prefix) {
    Record r;
    auto& req = ctx.request();
    r.set("method", req.getMethod());
    r.set("prefix", prefix);
    r.set("path", ctx.param("*rest"));
    try {
        for (const auto& [name, value] : Poco::URI(req.getURI()).getQueryParameters())
            r.set("query." + name, value);
    } catch (const Poco::Exception& e) {
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "bad_request",
                        "malformed query string: " + e.displayText());
    }
    for (const auto& [name, value] : req)
        r.set("header." + Poco::toLower(name), value);
    r.set("client_address", req.clientAddress().host().toString());
    r.set("body", ctx.body());
    if (req.has("Authorization")) {
        Actor a = require_actor(ctx, api.store);
        r.set("auth.name", a.name);
        r.set("auth.role", std::string(to_string(a.role)));
        for (const auto& d : a.departments)
            r.append("auth.departments", d);
    }
    return r;
}

// Headers a plugin may not set: the server frames the response itself.
bool reserved_header(const std::string& name) {
    static const char* const reserved[] = {"content-length", "transfer-encoding", "connection",
                                           "content-type", "keep-alive"};
    for (const char* r : reserved)
        if (Poco::icompare(name, r) == 0)
            return true;
    return false;
}

void serve(ApiContext& api, HttpContext& ctx, PluginInstance& plugin, const std::string& prefix) {
    Record response;
    try {
        response = plugin.handle_http(request_record(ctx, api, prefix));
    } catch (const PluginCallError& e) {
        throw HttpError(status_of(e.status()), "plugin_error",
                        plugin.name() + ": " + e.plugin_message());
    }
    int status = static_cast<int>(response.integer("status").value_or(200));
    if (status < 100 || status > 599)
        throw HttpError(HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "plugin_error",
                        plugin.name() + " answered with HTTP status " + std::to_string(status));
    for (const auto& f : response.fields()) {
        if (f.name.rfind("header.", 0) != 0 || f.values.empty())
            continue;
        std::string name = f.name.substr(7);
        if (const auto* v = std::get_if<std::string>(&f.values.front());
            v && !reserved_header(name))
            ctx.response().set(name, *v);
    }
    ctx.send_text(static_cast<HTTPResponse::HTTPStatus>(status),
                  response.string("content_type").value_or("text/plain; charset=utf-8"),
                  response.string("body").value_or(""));
}

} // namespace

void add_plugin_routes(http::Router& router, ApiContext& api, PluginHost& plugins) {
    for (const auto& instance : plugins.instances()) {
        if (!(instance->library().families() & REDRESS_FAMILY_INTAKE))
            continue;
        for (const auto& prefix : instance->library().http_prefixes()) {
            std::shared_ptr<PluginInstance> plugin = instance;
            router.add_prefix(prefix, guarded([&api, plugin, prefix](HttpContext& ctx) {
                                  serve(api, ctx, *plugin, prefix);
                              }),
                              prefix + "/* (" + instance->name() + ")");
        }
    }
}

} // namespace redress::core::api
