#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <redress/core/http/http_context.hpp>
#include <sstream>

namespace redress::core::http {

using Poco::Net::HTTPResponse;

const std::string& HttpContext::param(const std::string& name) const {
    static const std::string empty;
    auto it = params_.find(name);
    return it == params_.end() ? empty : it->second;
}

namespace {

// How much of an oversize body is read and thrown away before answering 413.
// Closing a connection with unread data makes the kernel send a reset, which
// can destroy the 413 before the client reads it; draining a bounded amount
// first lets ordinary clients see the error. Beyond this, we close at once.
std::int64_t drain_limit(std::int64_t max_body) {
    return 4 * max_body + (1 << 20);
}

void drain(std::istream& in, std::int64_t limit) {
    char buffer[8192];
    while (limit > 0 && in.read(buffer, sizeof buffer))
        limit -= in.gcount();
}

} // namespace

const std::string& HttpContext::body() {
    if (body_read_)
        return body_;
    body_read_ = true;
    std::istream& in = request_.stream();
    if (request_.hasContentLength() && request_.getContentLength64() > max_body_bytes_) {
        if (request_.getContentLength64() <= drain_limit(max_body_bytes_))
            drain(in, request_.getContentLength64());
        throw HttpError(HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, "body_too_large",
                        "request body is " + std::to_string(request_.getContentLength64()) +
                            " bytes; the limit is " + std::to_string(max_body_bytes_));
    }
    char buffer[8192];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        body_.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (static_cast<std::int64_t>(body_.size()) > max_body_bytes_) {
            drain(in, drain_limit(max_body_bytes_));
            body_.clear();
            throw HttpError(HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, "body_too_large",
                            "request body exceeds the limit of " + std::to_string(max_body_bytes_) +
                                " bytes");
        }
    }
    return body_;
}

void HttpContext::send_text(HTTPResponse::HTTPStatus status, std::string_view content_type,
                            std::string_view body) {
    sent_ = true;
    response_.setStatusAndReason(status);
    response_.setContentType(std::string(content_type));
    response_.setContentLength64(static_cast<Poco::Int64>(body.size()));
    response_.send().write(body.data(), static_cast<std::streamsize>(body.size()));
}

void HttpContext::send_json(HTTPResponse::HTTPStatus status, const Poco::JSON::Object& body) {
    std::ostringstream out;
    body.stringify(out);
    send_text(status, "application/json; charset=utf-8", out.str());
}

void HttpContext::send_error(HTTPResponse::HTTPStatus status, std::string_view code,
                             std::string_view message, std::string_view field) {
    Poco::JSON::Object::Ptr error = new Poco::JSON::Object;
    error->set("code", std::string(code));
    error->set("message", std::string(message));
    if (!field.empty())
        error->set("field", std::string(field));
    Poco::JSON::Object body;
    body.set("error", error);
    send_json(status, body);
}

} // namespace redress::core::http
