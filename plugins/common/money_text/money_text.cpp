#include "money_text/money_text.hpp"

#include <cmath>
#include <cstdio>

namespace redress::plugin_text {

std::string format_money(std::int64_t minor) {
    // Through unsigned, so that INT64_MIN has a magnitude too.
    const bool negative = minor < 0;
    std::uint64_t magnitude =
        negative ? ~static_cast<std::uint64_t>(minor) + 1 : static_cast<std::uint64_t>(minor);
    std::string units = std::to_string(magnitude / 100);
    std::string grouped;
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (i > 0 && (units.size() - i) % 3 == 0)
            grouped += ',';
        grouped += units[i];
    }
    std::uint64_t cents = magnitude % 100;
    return (negative ? "-" : "") + grouped + "." + static_cast<char>('0' + cents / 10) +
           static_cast<char>('0' + cents % 10);
}

std::string format_percent(double fraction) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.2f", std::round(fraction * 10000.0) / 100.0);
    std::string s = buffer;
    while (!s.empty() && s.back() == '0')
        s.pop_back();
    if (!s.empty() && s.back() == '.')
        s.pop_back();
    if (s == "-0")
        s = "0";
    return s + "%";
}

} // namespace redress::plugin_text
