// redress/intake/request_error.hpp — the one error a staff-intake request
// handler throws for a bad request, carrying everything its JSON error reply
// needs: the HTTP status, a stable lower-case code, a message for people and
// the field it is about (full path, e.g. "customer.phone"; empty when the
// request as a whole is wrong).
#pragma once

#include <stdexcept>
#include <string>

namespace redress::intake {

class RequestError : public std::runtime_error {
public:
    RequestError(int http_status, std::string code, const std::string& message,
                 std::string field = {})
        : std::runtime_error(message)
        , http_status_(http_status)
        , code_(std::move(code))
        , field_(std::move(field)) {}

    int http_status() const noexcept { return http_status_; }
    const std::string& code() const noexcept { return code_; }
    const std::string& field() const noexcept { return field_; }

private:
    int http_status_;
    std::string code_;
    std::string field_;
};

//! 422 invalid_field naming field.
inline RequestError invalid_field(const std::string& field, const std::string& what) {
    return RequestError(422, "invalid_field", field + " " + what, field);
}

} // namespace redress::intake
