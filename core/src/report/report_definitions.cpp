#include <redress/core/report/report_definitions.hpp>

namespace redress::core::report {

namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

// The tables of the full reports, in reading order: the trend first, then
// who and what, then money, customers and what is still open.
const std::vector<std::string> all_tables{
    "overview",
    "department_performance",
    "volume_by_channel",
    "volume_by_department",
    "volume_by_category",
    "volume_by_customer_type",
    "volume_by_catalog_verdict",
    "satisfaction",
    "compensation_by_department",
    "compensation_by_remedy",
    "compensation_by_policy",
    "complainants",
    "repeat_complainants",
    "backlog_by_age",
};

} // namespace

const std::vector<ReportDefinition>& report_definitions() {
    static const std::vector<ReportDefinition> list{
        {"weekly", "投诉处理周报", "Weekly complaint report", all_tables, Granularity::Day,
         DefaultRange::LastWeek},
        {"monthly", "投诉处理月报", "Monthly complaint report", all_tables, Granularity::Week,
         DefaultRange::LastMonth},
        {"volumes",
         "投诉量",
         "Complaint volumes",
         {"volume_by_channel", "volume_by_department", "volume_by_category",
          "volume_by_customer_type", "volume_by_catalog_verdict"},
         Granularity::Day,
         DefaultRange::Last7Days},
        {"response",
         "响应与解决",
         "Response and resolution",
         {"overview", "department_performance"},
         Granularity::Day,
         DefaultRange::Last7Days},
        {"compensation",
         "补偿成本",
         "Compensation cost",
         {"compensation_by_department", "compensation_by_remedy", "compensation_by_policy"},
         Granularity::Month,
         DefaultRange::LastMonth},
        {"satisfaction",
         "回访满意度",
         "Follow-up satisfaction",
         {"satisfaction"},
         Granularity::Day,
         DefaultRange::Last7Days},
        {"complainants",
         "重复投诉客户",
         "Repeat complainants",
         {"complainants", "repeat_complainants"},
         Granularity::Day,
         DefaultRange::LastMonth},
        {"backlog",
         "未结投诉账龄",
         "Open backlog by age",
         {"backlog_by_age"},
         Granularity::Day,
         DefaultRange::Last7Days},
    };
    return list;
}

const ReportDefinition* find_report(std::string_view name) {
    for (const auto& r : report_definitions())
        if (r.name == name)
            return &r;
    return nullptr;
}

std::pair<year_month_day, year_month_day> default_range(DefaultRange range, year_month_day today) {
    const sys_days t{today};
    switch (range) {
    case DefaultRange::LastWeek: {
        // Days since Monday (ISO weekday 1) of today's week, then a week back.
        const unsigned since_monday = (std::chrono::weekday{t}.iso_encoding() + 6) % 7;
        const sys_days monday = t - days{since_monday} - days{7};
        return {year_month_day{monday}, year_month_day{monday + days{6}}};
    }
    case DefaultRange::LastMonth: {
        const year_month_day first_this{today.year(), today.month(), std::chrono::day{1}};
        const year_month_day last_prev{sys_days{first_this} - days{1}};
        return {year_month_day{last_prev.year(), last_prev.month(), std::chrono::day{1}},
                last_prev};
    }
    case DefaultRange::Last7Days:
        return {year_month_day{t - days{7}}, year_month_day{t - days{1}}};
    }
    return {today, today};
}

} // namespace redress::core::report
