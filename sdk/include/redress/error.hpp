// redress/error.hpp — the exception a plugin throws to fail a call.
//
// Inside a plugin, errors are C++ exceptions; REDRESS_PLUGIN turns each into a
// status code and a message at the C boundary. Throw redress::Error to choose
// the status (e.g. REDRESS_E_INVALID for bad input); any other std::exception
// becomes REDRESS_E_INTERNAL with its what().
#pragma once

#include <redress/abi.h>
#include <stdexcept>
#include <string>
#include <string_view>

namespace redress {

//! Returns the stable lower-case name of a status code ("invalid", "not_found"…).
constexpr std::string_view status_name(redress_status status) noexcept {
    switch (status) {
    case REDRESS_OK:
        return "ok";
    case REDRESS_END:
        return "end";
    case REDRESS_E_INVALID:
        return "invalid";
    case REDRESS_E_NOT_FOUND:
        return "not_found";
    case REDRESS_E_TYPE:
        return "type";
    case REDRESS_E_UNSUPPORTED:
        return "unsupported";
    case REDRESS_E_REFUSED:
        return "refused";
    case REDRESS_E_UNAVAILABLE:
        return "unavailable";
    case REDRESS_E_INTERNAL:
        return "internal";
    default:
        return "unknown";
    }
}

//! An error with a status code. The message should name the thing (field, key,
//! file) and what was expected, since it reaches operators verbatim.
class Error : public std::runtime_error {
public:
    Error(redress_status status, const std::string& message)
        : std::runtime_error(message)
        , status_(status) {}

    //! The status code this error crosses the ABI as.
    redress_status status() const noexcept { return status_; }

private:
    redress_status status_;
};

} // namespace redress
