#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>
#include <algorithm>
#include <map>
#include <optional>
#include <redress/core/http/console_routes.hpp>

namespace redress::core::http {
namespace {

using Poco::Net::HTTPRequest;
using Poco::Net::HTTPResponse;

const std::string prefix = "/console";

// The reports page shows the HTML report, fetched with the token, in a sandboxed
// blob: frame. Such a frame inherits this policy, and the report carries its own
// <style>, hence 'unsafe-inline' for styles only (the console builds its DOM
// without markup strings). Scripts come from redressd alone; nothing inline runs
// and nothing leaves the origin.
constexpr const char* content_security_policy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; frame-src blob:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

void set_console_headers(Poco::Net::HTTPServerResponse& response) {
    response.set("Content-Security-Policy", content_security_policy);
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Referrer-Policy", "no-referrer");
    // Revalidate every time (cheap with the ETag), so a new redressd never
    // runs with yesterday's scripts from the browser's cache.
    response.set("Cache-Control", "no-cache");
}

void redirect(HttpContext& ctx, HTTPResponse::HTTPStatus status, const std::string& location) {
    ctx.response().set("Location", location);
    ctx.send_text(status, "text/plain; charset=utf-8", "");
}

// The embedded path a request names, from the rest of its path after /console
// ("/js/app.js", still percent-encoded), or nullopt if it cannot name one.
// Decoded like the router does, one segment at a time, so "%2F" stays data.
std::optional<std::string> asset_path(std::string_view rest) {
    std::string path;
    std::size_t begin = 1; // rest starts with '/'
    for (;;) {
        std::size_t end = rest.find('/', begin);
        std::string segment(rest.substr(begin, end == std::string_view::npos ? end : end - begin));
        std::string decoded;
        try {
            Poco::URI::decode(segment, decoded);
        } catch (const Poco::Exception&) {
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "bad_uri",
                            "malformed percent-encoding in path segment \"" + segment + "\"");
        }
        if (decoded.empty() || decoded == "." || decoded == ".." ||
            decoded.find('/') != std::string::npos)
            return std::nullopt;
        path += (path.empty() ? "" : "/") + decoded;
        if (end == std::string_view::npos)
            return path;
        begin = end + 1;
    }
}

// Whether an If-None-Match value names etag: "*" or a list of entity tags,
// compared weakly (RFC 9110, 13.1.2). A malformed value matches nothing.
bool none_match(std::string_view header, std::string_view etag) {
    std::size_t i = 0;
    while (i < header.size()) {
        char c = header[i];
        if (c == ' ' || c == '\t' || c == ',') {
            ++i;
            continue;
        }
        if (c == '*')
            return true;
        if (header.substr(i, 2) == "W/")
            i += 2;
        if (i >= header.size() || header[i] != '"')
            return false;
        std::size_t close = header.find('"', i + 1);
        if (close == std::string_view::npos)
            return false;
        if (header.substr(i, close - i + 1) == etag)
            return true;
        i = close + 1;
    }
    return false;
}

void method_not_allowed(HttpContext& ctx, const std::string& path) {
    ctx.response().set("Allow", "GET, HEAD");
    throw HttpError(HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
                    ctx.request().getMethod() + " is not allowed on " + path +
                        " (allowed: GET, HEAD)");
}

void send_asset(HttpContext& ctx, const ConsoleAsset& asset) {
    auto& response = ctx.response();
    response.set("ETag", std::string(asset.etag));
    const auto& request = ctx.request();
    if (request.has("If-None-Match") && none_match(request.get("If-None-Match"), asset.etag)) {
        response.setStatusAndReason(HTTPResponse::HTTP_NOT_MODIFIED);
        response.send(); // Poco sends no body with a 304
        return;
    }
    if (request.getMethod() == HTTPRequest::HTTP_HEAD) {
        response.setStatusAndReason(HTTPResponse::HTTP_OK);
        response.setContentType(std::string(asset.content_type));
        response.setContentLength64(static_cast<Poco::Int64>(asset.bytes.size()));
        response.send(); // Poco sends no body in answer to HEAD
        return;
    }
    ctx.send_text(
        HTTPResponse::HTTP_OK, asset.content_type,
        std::string_view(reinterpret_cast<const char*>(asset.bytes.data()), asset.bytes.size()));
}

using AssetIndex = std::map<std::string_view, const ConsoleAsset*, std::less<>>;

void serve(HttpContext& ctx, const AssetIndex& assets) {
    set_console_headers(ctx.response());
    const std::string& method = ctx.request().getMethod();
    bool readable = method == HTTPRequest::HTTP_GET || method == HTTPRequest::HTTP_HEAD;
    const std::string& rest = ctx.param("*rest");
    if (rest == "/") {
        // The router gives "/" for both /console and /console/; only the
        // request target tells them apart.
        const std::string& uri = ctx.request().getURI();
        std::string_view target(uri.data(), std::min(uri.size(), uri.find_first_of("?#")));
        if (target.empty() || target.back() != '/') {
            if (!readable)
                method_not_allowed(ctx, prefix);
            redirect(ctx, HTTPResponse::HTTP_MOVED_PERMANENTLY, prefix + "/");
            return;
        }
    }
    auto path = rest == "/" ? std::optional<std::string>("index.html") : asset_path(rest);
    auto found = path ? assets.find(*path) : assets.end();
    if (found == assets.end())
        throw HttpError(HTTPResponse::HTTP_NOT_FOUND, "not_found",
                        "no such resource: " + prefix + rest);
    if (!readable)
        method_not_allowed(ctx, prefix + rest);
    send_asset(ctx, *found->second);
}

} // namespace

void add_console_routes(Router& router) {
    AssetIndex assets;
    for (const ConsoleAsset& asset : console_assets())
        assets.emplace(asset.path, &asset);
    router.add_prefix(
        prefix, [assets = std::move(assets)](HttpContext& ctx) { serve(ctx, assets); },
        prefix + "/*");
    if (router.match(HTTPRequest::HTTP_GET, "/").allowed.empty())
        for (const char* method : {"GET", "HEAD"})
            router.add(
                method, "/",
                [](HttpContext& ctx) {
                    set_console_headers(ctx.response());
                    redirect(ctx, HTTPResponse::HTTP_FOUND, prefix + "/");
                },
                "/");
}

} // namespace redress::core::http
