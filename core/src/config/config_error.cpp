#include <redress/core/config/config_error.hpp>

#include <redress/core/config/config.hpp>

namespace redress::core {

std::string ConfigError::to_string() const {
    std::string out = file;
    if (line > 0)
        out += ":" + std::to_string(line) + ":" + std::to_string(column);
    out += ": ";
    if (!key.empty())
        out += key + ": ";
    return out + message;
}

namespace {
std::string join(const std::vector<ConfigError>& errors) {
    std::string out = std::to_string(errors.size()) + " config error(s):";
    for (const auto& e : errors)
        out += "\n  " + e.to_string();
    return out;
}
} // namespace

ConfigErrors::ConfigErrors(std::vector<ConfigError> errors)
    : std::runtime_error(join(errors)), errors_(std::move(errors)) {}

const Department* Config::find_department(std::string_view id) const {
    for (const auto& d : departments)
        if (d.id == id)
            return &d;
    return nullptr;
}

} // namespace redress::core
