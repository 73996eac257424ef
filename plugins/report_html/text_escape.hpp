// Text from the report stream made safe for the page: UTF-8 repaired and
// escaped for XML text and attribute values.
//
// Every string the stream carries (titles, labels, department names) is
// untrusted. These functions never fail: a byte that does not start a valid
// UTF-8 sequence, an encoded surrogate, an overlong form and every character
// XML 1.0 forbids (C0 controls but tab, LF and CR; U+FFFE, U+FFFF) become
// U+FFFD, so the page stays well-formed XML whatever the input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace redress::report_html {

//! Appends `text` to `out`, repaired as above, with & < > " ' as character
//! references: safe in element content and in double- or single-quoted
//! attribute values, HTML or XML.
void append_escaped(std::string& out, std::string_view text);

//! `text` repaired as above, not escaped.
std::string repair_utf8(std::string_view text);

//! `text` repaired, cut to at most `max_chars` code points; a cut string ends
//! with "…" (counted in max_chars). Not escaped.
std::string shorten(std::string_view text, std::size_t max_chars);

//! Rough width of `text` in em when drawn: CJK and other wide characters
//! count 1, the rest 0.6. For laying out SVG labels, which cannot be measured.
double text_width_em(std::string_view text);

} // namespace redress::report_html
