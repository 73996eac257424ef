// The browser console (apps/console) served at /console/. Its files are
// compiled into the binary at build time (cmake/embed_assets.cmake): only the
// files of that table can ever be served, and there is no file-system access
// at run time, so no request path can name anything else.
//
// Routes (all without authentication; the console signs in from the browser
// with an API token, and the data routes keep their own checks):
//   GET /console          301 to /console/
//   GET /console/         index.html
//   GET /console/<path>   the embedded file <path> (relative to apps/console)
//   GET /                 302 to /console/, only if "/" was not routed before
// HEAD is answered like GET without the body. A path that names no embedded
// file is 404 and another method on an embedded file is 405 with Allow, both
// in the API's error shape ({"error": {"code": "not_found" | "method_not_allowed", …}}).
// A path is matched segment by segment, each percent-decoded once: "%2F" is
// data, not a separator, and empty, "." and ".." segments name nothing (so
// "/console//x" is 404); a malformed escape ("%zz") is 400 "bad_uri".
//
// Every response under /console (errors and redirects included) carries a
// strict Content-Security-Policy (same origin only; blob: frames and images
// for previews), X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer
// and Cache-Control: no-cache. A file's answer carries its ETag (the quoted
// SHA-256 of its bytes); If-None-Match naming it (or "*") gives 304, no body.
#pragma once

#include <redress/core/http/router.hpp>
#include <span>
#include <string_view>

namespace redress::core::http {

//! One embedded file. The data is static: it lives as long as the program.
struct ConsoleAsset {
    std::string_view path;         //!< relative to apps/console, '/'-separated: "js/app.js"
    std::string_view content_type; //!< e.g. "text/javascript; charset=utf-8"
    std::string_view etag;         //!< a strong validator, quotes included: "\"<sha-256 hex>\""
    std::span<const unsigned char> bytes;
};

//! Every embedded file, sorted by path (generated at build time).
std::span<const ConsoleAsset> console_assets();

//! Adds the routes above. Call after the API's own routes (so that "/" is left
//! alone if one of them took it) and before plugin prefixes (so that a plugin
//! asking for /console is refused by add_prefix rather than shadowed).
//! Throws std::invalid_argument if /console is already taken.
void add_console_routes(Router& router);

} // namespace redress::core::http
