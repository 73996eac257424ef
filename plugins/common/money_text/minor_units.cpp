#include "money_text/minor_units.hpp"

#include <algorithm>
#include <array>
#include <redress/money.hpp>

namespace redress::plugin_text {

int currency_decimals(std::string_view code) {
    // redress::money::not_two_decimals lists both kinds; these have three.
    static constexpr std::array<std::string_view, 7> three{"BHD", "IQD", "JOD", "KWD",
                                                           "LYD", "OMR", "TND"};
    if (std::find(three.begin(), three.end(), code) != three.end())
        return 3;
    const auto& other = redress::money::not_two_decimals;
    if (std::find(other.begin(), other.end(), code) != other.end())
        return 0;
    return 2;
}

std::string format_minor_units(std::int64_t minor, int decimals) {
    decimals = std::clamp(decimals, 0, 18);
    // Through unsigned, so that INT64_MIN has a magnitude too.
    const bool negative = minor < 0;
    const std::uint64_t magnitude =
        negative ? ~static_cast<std::uint64_t>(minor) + 1 : static_cast<std::uint64_t>(minor);
    std::string digits = std::to_string(magnitude);
    // At least one digit before the point: 5 with two decimals is "0.05".
    if (digits.size() <= static_cast<std::size_t>(decimals))
        digits.insert(0, static_cast<std::size_t>(decimals) + 1 - digits.size(), '0');
    if (decimals > 0)
        digits.insert(digits.size() - static_cast<std::size_t>(decimals), 1, '.');
    return negative ? "-" + digits : digits;
}

} // namespace redress::plugin_text
