#include <cstdio>
#include <redress/core/report/report_request.hpp>

namespace redress::core::report {

std::string_view to_string(Granularity g) {
    switch (g) {
    case Granularity::Day:
        return "day";
    case Granularity::Week:
        return "week";
    case Granularity::Month:
        return "month";
    }
    return "day";
}

std::optional<Granularity> parse_granularity(std::string_view s) {
    for (Granularity g : {Granularity::Day, Granularity::Week, Granularity::Month})
        if (s == to_string(g))
            return g;
    return std::nullopt;
}

std::optional<std::chrono::year_month_day> parse_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
        return std::nullopt;
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8}, sizes[3] = {4, 2, 2};
    for (int i = 0; i < 3; ++i)
        for (std::size_t k = starts[i]; k < starts[i] + sizes[i]; ++k) {
            if (s[k] < '0' || s[k] > '9')
                return std::nullopt;
            parts[i] = parts[i] * 10 + (s[k] - '0');
        }
    std::chrono::year_month_day d{std::chrono::year(parts[0]),
                                  std::chrono::month(static_cast<unsigned>(parts[1])),
                                  std::chrono::day(static_cast<unsigned>(parts[2]))};
    if (!d.ok() || parts[0] < 1970)
        return std::nullopt;
    return d;
}

std::string date_text(std::chrono::year_month_day d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return buf;
}

} // namespace redress::core::report
