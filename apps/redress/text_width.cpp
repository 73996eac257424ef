#include "text_width.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace redress::cli {
namespace {

struct Range {
    char32_t first, last;
};

// East Asian Wide (W) and Fullwidth (F) blocks, after Markus Kuhn's wcwidth()
// with the emoji blocks of later Unicode versions.
constexpr std::array<Range, 18> wide{{
    {0x1100, 0x115F},   // Hangul Jamo initials
    {0x231A, 0x231B},   // watch, hourglass
    {0x2E80, 0x303E},   // CJK radicals, Kangxi, ideographic punctuation
    {0x3041, 0x33FF},   // kana, bopomofo, CJK compatibility
    {0x3400, 0x4DBF},   // CJK extension A
    {0x4E00, 0x9FFF},   // CJK unified ideographs
    {0xA000, 0xA4CF},   // Yi
    {0xA960, 0xA97F},   // Hangul Jamo extended A
    {0xAC00, 0xD7A3},   // Hangul syllables
    {0xF900, 0xFAFF},   // CJK compatibility ideographs
    {0xFE10, 0xFE19},   // vertical forms
    {0xFE30, 0xFE6F},   // CJK compatibility forms, small forms
    {0xFF00, 0xFF60},   // fullwidth forms
    {0xFFE0, 0xFFE6},   // fullwidth signs
    {0x1F300, 0x1F64F}, // pictographs, emoticons
    {0x1F900, 0x1F9FF}, // supplemental pictographs
    {0x20000, 0x2FFFD}, // CJK extensions B-F
    {0x30000, 0x3FFFD}, // CJK extension G
}};

// Combining marks and zero-width characters.
constexpr std::array<Range, 9> zero{{
    {0x0300, 0x036F},
    {0x0483, 0x0489},
    {0x0591, 0x05BD},
    {0x200B, 0x200F},
    {0x202A, 0x202E},
    {0x2060, 0x2064},
    {0x20D0, 0x20FF},
    {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F},
}};

bool in(const auto& ranges, char32_t cp) {
    return std::any_of(ranges.begin(), ranges.end(),
                       [cp](const Range& r) { return cp >= r.first && cp <= r.last; });
}

// Decodes the code point at s[i]; returns it and its length in bytes, or
// U+FFFD and 1 for a byte that does not start a well-formed sequence.
std::pair<char32_t, std::size_t> decode(std::string_view s, std::size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80)
        return {c, 1};
    std::size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    if (n == 0 || c > 0xF4 || i + n > s.size())
        return {0xFFFD, 1};
    char32_t cp = c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
        auto cont = static_cast<unsigned char>(s[i + k]);
        if ((cont & 0xC0) != 0x80)
            return {0xFFFD, 1};
        cp = (cp << 6) | (cont & 0x3F);
    }
    return {cp, n};
}

} // namespace

int code_point_width(char32_t cp) {
    if (cp == 0 || in(zero, cp))
        return 0;
    if (in(wide, cp))
        return 2;
    return 1;
}

std::size_t display_width(std::string_view utf8) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        auto [cp, len] = decode(utf8, i);
        width += static_cast<std::size_t>(code_point_width(cp));
        i += len;
    }
    return width;
}

std::string truncate_to_width(std::string_view utf8, std::size_t width) {
    if (display_width(utf8) <= width)
        return std::string(utf8);
    if (width == 0)
        return {};
    std::string out;
    std::size_t used = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        auto [cp, len] = decode(utf8, i);
        auto w = static_cast<std::size_t>(code_point_width(cp));
        if (used + w > width - 1) // keep a column for the ellipsis
            break;
        out.append(utf8.substr(i, len));
        used += w;
        i += len;
    }
    return out + "…";
}

std::string single_line(std::string_view utf8) {
    std::string out(utf8);
    for (auto& ch : out)
        if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F)
            ch = ' ';
    return out;
}

} // namespace redress::cli
