// Config errors: each names the file, line, column and key, and says what was
// expected. Loading collects every error it can find before failing.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace redress::core {

struct ConfigError {
    std::string file;
    int line = 0;    //!< 1-based; 0 when the error has no position (e.g. file missing)
    int column = 0;  //!< 1-based
    std::string key; //!< dotted path, e.g. "department[2].sla.first_response"; may be empty
    std::string message;

    //! "file:line:column: key: message" (parts without a value left out).
    std::string to_string() const;
};

//! Thrown when a config has errors; what() lists them, one per line, in file order.
class ConfigErrors : public std::runtime_error {
public:
    explicit ConfigErrors(std::vector<ConfigError> errors);
    const std::vector<ConfigError>& errors() const noexcept { return errors_; }

private:
    std::vector<ConfigError> errors_;
};

} // namespace redress::core
