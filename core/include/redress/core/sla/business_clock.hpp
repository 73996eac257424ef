// Business-time arithmetic for SLA targets: when is a target due, and how much
// working time lies between two instants.
//
// Working time is defined in the LOCAL wall-clock time of the calendar's zone:
// a day works if its weekday is in Calendar::days and its date is not a
// holiday, and its working hours are [open_minute, close_minute) local. Each
// such window is converted to UTC (an ambiguous local time takes its earlier
// instant, a nonexistent one the instant of the transition), and business time
// is the real time elapsed inside these UTC windows. So a window that spans a
// DST change is an hour shorter or longer than its wall-clock length.
//
// All instants are UTC milliseconds since the Unix epoch. A BusinessClock is
// immutable once built; its const members may be called from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <redress/core/config/config.hpp>
#include <string>
#include <vector>

namespace date {
class time_zone;
}

namespace redress::core {

class BusinessClock {
public:
    //! Throws std::invalid_argument naming the zone if calendar.timezone is unknown, or if
    //! the calendar has no working day, an invalid weekday, or not 0 <= open < close <= 1440.
    explicit BusinessClock(const Calendar& calendar);

    //! The instant when `duration` of business time has elapsed after `start_ms`.
    //! One business day = (close_minute - open_minute) working minutes, so the total is
    //! days * that + minutes. Counting starts at start_ms if it is inside working time,
    //! otherwise at the next opening; a zero duration gives that starting instant. A due
    //! time that lands exactly at a closing time stays at that closing time. Throws
    //! std::invalid_argument if the duration is negative, or if no working time is found
    //! within 3660 consecutive days (only a calendar whose every day is a holiday can).
    std::int64_t add(std::int64_t start_ms, BusinessDuration duration) const;

    //! Whole working minutes (rounded down) between two instants; 0 if to <= from.
    std::int64_t working_minutes_between(std::int64_t from_ms, std::int64_t to_ms) const;

    //! True when both instants fall on the same calendar date in the calendar's zone.
    bool same_local_day(std::int64_t a_ms, std::int64_t b_ms) const;

    //! True when t is inside working hours on a working, non-holiday day.
    bool is_working_time(std::int64_t t_ms) const;

    //! The calendar year of t in the calendar's zone (tracking numbers use it).
    int local_year(std::int64_t t_ms) const;

    //! t as local wall time in the calendar's zone, "2026-11-24 17:30".
    std::string local_text(std::int64_t t_ms) const;

private:
    //! One day's working hours as UTC ms, [begin, end).
    struct Window {
        std::int64_t begin = 0;
        std::int64_t end = 0;
    };

    //! The local day number (days since 1970-01-01 local) that t falls on.
    std::int64_t local_day_of(std::int64_t t_ms) const;
    //! The working window of a local day, or nothing if the day does not work.
    std::optional<Window> window_on(std::int64_t local_day) const;
    //! The UTC instant of a local wall time: `minute` minutes after the local day's midnight.
    std::int64_t to_utc(std::int64_t local_day, int minute) const;

    const date::time_zone* zone_ = nullptr;
    std::array<bool, 7> working_weekday_{}; //!< by C encoding, 0 = Sunday
    int open_minute_ = 0;
    int close_minute_ = 0;
    std::vector<std::int64_t> holidays_; //!< local day numbers, sorted
};

} // namespace redress::core
