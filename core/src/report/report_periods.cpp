#include <date/iso_week.h>
#include <date/tz.h>
#include <redress/core/report/report_periods.hpp>
#include <stdexcept>

namespace redress::core::report {

namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr std::int64_t day_ms = 86'400'000;

// The UTC instant of a local date's midnight. A midnight that does not exist
// (a DST jump at 00:00) is the transition instant; an ambiguous one the earlier.
std::int64_t local_midnight_ms(const date::time_zone* zone, sys_days d) {
    const date::local_days local{d.time_since_epoch()};
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               zone->to_sys(local, date::choose::earliest).time_since_epoch())
        .count();
}

sys_days period_start(sys_days d, Granularity g) {
    switch (g) {
    case Granularity::Day:
        return d;
    case Granularity::Week:
        return d - days{(std::chrono::weekday{d}.iso_encoding() + 6) % 7};
    case Granularity::Month: {
        year_month_day ymd{d};
        return sys_days{year_month_day{ymd.year(), ymd.month(), std::chrono::day{1}}};
    }
    }
    return d;
}

sys_days next_start(sys_days start, Granularity g) {
    switch (g) {
    case Granularity::Day:
        return start + days{1};
    case Granularity::Week:
        return start + days{7};
    case Granularity::Month: {
        year_month_day ymd{start};
        return sys_days{ymd + std::chrono::months{1}};
    }
    }
    return start + days{1};
}

std::string label(sys_days start, Granularity g) {
    year_month_day ymd{start};
    char buf[16];
    switch (g) {
    case Granularity::Day:
        return date_text(ymd);
    case Granularity::Week: {
        iso_week::year_weeknum_weekday w{start};
        std::snprintf(buf, sizeof buf, "%04d-W%02u", static_cast<int>(w.year()),
                      static_cast<unsigned>(w.weeknum()));
        return buf;
    }
    case Granularity::Month:
        std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()));
        return buf;
    }
    return date_text(ymd);
}

} // namespace

std::vector<Period> periods(year_month_day from, year_month_day to, Granularity granularity,
                            const date::time_zone* zone) {
    const sys_days first{from}, last{to};
    if (last < first)
        throw std::invalid_argument("the range ends before it starts");
    const sys_days end = last + days{1};
    std::vector<Period> out;
    for (sys_days start = period_start(first, granularity); start < end;
         start = next_start(start, granularity)) {
        const sys_days b = std::max(start, first);
        const sys_days e = std::min(next_start(start, granularity), end);
        out.push_back(
            {label(start, granularity), local_midnight_ms(zone, b), local_midnight_ms(zone, e)});
    }
    return out;
}

std::string period_index_sql(const std::string& column, const std::vector<Period>& periods,
                             Granularity granularity, const date::time_zone* zone,
                             std::vector<SqlValue>& params) {
    if (periods.size() <= 1)
        return "0";
    // One UTC offset over the whole range: a day is offset-shifted ms / day.
    const auto begin = date::sys_time<std::chrono::milliseconds>{
        std::chrono::milliseconds{periods.front().begin_ms}};
    const auto info = zone->get_info(begin);
    const bool fixed =
        info.end.time_since_epoch() >= std::chrono::milliseconds{periods.back().end_ms};
    if (fixed && granularity != Granularity::Month) {
        const std::int64_t offset_ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(info.offset).count();
        // Day numbers since 1970-01-01 (a Thursday); + 3 makes weeks start on Monday.
        const std::int64_t first_day = (periods.front().begin_ms + offset_ms) / day_ms;
        const std::string day = "((" + column + " + ?) / ?)";
        params.emplace_back(offset_ms);
        params.emplace_back(day_ms);
        if (granularity == Granularity::Day) {
            params.emplace_back(first_day);
            return "(" + day + " - ?)";
        }
        params.emplace_back(std::int64_t{(first_day + 3) / 7});
        return "((" + day + " + 3) / 7 - ?)";
    }
    std::string out = "CASE";
    for (std::size_t i = 1; i < periods.size(); ++i) {
        out += " WHEN " + column + " < ? THEN " + std::to_string(i - 1);
        params.emplace_back(periods[i].begin_ms);
    }
    return out + " ELSE " + std::to_string(periods.size() - 1) + " END";
}

} // namespace redress::core::report
