#include "sheet_text.hpp"

#include "report_stream/utf8_text.hpp"

#include <algorithm>
#include <cctype>

namespace redress::report_xlsx {
namespace {

bool wide(char32_t cp) {
    // East Asian Width W and F (UAX #11), in the blocks reports meet.
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
           (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
           (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

// True when text[pos] starts "_xHHHH_" (H a hex digit), which Excel decodes.
bool literal_escape(std::string_view text, std::size_t pos) {
    if (pos + 7 > text.size() || text[pos + 6] != '_')
        return false;
    for (std::size_t i = pos + 2; i < pos + 6; ++i)
        if (!std::isxdigit(static_cast<unsigned char>(text[i])))
            return false;
    return true;
}

} // namespace

std::string_view cut_utf16(std::string_view text, std::size_t units) noexcept {
    std::size_t used = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const report_stream::Utf8Char c = report_stream::decode_utf8(text, pos);
        used += c.code_point > 0xFFFF ? 2 : 1; // a surrogate pair past the BMP
        if (used > units)
            return text.substr(0, pos);
        pos += c.size;
    }
    return text;
}

std::string cell_text(std::string_view text) {
    std::string out;
    if (text.size() <= max_cell_chars && report_stream::is_valid_utf8(text))
        out = text; // fewer bytes than the limit: fewer units too
    else
        out = cut_utf16(report_stream::to_valid_utf8(text), max_cell_chars);
    // After the cut: Excel's limit is on the text it decodes.
    for (std::size_t pos = out.find("_x"); pos != std::string::npos;) {
        if (!literal_escape(out, pos)) {
            pos = out.find("_x", pos + 1);
            continue;
        }
        // "_xHHHH_" → "_x005F_xHHHH_", read as "_" then "xHHHH_". Its last
        // '_' (now at pos + 12) may start another one: "_x0041_x0042_".
        out.insert(pos + 1, "x005F_");
        pos = out.find("_x", pos + 12);
    }
    return out;
}

std::size_t display_width(std::string_view text) noexcept {
    std::size_t widest = 0, line = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const report_stream::Utf8Char c = report_stream::decode_utf8(text, pos);
        if (c.code_point == '\n') {
            line = 0;
        } else {
            line += wide(c.code_point) ? 2 : 1;
            widest = std::max(widest, line);
        }
        pos += c.size;
    }
    return widest;
}

} // namespace redress::report_xlsx
