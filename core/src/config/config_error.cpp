#include <algorithm>
#include <redress/core/config/config.hpp>
#include <redress/core/config/config_error.hpp>
#include <tuple>

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

// Errors are found in two phases; operators read them best in file order.
std::vector<ConfigError>& sort_by_position(std::vector<ConfigError>& errors) {
    std::stable_sort(errors.begin(), errors.end(), [](const ConfigError& a, const ConfigError& b) {
        return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
    return errors;
}

} // namespace

// The base is built first, from the sorted parameter, which errors_ then takes.
ConfigErrors::ConfigErrors(std::vector<ConfigError> errors)
    : std::runtime_error(join(sort_by_position(errors)))
    , errors_(std::move(errors)) {}

const Department* Config::find_department(std::string_view id) const {
    for (const auto& d : departments)
        if (d.id == id)
            return &d;
    return nullptr;
}

} // namespace redress::core
