// The cells of a CSV report, each as the bytes of one RFC 4180 field: quoted
// when it must be, text neutralised against formula injection, figures raw
// and machine-readable (a point for decimals, no grouping, no unit).
#pragma once

#include "report_stream/report_table.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace redress::report_csv {

//! A text cell: ill-formed UTF-8 replaced by U+FFFD; a leading '=', '+', '-',
//! '@', tab or CR prefixed with an apostrophe, so that a spreadsheet shows the
//! text instead of running it as a formula (OWASP's advice on CSV injection);
//! then quoted when it holds a comma, a double quote, CR or LF, with quotes
//! doubled.
std::string text_cell(std::string_view text);

//! A double with at most `decimals` decimals, trailing zeros dropped:
//! (4.25, 4) → "4.25", (1.0 / 3, 4) → "0.3333", (2.0, 4) → "2", -0.0 → "0".
//! NaN and infinities are no figure: "".
std::string decimal_cell(double value, int decimals);

//! The header label of a column: the label, plus the unit the raw values are
//! in — " (CNY)" for money (the currency), " (ratio)" for a ratio, " (min)"
//! for minutes — as a text cell.
std::string header_cell(const report_stream::Column& column);

} // namespace redress::report_csv
