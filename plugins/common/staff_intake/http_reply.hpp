// redress/intake/http_reply.hpp — JSON replies of the staff intake channels,
// and the one place where errors become HTTP statuses.
//
// Error replies have the REST API's shape:
//   {"error": {"code": "invalid_field", "message": "…", "field": "customer.phone"}}
// Host errors map so: REDRESS_E_INVALID and _TYPE → 422 with the host's
// message (and the field, when the message starts with "<field>: ");
// _REFUSED → 403 naming the department and channel; _NOT_FOUND → 404;
// _UNAVAILABLE → 503; _UNSUPPORTED → 501; anything else → 500.
#pragma once

#include "request_error.hpp"

#include <Poco/JSON/Object.h>
#include <redress/error.hpp>
#include <redress/http.hpp>
#include <string>

namespace redress::intake {

//! What a host call was about, for the messages of refusals.
struct Scope {
    std::string department; //!< "" when the call names no department
    std::string channel;    //!< "" when the call names no channel
};

//! The caller of an authenticated endpoint; RequestError 401 when the
//! request carried no API token.
Caller require_caller(const HttpRequest& request);

//! The request error a host error becomes (see above).
RequestError from_host_error(const Error& error, const Scope& scope = {});

//! Sends body as JSON with the given status.
void reply_json(HttpResponse& response, int status, const Poco::JSON::Object::Ptr& body);
//! Sends a JSON error reply (401 also gets WWW-Authenticate: Bearer).
void reply_error(HttpResponse& response, const RequestError& error);

//! A 405 naming the methods the path allows.
RequestError method_not_allowed(std::string_view method, std::string_view path,
                                const std::string& allowed);

//! Runs handler, turning RequestError into its reply and any other
//! exception into a 500 whose message names what failed; never throws.
//! A redress::Error reaching here did not come from a host service (those
//! are turned into RequestErrors where they are called, with their scope):
//! it is a record the host answered with that the plugin could not read.
template <class F>
void guarded_reply(HttpResponse& response, F&& handler) noexcept {
    try {
        try {
            handler();
        } catch (const RequestError& e) {
            reply_error(response, e);
        } catch (const std::exception& e) {
            reply_error(response, RequestError(500, "internal", e.what()));
        }
    } catch (...) {
        // The reply itself failed (the host could not take a field): the
        // adapter turns the status into a 500 of its own.
    }
}

} // namespace redress::intake
