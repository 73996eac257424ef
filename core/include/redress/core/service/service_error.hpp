// Errors the service layer reports to its callers (the HTTP API maps kinds to
// status codes). code is stable and machine-readable; message is for people;
// field names the offending input field when there is one.
#pragma once

#include <stdexcept>
#include <string>

namespace redress::core {

class ServiceError : public std::runtime_error {
public:
    //! PluginFailed: a plugin the request needed failed or answered nonsense.
    enum class Kind { Invalid, NotFound, Forbidden, Conflict, Unavailable, PluginFailed };
    ServiceError(Kind kind, std::string code, const std::string& message, std::string field = {})
        : std::runtime_error(message)
        , kind_(kind)
        , code_(std::move(code))
        , field_(std::move(field)) {}
    Kind kind() const noexcept { return kind_; }
    const std::string& code() const noexcept { return code_; }
    const std::string& field() const noexcept { return field_; }

private:
    Kind kind_;
    std::string code_, field_;
};

} // namespace redress::core
