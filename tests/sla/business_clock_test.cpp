// Business-time arithmetic. Every instant is written as a local time with its UTC
// offset (ISO 8601), so each expected value can be checked against a calendar by
// hand. The default calendar is Asia/Shanghai (+08:00, no DST), Monday to Friday,
// 09:00-18:00: a business day is 9 hours.
#include <chrono>
#include <cstdio>
#include <gtest/gtest.h>
#include <redress/core/sla/business_clock.hpp>
#include <stdexcept>
#include <string>

using namespace redress::core;
using namespace std::chrono;

namespace {

//! "2026-06-10T10:00+08:00" as UTC ms since the epoch. The offset is spelled out rather
//! than looked up, so the expected values do not depend on the code under test.
std::int64_t at(const std::string& iso) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, oh = 0, om = 0;
    char sign = 0;
    if (std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d%c%d:%d", &y, &mo, &d, &h, &mi, &sign, &oh, &om) !=
            8 ||
        (sign != '+' && sign != '-'))
        throw std::invalid_argument("test: bad instant " + iso);
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)},
                              day{static_cast<unsigned>(d)}};
    const minutes offset = (sign == '+' ? 1 : -1) * (hours{oh} + minutes{om});
    const auto utc = sys_days{date} + hours{h} + minutes{mi} - offset;
    return duration_cast<milliseconds>(utc.time_since_epoch()).count();
}

//! ms as "2026-06-10 02:00:00.000 UTC", for failure messages.
std::string utc(std::int64_t ms) {
    const sys_time<milliseconds> t{milliseconds{ms}};
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss<milliseconds> tod{t - day};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02lld:%02lld:%02lld.%03lld UTC",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<long long>(tod.hours().count()),
                  static_cast<long long>(tod.minutes().count()),
                  static_cast<long long>(tod.seconds().count()),
                  static_cast<long long>(tod.subseconds().count()));
    return buf;
}

testing::AssertionResult is_at(std::int64_t actual, const std::string& expected) {
    if (actual == at(expected))
        return testing::AssertionSuccess();
    return testing::AssertionFailure()
           << "got " << utc(actual) << ", expected " << expected << " = " << utc(at(expected));
}

Calendar shanghai() {
    return Calendar{}; // Asia/Shanghai, Mon-Fri, 09:00-18:00
}

Calendar berlin_always_open() {
    Calendar c;
    c.timezone = "Europe/Berlin";
    c.days = {Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday};
    c.open_minute = 0;
    c.close_minute = 24 * 60;
    return c;
}

BusinessDuration business_hours(int h) {
    return {0, h * 60};
}

} // namespace

// 2026-06-08 is a Monday, 2026-06-10 a Wednesday, 2026-06-13 a Saturday.

TEST(BusinessClock, StartInsideHoursIsDueTheSameDay) {
    const BusinessClock clock(shanghai());
    EXPECT_TRUE(is_at(clock.add(at("2026-06-10T10:00+08:00"), business_hours(4)),
                      "2026-06-10T14:00+08:00"));
}

TEST(BusinessClock, StartBeforeOpeningCountsFromOpening) {
    const BusinessClock clock(shanghai());
    EXPECT_TRUE(is_at(clock.add(at("2026-06-10T07:30+08:00"), business_hours(4)),
                      "2026-06-10T13:00+08:00"));
}

TEST(BusinessClock, StartAfterClosingCountsFromNextOpening) {
    const BusinessClock clock(shanghai());
    EXPECT_TRUE(is_at(clock.add(at("2026-06-10T19:00+08:00"), business_hours(4)),
                      "2026-06-11T13:00+08:00"));
    // Closing is exclusive: a start exactly at 18:00 is outside working time.
    EXPECT_TRUE(is_at(clock.add(at("2026-06-10T18:00+08:00"), business_hours(1)),
                      "2026-06-11T10:00+08:00"));
    // A zero duration is the instant counting starts.
    EXPECT_TRUE(is_at(clock.add(at("2026-06-10T19:00+08:00"), {0, 0}), "2026-06-11T09:00+08:00"));
}

TEST(BusinessClock, StartOnSaturdayCountsFromMonday) {
    const BusinessClock clock(shanghai());
    EXPECT_TRUE(is_at(clock.add(at("2026-06-13T11:00+08:00"), business_hours(4)),
                      "2026-06-15T13:00+08:00"));
}

TEST(BusinessClock, CrossesAWeekend) {
    const BusinessClock clock(shanghai());
    // Friday 16:00-18:00 is 2h; the other 2h are Monday 09:00-11:00.
    EXPECT_TRUE(is_at(clock.add(at("2026-06-12T16:00+08:00"), business_hours(4)),
                      "2026-06-15T11:00+08:00"));
}

TEST(BusinessClock, SkipsAHolidayInTheMiddle) {
    // 2026-09-30 is a Wednesday; 2026-10-01 (National Day) a Thursday.
    const std::int64_t start = at("2026-09-30T15:00+08:00");
    // Without the holiday: Wednesday 3h, Thursday 6h.
    EXPECT_TRUE(is_at(BusinessClock(shanghai()).add(start, {1, 0}), "2026-10-01T15:00+08:00"));
    Calendar c = shanghai();
    c.holidays = {2026y / October / 1};
    EXPECT_TRUE(is_at(BusinessClock(c).add(start, {1, 0}), "2026-10-02T15:00+08:00"));
}

TEST(BusinessClock, OneDayFourHoursIsThirteenWorkingHoursWithANineHourDay) {
    const BusinessClock clock(shanghai());
    // 9h + 4h = 13h: Monday 10:00-18:00 is 8h, the other 5h end Tuesday 14:00.
    EXPECT_TRUE(
        is_at(clock.add(at("2026-06-08T10:00+08:00"), {1, 4 * 60}), "2026-06-09T14:00+08:00"));
}

TEST(BusinessClock, DueExactlyAtClosingStaysAtClosing) {
    const BusinessClock clock(shanghai());
    EXPECT_TRUE(is_at(clock.add(at("2026-06-10T10:00+08:00"), business_hours(8)),
                      "2026-06-10T18:00+08:00"));
    EXPECT_TRUE(is_at(clock.add(at("2026-06-10T09:00+08:00"), {1, 0}), "2026-06-10T18:00+08:00"));
    // Friday's closing, not Monday's opening.
    EXPECT_TRUE(is_at(clock.add(at("2026-06-12T16:00+08:00"), business_hours(2)),
                      "2026-06-12T18:00+08:00"));
}

TEST(BusinessClock, SaturdayWorkingDepartmentWithTwelveHourDays) {
    Calendar c = shanghai();
    c.days = {Monday, Tuesday, Wednesday, Thursday, Friday, Saturday};
    c.open_minute = 8 * 60;
    c.close_minute = 20 * 60;
    const BusinessClock clock(c);
    // A business day is 12h: Friday 18:00-20:00 is 2h, Saturday 08:00-18:00 the other 10h.
    EXPECT_TRUE(is_at(clock.add(at("2026-06-12T18:00+08:00"), {1, 0}), "2026-06-13T18:00+08:00"));
    // Saturday 19:00-20:00 is 1h, Sunday is off, Monday 08:00-11:00 the other 3h.
    EXPECT_TRUE(is_at(clock.add(at("2026-06-13T19:00+08:00"), business_hours(4)),
                      "2026-06-15T11:00+08:00"));
}

TEST(BusinessClock, SameInstantInTwoZonesGivesDifferentDueTimes) {
    // 2026-06-10 01:00 UTC is 09:00 in Shanghai and 03:00 (CEST) in Berlin.
    const std::int64_t start = at("2026-06-10T01:00+00:00");
    Calendar berlin = shanghai();
    berlin.timezone = "Europe/Berlin";
    const std::int64_t in_shanghai = BusinessClock(shanghai()).add(start, business_hours(4));
    const std::int64_t in_berlin = BusinessClock(berlin).add(start, business_hours(4));
    EXPECT_TRUE(is_at(in_shanghai, "2026-06-10T13:00+08:00"));
    EXPECT_TRUE(is_at(in_berlin, "2026-06-10T13:00+02:00"));
    EXPECT_EQ(in_berlin - in_shanghai, 6 * 3600 * 1000);
}

TEST(BusinessClock, SpringForwardDayHasTwentyThreeRealHours) {
    // Berlin 2026-03-29: 02:00 CET jumps to 03:00 CEST. Business time is real time
    // elapsed, so 1d (24h) after Saturday 12:00 is Sunday 13:00 on the wall clock.
    const BusinessClock clock(berlin_always_open());
    EXPECT_TRUE(is_at(clock.add(at("2026-03-28T12:00+01:00"), {1, 0}), "2026-03-29T13:00+02:00"));
    EXPECT_TRUE(is_at(clock.add(at("2026-03-29T01:30+01:00"), business_hours(1)),
                      "2026-03-29T03:30+02:00"));
    EXPECT_EQ(
        clock.working_minutes_between(at("2026-03-29T00:00+01:00"), at("2026-03-30T00:00+02:00")),
        23 * 60);
}

TEST(BusinessClock, FallBackDayHasTwentyFiveRealHours) {
    // Berlin 2026-10-25: 03:00 CEST falls back to 02:00 CET. 1d (24h) after Saturday
    // 12:00 is Sunday 11:00 on the wall clock.
    const BusinessClock clock(berlin_always_open());
    EXPECT_TRUE(is_at(clock.add(at("2026-10-24T12:00+02:00"), {1, 0}), "2026-10-25T11:00+01:00"));
    // One real hour after the first 02:30 is the second 02:30.
    EXPECT_TRUE(is_at(clock.add(at("2026-10-25T02:30+02:00"), business_hours(1)),
                      "2026-10-25T02:30+01:00"));
    EXPECT_EQ(
        clock.working_minutes_between(at("2026-10-25T00:00+02:00"), at("2026-10-26T00:00+01:00")),
        25 * 60);
}

TEST(BusinessClock, OpeningInTheSpringForwardGapOpensAtTheTransition) {
    Calendar c = berlin_always_open();
    c.open_minute = 2 * 60 + 30; // 02:30 does not exist on 2026-03-29
    c.close_minute = 18 * 60;
    const BusinessClock clock(c);
    EXPECT_FALSE(clock.is_working_time(at("2026-03-29T01:59+01:00")));
    EXPECT_TRUE(clock.is_working_time(at("2026-03-29T03:00+02:00")));
    EXPECT_TRUE(is_at(clock.add(at("2026-03-29T00:00+01:00"), business_hours(1)),
                      "2026-03-29T04:00+02:00"));
}

TEST(BusinessClock, AmbiguousOpeningTakesTheEarlierInstant) {
    Calendar c = berlin_always_open();
    c.open_minute = 2 * 60 + 30; // 02:30 happens twice on 2026-10-25; the first counts
    c.close_minute = 18 * 60;
    const BusinessClock clock(c);
    EXPECT_FALSE(clock.is_working_time(at("2026-10-25T02:29+02:00")));
    EXPECT_TRUE(clock.is_working_time(at("2026-10-25T02:30+02:00")));
    EXPECT_TRUE(is_at(clock.add(at("2026-10-25T01:00+02:00"), business_hours(1)),
                      "2026-10-25T02:30+01:00"));
}

TEST(BusinessClock, WorkingMinutesBetweenSkipTheWeekend) {
    const BusinessClock clock(shanghai());
    // Friday 16:00-18:00 and Monday 09:00-11:00.
    EXPECT_EQ(
        clock.working_minutes_between(at("2026-06-12T16:00+08:00"), at("2026-06-15T11:00+08:00")),
        4 * 60);
    EXPECT_EQ(
        clock.working_minutes_between(at("2026-06-15T11:00+08:00"), at("2026-06-12T16:00+08:00")),
        0);
    EXPECT_EQ(
        clock.working_minutes_between(at("2026-06-13T00:00+08:00"), at("2026-06-14T23:59+08:00")),
        0);
    // Partial minutes are dropped.
    const std::int64_t from = at("2026-06-10T10:00+08:00");
    EXPECT_EQ(clock.working_minutes_between(from, from + 90'000), 1);
}

TEST(BusinessClock, SameLocalDayDependsOnTheZone) {
    // 15:30 and 16:30 UTC: 23:30 and 00:30 the next day in Shanghai, but 17:30 and
    // 18:30 on the same day in Berlin.
    const std::int64_t a = at("2026-06-10T23:30+08:00");
    const std::int64_t b = at("2026-06-11T00:30+08:00");
    EXPECT_FALSE(BusinessClock(shanghai()).same_local_day(a, b));
    Calendar berlin = shanghai();
    berlin.timezone = "Europe/Berlin";
    EXPECT_TRUE(BusinessClock(berlin).same_local_day(a, b));
    EXPECT_TRUE(BusinessClock(shanghai())
                    .same_local_day(at("2026-06-11T00:30+08:00"), at("2026-06-11T23:30+08:00")));
}

TEST(BusinessClock, IsWorkingTimeFollowsDaysHoursAndHolidays) {
    Calendar c = shanghai();
    c.holidays = {2026y / October / 1};
    const BusinessClock clock(c);
    EXPECT_TRUE(clock.is_working_time(at("2026-06-10T09:00+08:00")));
    EXPECT_TRUE(clock.is_working_time(at("2026-06-10T17:59+08:00")));
    EXPECT_FALSE(clock.is_working_time(at("2026-06-10T08:59+08:00")));
    EXPECT_FALSE(clock.is_working_time(at("2026-06-10T18:00+08:00")));
    EXPECT_FALSE(clock.is_working_time(at("2026-06-13T11:00+08:00"))); // Saturday
    EXPECT_FALSE(clock.is_working_time(at("2026-10-01T11:00+08:00"))); // holiday
}

TEST(BusinessClock, UnknownZoneThrowsNamingIt) {
    Calendar c = shanghai();
    c.timezone = "Mars/Olympus_Mons";
    try {
        BusinessClock clock(c);
        FAIL() << "no exception";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("'Mars/Olympus_Mons'"), std::string::npos) << e.what();
    }
}

TEST(BusinessClock, RefusesACalendarWithoutWorkingTime) {
    Calendar no_days = shanghai();
    no_days.days.clear();
    EXPECT_THROW(BusinessClock{no_days}, std::invalid_argument);
    Calendar closed = shanghai();
    closed.open_minute = closed.close_minute = 9 * 60;
    EXPECT_THROW(BusinessClock{closed}, std::invalid_argument);
}

TEST(BusinessClock, GivesUpWhenEveryWorkingDayIsAHoliday) {
    Calendar c = shanghai();
    c.days = {Monday};
    for (sys_days d = 2026y / June / Monday[1]; d < sys_days{2037y / January / 1}; d += weeks{1})
        c.holidays.push_back(year_month_day{d});
    EXPECT_THROW(BusinessClock(c).add(at("2026-06-01T10:00+08:00"), business_hours(1)),
                 std::invalid_argument);
}

TEST(BusinessClock, RefusesANegativeDuration) {
    EXPECT_THROW(BusinessClock(shanghai()).add(at("2026-06-10T10:00+08:00"), {0, -1}),
                 std::invalid_argument);
}

TEST(BusinessClock, SixtyDaysIsTheSixtiethWorkingDay) {
    // From Monday 2026-06-01 09:00, 60 Mon-Fri days are 12 full weeks: they end on
    // Friday 2026-08-21 at closing.
    EXPECT_TRUE(is_at(BusinessClock(shanghai()).add(at("2026-06-01T09:00+08:00"), {60, 0}),
                      "2026-08-21T18:00+08:00"));

    // With the National Day week off: from Tuesday 2026-09-01, September has 22 working
    // days, October 22 - 5 holidays (1, 2, 5, 6, 7) = 17, so the 60th is the 21st in
    // November: Monday 2026-11-30.
    Calendar c = shanghai();
    for (unsigned d = 1; d <= 7; ++d)
        c.holidays.push_back(2026y / October / day{d});
    int working_days = 0;
    for (sys_days d = 2026y / September / 1; d <= sys_days{2026y / November / 30}; d += days{1}) {
        const weekday wd{d};
        const bool holiday = d >= sys_days{2026y / October / 1} && d <= sys_days{2026y / 10 / 7};
        working_days += (wd != Saturday && wd != Sunday && !holiday) ? 1 : 0;
    }
    ASSERT_EQ(working_days, 60); // the literal below is the 60th working day
    EXPECT_TRUE(is_at(BusinessClock(c).add(at("2026-09-01T09:00+08:00"), {60, 0}),
                      "2026-11-30T18:00+08:00"));
    EXPECT_EQ(BusinessClock(c).working_minutes_between(at("2026-09-01T09:00+08:00"),
                                                       at("2026-11-30T18:00+08:00")),
              60 * 9 * 60);
}
