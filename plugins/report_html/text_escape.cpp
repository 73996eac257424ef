#include "text_escape.hpp"

#include "report_stream/utf8_text.hpp"

#include <cstdint>

namespace redress::report_html {
namespace {

using report_stream::append_utf8;

constexpr char32_t replacement = 0xFFFD;

// Decodes the code point at text[pos] and advances pos past it. Anything
// malformed consumes one byte and yields U+FFFD, so decoding always makes
// progress and a bad byte never swallows the good text after it.
char32_t next_code_point(std::string_view text, std::size_t& pos) {
    auto byte = [&](std::size_t i) {
        return static_cast<std::uint8_t>(text[i]);
    };
    std::uint8_t lead = byte(pos);
    if (lead < 0x80) {
        ++pos;
        return lead;
    }
    std::size_t length = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        cp = lead & 0x1F;
        min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        cp = lead & 0x0F;
        min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        cp = lead & 0x07;
        min = 0x10000;
    } else {
        ++pos;
        return replacement;
    }
    if (pos + length > text.size()) {
        ++pos;
        return replacement;
    }
    for (std::size_t i = 1; i < length; ++i) {
        std::uint8_t b = byte(pos + i);
        if ((b & 0xC0) != 0x80) {
            ++pos;
            return replacement;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        ++pos;
        return replacement;
    }
    pos += length;
    return cp;
}

// Characters XML 1.0 does not allow in a document at all, even as references.
bool allowed_in_xml(char32_t cp) {
    if (cp < 0x20)
        return cp == 0x09 || cp == 0x0A || cp == 0x0D;
    return cp != 0xFFFE && cp != 0xFFFF;
}

char32_t clean(char32_t cp) {
    return allowed_in_xml(cp) ? cp : replacement;
}

// East Asian wide and fullwidth ranges, coarsely: enough to size a label.
bool wide(char32_t cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
           (cp >= 0x20000 && cp <= 0x3FFFD);
}

} // namespace

void append_escaped(std::string& out, std::string_view text) {
    out.reserve(out.size() + text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        // Plain ASCII dominates; copy runs of it without decoding.
        std::size_t run = pos;
        while (run < text.size()) {
            char c = text[run];
            auto u = static_cast<unsigned char>(c);
            if (u >= 0x80 || u < 0x20 || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'')
                break;
            ++run;
        }
        out.append(text.substr(pos, run - pos));
        pos = run;
        if (pos == text.size())
            break;
        char32_t cp = clean(next_code_point(text, pos));
        switch (cp) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            append_utf8(out, cp);
        }
    }
}

std::string repair_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();)
        append_utf8(out, clean(next_code_point(text, pos)));
    return out;
}

std::string shorten(std::string_view text, std::size_t max_chars) {
    std::string out;
    if (max_chars == 0)
        return out;
    std::size_t count = 0;
    std::size_t pos = 0;
    std::size_t last_fit = 0; // bytes of out that hold max_chars - 1 code points
    while (pos < text.size()) {
        if (count + 1 == max_chars)
            last_fit = out.size();
        if (count == max_chars) {
            out.resize(last_fit);
            out += "…";
            return out;
        }
        append_utf8(out, clean(next_code_point(text, pos)));
        ++count;
    }
    return out;
}

double text_width_em(std::string_view text) {
    double width = 0;
    for (std::size_t pos = 0; pos < text.size();)
        width += wide(next_code_point(text, pos)) ? 1.0 : 0.6;
    return width;
}

} // namespace redress::report_html
