// The figures of a report as a reader sees them, in the report's language.
//
// Column types are those of redress/report.hpp. A value whose type does not
// match its column (a string in an integer column, a type this plugin does
// not know yet) is shown as what it is rather than refused: the page is for
// reading, and the host's own tests guard the stream's types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace redress::report_html {

enum class Language { Zh, En };

//! "en…" is English; anything else, the default, Chinese.
Language language_from(std::string_view code);

enum class ColumnType { Text, Integer, Number, Ratio, Minutes, Money, Unknown };

ColumnType column_type_from(std::string_view name);

//! How a column's values are shown.
struct ValueFormat {
    ColumnType type = ColumnType::Text;
    std::string currency; //!< Money: ISO 4217 code; values are minor units of it
};

//! One value of a row, copied out of the stream (the record it came from is
//! gone after the next row). monostate: null, "no figure".
using Cell = std::variant<std::monostate, bool, std::int64_t, double, std::string>;

//! The text shown for a cell: "1,234", "3.50", "93.5%", "45 min" / "45 分钟",
//! "5.2 h", "3.1 d", "¥1,234.50", "USD 12.00", "JPY 1,200"; "—" for null or a
//! number that is not finite. Strings are returned unrepaired and unescaped.
std::string format_cell(const Cell& cell, const ValueFormat& format, Language language);

//! The cell as a number to draw, in the column's own unit (minor units for
//! money); nullopt for null, strings and non-finite numbers.
std::optional<double> numeric_value(const Cell& cell);

//! True when the column's values are right-aligned figures.
bool is_numeric(ColumnType type);

//! Digits after the decimal point of a currency's amounts: 2, or 0 / 3 for
//! those in redress::money::not_two_decimals.
int currency_decimals(std::string_view currency);

//! The unit of a chart's value axis: a tick at raw value v reads
//! prefix + format(v / divisor) + suffix.
struct AxisUnit {
    double divisor = 1;
    std::string prefix, suffix;
    bool whole = false; //!< steps smaller than one unit make no sense (counts)
};

//! The axis unit for values of `format` whose largest magnitude is max_abs
//! (minutes switch to hours or days as the labels do).
AxisUnit axis_unit(const ValueFormat& format, double max_abs, Language language);

//! A tick label: `scaled` (already divided) with as many decimals as `step`
//! needs, thousands separators, the unit's prefix and suffix.
std::string format_tick(double scaled, double step, const AxisUnit& unit);

} // namespace redress::report_html
