// The JSON reporter (plugins/report_json), through its built .so, its output
// read back with Poco's JSON parser.
#include "reporter_harness.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>
#include <limits>

namespace redress::test {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr parse(const std::string& json) {
    Poco::JSON::Parser parser;
    return parser.parse(json).extract<Object::Ptr>();
}

Object::Ptr table(const Object::Ptr& report, unsigned i) {
    return report->getArray("tables")->getObject(i);
}

Object::Ptr row(const Object::Ptr& report, unsigned t, unsigned r) {
    return table(report, t)->getArray("rows")->getObject(r);
}

class Json : public ::testing::Test {
protected:
    std::shared_ptr<core::PluginInstance> reporter = load_reporter("report_json");
};

TEST_F(Json, DeclaresItsFormatAndContentType) {
    EXPECT_EQ(reporter->name(), "report-json");
    EXPECT_EQ(reporter->library().report_format(), "json");
    EXPECT_EQ(reporter->library().report_content_type(), "application/json; charset=utf-8");
}

TEST_F(Json, WritesTheParametersAndNoTablesForAnEmptyReport) {
    ReportStream s;
    s.params.append("departments", std::string("after-sales"))
        .append("departments", std::string("installation"));
    const std::string json = render(*reporter, s);
    const auto report = parse(json);
    EXPECT_EQ(report->getValue<std::string>("report"), "weekly");
    EXPECT_EQ(report->getValue<std::string>("title"), "投诉周报");
    EXPECT_EQ(report->getValue<std::string>("company"), "示例电器有限公司");
    EXPECT_EQ(report->getValue<std::string>("language"), "zh");
    EXPECT_EQ(report->getValue<std::string>("from"), "2026-11-16");
    EXPECT_EQ(report->getValue<std::string>("to"), "2026-11-22");
    EXPECT_EQ(report->getValue<std::string>("timezone"), "Asia/Shanghai");
    EXPECT_EQ(report->getValue<std::string>("granularity"), "day");
    EXPECT_EQ(report->getValue<std::string>("generated_at"), "2026-11-23 08:00");
    const auto departments = report->getArray("departments");
    ASSERT_EQ(departments->size(), 2u);
    EXPECT_EQ(departments->getElement<std::string>(1), "installation");
    EXPECT_EQ(report->getArray("channels")->size(), 0u);
    EXPECT_EQ(report->getArray("tables")->size(), 0u);
    EXPECT_NE(json.find("\"tables\":[]"), std::string::npos) << json;
}

TEST_F(Json, WritesColumnsAndRowsKeyedByColumnIdWithTypedValues) {
    ReportStream s;
    s.table("volume", "每日投诉量",
            {{"day", "日期", "text", ""},
             {"count", "投诉数", "integer", ""},
             {"score", "评分", "number", ""},
             {"rate", "解决率", "ratio", ""},
             {"wait", "等待", "minutes", ""},
             {"paid", "补偿", "money", "CNY"}},
            "bar", "day", {"count"})
        .row("2026-11-16", 12, 4.25, 0.935, 90, 123450)
        .row("2026-11-17", -3, 2.0, 1, 0.5, -5);
    const auto report = parse(render(*reporter, s));
    const auto t = table(report, 0);
    EXPECT_EQ(t->getValue<std::string>("id"), "volume");
    EXPECT_EQ(t->getValue<std::string>("title"), "每日投诉量");
    EXPECT_EQ(t->getValue<std::string>("description"), "描述：每日投诉量");
    const auto columns = t->getArray("columns");
    ASSERT_EQ(columns->size(), 6u);
    EXPECT_EQ(columns->getObject(1)->getValue<std::string>("label"), "投诉数");
    EXPECT_EQ(columns->getObject(3)->getValue<std::string>("type"), "ratio");
    EXPECT_FALSE(columns->getObject(3)->has("currency"));
    EXPECT_EQ(columns->getObject(5)->getValue<std::string>("currency"), "CNY");
    EXPECT_EQ(columns->getObject(5)->getValue<int>("decimals"), 2);
    EXPECT_EQ(t->getObject("chart")->getValue<std::string>("type"), "bar");
    EXPECT_EQ(t->getObject("chart")->getValue<std::string>("label"), "day");

    const auto r0 = row(report, 0, 0);
    EXPECT_EQ(r0->size(), 6u);
    EXPECT_TRUE(r0->get("day").isString());
    EXPECT_EQ(r0->getValue<std::string>("day"), "2026-11-16");
    EXPECT_TRUE(r0->get("count").isInteger());
    EXPECT_EQ(r0->getValue<std::int64_t>("count"), 12);
    EXPECT_TRUE(r0->get("score").type() == typeid(double));
    EXPECT_EQ(r0->getValue<double>("score"), 4.25);
    EXPECT_EQ(r0->getValue<double>("rate"), 0.935);
    // An integer in a minutes column is still a double: types follow columns.
    EXPECT_TRUE(r0->get("wait").type() == typeid(double));
    EXPECT_EQ(r0->getValue<double>("wait"), 90.0);
    EXPECT_TRUE(r0->get("paid").isInteger());
    EXPECT_EQ(r0->getValue<std::int64_t>("paid"), 123450);
    const auto r1 = row(report, 0, 1);
    EXPECT_EQ(r1->getValue<std::int64_t>("count"), -3);
    EXPECT_TRUE(r1->get("score").type() == typeid(double));
    EXPECT_EQ(r1->getValue<double>("rate"), 1.0);
    EXPECT_EQ(r1->getValue<std::int64_t>("paid"), -5);
}

TEST_F(Json, WritesDoublesShortestAndReadsThemBackExactly) {
    const std::vector<double> values{
        0.1, 1.0 / 3, 2.0, -0.0, 1e300, 5e-324, 1e21, 123456789.123456789, -7.5e-8, 0.935};
    ReportStream s;
    s.table("t", "T", {{"x", "X", "number", ""}});
    for (double v : values)
        s.row(v);
    const std::string json = render(*reporter, s);
    EXPECT_NE(json.find("{\"x\":0.1}"), std::string::npos) << json;
    EXPECT_NE(json.find("{\"x\":2.0}"), std::string::npos) << json;
    const auto report = parse(json);
    for (unsigned i = 0; i < values.size(); ++i) {
        const auto v = row(report, 0, i)->get("x");
        EXPECT_TRUE(v.type() == typeid(double)) << i;
        EXPECT_EQ(v.extract<double>(), values[i]) << i;
    }
}

TEST_F(Json, WritesNullForNoFigureNaNAndInfinity) {
    ReportStream s;
    s.table("t", "T", {{"a", "A", "text", ""}, {"b", "B", "ratio", ""}, {"c", "C", "money", "CNY"}})
        .row(std::monostate{}, std::numeric_limits<double>::quiet_NaN(), std::monostate{})
        .row("x", std::numeric_limits<double>::infinity(), 1)
        .row("y", -std::numeric_limits<double>::infinity(), 2);
    const auto report = parse(render(*reporter, s));
    for (unsigned i = 0; i < 3; ++i) {
        EXPECT_TRUE(row(report, 0, i)->has("b"));
        EXPECT_TRUE(row(report, 0, i)->isNull("b")) << i;
    }
    EXPECT_TRUE(row(report, 0, 0)->isNull("a"));
    EXPECT_TRUE(row(report, 0, 0)->isNull("c"));
}

TEST_F(Json, EscapesHostileStringsSoThatTheyRoundTrip) {
    const std::vector<std::string> hostile{"quote \" and backslash \\",
                                           std::string("nul \0 and \x01\x1f\x7f", 13),
                                           "tab\tline\nreturn\r",
                                           "</script><script>alert(1)</script>",
                                           "line\xE2\x80\xA8separator\xE2\x80\xA9paragraph",
                                           "空调不制冷 & 噪音 <大>",
                                           "emoji \xF0\x9F\x98\x80"};
    ReportStream s;
    s.table("t", "</script>", {{"v\"\\", "V", "text", ""}});
    for (const auto& h : hostile)
        s.row(h);
    const std::string json = render(*reporter, s);
    EXPECT_EQ(json.find("</script>"), std::string::npos);
    EXPECT_EQ(json.find("\xE2\x80\xA8"), std::string::npos);
    EXPECT_NE(json.find("\\u2028"), std::string::npos);
    EXPECT_NE(json.find("\\u0001"), std::string::npos);
    EXPECT_EQ(json.find('\t'), std::string::npos);
    const auto report = parse(json);
    EXPECT_EQ(table(report, 0)->getValue<std::string>("title"), "</script>");
    for (unsigned i = 0; i < hostile.size(); ++i)
        EXPECT_EQ(row(report, 0, i)->getValue<std::string>("v\"\\"), hostile[i]) << i;
}

TEST_F(Json, ReplacesInvalidUtf8SoThatTheDocumentStaysValid) {
    ReportStream s;
    s.params.set("company", std::string("Bad\xC0\xAF"));
    s.table("t", "T", {{"v", "V", "text", ""}})
        .row(std::string("a\xFF"
                         "b\xE6\xB5"
                         "c\xED\xA0\x80"));
    const auto report = parse(render(*reporter, s));
    EXPECT_EQ(report->getValue<std::string>("company"), "Bad\xEF\xBF\xBD\xEF\xBF\xBD");
    // One U+FFFD per maximal ill-formed subpart: FF; E6 B5 (truncated); ED, A0, 80 (a surrogate).
    EXPECT_EQ(row(report, 0, 0)->getValue<std::string>("v"),
              "a\xEF\xBF\xBD"
              "b\xEF\xBF\xBD"
              "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_F(Json, WritesEmptyRowsForATableWithoutRows) {
    ReportStream s;
    s.table("a", "A", {{"x", "X", "integer", ""}})
        .table("b", "B", {{"y", "Y", "text", ""}})
        .row("only");
    const std::string json = render(*reporter, s);
    EXPECT_NE(json.find("\"rows\":[]"), std::string::npos) << json;
    const auto report = parse(json);
    ASSERT_EQ(report->getArray("tables")->size(), 2u);
    EXPECT_EQ(table(report, 0)->getArray("rows")->size(), 0u);
    EXPECT_EQ(row(report, 1, 0)->getValue<std::string>("y"), "only");
}

TEST_F(Json, RefusesATableWithDuplicateColumnsOrMoneyWithoutCurrency) {
    ReportStream duplicate;
    duplicate.table("t", "T", {{"x", "X", "integer", ""}, {"x", "X again", "text", ""}});
    try {
        render(*reporter, duplicate);
        FAIL() << "two columns with one id were rendered";
    } catch (const core::PluginCallError& e) {
        EXPECT_EQ(e.status(), REDRESS_E_INVALID);
        EXPECT_NE(e.plugin_message().find("table 't', column 2: the id 'x' is used twice"),
                  std::string::npos)
            << e.plugin_message();
    }
    ReportStream no_currency;
    no_currency.table("t", "T", {{"paid", "Paid", "money", ""}});
    try {
        render(*reporter, no_currency);
        FAIL() << "a money column without a currency was rendered";
    } catch (const core::PluginCallError& e) {
        EXPECT_NE(e.plugin_message().find("column 1 ('paid'): a money column needs a currency"),
                  std::string::npos)
            << e.plugin_message();
    }
}

TEST_F(Json, FailsWhenTheOutputClosesMidway) {
    ReportStream s;
    s.table("t", "T", {{"v", "V", "integer", ""}});
    for (int i = 0; i < 100; ++i)
        s.row(i);
    std::size_t next = 0, writes = 0;
    EXPECT_THROW(reporter->render(
                     s.params,
                     [&]() -> const core::Record* {
                         return next < s.records.size() ? &s.records[next++] : nullptr;
                     },
                     [&](std::string_view) { return ++writes < 3; }),
                 core::PluginCallError);
    EXPECT_EQ(writes, 3u);
}

TEST_F(Json, StreamsAHundredThousandRows) {
    constexpr int rows = 100'000;
    ReportStream s;
    s.table("t", "Big", {{"id", "Id", "integer", ""}, {"share", "Share", "ratio", ""}});
    core::Record row_record;
    int made = 0;
    std::size_t taken = 0, writes = 0;
    std::string out;
    reporter->render(
        s.params,
        [&]() -> const core::Record* {
            if (taken < s.records.size())
                return &s.records[taken++];
            if (made == rows)
                return nullptr;
            row_record = core::Record{};
            row_record.set("kind", std::string("row"))
                .append("values", std::int64_t{made})
                .append("values", made / double{rows});
            ++made;
            return &row_record;
        },
        [&](std::string_view bytes) {
            ++writes;
            out += bytes;
            return true;
        });
    EXPECT_GE(writes, static_cast<std::size_t>(rows));
    const auto report = parse(out);
    const auto all = table(report, 0)->getArray("rows");
    ASSERT_EQ(all->size(), static_cast<std::size_t>(rows));
    EXPECT_EQ(all->getObject(rows - 1)->getValue<std::int64_t>("id"), rows - 1);
    EXPECT_EQ(all->getObject(rows - 1)->getValue<double>("share"), (rows - 1) / double{rows});
}

} // namespace
} // namespace redress::test
