// Writing the plugin's responses: HTML pages with the headers a public form
// needs, and JSON bodies for JSON clients.
#pragma once

#include "form_fields.hpp"
#include "language.hpp"

#include <Poco/JSON/Object.h>
#include <redress/http.hpp>
#include <string>
#include <string_view>

namespace redress::web {

//! Sends an HTML page. Every page is no-store (a cached form would hand two
//! people the same one-time token) and carries a strict Content-Security-Policy
//! (no scripts at all; styles inline; forms post only to this origin).
void send_html(HttpResponse& response, int status, const std::string& html);

//! Sends a JSON object with status.
void send_json(HttpResponse& response, int status, const Poco::JSON::Object::Ptr& body);

//! {"error":{"code":code,"message":message}}.
Poco::JSON::Object::Ptr json_error(std::string_view code, std::string_view message);

//! {"error":{"code":"invalid","message":…,"fields":{name: sentence}}}, the
//! sentences in lang.
Poco::JSON::Object::Ptr json_field_errors(const FieldErrors& errors, Lang lang);

} // namespace redress::web
