#include "display_format.hpp"

#include <regex>
#include <set>

namespace redress::cli {
namespace {

std::string reformat(const std::string& iso, bool seconds) {
    static const std::regex shape(R"(^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?.*Z$)");
    std::smatch m;
    if (!std::regex_match(iso, m, shape))
        return iso;
    return m[1].str() + " " + m[2].str() + (seconds ? m[3].str() : "");
}

} // namespace

int minor_digits(const std::string& currency) {
    // ISO 4217 currencies without the usual two minor digits.
    static const std::set<std::string> none{"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW",
                                            "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"};
    static const std::set<std::string> three{"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
    if (none.count(currency))
        return 0;
    if (three.count(currency))
        return 3;
    return 2;
}

std::optional<std::int64_t> parse_amount(const std::string& text, int digits) {
    static const std::regex shape(R"(^([0-9]{1,15})(?:\.([0-9]+))?$)");
    std::smatch m;
    if (!std::regex_match(text, m, shape))
        return std::nullopt;
    std::string fraction = m[2].str();
    if (fraction.size() > static_cast<std::size_t>(digits))
        return std::nullopt;
    fraction.append(static_cast<std::size_t>(digits) - fraction.size(), '0');
    return std::stoll(m[1].str() + fraction);
}

std::string short_time(const std::string& iso) {
    return reformat(iso, false);
}

std::string long_time(const std::string& iso) {
    return reformat(iso, true);
}

std::string amount(std::int64_t amount_minor, const std::string& currency) {
    int digits = minor_digits(currency);
    bool negative = amount_minor < 0;
    std::string n = std::to_string(negative ? -amount_minor : amount_minor);
    if (digits > 0) {
        if (n.size() <= static_cast<std::size_t>(digits))
            n.insert(0, static_cast<std::size_t>(digits) + 1 - n.size(), '0');
        n.insert(n.size() - static_cast<std::size_t>(digits), ".");
    }
    return (negative ? "-" : "") + n;
}

std::string money(std::int64_t amount_minor, const std::string& currency) {
    return amount(amount_minor, currency) + (currency.empty() ? "" : " " + currency);
}

} // namespace redress::cli
