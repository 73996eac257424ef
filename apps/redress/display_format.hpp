// How API values are shown to people: times (the API's ISO 8601 UTC) and
// money (integer minor units plus an ISO 4217 currency).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace redress::cli {

//! "2026-07-01T10:00:05.123Z" as "2026-07-01 10:00" (still UTC); other text unchanged.
std::string short_time(const std::string& iso);

//! "2026-07-01T10:00:05.123Z" as "2026-07-01 10:00:05" (still UTC); other text unchanged.
std::string long_time(const std::string& iso);

//! 129900 CNY as "1299.00", using the currency's number of minor digits.
std::string amount(std::int64_t amount_minor, const std::string& currency);

//! 129900 CNY as "1299.00 CNY".
std::string money(std::int64_t amount_minor, const std::string& currency);

//! The currency's number of minor digits: 2 for most (CNY), 0 for JPY, 3 for KWD.
int minor_digits(const std::string& currency);

//! An amount in major units ("1299.00", "1299", "0.5") as minor units of a
//! currency with `digits` minor digits: 129900 for "1299" with 2. Nullopt when
//! the text is not a plain non-negative decimal number, has more decimals than
//! `digits`, or is too large (more than 15 integer digits).
std::optional<std::int64_t> parse_amount(const std::string& text, int digits);

} // namespace redress::cli
