// Text as a worksheet holds it: Excel keeps at most 32,767 characters (UTF-16
// code units) in a cell and 31 in a sheet name, and its files are XML, which
// ill-formed UTF-8 would break.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace redress::report_xlsx {

//! Excel's limit on the characters of one cell.
inline constexpr std::size_t max_cell_chars = 32767;

//! The longest prefix of valid UTF-8 `text` that fits in `units` UTF-16 code
//! units; never cuts a character in two.
std::string_view cut_utf16(std::string_view text, std::size_t units) noexcept;

//! Text for a cell: ill-formed UTF-8 replaced by U+FFFD, cut to
//! max_cell_chars, and every literal "_xHHHH_" protected as "_x005F_xHHHH_".
//! (libxlsxwriter writes control characters as _xHHHH_ escapes, ECMA-376
//! ST_Xstring, but passes such text through as it is, which Excel would then
//! decode: "_x0041_" would show as "A".)
std::string cell_text(std::string_view text);

//! Columns of the default font that the text takes on its longest line:
//! East Asian wide and fullwidth characters (Chinese, kana, Hangul, fullwidth
//! forms, most emoji) count two, others one. For valid UTF-8.
std::size_t display_width(std::string_view text) noexcept;

} // namespace redress::report_xlsx
