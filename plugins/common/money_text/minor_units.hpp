// Amounts as machine-readable decimal text (CSV cells, spreadsheet numbers):
// minor units of a currency with that currency's own number of decimals and
// no grouping, so that any program reads them back exactly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace redress::plugin_text {

//! Decimal places of the currency's minor unit (ISO 4217): 0 for JPY, KRW and
//! the other currencies without a minor unit, 3 for KWD, BHD, JOD, IQD, LYD,
//! OMR and TND, 2 for every other code (CNY, USD, EUR…).
int currency_decimals(std::string_view code);

//! Minor units as a plain decimal number with `decimals` places (0 to 18):
//! (123450, 2) → "1234.50", (-5, 2) → "-0.05", (1200, 0) → "1200",
//! (1500, 3) → "1.500". Exact for every int64_t, INT64_MIN included.
std::string format_minor_units(std::int64_t minor, int decimals);

} // namespace redress::plugin_text
