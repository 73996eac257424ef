// The reports through the real daemon and the real reporter plugins:
// GET /reports and /reports/{name} in every format, the token's department
// scope, bad parameters, and a report written on schedule — on SQLite and
// PostgreSQL.
#include "../api/api_fixture.hpp"

#include <Poco/JSON/Array.h>
#include <chrono>
#include <thread>

namespace redress::test {
namespace {

// A UTC date a few days from today: with a week either side, today in any
// company zone is inside the range.
std::string utc_date(int offset_days) {
    const auto d = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) +
                   std::chrono::days{offset_days};
    const std::chrono::year_month_day ymd{d};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

class ReportApi : public ApiFixture {
protected:
    std::string range() const { return "from=" + utc_date(-3) + "&to=" + utc_date(3); }

    // The overview's total row of a JSON report.
    Poco::JSON::Object::Ptr total(const std::string& query, const std::string& token) {
        auto r = call("GET", "/reports/weekly?format=json&" + range() + query, token);
        EXPECT_EQ(r.status, 200) << r.body;
        auto tables = parse(r.body)->getArray("tables");
        for (std::size_t i = 0; tables && i < tables->size(); ++i) {
            auto t = tables->getObject(static_cast<unsigned>(i));
            if (t->getValue<std::string>("id") != "overview")
                continue;
            auto rows = t->getArray("rows");
            return rows->getObject(static_cast<unsigned>(rows->size() - 1));
        }
        ADD_FAILURE() << "no overview table in " << r.body;
        return new Poco::JSON::Object;
    }
};

TEST_P(ReportApi, ListsTheReportsAndTheFormatsOfTheLoadedReporters) {
    auto r = call("GET", "/reports", supervisor_);
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = parse(r.body);
    auto reports = body->getArray("reports");
    ASSERT_GE(reports->size(), 2u);
    EXPECT_EQ(reports->getObject(0)->getValue<std::string>("name"), "weekly");
    std::set<std::string> formats;
    for (std::size_t i = 0; i < body->getArray("formats")->size(); ++i)
        formats.insert(
            body->getArray("formats")->getElement<std::string>(static_cast<unsigned>(i)));
    EXPECT_EQ(formats, (std::set<std::string>{"csv", "html", "json", "xlsx"}));
}

TEST_P(ReportApi, AgentsMayNotReadReports) {
    auto r = call("GET", "/reports/weekly", agent_);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(error_code(r), "forbidden");
}

TEST_P(ReportApi, CountsWhatTheApiStoredWithinTheTokensDepartments) {
    create(agent_);
    create(agent_);
    create(admin_, "call-centre");
    EXPECT_EQ(total("", admin_)->getValue<int>("received"), 3);
    EXPECT_EQ(total("", supervisor_)->getValue<int>("received"), 2) << "after-sales only";
    EXPECT_EQ(total("&department=call-centre", admin_)->getValue<int>("received"), 1);
    auto r = call("GET", "/reports/weekly?format=json&department=call-centre", supervisor_);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(error_field(r), "department");
}

TEST_P(ReportApi, EveryFormatWithItsContentTypeAndFileName) {
    create(agent_);
    struct Case {
        std::string format, type, start;
    };
    for (const Case& c :
         {Case{"csv", "text/csv", "\xEF\xBB\xBF"}, Case{"json", "application/json", "{"},
          Case{"html", "text/html", "<!DOCTYPE html>"},
          Case{"xlsx", "application/vnd.openxmlformats", "PK"}}) {
        auto r = call("GET", "/reports/weekly?format=" + c.format + "&" + range(), admin_);
        ASSERT_EQ(r.status, 200) << c.format << ": " << r.body;
        EXPECT_EQ(r.header("Content-Type").rfind(c.type, 0), 0u) << r.header("Content-Type");
        EXPECT_EQ(r.body.rfind(c.start, 0), 0u) << c.format;
        EXPECT_NE(r.header("Content-Disposition").find("weekly_" + utc_date(-3)),
                  std::string::npos);
    }
    auto html = call("GET", "/reports/weekly?format=html&" + range(), admin_);
    EXPECT_NE(html.body.find("<svg"), std::string::npos);
    EXPECT_NE(html.body.find("总览"), std::string::npos);
}

TEST_P(ReportApi, BadParametersAreNamed) {
    auto expect = [&](const std::string& query, int status, const std::string& code,
                      const std::string& field) {
        auto r = call("GET", "/reports/" + query, admin_);
        EXPECT_EQ(r.status, status) << query << ": " << r.body;
        EXPECT_EQ(error_code(r), code) << query;
        EXPECT_EQ(error_field(r), field) << query;
    };
    expect("weekly?from=2026-13-01", 400, "invalid_parameter", "from");
    expect("weekly?from=2026-11-20&to=2026-11-01", 422, "invalid_parameter", "to");
    expect("weekly?granularity=hour", 400, "invalid_parameter", "granularity");
    expect("weekly?format=pdf", 422, "invalid_parameter", "format");
    expect("weekly?department=nowhere", 422, "invalid_parameter", "department");
    expect("weekly?colour=red", 400, "unknown_parameter", "colour");
    expect("weekly?table=secrets", 422, "invalid_parameter", "table");
    expect("weekly?from=2010-01-01&to=2026-01-01", 422, "invalid_parameter", "to");
    auto r = call("GET", "/reports/nightly", admin_);
    EXPECT_EQ(r.status, 404);
    EXPECT_NE(r.body.find("weekly"), std::string::npos) << "names the reports";
    auto f = call("GET", "/reports/weekly?format=pdf", admin_);
    EXPECT_NE(f.body.find("csv"), std::string::npos) << "names the formats: " << f.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportApi, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

// A daily schedule whose time has passed writes its report when the daemon
// starts (a daemon that was down catches up), once.
class ScheduledReport : public ApiFixture {
protected:
    std::string config_text() const override {
        return ApiFixture::config_text() +
               "[[report]]\nname = \"weekly\"\nformat = \"csv\"\nevery = \"day\"\n"
               "at = \"00:00\"\ndir = \"reports\"\ndepartments = [\"after-sales\"]\n";
    }
};

TEST_P(ScheduledReport, IsWrittenToItsFolderOnStart) {
    const auto dir = dir_ / "reports";
    std::vector<std::filesystem::path> files;
    for (int i = 0; i < 100 && files.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        std::error_code ec;
        for (const auto& f : std::filesystem::directory_iterator(dir, ec))
            if (f.path().extension() == ".csv")
                files.push_back(f.path());
    }
    ASSERT_EQ(files.size(), 1u) << daemon_->stderr_text();
    const std::string name = files[0].filename().string();
    EXPECT_EQ(name.rfind("weekly_", 0), 0u) << name;
    EXPECT_NE(name.find("_after-sales.csv"), std::string::npos) << name;
    EXPECT_GT(std::filesystem::file_size(files[0]), 100u);
}

INSTANTIATE_TEST_SUITE_P(Backends, ScheduledReport, ::testing::Values("sqlite"),
                         [](const auto& info) { return info.param; });

} // namespace
} // namespace redress::test
