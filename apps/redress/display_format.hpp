// How API values are shown to people: times (the API's ISO 8601 UTC) and
// money (integer minor units plus an ISO 4217 currency).
#pragma once

#include <cstdint>
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

} // namespace redress::cli
