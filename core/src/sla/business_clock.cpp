#include <algorithm>
#include <chrono>
#include <date/tz.h>
#include <redress/core/sla/business_clock.hpp>
#include <stdexcept>

namespace redress::core {

namespace {

using Ms = std::chrono::milliseconds;
using LocalMs = date::local_time<Ms>;
using SysMs = date::sys_time<Ms>;

// A calendar with no working time at all (e.g. every date a holiday) is the only
// way to go this long without a window; give up rather than loop for ever.
constexpr int max_idle_days = 3660;

date::local_days local_days_of(std::int64_t day) {
    return date::local_days{date::days{day}};
}

} // namespace

BusinessClock::BusinessClock(const Calendar& calendar)
    : open_minute_(calendar.open_minute)
    , close_minute_(calendar.close_minute) {
    const std::string where = "calendar (time zone '" + calendar.timezone + "')";
    try {
        zone_ = date::locate_zone(calendar.timezone);
    } catch (const std::exception&) {
        throw std::invalid_argument("calendar: unknown time zone '" + calendar.timezone +
                                    "' (expected an IANA name such as 'Asia/Shanghai')");
    }
    if (calendar.days.empty())
        throw std::invalid_argument(where + ": no working day");
    for (const auto& d : calendar.days) {
        if (!d.ok())
            throw std::invalid_argument(where + ": invalid weekday " +
                                        std::to_string(d.c_encoding()));
        working_weekday_[d.c_encoding()] = true;
    }
    if (open_minute_ < 0 || close_minute_ > 24 * 60 || open_minute_ >= close_minute_)
        throw std::invalid_argument(
            where + ": expected 0 <= open_minute < close_minute <= 1440, got open_minute " +
            std::to_string(open_minute_) + " and close_minute " + std::to_string(close_minute_));
    for (const auto& h : calendar.holidays) {
        if (!h.ok())
            throw std::invalid_argument(where + ": invalid holiday date");
        holidays_.push_back(std::chrono::sys_days{h}.time_since_epoch().count());
    }
    std::sort(holidays_.begin(), holidays_.end());
}

std::int64_t BusinessClock::local_day_of(std::int64_t t_ms) const {
    const LocalMs local = zone_->to_local(SysMs{Ms{t_ms}});
    return date::floor<date::days>(local).time_since_epoch().count();
}

std::int64_t BusinessClock::to_utc(std::int64_t local_day, int minute) const {
    // earliest: an ambiguous time takes its first instant; a nonexistent one maps to
    // the transition instant (date's documented behaviour for choose).
    const LocalMs local = LocalMs{local_days_of(local_day)} + std::chrono::minutes{minute};
    return zone_->to_sys(local, date::choose::earliest).time_since_epoch().count();
}

std::optional<BusinessClock::Window> BusinessClock::window_on(std::int64_t local_day) const {
    const date::weekday wd{local_days_of(local_day)};
    if (!working_weekday_[wd.c_encoding()])
        return std::nullopt;
    if (std::binary_search(holidays_.begin(), holidays_.end(), local_day))
        return std::nullopt;
    return Window{to_utc(local_day, open_minute_), to_utc(local_day, close_minute_)};
}

std::int64_t BusinessClock::add(std::int64_t start_ms, BusinessDuration duration) const {
    if (duration.days < 0 || duration.minutes < 0)
        throw std::invalid_argument("business duration must not be negative (got " +
                                    std::to_string(duration.days) + "d " +
                                    std::to_string(duration.minutes) + "min)");
    const std::int64_t day_minutes = close_minute_ - open_minute_;
    std::int64_t remaining = (std::int64_t{duration.days} * day_minutes + duration.minutes) *
                             Ms{std::chrono::minutes{1}}.count();
    std::int64_t cursor = start_ms;
    int idle_days = 0;
    // Start a day early: with a DST change at midnight the previous local day's window can
    // end after the local midnight of start's day; windows that ended already are skipped.
    for (std::int64_t day = local_day_of(start_ms) - 1;; ++day) {
        const auto w = window_on(day);
        const std::int64_t begin = w ? std::max(w->begin, cursor) : 0;
        if (!w || w->end <= begin) {
            if (++idle_days > max_idle_days)
                throw std::invalid_argument("calendar (time zone '" + zone_->name() +
                                            "'): no working time in " +
                                            std::to_string(max_idle_days) + " days");
            continue;
        }
        idle_days = 0;
        // <=, so that a due time at the closing instant stays there.
        if (remaining <= w->end - begin)
            return begin + remaining;
        remaining -= w->end - begin;
        cursor = w->end;
    }
}

std::int64_t BusinessClock::working_minutes_between(std::int64_t from_ms,
                                                    std::int64_t to_ms) const {
    if (to_ms <= from_ms)
        return 0;
    std::int64_t total_ms = 0;
    const std::int64_t last = local_day_of(to_ms) + 1;
    for (std::int64_t day = local_day_of(from_ms) - 1; day <= last; ++day)
        if (const auto w = window_on(day)) {
            const std::int64_t begin = std::max(w->begin, from_ms);
            const std::int64_t end = std::min(w->end, to_ms);
            if (end > begin)
                total_ms += end - begin;
        }
    return total_ms / Ms{std::chrono::minutes{1}}.count();
}

bool BusinessClock::same_local_day(std::int64_t a_ms, std::int64_t b_ms) const {
    return local_day_of(a_ms) == local_day_of(b_ms);
}

bool BusinessClock::is_working_time(std::int64_t t_ms) const {
    // The same windows add() counts in, so the two always agree (also across DST).
    const std::int64_t day = local_day_of(t_ms);
    for (std::int64_t d = day - 1; d <= day + 1; ++d)
        if (const auto w = window_on(d); w && w->begin <= t_ms && t_ms < w->end)
            return true;
    return false;
}

} // namespace redress::core

namespace redress::core {

int BusinessClock::local_year(std::int64_t t_ms) const {
    date::sys_days day{date::days{local_day_of(t_ms)}}; // local day numbers count like sys days
    return static_cast<int>(date::year_month_day(day).year());
}

std::string BusinessClock::local_text(std::int64_t t_ms) const {
    const LocalMs local = zone_->to_local(SysMs{Ms{t_ms}});
    return date::format("%Y-%m-%d %H:%M", date::floor<std::chrono::minutes>(local));
}

} // namespace redress::core
