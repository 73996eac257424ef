// The metrics behind every report: one place that turns a ReportRequest into
// tables, by aggregate queries over the store. Reporters only format what
// this produces; docs/reports.md defines each figure, and the tests check
// them against hand-computed ones.
//
// Complaint figures count the complaints RECEIVED in a period (a cohort):
// the first-response time of the week's complaints, however late it came.
// Follow-up calls count by when the call was made; compensation by when the
// customer agreed to it; the open backlog is as of the moment of the run.
#pragma once

#include <cstdint>
#include <functional>
#include <redress/core/config/config.hpp>
#include <redress/core/report/report_request.hpp>
#include <redress/core/report/report_table.hpp>
#include <redress/core/store/store.hpp>
#include <string>
#include <vector>

namespace redress::core::report {

//! A bad request: unknown report or table, dates out of order, too many
//! periods, an unknown department. The message names the parameter.
class ReportError : public std::invalid_argument {
public:
    ReportError(std::string field, const std::string& message)
        : std::invalid_argument(message)
        , field_(std::move(field)) {}
    const std::string& field() const noexcept { return field_; }

private:
    std::string field_;
};

class ReportEngine {
public:
    //! config: the departments (names, currencies, budgets) and the company's
    //! time zone; now_ms: the instant the report is made (the backlog's "now").
    ReportEngine(Store& store, const Config& config, std::int64_t now_ms);

    //! Checks the request (throws ReportError) and writes its tables.
    void run(const ReportRequest& request, TableWriter& out) const;

    //! Throws ReportError if the request cannot be run; run() checks too.
    void check(const ReportRequest& request) const;

    //! Called with each query before it runs (benchmarks time the bare SQL
    //! a report needs by replaying these; see bench/report).
    using QueryObserver =
        std::function<void(const std::string& sql, const std::vector<SqlValue>& params,
                           const std::vector<SqlType>& columns)>;
    void set_query_observer(QueryObserver observer) { observer_ = std::move(observer); }

    //! Every table id the engine knows.
    static const std::vector<std::string>& table_ids();

private:
    class Run;
    Store& store_;
    const Config& config_;
    std::int64_t now_ms_;
    QueryObserver observer_;
};

} // namespace redress::core::report
