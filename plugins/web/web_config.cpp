#include "web_config.hpp"

#include <redress/error.hpp>
#include <string>

namespace redress::web {
namespace {

constexpr std::int64_t min_body = 1024;            // smaller cannot hold the form itself
constexpr std::int64_t max_max_body = 1024 * 1024; // the form needs far less than this
constexpr std::int64_t max_rate = 100'000;

std::int64_t in_range(const ConfigView& section, const char* key, std::int64_t fallback,
                      std::int64_t lo, std::int64_t hi) {
    std::int64_t v = section.integer(key, fallback);
    if (v < lo || v > hi)
        throw Error(REDRESS_E_INVALID, std::string("plugin.web.") + key + ": expected " +
                                           std::to_string(lo) + " to " + std::to_string(hi) +
                                           ", got " + std::to_string(v));
    return v;
}

} // namespace

std::vector<ConfigKey> WebConfig::schema() {
    return {
        {"max_body", ConfigType::Integer, false, "32768",
         "largest form submission accepted, in bytes (1024 to 1048576); larger gets 413"},
        {"rate_per_minute", ConfigType::Integer, false, "10",
         "form submissions a client address may make per minute (also the burst); 0 turns the "
         "limit off; more gets 429 with Retry-After"},
    };
}

WebConfig WebConfig::from(const ConfigView& section) {
    WebConfig c;
    c.max_body = in_range(section, "max_body", c.max_body, min_body, max_max_body);
    c.rate_per_minute = in_range(section, "rate_per_minute", c.rate_per_minute, 0, max_rate);
    return c;
}

} // namespace redress::web
