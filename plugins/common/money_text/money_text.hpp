// Figures as a supervisor reads them in a policy's reasons (goodwill, rules).
#pragma once

#include <cstdint>
#include <string>

namespace redress::plugin_text {

//! Minor units as major units with two decimals and thousands separators:
//! 123456 → "1,234.56", -5 → "-0.05".
std::string format_money(std::int64_t minor);

//! A fraction as a percentage, at most two decimals, trailing zeros dropped:
//! 0.2 → "20%", 0.125 → "12.5%", 1.55 → "155%".
std::string format_percent(double fraction);

} // namespace redress::plugin_text
