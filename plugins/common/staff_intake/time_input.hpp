// redress/intake/time_input.hpp — instants as staff tools and telephony
// systems send them: ISO 8601 text with a zone, or UTC milliseconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace redress::intake {

//! Earliest and latest instants accepted (2000-01-01 and 2100-01-01, UTC ms):
//! a value outside is a unit mistake (seconds for milliseconds) or garbage.
inline constexpr std::int64_t earliest_ms = 946'684'800'000;
inline constexpr std::int64_t latest_ms = 4'102'444'800'000;

//! Parses "2026-11-23T09:30:00Z", "2026-11-23T17:30:00.250+08:00" to UTC ms.
//! The time and the zone (Z or ±hh:mm) are required: a time without a zone
//! is ambiguous, and a date alone says nothing about the hour. nullopt when
//! malformed, out of range (Feb 30th, 25:00) or outside [earliest, latest).
std::optional<std::int64_t> parse_iso8601(std::string_view text);

//! True when ms lies in [earliest_ms, latest_ms).
constexpr bool plausible_ms(std::int64_t ms) noexcept {
    return ms >= earliest_ms && ms < latest_ms;
}

//! Formats UTC ms as "2026-11-23T09:30:00.000Z".
std::string format_iso8601(std::int64_t ms);

//! How an instant is spelt in messages about a bad one.
inline constexpr std::string_view time_expected =
    "must be an ISO 8601 time with a zone (e.g. \"2026-11-23T09:30:00+08:00\") "
    "or UTC milliseconds since 1970, between 2000 and 2100";

} // namespace redress::intake
