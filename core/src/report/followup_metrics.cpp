// Satisfaction from the follow-up calls (回访), by when the call was made.
#include "report_run.hpp"

#include <redress/report.hpp>

namespace redress::core::report {

namespace ty = redress::report::type;

void ReportEngine::Run::satisfaction() {
    TableSpec t;
    t.id = "satisfaction";
    t.title = tr("回访满意度", "Follow-up satisfaction");
    t.description = tr("期间内完成的回访：接通、满意、不满意、未接通，以及满意度评分（1–5）的平均",
                       "Follow-up calls made in each period: reached, satisfied, unsatisfied, "
                       "unreachable, and the average score (1–5)");
    t.columns = {
        {"period", tr("期间", "Period"), std::string(ty::text), ""},
        {"calls", tr("回访次数", "Calls"), std::string(ty::integer), ""},
        {"satisfied", tr("满意", "Satisfied"), std::string(ty::integer), ""},
        {"unsatisfied", tr("不满意", "Unsatisfied"), std::string(ty::integer), ""},
        {"unreachable", tr("未接通", "Unreachable"), std::string(ty::integer), ""},
        {"satisfied_rate", tr("满意率", "Satisfied rate"), std::string(ty::ratio), ""},
        {"average_score", tr("平均评分", "Average score"), std::string(ty::number), ""},
    };
    t.chart = redress::report::chart::line;
    t.chart_label = "period";
    t.chart_series = {"average_score"};
    out_.table(t);

    struct Calls {
        std::int64_t calls = 0, satisfied = 0, unsatisfied = 0, unreachable = 0, scores = 0,
                     score_sum = 0;
    };
    std::vector<Calls> by_period(periods().size());
    Calls total;
    Sql q;
    q += "SELECT ";
    q += period_of("cb.done_at");
    q += " AS p, COUNT(*), SUM(CASE WHEN cb.outcome = 'satisfied' THEN 1 ELSE 0 END), "
         "SUM(CASE WHEN cb.outcome = 'unsatisfied' THEN 1 ELSE 0 END), "
         "SUM(CASE WHEN cb.outcome = 'unreachable' THEN 1 ELSE 0 END), COUNT(cb.satisfaction), "
         "SUM(cb.satisfaction) FROM callbacks cb" +
         join_complaints("cb") +
         " WHERE cb.outcome IN ('satisfied', 'unsatisfied', 'unreachable') AND cb.done_at >= ";
    q.param(begin_ms());
    q += " AND cb.done_at < ";
    q.param(end_ms());
    q += scope_filter("cb");
    q += " GROUP BY 1";
    read(q,
         {SqlType::Integer, SqlType::Integer, SqlType::Integer, SqlType::Integer, SqlType::Integer,
          SqlType::Integer, SqlType::Integer},
         [&](const std::vector<SqlValue>& r) {
             const auto p = static_cast<std::size_t>(integer(r[0]));
             if (p >= by_period.size())
                 return;
             Calls c{integer(r[1]), integer(r[2]), integer(r[3]),
                     integer(r[4]), integer(r[5]), integer(r[6])};
             by_period[p] = c;
             total.calls += c.calls;
             total.satisfied += c.satisfied;
             total.unsatisfied += c.unsatisfied;
             total.unreachable += c.unreachable;
             total.scores += c.scores;
             total.score_sum += c.score_sum;
         });
    auto row = [&](const std::string& label, const Calls& c) {
        out_.row({label, c.calls, c.satisfied, c.unsatisfied, c.unreachable,
                  ratio(c.satisfied, c.satisfied + c.unsatisfied),
                  c.scores ? Cell{static_cast<double>(c.score_sum) / static_cast<double>(c.scores)}
                           : Cell{}});
    };
    for (std::size_t i = 0; i < periods().size(); ++i)
        row(periods()[i].label, by_period[i]);
    row(tr("合计", "Total"), total);
}

} // namespace redress::core::report
