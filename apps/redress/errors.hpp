// The ways a redress command can fail, and the exit code each one means.
// The codes are a promise to scripts (see README.md and `redress --help`).
#pragma once

#include <stdexcept>
#include <string>

namespace redress::cli {

//! The process exit codes; a script may rely on them.
enum class ExitCode : int {
    Success = 0,     //!< the command did what was asked
    Refused = 1,     //!< the API refused the request (a 4xx answer)
    Usage = 2,       //!< bad flags, a missing argument, an unreadable file
    Unreachable = 3, //!< the server could not be reached (refused, timed out, cut off)
    ServerError = 4, //!< the server failed (a 5xx answer, or a reply that is not the API's)
    RowsRefused = 5, //!< import: some rows were refused (the others were stored)
};

//! A failure that ends the command with a given exit code; what() is the
//! message printed after "error: ".
class CliError : public std::runtime_error {
public:
    CliError(ExitCode code, const std::string& message)
        : std::runtime_error(message)
        , code_(code) {}
    ExitCode exit_code() const noexcept { return code_; }

private:
    ExitCode code_;
};

//! The command line is wrong; `command` (may be empty) names the command
//! whose --help explains the right one.
class UsageError : public CliError {
public:
    explicit UsageError(const std::string& message, std::string command = {})
        : CliError(ExitCode::Usage, message)
        , command_(std::move(command)) {}
    const std::string& command() const noexcept { return command_; }

private:
    std::string command_;
};

//! The server could not be reached at all.
class UnreachableError : public CliError {
public:
    explicit UnreachableError(const std::string& message)
        : CliError(ExitCode::Unreachable, message) {}
};

//! The server answered with an error: what() is "<code>: <message>" and,
//! when the API names the field at fault, " [field: <field>]".
class ApiError : public CliError {
public:
    ApiError(int status, std::string code, std::string message, std::string field = {})
        : CliError(status >= 400 && status < 500 ? ExitCode::Refused : ExitCode::ServerError,
                   code + ": " + message + (field.empty() ? "" : " [field: " + field + "]"))
        , status_(status)
        , code_(std::move(code))
        , field_(std::move(field)) {}

    int status() const noexcept { return status_; }
    const std::string& code() const noexcept { return code_; }
    const std::string& field() const noexcept { return field_; }

private:
    int status_;
    std::string code_, field_;
};

} // namespace redress::cli
