// What a report is asked for: which report, which local dates, how they are
// bucketed, which departments and channels. The API's query parameters, the
// CLI's flags and the config's schedules all become one of these.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redress::core::report {

//! How the figures over time are bucketed: local days, ISO weeks (Monday to
//! Sunday) or calendar months, in the company's time zone.
enum class Granularity { Day, Week, Month };
std::string_view to_string(Granularity g);
std::optional<Granularity> parse_granularity(std::string_view s);

struct ReportRequest {
    std::string name;                 //!< a report (see report_definitions.hpp)
    std::chrono::year_month_day from; //!< first local date
    std::chrono::year_month_day to;   //!< last local date, inclusive
    Granularity granularity = Granularity::Day;
    std::vector<std::string> departments; //!< empty: all
    std::vector<std::string> channels;    //!< empty: all
    std::string language = "zh";          //!< "zh" or "en": titles and labels
    std::string table;                    //!< only this table of the report; empty: all
};

//! "YYYY-MM-DD" as a real date, or nullopt.
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);
std::string date_text(std::chrono::year_month_day d);

//! The most periods a report may have: a day-by-day report over three years
//! is unreadable in any format; the caller is told to pick weeks or months.
inline constexpr int max_periods = 1100;

} // namespace redress::core::report
