// The report metrics against hand-computed figures, on SQLite and a real
// PostgreSQL: a small fixed week of complaints in Asia/Shanghai with day
// boundaries, a reopened and an escalated complaint, follow-up calls,
// compensation against a budget, repeat complainants, the open backlog; then
// filters, empty ranges, DST days and bad requests.
#include "../support/test_database.hpp"

#include <Poco/Data/Session.h>
#include <chrono>
#include <gtest/gtest.h>
#include <redress/core/report/report_definitions.hpp>
#include <redress/core/report/report_engine.hpp>
#include <redress/core/store/store.hpp>

using namespace redress::core;
using namespace redress::core::report;
using redress::test::TestDatabase;
using namespace std::chrono;

namespace {

constexpr std::int64_t minute = 60'000;
constexpr std::int64_t hour = 60 * minute;

// UTC ms of a local time at a fixed UTC offset (hours).
std::int64_t at(int y, unsigned mo, unsigned dd, int h, int min, int offset_hours = 8) {
    const sys_days day{year{y} / month{mo} / std::chrono::day{dd}};
    return duration_cast<milliseconds>(day.time_since_epoch()).count() + h * hour + min * minute -
           offset_hours * hour;
}

year_month_day ymd(int y, unsigned mo, unsigned dd) {
    return year{y} / month{mo} / std::chrono::day{dd};
}

// Captures tables as the metrics write them.
class Capture final : public TableWriter {
public:
    struct Table {
        TableSpec spec;
        std::vector<std::vector<Cell>> rows;
    };
    void table(const TableSpec& spec) override { tables.push_back({spec, {}}); }
    void row(const std::vector<Cell>& cells) override {
        ASSERT_FALSE(tables.empty());
        ASSERT_EQ(cells.size(), tables.back().spec.columns.size()) << tables.back().spec.id;
        tables.back().rows.push_back(cells);
    }
    const Table& get(const std::string& id) const {
        for (const auto& t : tables)
            if (t.spec.id == id)
                return t;
        throw std::runtime_error("no table " + id);
    }
    // The cell in the row whose first cell is `key` (or the `key`-th row
    // matching `key2` in column 1 for long tables), column `column`.
    Cell cell(const std::string& id, const std::string& key, const std::string& column) const {
        const Table& t = get(id);
        std::size_t col = 0;
        while (col < t.spec.columns.size() && t.spec.columns[col].id != column)
            ++col;
        if (col == t.spec.columns.size())
            throw std::runtime_error("no column " + column + " in " + id);
        for (const auto& r : t.rows)
            if (std::holds_alternative<std::string>(r[0]) && std::get<std::string>(r[0]) == key)
                return r[col];
        throw std::runtime_error("no row " + key + " in " + id);
    }
    std::vector<Table> tables;
};

std::int64_t i(const Cell& c) {
    if (!std::holds_alternative<std::int64_t>(c))
        throw std::runtime_error("not an integer cell");
    return std::get<std::int64_t>(c);
}
double d(const Cell& c) {
    if (!std::holds_alternative<double>(c))
        throw std::runtime_error("not a real cell");
    return std::get<double>(c);
}
bool null(const Cell& c) {
    return std::holds_alternative<std::monostate>(c);
}

Config company() {
    Config c;
    c.company.name = "示例电器";
    c.company.calendar.timezone = "Asia/Shanghai";
    Department as;
    as.id = "after-sales";
    as.name = "售后服务部";
    as.prefix = "AS";
    as.currency = "CNY";
    as.monthly_budget = 1000'00;
    Department sales;
    sales.id = "sales";
    sales.name = "销售部";
    sales.prefix = "SA";
    sales.currency = "CNY";
    c.departments = {as, sales};
    return c;
}

class ReportEngineTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        db_ = std::make_unique<TestDatabase>(GetParam());
        if (!db_->available())
            GTEST_SKIP() << "no PostgreSQL test cluster (run through ctest)";
        store_ = open_store(db_->url());
    }

    struct Spec {
        std::string department = "after-sales", channel = "phone", category = "quality";
        CustomerType type = CustomerType::Unknown;
        std::string phone, email, company, contact;
        std::int64_t received = 0;
        std::optional<std::int64_t> responded, resolved, closed;
        std::optional<bool> same_day;
        Status status = Status::Received;
        bool resolution_breached = false;
        std::optional<std::string> verdict;
    };
    template <class F>
    std::int64_t add(F&& fill) {
        Spec s;
        fill(s);
        Complaint c;
        c.department = s.department;
        c.channel = s.channel;
        c.category = s.category;
        c.cause = "cause";
        c.customer.type = s.type;
        c.customer.phone = s.phone;
        c.customer.email = s.email;
        c.customer.company = s.company;
        c.customer.contact = s.contact;
        c.received_at_ms = c.created_at_ms = c.updated_at_ms = s.received;
        c.first_response_due_ms = s.received + 4 * hour;
        c.resolution_due_ms = s.received + 72 * hour;
        c.first_responded_at_ms = s.responded;
        c.same_day_reply = s.same_day;
        c.resolved_at_ms = s.resolved;
        c.closed_at_ms = s.closed;
        c.status = s.status;
        c.resolution_breached = s.resolution_breached;
        if (s.verdict)
            c.catalog = CatalogVerdict{*s.verdict, "E1", "2026-h2"};
        Event e;
        e.at_ms = s.received;
        e.actor = "t";
        e.type = "created";
        e.to_status = "received";
        Complaint stored =
            store_->create(c, c.department == "sales" ? "SA" : "AS", 2026, e, {}).complaint;
        // The store creates complaints as received; the rest is a later update.
        Complaint later = stored;
        later.status = s.status;
        later.first_responded_at_ms = s.responded;
        later.same_day_reply = s.same_day;
        later.resolved_at_ms = s.resolved;
        later.closed_at_ms = s.closed;
        later.resolution_breached = s.resolution_breached;
        later.version = stored.version + 1;
        Event u;
        u.complaint_id = stored.id;
        u.at_ms = s.received;
        u.actor = "t";
        u.type = "assigned";
        EXPECT_TRUE(store_->update(later, stored.version, u));
        if (s.resolution_breached) {
            auto raw = db_->raw_session();
            raw << "UPDATE complaints SET resolution_breached = 1 WHERE id = " +
                       std::to_string(stored.id),
                Poco::Data::Keywords::now;
        }
        return stored.id;
    }
    void event(std::int64_t complaint, const std::string& to, std::int64_t when) {
        Event e;
        e.complaint_id = complaint;
        e.at_ms = when;
        e.actor = "t";
        e.type = "transition";
        e.from_status = "x";
        e.to_status = to;
        store_->append_event(e);
    }
    void call(std::int64_t complaint, const std::string& department, const std::string& outcome,
              std::int64_t done, std::optional<int> score = std::nullopt) {
        Callback cb;
        cb.complaint_id = complaint;
        cb.department = department;
        cb.due_at_ms = done;
        cb.created_by = "t";
        cb.created_at_ms = done - hour;
        cb.id = store_->add_callback(cb);
        cb.done_at_ms = done;
        cb.outcome = outcome;
        cb.satisfaction = score;
        cb.done_by = "t";
        ASSERT_TRUE(store_->finish_callback(cb));
    }
    void proposal(std::int64_t complaint, const std::string& department, const std::string& status,
                  std::int64_t amount, const std::string& remedies, const std::string& source,
                  const std::string& steps, std::int64_t decided) {
        auto s = db_->raw_session();
        using Poco::Data::Keywords::use;
        std::string dep = department, st = status, rem = remedies, src = source, stp = steps;
        Poco::Int64 cid = complaint, amt = amount, dec = decided;
        s << "INSERT INTO proposals (complaint_id, department, decision, remedies, amount_minor, "
             "currency, required_level, level_reasons, steps, source, factors, reasons, status, "
             "created_by, created_at, decided_at) VALUES ($1, $2, 'grant', $3, $4, 'CNY', "
             "'agent', '[]', $5, $6, '{}', '[]', $7, 't', $8, $8)",
            use(cid), use(dep), use(rem), use(amt), use(stp), use(src), use(st), use(dec),
            Poco::Data::Keywords::now;
    }

    // The week of 2026-11-16 (Mon) to 2026-11-22 (Sun), hand-counted in the comments.
    void week() {
        a_ = add([](Spec& s) {
            s.phone = "13800001111";
            s.company = "华东贸易";
            s.contact = "王先生";
            s.type = CustomerType::Agitated;
            s.received = at(2026, 11, 16, 9, 0);
            s.responded = at(2026, 11, 16, 9, 30); // 30 min, same day
            s.resolved = at(2026, 11, 17, 9, 0);   // 1440 min
            s.closed = at(2026, 11, 20, 10, 0);
            s.same_day = true;
            s.status = Status::Closed;
            s.verdict = "provided";
        });
        event(a_, "resolved", at(2026, 11, 17, 9, 0));
        // 23:30 local on the 16th (the 16th, though the 17th in UTC+9);
        // answered after midnight: not the same day.
        add([](Spec& s) {
            s.channel = "web";
            s.type = CustomerType::Demanding;
            s.phone = "13800001111";
            s.received = at(2026, 11, 16, 23, 30);
            s.responded = at(2026, 11, 17, 0, 30); // 60 min
            s.same_day = false;
            s.status = Status::Contacted;
        });
        c_ = add([](Spec& s) {
            s.department = "sales";
            s.channel = "email";
            s.category = "delivery";
            s.type = CustomerType::Confused;
            s.email = "Li@Example.com";
            s.received = at(2026, 11, 18, 10, 0);
            s.responded = at(2026, 11, 18, 12, 0); // 120 min
            s.same_day = true;
            s.status = Status::Reopened; // resolved, then reopened: resolved_at cleared
            s.resolution_breached = true;
        });
        event(c_, "escalated", at(2026, 11, 18, 11, 0));
        event(c_, "resolved", at(2026, 11, 19, 10, 0));
        event(c_, "reopened", at(2026, 11, 19, 15, 0));
        add([](Spec& s) {
            s.department = "sales";
            s.category = "";
            s.phone = "13900002222";
            s.received = at(2026, 11, 22, 23, 59);
        });
        add([](Spec& s) {
            s.channel = "web";
            s.company = "个体户";
            s.contact = "赵女士";
            s.received = at(2026, 11, 17, 8, 0);
            s.responded = at(2026, 11, 17, 8, 10); // 10 min
            s.same_day = true;
            s.status = Status::Rejected;
        });
        // Outside the week: a minute before, and the next Monday's midnight.
        add([](Spec& s) { s.received = at(2026, 11, 15, 23, 59); });
        add([](Spec& s) { s.received = at(2026, 11, 23, 0, 0); });

        call(a_, "after-sales", "satisfied", at(2026, 11, 20, 10, 0), 5);
        call(c_, "sales", "unsatisfied", at(2026, 11, 19, 15, 0));
        call(a_, "after-sales", "unreachable", at(2026, 11, 21, 9, 0));
        call(a_, "after-sales", "satisfied", at(2026, 11, 23, 9, 0), 4); // outside

        proposal(
            a_, "after-sales", "agreed", 300'00, R"(["refund","apology"])", "policies",
            R"([{"policy":"goodwill","effect":"proposed","decision":"grant","amount_before":0,"amount_after":30000,"remedies":["refund","apology"],"level":"","reasons":[]},{"policy":"rules","effect":"abstained","decision":"","amount_before":30000,"amount_after":30000,"remedies":["refund","apology"],"level":"","reasons":[]}])",
            at(2026, 11, 17, 12, 0));
        proposal(c_, "sales", "agreed", 50'00, R"(["voucher"])", "manual", "[]",
                 at(2026, 11, 19, 12, 0));
        proposal(a_, "after-sales", "proposed", 100'00, R"(["refund"])", "manual", "[]",
                 at(2026, 11, 18, 12, 0));
        proposal(a_, "after-sales", "agreed", 70'00, R"(["refund"])", "manual", "[]",
                 at(2026, 11, 23, 12, 0)); // outside
        auto s = db_->raw_session();
        s << "INSERT INTO compensation_budget (department, month, spent) VALUES "
             "('after-sales', '2026-11', 40000)",
            Poco::Data::Keywords::now;
    }

    Capture run(ReportRequest r) {
        if (r.name.empty())
            r.name = "weekly";
        ReportEngine engine(*store_, config_, at(2026, 11, 23, 12, 0));
        Capture out;
        engine.run(r, out);
        return out;
    }
    ReportRequest week_request() {
        ReportRequest r;
        r.name = "weekly";
        r.from = ymd(2026, 11, 16);
        r.to = ymd(2026, 11, 22);
        return r;
    }

    std::unique_ptr<TestDatabase> db_;
    std::unique_ptr<Store> store_;
    Config config_ = company();
    std::int64_t a_ = 0, c_ = 0;
};

TEST_P(ReportEngineTest, OverviewCountsEachDayByWhenComplaintsWereReceived) {
    week();
    auto out = run(week_request());
    const auto& t = out.get("overview");
    ASSERT_EQ(t.rows.size(), 8u) << "seven days and the total";
    EXPECT_EQ(i(out.cell("overview", "2026-11-16", "received")), 2);
    EXPECT_DOUBLE_EQ(d(out.cell("overview", "2026-11-16", "same_day_reply_rate")), 0.5);
    EXPECT_DOUBLE_EQ(d(out.cell("overview", "2026-11-16", "first_response_median")), 30);
    EXPECT_DOUBLE_EQ(d(out.cell("overview", "2026-11-16", "first_response_p90")), 60);
    EXPECT_EQ(i(out.cell("overview", "2026-11-16", "resolved")), 1);
    EXPECT_DOUBLE_EQ(d(out.cell("overview", "2026-11-16", "resolution_median")), 1440);
    EXPECT_DOUBLE_EQ(d(out.cell("overview", "2026-11-16", "reopen_rate")), 0);
    EXPECT_EQ(i(out.cell("overview", "2026-11-17", "received")), 1);
    EXPECT_DOUBLE_EQ(d(out.cell("overview", "2026-11-17", "first_response_median")), 10);
    EXPECT_TRUE(null(out.cell("overview", "2026-11-17", "resolution_median")));
    EXPECT_EQ(i(out.cell("overview", "2026-11-18", "escalated")), 1);
    EXPECT_EQ(i(out.cell("overview", "2026-11-18", "resolution_breaches")), 1);
    EXPECT_DOUBLE_EQ(d(out.cell("overview", "2026-11-18", "reopen_rate")), 1.0);
    // A day without complaints: zero counts, no rates, no medians.
    EXPECT_EQ(i(out.cell("overview", "2026-11-19", "received")), 0);
    EXPECT_TRUE(null(out.cell("overview", "2026-11-19", "same_day_reply_rate")));
    EXPECT_TRUE(null(out.cell("overview", "2026-11-19", "first_response_median")));
    EXPECT_EQ(i(out.cell("overview", "2026-11-22", "received")), 1);
    EXPECT_DOUBLE_EQ(d(out.cell("overview", "2026-11-22", "same_day_reply_rate")), 0);
    EXPECT_TRUE(null(out.cell("overview", "2026-11-22", "reopen_rate")));
}

TEST_P(ReportEngineTest, TotalsAreComputedNotSummed) {
    week();
    auto out = run(week_request());
    EXPECT_EQ(i(out.cell("overview", "合计", "received")), 5);
    EXPECT_DOUBLE_EQ(d(out.cell("overview", "合计", "same_day_reply_rate")), 0.6);
    // {10, 30, 60, 120}: nearest rank ceil(0.5·4) = 2nd, ceil(0.9·4) = 4th.
    EXPECT_DOUBLE_EQ(d(out.cell("overview", "合计", "first_response_median")), 30);
    EXPECT_DOUBLE_EQ(d(out.cell("overview", "合计", "first_response_p90")), 120);
    EXPECT_EQ(i(out.cell("overview", "合计", "escalated")), 1);
    // Ended at least once: the closed, the rejected and the reopened one.
    EXPECT_NEAR(d(out.cell("overview", "合计", "reopen_rate")), 1.0 / 3, 1e-12);
}

TEST_P(ReportEngineTest, DepartmentsByTheirNames) {
    week();
    auto out = run(week_request());
    EXPECT_EQ(i(out.cell("department_performance", "售后服务部", "received")), 3);
    EXPECT_NEAR(d(out.cell("department_performance", "售后服务部", "same_day_reply_rate")), 2.0 / 3,
                1e-12);
    EXPECT_DOUBLE_EQ(d(out.cell("department_performance", "售后服务部", "first_response_p90")), 60);
    EXPECT_EQ(i(out.cell("department_performance", "销售部", "received")), 2);
    EXPECT_DOUBLE_EQ(d(out.cell("department_performance", "销售部", "reopen_rate")), 1.0);
    EXPECT_EQ(i(out.cell("department_performance", "合计", "received")), 5);
}

TEST_P(ReportEngineTest, VolumesAreLongRowsPerPeriodAndKey) {
    week();
    auto out = run(week_request());
    const auto& ch = out.get("volume_by_channel").rows;
    ASSERT_EQ(ch.size(), 5u) << "16th phone and web, 17th web, 18th e-mail, 22nd phone";
    EXPECT_EQ(std::get<std::string>(ch[0][0]), "2026-11-16");
    EXPECT_EQ(std::get<std::string>(ch[0][1]), "phone");
    EXPECT_EQ(i(ch[0][2]), 1);
    EXPECT_EQ(std::get<std::string>(ch[1][1]), "web");
    EXPECT_EQ(std::get<std::string>(ch[4][0]), "2026-11-22");
    const auto& verdicts = out.get("volume_by_catalog_verdict").rows;
    ASSERT_FALSE(verdicts.empty());
    EXPECT_EQ(std::get<std::string>(verdicts[0][1]), "未判定");
    EXPECT_EQ(std::get<std::string>(verdicts[1][1]), "提供");
    const auto& categories = out.get("volume_by_category").rows;
    EXPECT_EQ(std::get<std::string>(categories.back()[1]), "（未填）");
    const auto& types = out.get("volume_by_customer_type").rows;
    EXPECT_EQ(std::get<std::string>(types[0][1]), "激动型");
}

TEST_P(ReportEngineTest, SatisfactionCountsCallsByWhenTheyWereMade) {
    week();
    auto out = run(week_request());
    EXPECT_EQ(i(out.cell("satisfaction", "2026-11-19", "unsatisfied")), 1);
    EXPECT_DOUBLE_EQ(d(out.cell("satisfaction", "2026-11-19", "satisfied_rate")), 0);
    EXPECT_DOUBLE_EQ(d(out.cell("satisfaction", "2026-11-20", "average_score")), 5);
    EXPECT_TRUE(null(out.cell("satisfaction", "2026-11-21", "satisfied_rate")));
    EXPECT_EQ(i(out.cell("satisfaction", "合计", "calls")), 3);
    EXPECT_DOUBLE_EQ(d(out.cell("satisfaction", "合计", "satisfied_rate")), 0.5);
}

TEST_P(ReportEngineTest, CompensationAgainstTheMonthlyBudget) {
    week();
    auto out = run(week_request());
    const auto& t = out.get("compensation_by_department");
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(std::get<std::string>(t.rows[0][1]), "售后服务部");
    EXPECT_EQ(i(t.rows[0][2]), 1);
    EXPECT_EQ(i(t.rows[0][3]), 300'00);
    EXPECT_EQ(i(t.rows[0][4]), 1000'00);
    EXPECT_EQ(i(t.rows[0][5]), 400'00);
    EXPECT_DOUBLE_EQ(d(t.rows[0][6]), 0.4);
    EXPECT_EQ(i(t.rows[1][3]), 50'00);
    EXPECT_TRUE(null(t.rows[1][4])) << "no budget set";
    EXPECT_EQ(i(t.rows[2][3]), 350'00);
    EXPECT_EQ(t.spec.columns[3].currency, "CNY");

    EXPECT_EQ(i(out.cell("compensation_by_remedy", "refund", "cost")), 300'00);
    EXPECT_EQ(i(out.cell("compensation_by_remedy", "apology", "cost")), 0);
    EXPECT_EQ(i(out.cell("compensation_by_remedy", "apology", "proposals")), 1);
    EXPECT_EQ(i(out.cell("compensation_by_remedy", "voucher", "cost")), 50'00);
    EXPECT_EQ(i(out.cell("compensation_by_policy", "goodwill", "cost")), 300'00);
    EXPECT_EQ(i(out.cell("compensation_by_policy", "manual", "cost")), 50'00);
    EXPECT_EQ(i(out.cell("compensation_by_policy", "合计", "proposals")), 2);
}

TEST_P(ReportEngineTest, RepeatComplainantsAreKnownByPhoneAndMasked) {
    week();
    auto out = run(week_request());
    const auto& c = out.get("complainants").rows;
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(i(c[0][0]), 4);
    EXPECT_EQ(i(c[0][1]), 5);
    EXPECT_EQ(i(c[0][2]), 1);
    EXPECT_DOUBLE_EQ(d(c[0][3]), 0.25);
    EXPECT_EQ(i(c[0][4]), 2);
    const auto& r = out.get("repeat_complainants").rows;
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(std::get<std::string>(r[0][0]), "华东贸易 / 王先生");
    EXPECT_EQ(std::get<std::string>(r[0][1]), "138****1111");
    EXPECT_EQ(i(r[0][2]), 2);
    EXPECT_EQ(std::get<std::string>(r[0][3]), "2026-11-16");
    EXPECT_EQ(std::get<std::string>(r[0][4]), "2026-11-16");
}

TEST_P(ReportEngineTest, BacklogIsOpenComplaintsByAgeNow) {
    week();
    auto out = run(week_request());
    EXPECT_EQ(i(out.cell("backlog_by_age", "售后服务部", "open")), 2);
    EXPECT_EQ(i(out.cell("backlog_by_age", "售后服务部", "d3_7")), 1);
    EXPECT_EQ(i(out.cell("backlog_by_age", "售后服务部", "d7_14")), 1);
    EXPECT_EQ(i(out.cell("backlog_by_age", "销售部", "under_1d")), 1);
    EXPECT_EQ(i(out.cell("backlog_by_age", "合计", "open")), 4);
}

TEST_P(ReportEngineTest, FiltersByDepartmentAndChannel) {
    week();
    auto r = week_request();
    r.departments = {"sales"};
    auto out = run(r);
    EXPECT_EQ(i(out.cell("overview", "合计", "received")), 2);
    EXPECT_EQ(i(out.cell("compensation_by_policy", "合计", "cost")), 50'00);
    EXPECT_EQ(out.get("department_performance").rows.size(), 2u) << "sales and the total";
    r.departments = {};
    r.channels = {"phone"};
    out = run(r);
    EXPECT_EQ(i(out.cell("overview", "合计", "received")), 2);
    EXPECT_EQ(i(out.cell("satisfaction", "合计", "calls")), 2) << "the calls on phone complaints";
}

TEST_P(ReportEngineTest, NoDataGivesZerosAndNoFigures) {
    auto out = run(week_request());
    EXPECT_EQ(i(out.cell("overview", "合计", "received")), 0);
    EXPECT_TRUE(null(out.cell("overview", "合计", "first_response_median")));
    EXPECT_TRUE(out.get("volume_by_channel").rows.empty());
    EXPECT_TRUE(out.get("repeat_complainants").rows.empty());
    EXPECT_EQ(i(out.get("complainants").rows.at(0)[0]), 0);
}

TEST_P(ReportEngineTest, OneComplaint) {
    add([](Spec& s) {
        s.received = at(2026, 11, 18, 9, 0);
        s.responded = at(2026, 11, 18, 9, 45);
        s.same_day = true;
        s.status = Status::Contacted;
    });
    auto out = run(week_request());
    EXPECT_DOUBLE_EQ(d(out.cell("overview", "合计", "first_response_median")), 45);
    EXPECT_DOUBLE_EQ(d(out.cell("overview", "合计", "first_response_p90")), 45);
    EXPECT_DOUBLE_EQ(d(out.cell("overview", "合计", "same_day_reply_rate")), 1);
}

TEST_P(ReportEngineTest, WeeksAndMonthsAreLocalAndCutToTheRange) {
    week();
    auto r = week_request();
    r.from = ymd(2026, 11, 10);
    r.to = ymd(2026, 12, 2);
    r.granularity = Granularity::Week;
    auto out = run(r);
    const auto& t = out.get("overview");
    ASSERT_EQ(t.rows.size(), 5u) << "W46, W47, W48, W49 and the total";
    EXPECT_EQ(std::get<std::string>(t.rows[0][0]), "2026-W46");
    EXPECT_EQ(i(out.cell("overview", "2026-W47", "received")), 5);
    EXPECT_EQ(i(out.cell("overview", "2026-W46", "received")), 1) << "15th 23:59 is W46's Sunday";
    EXPECT_EQ(i(out.cell("overview", "2026-W46", "received")), 1);
    EXPECT_EQ(i(out.cell("overview", "2026-W48", "received")), 1);
    r.granularity = Granularity::Month;
    out = run(r);
    EXPECT_EQ(i(out.cell("overview", "2026-11", "received")), 7);
}

TEST_P(ReportEngineTest, DaysFollowTheZonesDaylightSavingChanges) {
    // New York leaves DST on 2026-11-01: that day has 25 hours.
    config_.company.calendar.timezone = "America/New_York";
    add([](Spec& s) { s.received = at(2026, 11, 1, 0, 30, -4); });  // EDT
    add([](Spec& s) { s.received = at(2026, 11, 1, 23, 30, -5); }); // EST, still the 1st
    add([](Spec& s) { s.received = at(2026, 11, 2, 0, 10, -5); });
    auto r = week_request();
    r.from = ymd(2026, 10, 31);
    r.to = ymd(2026, 11, 2);
    auto out = run(r);
    EXPECT_EQ(i(out.cell("overview", "2026-10-31", "received")), 0);
    EXPECT_EQ(i(out.cell("overview", "2026-11-01", "received")), 2);
    EXPECT_EQ(i(out.cell("overview", "2026-11-02", "received")), 1);
}

TEST_P(ReportEngineTest, OneTableOnly) {
    week();
    auto r = week_request();
    r.table = "satisfaction";
    auto out = run(r);
    ASSERT_EQ(out.tables.size(), 1u);
    EXPECT_EQ(out.tables[0].spec.id, "satisfaction");
}

TEST_P(ReportEngineTest, EnglishLabels) {
    week();
    auto r = week_request();
    r.language = "en";
    auto out = run(r);
    EXPECT_EQ(out.get("overview").spec.title, "Overview");
    EXPECT_EQ(i(out.cell("overview", "Total", "received")), 5);
}

TEST_P(ReportEngineTest, BadRequestsNameTheirParameter) {
    auto expect_error = [&](ReportRequest r, const std::string& field, const std::string& text) {
        try {
            run(r);
            ADD_FAILURE() << "expected ReportError on " << field;
        } catch (const ReportError& e) {
            EXPECT_EQ(e.field(), field);
            EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
        }
    };
    auto r = week_request();
    r.name = "nightly";
    expect_error(r, "name", "reports: weekly, monthly");
    r = week_request();
    r.to = ymd(2026, 11, 1);
    expect_error(r, "to", "before from");
    r = week_request();
    r.from = ymd(2010, 1, 1);
    r.to = ymd(2026, 1, 1);
    expect_error(r, "to", "at most 3660 days");
    r = week_request();
    r.from = ymd(2023, 1, 1);
    expect_error(r, "granularity", "choose week or month");
    r = week_request();
    r.departments = {"nowhere"};
    expect_error(r, "department", "nowhere");
    r = week_request();
    r.channels = {"Robert'); DROP TABLE complaints;--"};
    expect_error(r, "channel", "not a channel name");
    r = week_request();
    r.table = "secrets";
    expect_error(r, "table", "has no table");
}

TEST(ReportDefinitions, DefaultRanges) {
    // Monday 2026-11-23: last week is 16–22, last month October, last 7 days 16–22.
    auto [wf, wt] = default_range(DefaultRange::LastWeek, ymd(2026, 11, 23));
    EXPECT_EQ(wf, ymd(2026, 11, 16));
    EXPECT_EQ(wt, ymd(2026, 11, 22));
    auto [sf, st] = default_range(DefaultRange::LastWeek, ymd(2026, 11, 22)); // a Sunday
    EXPECT_EQ(sf, ymd(2026, 11, 9));
    EXPECT_EQ(st, ymd(2026, 11, 15));
    auto [mf, mt] = default_range(DefaultRange::LastMonth, ymd(2026, 3, 1));
    EXPECT_EQ(mf, ymd(2026, 2, 1));
    EXPECT_EQ(mt, ymd(2026, 2, 28));
    auto [df, dt] = default_range(DefaultRange::Last7Days, ymd(2026, 1, 3));
    EXPECT_EQ(df, ymd(2025, 12, 27));
    EXPECT_EQ(dt, ymd(2026, 1, 2));
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportEngineTest, ::testing::Values("sqlite", "postgresql"));

} // namespace
