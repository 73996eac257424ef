// One HTTP exchange as route handlers see it: the request, its path
// parameters, a size-limited body, and JSON replies. Errors are JSON of the
// form {"error": {"code", "message", "field"}} with a stable code.
#pragma once

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPResponse.h>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace Poco::Net {
class HTTPServerRequest;
class HTTPServerResponse;
} // namespace Poco::Net

namespace redress::core::http {

//! Thrown by handlers to answer with a JSON error; the server catches it.
class HttpError : public std::runtime_error {
public:
    HttpError(Poco::Net::HTTPResponse::HTTPStatus status, std::string code,
              const std::string& message, std::string field = {})
        : std::runtime_error(message)
        , status_(status)
        , code_(std::move(code))
        , field_(std::move(field)) {}
    Poco::Net::HTTPResponse::HTTPStatus status() const noexcept { return status_; }
    const std::string& code() const noexcept { return code_; }
    const std::string& field() const noexcept { return field_; }

private:
    Poco::Net::HTTPResponse::HTTPStatus status_;
    std::string code_;
    std::string field_;
};

class HttpContext {
public:
    HttpContext(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                std::int64_t max_body_bytes)
        : request_(request)
        , response_(response)
        , max_body_bytes_(max_body_bytes) {}

    Poco::Net::HTTPServerRequest& request() noexcept { return request_; }
    Poco::Net::HTTPServerResponse& response() noexcept { return response_; }

    //! A path parameter captured by the route ("{id}"), already URL-decoded.
    const std::string& param(const std::string& name) const;
    std::map<std::string, std::string>& params() noexcept { return params_; }

    //! The request body; throws HttpError 413 beyond the server's limit.
    const std::string& body();

    void send_json(Poco::Net::HTTPResponse::HTTPStatus status, const Poco::JSON::Object& body);
    void send_text(Poco::Net::HTTPResponse::HTTPStatus status, std::string_view content_type,
                   std::string_view body);
    void send_error(Poco::Net::HTTPResponse::HTTPStatus status, std::string_view code,
                    std::string_view message, std::string_view field = {});
    bool sent() const noexcept { return sent_; }

private:
    Poco::Net::HTTPServerRequest& request_;
    Poco::Net::HTTPServerResponse& response_;
    std::int64_t max_body_bytes_;
    std::map<std::string, std::string> params_;
    std::string body_;
    bool body_read_ = false;
    bool sent_ = false;
};

} // namespace redress::core::http
