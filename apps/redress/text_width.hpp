// How wide UTF-8 text is on a terminal: CJK and fullwidth characters take two
// columns, combining marks none. Used to align table columns.
#pragma once

#include <string>
#include <string_view>

namespace redress::cli {

//! The terminal columns one code point takes: 0, 1 or 2.
int code_point_width(char32_t cp);

//! The terminal columns of UTF-8 text; a byte that is not valid UTF-8 counts one column.
std::size_t display_width(std::string_view utf8);

//! The text cut to at most `width` columns, ending in "…" when cut; never
//! splits a character.
std::string truncate_to_width(std::string_view utf8, std::size_t width);

//! The text on one line: newlines, tabs and other control characters become spaces.
std::string single_line(std::string_view utf8);

} // namespace redress::cli
