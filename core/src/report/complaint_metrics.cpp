// The figures about complaints themselves: volumes, response and resolution,
// escalations and reopenings, complainants, the open backlog.
#include "report_run.hpp"

#include <redress/report.hpp>

namespace redress::core::report {

namespace {

namespace ty = redress::report::type;
namespace ch = redress::report::chart;

constexpr std::int64_t minute_ms = 60'000;
constexpr std::int64_t day_ms = 86'400'000;

// Ever reached a status: a few per cent of events, found by their index.
std::string ever(const std::string& status) {
    return "c.id IN (SELECT complaint_id FROM complaint_events WHERE to_status = '" + status + "')";
}

std::string mask_phone(const std::string& p) {
    if (p.size() < 7)
        return std::string(p.size(), '*');
    return p.substr(0, 3) + std::string(p.size() - 7, '*') + p.substr(p.size() - 4);
}

std::string mask_email(const std::string& e) {
    const auto at = e.find('@');
    if (at == std::string::npos || at == 0)
        return "***";
    return e.substr(0, 1) + "***" + e.substr(at);
}

} // namespace

std::map<std::string, ReportEngine::Run::Performance>
ReportEngine::Run::performance(const Sql& group) {
    std::map<std::string, Performance> out;
    const Sql filter = complaint_filter(begin_ms(), end_ms());
    Sql counts;
    counts += "SELECT ";
    counts += group;
    counts += " AS g, COUNT(*), "
              "SUM(CASE WHEN c.first_responded_at IS NOT NULL THEN 1 ELSE 0 END), "
              "SUM(CASE WHEN c.same_day_reply = 1 THEN 1 ELSE 0 END), "
              "SUM(CASE WHEN c.resolved_at IS NOT NULL THEN 1 ELSE 0 END), "
              "SUM(c.first_response_breached), SUM(c.resolution_breached), "
              "SUM(CASE WHEN " +
              ever("escalated") + " THEN 1 ELSE 0 END), SUM(CASE WHEN " + ever("reopened") +
              " THEN 1 ELSE 0 END), SUM(CASE WHEN c.resolved_at IS NOT NULL OR c.status = "
              "'rejected' OR " +
              ever("reopened") + " THEN 1 ELSE 0 END) FROM complaints c WHERE ";
    counts += filter;
    counts += " GROUP BY 1";
    read(counts,
         {SqlType::Text, SqlType::Integer, SqlType::Integer, SqlType::Integer, SqlType::Integer,
          SqlType::Integer, SqlType::Integer, SqlType::Integer, SqlType::Integer, SqlType::Integer},
         [&](const std::vector<SqlValue>& r) {
             Performance& p = out[text(r[0])];
             p.received = integer(r[1]);
             p.responded = integer(r[2]);
             p.same_day = integer(r[3]);
             p.resolved = integer(r[4]);
             p.first_response_breaches = integer(r[5]);
             p.resolution_breaches = integer(r[6]);
             p.escalated = integer(r[7]);
             p.reopened = integer(r[8]);
             p.ended = integer(r[9]);
         });

    // Nearest-rank percentiles: the value at rank ceil(p·n) of the sorted
    // durations, found by the database's window functions, not in memory.
    auto percentiles = [&](const std::string& column, auto&& set) {
        Sql q;
        q += "SELECT g, rn, n, d FROM (SELECT g, d, ROW_NUMBER() OVER (PARTITION BY g ORDER BY "
             "d) AS rn, COUNT(*) OVER (PARTITION BY g) AS n FROM (SELECT ";
        q += group;
        q += " AS g, " + column + " - c.received_at AS d FROM complaints c WHERE ";
        q += filter;
        q +=
            " AND " + column + " IS NOT NULL) x) y WHERE rn = (n + 1) / 2 OR rn = (9 * n + 9) / 10";
        read(q, {SqlType::Text, SqlType::Integer, SqlType::Integer, SqlType::Integer},
             [&](const std::vector<SqlValue>& r) {
                 const std::int64_t rn = integer(r[1]), n = integer(r[2]);
                 const double minutes = static_cast<double>(integer(r[3])) / minute_ms;
                 Performance& p = out[text(r[0])];
                 set(p, rn == (n + 1) / 2, rn == (9 * n + 9) / 10, minutes);
             });
    };
    percentiles("c.first_responded_at", [](Performance& p, bool median, bool p90, double m) {
        if (median)
            p.response_median = m;
        if (p90)
            p.response_p90 = m;
    });
    percentiles("c.resolved_at", [](Performance& p, bool median, bool p90, double m) {
        if (median)
            p.resolution_median = m;
        if (p90)
            p.resolution_p90 = m;
    });
    return out;
}

const ReportEngine::Run::Performance& ReportEngine::Run::total_performance() {
    if (!total_) {
        Sql all;
        all += "'all'";
        auto figures = performance(all);
        total_ = figures.count("all") ? figures["all"] : Performance{};
    }
    return *total_;
}

TableSpec ReportEngine::Run::performance_spec(const std::string& id, const std::string& title,
                                              const std::string& description,
                                              const std::string& first_label,
                                              const std::string& chart) {
    TableSpec t;
    t.id = id;
    t.title = title;
    t.description = description;
    t.columns = {
        {"key", first_label, std::string(ty::text), ""},
        {"received", tr("受理量", "Received"), std::string(ty::integer), ""},
        {"same_day_reply_rate", tr("当日回复率", "Same-day reply rate"), std::string(ty::ratio),
         ""},
        {"first_response_median", tr("首次响应中位数", "First response, median"),
         std::string(ty::minutes), ""},
        {"first_response_p90", tr("首次响应P90", "First response, p90"), std::string(ty::minutes),
         ""},
        {"resolved", tr("已解决", "Resolved"), std::string(ty::integer), ""},
        {"resolution_median", tr("解决时长中位数", "Resolution, median"), std::string(ty::minutes),
         ""},
        {"resolution_p90", tr("解决时长P90", "Resolution, p90"), std::string(ty::minutes), ""},
        {"first_response_breaches", tr("首次响应超时", "First-response SLA breaches"),
         std::string(ty::integer), ""},
        {"resolution_breaches", tr("解决超时", "Resolution SLA breaches"), std::string(ty::integer),
         ""},
        {"escalated", tr("升级", "Escalated"), std::string(ty::integer), ""},
        {"reopen_rate", tr("重开率", "Reopen rate"), std::string(ty::ratio), ""},
    };
    t.chart = chart;
    t.chart_label = "key";
    t.chart_series = {"received", "resolved"};
    return t;
}

void ReportEngine::Run::performance_table(const TableSpec& spec,
                                          const std::vector<std::string>& keys,
                                          const std::vector<std::string>& labels,
                                          const std::map<std::string, Performance>& figures) {
    out_.table(spec);
    auto row = [&](const std::string& label, const Performance& p) {
        out_.row({label, p.received, ratio(p.same_day, p.received),
                  optional_cell(p.response_median), optional_cell(p.response_p90), p.resolved,
                  optional_cell(p.resolution_median), optional_cell(p.resolution_p90),
                  p.first_response_breaches, p.resolution_breaches, p.escalated,
                  ratio(p.reopened, p.ended)});
    };
    const Performance none;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        auto f = figures.find(keys[i]);
        row(labels[i], f == figures.end() ? none : f->second);
    }
    row(tr("合计", "Total"), total_performance());
}

void ReportEngine::Run::overview() {
    const auto figures = performance(period_of("c.received_at"));
    std::vector<std::string> keys, labels;
    for (std::size_t i = 0; i < periods().size(); ++i) {
        keys.push_back(std::to_string(i));
        labels.push_back(periods()[i].label);
    }
    performance_table(
        performance_spec("overview", tr("总览", "Overview"),
                         tr("按受理时间统计的投诉：响应、解决、超时、升级与重开",
                            "Complaints by the period they were received in: response, "
                            "resolution, SLA breaches, escalations and reopenings"),
                         tr("期间", "Period"), std::string(ch::line)),
        keys, labels, figures);
}

void ReportEngine::Run::department_performance() {
    Sql group;
    group += "c.department";
    const auto figures = performance(group);
    std::vector<std::string> keys, labels;
    for (const auto* d : departments_in_scope()) {
        keys.push_back(d->id);
        labels.push_back(department_name(d->id));
    }
    // Departments no longer in the config still had complaints.
    for (const auto& [id, _] : figures)
        if (std::find(keys.begin(), keys.end(), id) == keys.end()) {
            keys.push_back(id);
            labels.push_back(id);
        }
    performance_table(performance_spec("department_performance", tr("部门表现", "Departments"),
                                       tr("各部门（投诉当前所在部门）受理投诉的响应与解决",
                                          "Complaints by the department that holds them now"),
                                       tr("部门", "Department"), std::string(ch::bar)),
                      keys, labels, figures);
}

void ReportEngine::Run::volume(const std::string& id, const std::string& column) {
    struct Names {
        std::string zh_title, en_title, zh_key, en_key;
    };
    static const std::map<std::string, Names> names{
        {"volume_by_channel", {"按渠道的投诉量", "Complaints by channel", "渠道", "Channel"}},
        {"volume_by_department",
         {"按部门的投诉量", "Complaints by department", "部门", "Department"}},
        {"volume_by_category", {"按类别的投诉量", "Complaints by category", "类别", "Category"}},
        {"volume_by_customer_type",
         {"按客户类型的投诉量", "Complaints by customer type", "客户类型", "Customer type"}},
        {"volume_by_catalog_verdict",
         {"按服务承诺判定的投诉量", "Complaints by catalog verdict", "服务承诺判定",
          "Catalog verdict"}},
    };
    const Names& n = names.at(id);
    TableSpec t;
    t.id = id;
    t.title = tr(n.zh_title, n.en_title);
    t.description = tr("每期受理的投诉数", "Complaints received in each period");
    t.columns = {{"period", tr("期间", "Period"), std::string(ty::text), ""},
                 {"key", tr(n.zh_key, n.en_key), std::string(ty::text), ""},
                 {"complaints", tr("投诉量", "Complaints"), std::string(ty::integer), ""}};
    t.chart = ch::stacked_bar;
    t.chart_label = "period";
    t.chart_series = {"complaints"};
    t.chart_group = "key";
    out_.table(t);

    Sql q;
    q += "SELECT ";
    q += period_of("c.received_at");
    q += " AS p, " + column + " AS k, COUNT(*) FROM complaints c WHERE ";
    q += complaint_filter(begin_ms(), end_ms());
    q += " GROUP BY 1, 2 ORDER BY 1, 2";
    read(q, {SqlType::Integer, SqlType::Text, SqlType::Integer},
         [&](const std::vector<SqlValue>& r) {
             const auto p = static_cast<std::size_t>(integer(r[0]));
             const std::string key = text(r[1]);
             std::string label = key;
             if (id == "volume_by_department")
                 label = department_name(key);
             else if (id == "volume_by_catalog_verdict")
                 label = key == "provided"       ? tr("提供", "provided")
                         : key == "not_provided" ? tr("不提供", "not provided")
                         : key == "arrangeable"  ? tr("可付费安排", "arrangeable for a fee")
                                                 : tr("未判定", "not classified");
             else if (id == "volume_by_customer_type")
                 label = key == "demanding"  ? tr("挑剔型", "demanding")
                         : key == "confused" ? tr("困惑型", "confused")
                         : key == "agitated" ? tr("激动型", "agitated")
                                             : tr("未知", "unknown");
             else if (key.empty())
                 label = tr("（未填）", "(none)");
             out_.row({p < periods().size() ? periods()[p].label : std::string("?"), label,
                       integer(r[2])});
         });
}

namespace {
// Who complained: the phone number, else the e-mail address, else the names.
const char* const identity = "CASE WHEN c.customer_phone <> '' THEN 'p:' || c.customer_phone "
                             "WHEN c.customer_email <> '' THEN 'e:' || LOWER(c.customer_email) "
                             "ELSE 'n:' || c.customer_company || '/' || c.customer_contact END";
} // namespace

void ReportEngine::Run::complainants() {
    TableSpec t;
    t.id = "complainants";
    t.title = tr("投诉客户", "Complainants");
    t.description = tr("期间内投诉的客户（按电话、否则邮箱、否则名称识别），其中投诉两次及以上者",
                       "Customers who complained in the range (known by phone, else e-mail, "
                       "else name), and those who complained twice or more");
    t.columns = {
        {"complainants", tr("投诉客户数", "Complainants"), std::string(ty::integer), ""},
        {"complaints", tr("投诉量", "Complaints"), std::string(ty::integer), ""},
        {"repeat_complainants", tr("重复投诉客户", "Repeat complainants"), std::string(ty::integer),
         ""},
        {"repeat_share", tr("重复投诉客户占比", "Share of complainants who repeat"),
         std::string(ty::ratio), ""},
        {"repeat_complaints", tr("重复投诉客户的投诉量", "Complaints from repeat complainants"),
         std::string(ty::integer), ""},
    };
    out_.table(t);
    Sql q;
    q += "SELECT COUNT(*), SUM(n), SUM(CASE WHEN n > 1 THEN 1 ELSE 0 END), "
         "SUM(CASE WHEN n > 1 THEN n ELSE 0 END) FROM (SELECT ";
    q += identity;
    q += " AS k, COUNT(*) AS n FROM complaints c WHERE ";
    q += complaint_filter(begin_ms(), end_ms());
    q += " GROUP BY 1) t";
    read(q, {SqlType::Integer, SqlType::Integer, SqlType::Integer, SqlType::Integer},
         [&](const std::vector<SqlValue>& r) {
             out_.row({integer(r[0]), integer(r[1]), integer(r[2]),
                       ratio(integer(r[2]), integer(r[0])), integer(r[3])});
         });
}

void ReportEngine::Run::repeat_complainants() {
    TableSpec t;
    t.id = "repeat_complainants";
    t.title = tr("重复投诉客户（前20）", "Repeat complainants (top 20)");
    t.description = tr("期间内投诉两次及以上的客户，电话与邮箱已部分隐藏",
                       "Customers with two or more complaints in the range; phone numbers and "
                       "e-mail addresses are partly hidden");
    t.columns = {
        {"customer", tr("客户", "Customer"), std::string(ty::text), ""},
        {"contact", tr("联系方式", "Contact"), std::string(ty::text), ""},
        {"complaints", tr("投诉量", "Complaints"), std::string(ty::integer), ""},
        {"first", tr("首次投诉", "First"), std::string(ty::text), ""},
        {"last", tr("最近投诉", "Last"), std::string(ty::text), ""},
        {"departments", tr("涉及部门数", "Departments"), std::string(ty::integer), ""},
    };
    t.chart = ch::bar;
    t.chart_label = "customer";
    t.chart_series = {"complaints"};
    out_.table(t);
    Sql q;
    q += "SELECT ";
    q += identity;
    q += " AS k, COUNT(*), MIN(c.received_at), MAX(c.received_at), MAX(c.customer_company), "
         "MAX(c.customer_contact), MAX(c.customer_phone), MAX(c.customer_email), "
         "COUNT(DISTINCT c.department) FROM complaints c WHERE ";
    q += complaint_filter(begin_ms(), end_ms());
    q += " GROUP BY 1 HAVING COUNT(*) > 1 ORDER BY 2 DESC, 1 LIMIT 20";
    read(q,
         {SqlType::Text, SqlType::Integer, SqlType::Integer, SqlType::Integer, SqlType::Text,
          SqlType::Text, SqlType::Text, SqlType::Text, SqlType::Integer},
         [&](const std::vector<SqlValue>& r) {
             std::string company = text(r[4]), contact = text(r[5]);
             std::string who = company.empty()   ? contact
                               : contact.empty() ? company
                                                 : company + " / " + contact;
             const std::string phone = text(r[6]), email = text(r[7]);
             out_.row({who, !phone.empty() ? mask_phone(phone) : mask_email(email), integer(r[1]),
                       local_date(integer(r[2])), local_date(integer(r[3])), integer(r[8])});
         });
}

void ReportEngine::Run::backlog_by_age() {
    TableSpec t;
    t.id = "backlog_by_age";
    t.title = tr("未结投诉账龄", "Open backlog by age");
    t.description =
        tr("生成报表时仍未解决（未解决、关闭或驳回）且在期末前受理的投诉，按受理至今的天数",
           "Complaints received before the end of the range and not resolved, "
           "closed or rejected when the report was made, by days since received");
    struct Bucket {
        const char* id;
        const char* zh;
        const char* en;
        std::int64_t below_days;
    };
    static const Bucket buckets[] = {
        {"under_1d", "<1天", "< 1 day", 1},      {"d1_3", "1–3天", "1–3 days", 3},
        {"d3_7", "3–7天", "3–7 days", 7},        {"d7_14", "7–14天", "7–14 days", 14},
        {"d14_30", "14–30天", "14–30 days", 30}, {"over_30d", "≥30天", "30 days or more", 0}};
    t.columns = {{"department", tr("部门", "Department"), std::string(ty::text), ""},
                 {"open", tr("未结合计", "Open"), std::string(ty::integer), ""}};
    for (const auto& b : buckets) {
        t.columns.push_back({b.id, tr(b.zh, b.en), std::string(ty::integer), ""});
        t.chart_series.push_back(b.id);
    }
    t.chart = ch::bar;
    t.chart_label = "department";
    out_.table(t);

    const std::int64_t now = engine_.now_ms_;
    Sql q;
    q += "SELECT c.department, COUNT(*)";
    for (const auto& b : buckets) {
        if (b.below_days == 0) {
            q += ", SUM(CASE WHEN c.received_at <= ";
            q.param(now - 30 * day_ms);
            q += " THEN 1 ELSE 0 END)";
            continue;
        }
        const std::int64_t low = &b == &buckets[0] ? 0 : (&b - 1)->below_days;
        q += ", SUM(CASE WHEN c.received_at > ";
        q.param(now - b.below_days * day_ms);
        if (low > 0) {
            q += " AND c.received_at <= ";
            q.param(now - low * day_ms);
        }
        q += " THEN 1 ELSE 0 END)";
    }
    q += " FROM complaints c WHERE c.status NOT IN ('resolved', 'closed', 'rejected') AND "
         "c.received_at < ";
    q.param(end_ms());
    if (!request_.departments.empty()) {
        q += " AND c.department";
        q.in(request_.departments);
    }
    if (!request_.channels.empty()) {
        q += " AND c.channel";
        q.in(request_.channels);
    }
    q += " GROUP BY 1 ORDER BY 1";
    std::vector<SqlType> types{SqlType::Text, SqlType::Integer};
    types.resize(2 + std::size(buckets), SqlType::Integer);
    std::vector<std::int64_t> total(1 + std::size(buckets), 0);
    read(q, types, [&](const std::vector<SqlValue>& r) {
        std::vector<Cell> row{department_name(text(r[0]))};
        for (std::size_t i = 1; i < r.size(); ++i) {
            row.emplace_back(integer(r[i]));
            total[i - 1] += integer(r[i]);
        }
        out_.row(row);
    });
    std::vector<Cell> row{tr("合计", "Total")};
    for (auto v : total)
        row.emplace_back(v);
    out_.row(row);
}

} // namespace redress::core::report
