#include "csv_cells.hpp"

#include "report_stream/utf8_text.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace redress::report_csv {

std::string text_cell(std::string_view text) {
    std::string value = report_stream::to_valid_utf8(text);
    if (!value.empty() &&
        std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos)
        value.insert(0, 1, '\'');
    if (value.find_first_of(",\"\r\n") == std::string::npos)
        return value;
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

std::string decimal_cell(double value, int decimals) {
    if (!std::isfinite(value))
        return {};
    // Fixed notation of the largest double is 309 digits before the point.
    std::array<char, 400> buffer;
    auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                   std::chars_format::fixed, decimals);
    if (ec != std::errc())
        return {};
    std::string s(buffer.data(), end);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0')
            s.pop_back();
        if (s.back() == '.')
            s.pop_back();
    }
    // A tiny negative rounds to "-0", which reads as a sign without a figure.
    if (s == "-0")
        s = "0";
    return s;
}

std::string header_cell(const report_stream::Column& column) {
    using report_stream::ColumnType;
    switch (column.type) {
    case ColumnType::Money:
        return text_cell(column.label + " (" + column.currency + ")");
    case ColumnType::Ratio:
        return text_cell(column.label + " (ratio)");
    case ColumnType::Minutes:
        return text_cell(column.label + " (min)");
    default:
        return text_cell(column.label);
    }
}

} // namespace redress::report_csv
