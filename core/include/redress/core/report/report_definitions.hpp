// The reports Redress offers, by name: their titles, the tables they hold, and
// the dates they cover when the caller names none. docs/reports.md defines
// every table and figure.
#pragma once

#include <chrono>
#include <redress/core/report/report_request.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace redress::core::report {

//! The dates a report covers by default, relative to the local date it runs.
enum class DefaultRange {
    LastWeek,  //!< the last complete ISO week (Monday to Sunday) before today
    LastMonth, //!< the last complete calendar month
    Last7Days, //!< the seven days before today
};

struct ReportDefinition {
    std::string name;
    std::string title_zh, title_en;
    std::vector<std::string> tables; //!< table ids, in order
    Granularity granularity = Granularity::Day;
    DefaultRange range = DefaultRange::LastWeek;

    const std::string& title(std::string_view language) const {
        return language == "en" ? title_en : title_zh;
    }
};

//! Every report, in the order they are listed.
const std::vector<ReportDefinition>& report_definitions();
//! The report named name, or nullptr.
const ReportDefinition* find_report(std::string_view name);
//! [from, to] (inclusive) of a report's default range, for the local date today.
std::pair<std::chrono::year_month_day, std::chrono::year_month_day>
default_range(DefaultRange range, std::chrono::year_month_day today);

} // namespace redress::core::report
