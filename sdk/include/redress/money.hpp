// redress/money.hpp — money as Redress keeps it: integer minor units of an
// ISO 4217 currency, always shown with two decimals. Currencies with none or
// three decimal places would be shown wrongly, so host and plugins refuse them.
#pragma once

#include <algorithm>
#include <array>
#include <string_view>

namespace redress::money {

//! ISO 4217 currencies whose minor unit is not a hundredth (JPY: none, KWD: a thousandth).
inline constexpr std::array<std::string_view, 24> not_two_decimals{
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
    "VND", "VUV", "XAF", "XOF", "XPF", "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};

//! True for three capital letters naming a currency with two decimal places
//! (as far as the code's shape and the list above can tell).
constexpr bool supported_currency(std::string_view code) {
    return code.size() == 3 &&
           std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
           std::find(not_two_decimals.begin(), not_two_decimals.end(), code) ==
               not_two_decimals.end();
}

} // namespace redress::money
