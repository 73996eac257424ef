// UTF-8 as reporters need it: text from the host is meant to be UTF-8, but a
// complaint's text may carry any bytes, and every output format (CSV, JSON,
// XLSX's XML) must stay well-formed. So ill-formed sequences are replaced,
// never passed through.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace redress::report_stream {

//! One decoded character.
struct Utf8Char {
    char32_t code_point; //!< U+FFFD when !valid
    std::size_t size;    //!< bytes taken, at least 1
    bool valid;          //!< false for an ill-formed sequence
};

//! The character starting at text[pos] (pos < text.size()). An ill-formed
//! sequence (overlong form, surrogate, past U+10FFFF, truncated, stray
//! continuation byte) decodes as U+FFFD over its maximal subpart, as Unicode
//! recommends, so one bad byte never swallows the good ones after it.
Utf8Char decode_utf8(std::string_view text, std::size_t pos) noexcept;

//! Appends the UTF-8 encoding of a Unicode scalar value.
void append_utf8(std::string& out, char32_t code_point);

//! True when text is well-formed UTF-8.
bool is_valid_utf8(std::string_view text) noexcept;

//! text with every ill-formed sequence replaced by U+FFFD.
std::string to_valid_utf8(std::string_view text);

} // namespace redress::report_stream
