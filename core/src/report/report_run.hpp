// Internal to the metrics: one run of a report — the request resolved against
// the config (zone, periods, departments), the SQL filters every query
// shares, and the table builders, which live in the *_metrics.cpp files.
#pragma once

#include <map>
#include <optional>
#include <redress/core/report/report_engine.hpp>
#include <redress/core/report/report_periods.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace date {
class time_zone;
}

namespace redress::core::report {

//! SQL text and its parameters, built left to right in the order they appear.
struct Sql {
    std::string text;
    std::vector<SqlValue> params;

    Sql& operator+=(std::string_view s) {
        text += s;
        return *this;
    }
    Sql& operator+=(const Sql& other) {
        text += other.text;
        params.insert(params.end(), other.params.begin(), other.params.end());
        return *this;
    }
    Sql& param(SqlValue v) {
        text += "?";
        params.push_back(std::move(v));
        return *this;
    }
    //! " IN (?, ?…)" over values.
    Sql& in(const std::vector<std::string>& values);
};

class ReportEngine::Run {
public:
    Run(const ReportEngine& engine, const ReportRequest& request, TableWriter& out);

    void table(const std::string& id);

private:
    // complaint_metrics.cpp
    void overview();
    void department_performance();
    void volume(const std::string& id, const std::string& column);
    void complainants();
    void repeat_complainants();
    void backlog_by_age();
    // followup_metrics.cpp
    void satisfaction();
    // compensation_metrics.cpp
    void compensation_by_department();
    void compensation_by_remedy();
    void compensation_by_policy();

    // The response and resolution figures of one group of complaints.
    struct Performance {
        std::int64_t received = 0, responded = 0, same_day = 0, resolved = 0;
        std::int64_t first_response_breaches = 0, resolution_breaches = 0;
        std::int64_t escalated = 0, reopened = 0, ended = 0;
        std::optional<double> response_median, response_p90; // minutes
        std::optional<double> resolution_median, resolution_p90;
    };
    // Groups by `group` (an SQL expression over complaints c, with params) and
    // returns each group's figures by its key.
    std::map<std::string, Performance> performance(const Sql& group);
    const Performance& total_performance();
    void performance_table(const TableSpec& spec, const std::vector<std::string>& keys,
                           const std::vector<std::string>& labels,
                           const std::map<std::string, Performance>& figures);
    TableSpec performance_spec(const std::string& id, const std::string& title,
                               const std::string& description, const std::string& first_label,
                               const std::string& chart);

    struct Money {
        std::int64_t count = 0, amount = 0;
    };
    using KeyedMoney = std::map<std::string, Money>; // remedy | policy → figures
    struct CompensationTotals {
        std::map<std::string, KeyedMoney> by_remedy, by_policy; // by currency
    };
    // One table per currency of proposals and cost by a key (remedy, policy).
    struct Breakdown {
        std::string id, title, description, key, key_label;
        bool total = true;
    };
    void compensation_breakdown(const Breakdown& b,
                                const std::map<std::string, KeyedMoney>& totals);
    const CompensationTotals& compensation_totals();

public:
    // ---- Shared by the builders ----

    //! "zh" or "en" text.
    const std::string& tr(const std::string& zh, const std::string& en) const {
        return request_.language == "en" ? en : zh;
    }
    //! WHERE conditions on complaints c: received in [begin, end), the
    //! departments and channels asked for.
    Sql complaint_filter(std::int64_t begin_ms, std::int64_t end_ms) const;
    //! The departments and channels asked for, on a table with a department
    //! column and a complaint_id (joined to complaints c only when channels
    //! are asked for: see join_complaints()).
    Sql scope_filter(const std::string& alias) const;
    //! " JOIN complaints c ON c.id = <alias>.complaint_id" when channels filter.
    std::string join_complaints(const std::string& alias) const;
    //! The period index of a timestamp column.
    Sql period_of(const std::string& column) const;
    //! The report's periods and their overall bounds.
    const std::vector<Period>& periods() const { return periods_; }
    std::int64_t begin_ms() const { return periods_.front().begin_ms; }
    std::int64_t end_ms() const { return periods_.back().end_ms; }
    //! A department's display name (its id when unknown to the config).
    std::string department_name(const std::string& id) const;
    //! The local date of an instant, "YYYY-MM-DD".
    std::string local_date(std::int64_t ms) const;
    //! Each department in scope with its currency, in config order.
    std::vector<const Department*> departments_in_scope() const;
    void read(const Sql& sql, const std::vector<SqlType>& types,
              const std::function<void(const std::vector<SqlValue>&)>& on_row) const {
        if (engine_.observer_)
            engine_.observer_(sql.text, sql.params, types);
        engine_.store_.read_rows(sql.text, sql.params, types, on_row);
    }

    const ReportEngine& engine_;
    const ReportRequest& request_;
    TableWriter& out_;
    const date::time_zone* zone_;
    std::vector<Period> periods_;

private:
    std::optional<Performance> total_;
    std::optional<CompensationTotals> compensation_;
};

//! Integer and real cells of a result row.
inline std::int64_t integer(const SqlValue& v) {
    return std::holds_alternative<std::int64_t>(v) ? std::get<std::int64_t>(v) : 0;
}
inline std::string text(const SqlValue& v) {
    return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : std::string();
}
//! a / b as a cell; null when b is 0.
inline Cell ratio(std::int64_t a, std::int64_t b) {
    if (b == 0)
        return std::monostate{};
    return static_cast<double>(a) / static_cast<double>(b);
}
inline Cell optional_cell(const std::optional<double>& v) {
    if (!v)
        return std::monostate{};
    return *v;
}

} // namespace redress::core::report
