// Compensation: what customers agreed to, by department against the monthly
// budget, by remedy and by the policy that set the amount. Amounts are in the
// departments' currencies; a report over departments with different
// currencies gets one table per currency, never a sum of unlike money.
#include "report_run.hpp"

#include <redress/core/model/compensation.hpp>
#include <redress/report.hpp>
#include <set>

namespace redress::core::report {

namespace {

namespace ty = redress::report::type;

// A table's id and title for a currency: the first currency of the scope
// keeps the plain id, any other gets a suffix.
std::string with_currency(const std::string& base, const std::string& currency, bool first) {
    if (first)
        return base;
    std::string lower = currency;
    for (auto& ch : lower)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return base + "_" + lower;
}

// The scope's currencies, the company's first.
std::vector<std::string> currencies(const std::vector<const Department*>& departments) {
    std::vector<std::string> out;
    for (const auto* d : departments)
        if (std::find(out.begin(), out.end(), d->currency) == out.end())
            out.push_back(d->currency);
    return out;
}

// Rows per page of agreed proposals: a few MB of JSON text at most.
constexpr int proposal_page = 5000;

} // namespace

void ReportEngine::Run::compensation_by_department() {
    const auto departments = departments_in_scope();
    // Months of the range (local), whatever the report's granularity: budgets are monthly.
    const auto months = report::periods(request_.from, request_.to, Granularity::Month, zone_);
    std::vector<SqlValue> month_params;
    const std::string month_of =
        period_index_sql("p.decided_at", months, Granularity::Month, zone_, month_params);

    // (month index, department) → agreed proposals and their amount.
    std::map<std::pair<std::size_t, std::string>, Money> agreed;
    Sql q;
    q.text = "SELECT " + month_of +
             ", p.department, COUNT(*), SUM(p.amount_minor) FROM proposals p" +
             join_complaints("p") + " WHERE p.status = 'agreed' AND p.decided_at >= ";
    q.params = month_params;
    q.param(months.front().begin_ms);
    q += " AND p.decided_at < ";
    q.param(months.back().end_ms);
    q += scope_filter("p");
    q += " GROUP BY 1, 2";
    read(q, {SqlType::Integer, SqlType::Text, SqlType::Integer, SqlType::Integer},
         [&](const std::vector<SqlValue>& r) {
             agreed[{static_cast<std::size_t>(integer(r[0])), text(r[1])}] = {integer(r[2]),
                                                                              integer(r[3])};
         });
    // What approvals charged to each month's budget ("YYYY-MM" as stored).
    std::map<std::pair<std::string, std::string>, std::int64_t> charged;
    Sql b;
    b += "SELECT department, month, spent FROM compensation_budget WHERE month";
    std::vector<std::string> month_names;
    for (const auto& m : months)
        month_names.push_back(m.label);
    b.in(month_names);
    read(b, {SqlType::Text, SqlType::Text, SqlType::Integer}, [&](const std::vector<SqlValue>& r) {
        charged[{text(r[0]), text(r[1])}] = integer(r[2]);
    });

    const auto list = currencies(departments);
    for (std::size_t ci = 0; ci < list.size(); ++ci) {
        const std::string& currency = list[ci];
        TableSpec t;
        t.id = with_currency("compensation_by_department", currency, ci == 0);
        t.title = tr("各部门补偿与预算", "Compensation by department against budget") +
                  (list.size() > 1 ? " (" + currency + ")" : "");
        t.description =
            tr("客户已同意的补偿（按同意的月份），与部门月度预算及审批已占用的额度",
               "Compensation the customers agreed to, by the month they agreed, beside the "
               "department's monthly budget and what approvals charged to it");
        t.columns = {
            {"month", tr("月份", "Month"), std::string(ty::text), ""},
            {"department", tr("部门", "Department"), std::string(ty::text), ""},
            {"agreed", tr("同意笔数", "Agreed"), std::string(ty::integer), ""},
            {"cost", tr("补偿金额", "Cost"), std::string(ty::money), currency},
            {"budget", tr("月度预算", "Monthly budget"), std::string(ty::money), currency},
            {"charged", tr("已占用预算", "Charged to budget"), std::string(ty::money), currency},
            {"budget_used", tr("预算使用率", "Budget used"), std::string(ty::ratio), ""},
        };
        t.chart = redress::report::chart::bar;
        t.chart_label = "department";
        t.chart_series = {"cost", "budget"};
        out_.table(t);
        Money total;
        std::int64_t total_budget = 0, total_charged = 0;
        for (std::size_t m = 0; m < months.size(); ++m)
            for (const auto* d : departments) {
                if (d->currency != currency)
                    continue;
                auto a = agreed.find({m, d->id});
                const Money money = a == agreed.end() ? Money{} : a->second;
                auto c = charged.find({d->id, months[m].label});
                const std::int64_t spent = c == charged.end() ? 0 : c->second;
                if (money.count == 0 && spent == 0 && d->monthly_budget == 0)
                    continue;
                total.count += money.count;
                total.amount += money.amount;
                total_budget += d->monthly_budget;
                total_charged += spent;
                out_.row({months[m].label, department_name(d->id), money.count, money.amount,
                          d->monthly_budget > 0 ? Cell{d->monthly_budget} : Cell{}, spent,
                          ratio(spent, d->monthly_budget)});
            }
        out_.row({tr("合计", "Total"), std::string(), total.count, total.amount,
                  total_budget > 0 ? Cell{total_budget} : Cell{}, total_charged,
                  ratio(total_charged, total_budget)});
    }
}

const ReportEngine::Run::CompensationTotals& ReportEngine::Run::compensation_totals() {
    if (compensation_)
        return *compensation_;
    CompensationTotals totals;
    // Remedies and policy steps are JSON in the proposal: read the agreed
    // proposals a page at a time in (decided_at, id) order — the order of
    // proposals_status_decided, so each page is a short index range, not a
    // sort of the whole range — and count as they pass.
    std::int64_t after_at = begin_ms() - 1, after_id = 0;
    for (;;) {
        Sql q;
        q += "SELECT p.id, p.currency, p.amount_minor, p.remedies, p.source, p.steps, "
             "p.decided_at FROM proposals p" +
             join_complaints("p") + " WHERE p.status = 'agreed' AND p.decided_at >= ";
        q.param(begin_ms());
        q += " AND p.decided_at < ";
        q.param(end_ms());
        q += scope_filter("p");
        q += " AND (p.decided_at, p.id) > (";
        q.param(after_at);
        q += ", ";
        q.param(after_id);
        q += ") ORDER BY p.decided_at, p.id LIMIT " + std::to_string(proposal_page);
        int rows = 0;
        read(q,
             {SqlType::Integer, SqlType::Text, SqlType::Integer, SqlType::Text, SqlType::Text,
              SqlType::Text, SqlType::Integer},
             [&](const std::vector<SqlValue>& r) {
                 ++rows;
                 after_id = integer(r[0]);
                 after_at = integer(r[6]);
                 const std::string currency = text(r[1]);
                 const std::int64_t amount = integer(r[2]);
                 std::vector<std::string> remedies;
                 std::vector<PolicyStep> steps;
                 try {
                     remedies = strings_from_json(text(r[3]));
                     steps = steps_from_json(text(r[5]));
                 } catch (const std::invalid_argument&) {
                     remedies = {"?"}; // stored by an older build: still counted
                 }
                 const std::string carrier = money_remedy(remedies);
                 for (const auto& remedy : remedies) {
                     Money& m = totals.by_remedy[currency][remedy];
                     ++m.count;
                     if (remedy == carrier)
                         m.amount += amount;
                 }
                 // The policy that decided: the last step that did something.
                 std::string policy = text(r[4]) == "manual" ? "manual" : "";
                 for (const auto& s : steps)
                     if (s.effect != "abstained")
                         policy = s.policy;
                 Money& m = totals.by_policy[currency][policy.empty() ? "manual" : policy];
                 ++m.count;
                 m.amount += amount;
             });
        if (rows < proposal_page)
            break;
    }
    compensation_ = std::move(totals);
    return *compensation_;
}

void ReportEngine::Run::compensation_breakdown(const Breakdown& b,
                                               const std::map<std::string, KeyedMoney>& totals) {
    const auto list = currencies(departments_in_scope());
    for (std::size_t ci = 0; ci < list.size(); ++ci) {
        const std::string& currency = list[ci];
        TableSpec t;
        t.id = with_currency(b.id, currency, ci == 0);
        t.title = b.title + (list.size() > 1 ? " (" + currency + ")" : "");
        t.description = b.description;
        t.columns = {{b.key, b.key_label, std::string(ty::text), ""},
                     {"proposals", tr("方案数", "Proposals"), std::string(ty::integer), ""},
                     {"cost", tr("金额", "Cost"), std::string(ty::money), currency}};
        t.chart = redress::report::chart::bar;
        t.chart_label = b.key;
        t.chart_series = {"cost"};
        out_.table(t);
        auto c = totals.find(currency);
        if (c == totals.end())
            continue;
        Money total;
        for (const auto& [key, m] : c->second) {
            out_.row({key, m.count, m.amount});
            total.count += m.count;
            total.amount += m.amount;
        }
        // A proposal names several remedies: their counts do not add up.
        if (b.total)
            out_.row({tr("合计", "Total"), total.count, total.amount});
    }
}

void ReportEngine::Run::compensation_by_remedy() {
    compensation_breakdown(
        {"compensation_by_remedy", tr("按补偿方式", "Compensation by remedy"),
         tr("期间内客户同意的补偿方案中各补偿方式出现的次数，金额计在承载金额的方式上",
            "How often each remedy was in an agreed proposal; the amount counts on the remedy "
            "that carries the money"),
         "remedy", tr("补偿方式", "Remedy"), false},
        compensation_totals().by_remedy);
}

void ReportEngine::Run::compensation_by_policy() {
    compensation_breakdown({"compensation_by_policy", tr("按补偿策略", "Compensation by policy"),
                            tr("决定方案的策略（最后一个起作用的策略；人工方案记为 manual）",
                               "The policy that decided each agreed proposal (the last one that "
                               "acted; proposals made by hand count as manual)"),
                            "policy", tr("策略", "Policy"), true},
                           compensation_totals().by_policy);
}

} // namespace redress::core::report
