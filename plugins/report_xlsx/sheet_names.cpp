#include "sheet_names.hpp"

#include "report_stream/utf8_text.hpp"
#include "sheet_text.hpp"

#include <algorithm>

namespace redress::report_xlsx {
namespace {

constexpr std::size_t max_name_chars = 31;

std::string fold(std::string_view name) {
    std::string out(name);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    return out;
}

std::string_view trim_apostrophes(std::string_view s) {
    while (!s.empty() && s.front() == '\'')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == '\'')
        s.remove_suffix(1);
    return s;
}

std::string clean(std::string_view text) {
    std::string s = report_stream::to_valid_utf8(text);
    for (char& c : s)
        if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos ||
            static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            c = '_';
    return std::string(trim_apostrophes(s));
}

} // namespace

bool SheetNames::taken(std::string_view name) const {
    const std::string f = fold(name);
    // Excel keeps "History" for its change tracking.
    return f == "history" || std::find(folded_.begin(), folded_.end(), f) != folded_.end();
}

void SheetNames::reserve(std::string_view name) {
    folded_.push_back(fold(name));
}

std::string SheetNames::add(std::string_view title, std::string_view fallback, int part) {
    std::string base = clean(title);
    if (base.empty())
        base = clean(fallback);
    if (base.empty())
        base = "Sheet";
    for (int n = std::max(part, 1);; ++n) {
        const std::string suffix = n > 1 ? " (" + std::to_string(n) + ")" : "";
        std::string name(trim_apostrophes(cut_utf16(base, max_name_chars - suffix.size())));
        name += suffix;
        if (!name.empty() && !taken(name)) {
            reserve(name);
            return name;
        }
    }
}

} // namespace redress::report_xlsx
