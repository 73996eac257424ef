#include "value_format.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <redress/money.hpp>

namespace redress::report_html {
namespace {

constexpr std::string_view no_figure = "—";

// "-1234567.8" → "-1,234,567.8": separators in the integer part only.
std::string group_thousands(std::string_view plain) {
    std::string out;
    std::size_t start = (!plain.empty() && plain[0] == '-') ? 1 : 0;
    std::size_t point = plain.find('.');
    std::size_t int_end = point == std::string_view::npos ? plain.size() : point;
    out.append(plain.substr(0, start));
    for (std::size_t i = start; i < int_end; ++i) {
        out += plain[i];
        std::size_t left = int_end - i - 1;
        if (left > 0 && left % 3 == 0)
            out += ',';
    }
    out.append(plain.substr(int_end));
    return out;
}

// Fixed notation through to_chars: independent of the process locale, which
// the host (not this plugin) controls.
std::string fixed(double value, int decimals) {
    std::array<char, 400> buf{};
    auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value,
                                   std::chars_format::fixed, decimals);
    if (ec != std::errc())
        return std::string(no_figure);
    std::string plain(buf.data(), end);
    // -0.04 rounds to "-0.0": a reader sees a sign on nothing.
    if (plain[0] == '-' && plain.find_first_not_of("0.", 1) == std::string::npos)
        plain.erase(0, 1);
    return group_thousands(plain);
}

std::string integer(std::int64_t value) {
    return group_thousands(std::to_string(value));
}

std::string number(double value) {
    return std::isfinite(value) ? fixed(value, 2) : std::string(no_figure);
}

std::string ratio(double value) {
    return std::isfinite(value) ? fixed(value * 100, 1) + "%" : std::string(no_figure);
}

std::string minutes(double value, Language language) {
    if (!std::isfinite(value))
        return std::string(no_figure);
    bool zh = language == Language::Zh;
    double magnitude = std::fabs(value);
    if (magnitude < 120)
        return fixed(value, 0) + (zh ? " 分钟" : " min");
    if (magnitude < 48 * 60)
        return fixed(value / 60, 1) + (zh ? " 小时" : " h");
    return fixed(value / (24 * 60), 1) + (zh ? " 天" : " d");
}

std::string currency_prefix(std::string_view currency) {
    if (currency == "CNY")
        return "¥";
    if (currency.empty())
        return {};
    return std::string(currency) + " ";
}

// Integer arithmetic, so that 1234.50 never shows as 1234.49.
std::string money(std::int64_t minor, std::string_view currency) {
    int decimals = currency_decimals(currency);
    std::uint64_t scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;
    // The magnitude in unsigned arithmetic: -INT64_MIN does not fit an int64.
    std::uint64_t magnitude =
        minor < 0 ? ~static_cast<std::uint64_t>(minor) + 1 : static_cast<std::uint64_t>(minor);
    std::string plain = std::to_string(magnitude / scale);
    if (decimals > 0) {
        std::string frac = std::to_string(magnitude % scale);
        plain += '.' + std::string(static_cast<std::size_t>(decimals) - frac.size(), '0') + frac;
    }
    std::string out = minor < 0 ? "-" : "";
    return out + currency_prefix(currency) + group_thousands(plain);
}

std::string yes_no(bool value, Language language) {
    if (language == Language::Zh)
        return value ? "是" : "否";
    return value ? "yes" : "no";
}

// A value shown for what it is, whatever its column says.
std::string generic(const Cell& cell, Language language) {
    struct Visitor {
        Language language;
        std::string operator()(std::monostate) const { return std::string(no_figure); }
        std::string operator()(bool b) const { return yes_no(b, language); }
        std::string operator()(std::int64_t i) const { return integer(i); }
        std::string operator()(double d) const { return number(d); }
        std::string operator()(const std::string& s) const { return s; }
    };
    return std::visit(Visitor{language}, cell);
}

} // namespace

Language language_from(std::string_view code) {
    return code.substr(0, 2) == "en" ? Language::En : Language::Zh;
}

ColumnType column_type_from(std::string_view name) {
    if (name == "text")
        return ColumnType::Text;
    if (name == "integer")
        return ColumnType::Integer;
    if (name == "number")
        return ColumnType::Number;
    if (name == "ratio")
        return ColumnType::Ratio;
    if (name == "minutes")
        return ColumnType::Minutes;
    if (name == "money")
        return ColumnType::Money;
    return ColumnType::Unknown;
}

bool is_numeric(ColumnType type) {
    return type != ColumnType::Text && type != ColumnType::Unknown;
}

int currency_decimals(std::string_view currency) {
    // Of redress::money::not_two_decimals, these have a thousandth; the rest none.
    static constexpr std::array<std::string_view, 7> three{"BHD", "IQD", "JOD", "KWD",
                                                           "LYD", "OMR", "TND"};
    const auto& odd = redress::money::not_two_decimals;
    if (std::find(odd.begin(), odd.end(), currency) == odd.end())
        return 2;
    return std::find(three.begin(), three.end(), currency) != three.end() ? 3 : 0;
}

std::optional<double> numeric_value(const Cell& cell) {
    if (const auto* i = std::get_if<std::int64_t>(&cell))
        return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&cell); d && std::isfinite(*d))
        return *d;
    return std::nullopt;
}

std::string format_cell(const Cell& cell, const ValueFormat& format, Language language) {
    if (std::holds_alternative<std::monostate>(cell))
        return std::string(no_figure);
    const auto* i = std::get_if<std::int64_t>(&cell);
    const auto* d = std::get_if<double>(&cell);
    if (!i && !d)
        return generic(cell, language);
    double value = i ? static_cast<double>(*i) : *d;
    switch (format.type) {
    case ColumnType::Integer:
        return i ? integer(*i) : (std::isfinite(value) ? fixed(value, 0) : std::string(no_figure));
    case ColumnType::Number:
        return number(value);
    case ColumnType::Ratio:
        return ratio(value);
    case ColumnType::Minutes:
        return minutes(value, language);
    case ColumnType::Money:
        if (i)
            return money(*i, format.currency);
        // Minor units should be whole; a fractional one is rounded, one
        // beyond int64 is not money at all.
        if (std::isfinite(value) && std::fabs(value) < 9.0e18)
            return money(std::llround(value), format.currency);
        return generic(cell, language);
    case ColumnType::Text:
    case ColumnType::Unknown:
        break;
    }
    return generic(cell, language);
}

AxisUnit axis_unit(const ValueFormat& format, double max_abs, Language language) {
    bool zh = language == Language::Zh;
    AxisUnit unit;
    switch (format.type) {
    case ColumnType::Integer:
        unit.whole = true;
        break;
    case ColumnType::Ratio:
        unit.divisor = 0.01;
        unit.suffix = "%";
        break;
    case ColumnType::Minutes:
        if (max_abs < 120) {
            unit.suffix = zh ? " 分钟" : " min";
        } else if (max_abs < 48 * 60) {
            unit.divisor = 60;
            unit.suffix = zh ? " 小时" : " h";
        } else {
            unit.divisor = 24 * 60;
            unit.suffix = zh ? " 天" : " d";
        }
        break;
    case ColumnType::Money: {
        int decimals = currency_decimals(format.currency);
        unit.divisor = std::pow(10.0, decimals);
        unit.prefix = currency_prefix(format.currency);
        unit.whole = decimals == 0;
        break;
    }
    case ColumnType::Number:
    case ColumnType::Text:
    case ColumnType::Unknown:
        break;
    }
    return unit;
}

std::string format_tick(double scaled, double step, const AxisUnit& unit) {
    int decimals = 0;
    if (step > 0 && step < 1)
        decimals = std::min(6, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
    std::string digits = fixed(scaled, decimals);
    if (digits.size() > 1 && digits[0] == '-')
        return "-" + unit.prefix + digits.substr(1) + unit.suffix;
    return unit.prefix + digits + unit.suffix;
}

} // namespace redress::report_html
