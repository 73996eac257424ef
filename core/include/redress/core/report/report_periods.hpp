// The periods of a report — local days, ISO weeks or months in a time zone —
// as UTC instants, and the SQL expression that puts a timestamp column into
// its period. Boundaries are local midnights converted with the zone's rules,
// so a day that has 23 or 25 hours (DST) is still one day.
#pragma once

#include <chrono>
#include <cstdint>
#include <redress/core/report/report_request.hpp>
#include <redress/core/store/store.hpp>
#include <string>
#include <vector>

namespace date {
class time_zone;
}

namespace redress::core::report {

struct Period {
    std::string label;         //!< "2026-11-16", "2026-W47", "2026-11"
    std::int64_t begin_ms = 0; //!< the first local midnight, UTC ms
    std::int64_t end_ms = 0;   //!< exclusive
};

//! The periods covering [from, to] (inclusive local dates); the first and
//! last are cut to the range. Throws std::invalid_argument if to < from.
std::vector<Period> periods(std::chrono::year_month_day from, std::chrono::year_month_day to,
                            Granularity granularity, const date::time_zone* zone);

//! An SQL expression giving the index (0-based) of the period that `column`
//! (UTC ms, within the periods) falls in; appends its parameters to params.
//! Days and weeks in a zone whose offset does not change over the range are
//! plain arithmetic; anything else is a CASE over the boundaries.
std::string period_index_sql(const std::string& column, const std::vector<Period>& periods,
                             Granularity granularity, const date::time_zone* zone,
                             std::vector<SqlValue>& params);

} // namespace redress::core::report
