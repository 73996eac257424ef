// The CSV reporter (plugins/report_csv), through its built .so, its output
// read back with the import plugin's RFC 4180 reader.
#include "reporter_harness.hpp"

#include <csv_reader.hpp>
#include <gtest/gtest.h>
#include <limits>

namespace redress::test {
namespace {

using Fields = std::vector<std::string>;

// The records of a CSV report after its BOM, each as its fields.
std::vector<Fields> parse(const std::string& csv) {
    EXPECT_EQ(csv.substr(0, 3), import::utf8_bom);
    import::CsvReader reader(import::strip_bom(csv), true);
    std::vector<Fields> out;
    while (auto record = reader.next()) {
        EXPECT_EQ(record->error, "") << "record " << out.size() + 1;
        out.push_back(record->fields);
    }
    return out;
}

const Fields blank{""};

class Csv : public ::testing::Test {
protected:
    std::shared_ptr<core::PluginInstance> reporter = load_reporter("report_csv");
};

TEST_F(Csv, DeclaresItsFormatAndContentType) {
    EXPECT_EQ(reporter->name(), "report-csv");
    EXPECT_EQ(reporter->library().report_format(), "csv");
    EXPECT_EQ(reporter->library().report_content_type(), "text/csv; charset=utf-8");
}

TEST_F(Csv, WritesEachTableAsTitleHeaderAndRowsSeparatedByAnEmptyLine) {
    ReportStream s;
    s.table("volume", "每日投诉量",
            {{"day", "日期", "text", ""}, {"count", "投诉数", "integer", ""}})
        .row("2026-11-16", 12)
        .row("2026-11-17", 7)
        .table("cost", "Goodwill",
               {{"dept", "Department", "text", ""}, {"paid", "Paid", "money", "CNY"}})
        .row("after-sales", 123450);
    const std::string csv = render(*reporter, s);

    EXPECT_EQ(parse(csv), (std::vector<Fields>{{"每日投诉量"},
                                               {"日期", "投诉数"},
                                               {"2026-11-16", "12"},
                                               {"2026-11-17", "7"},
                                               blank,
                                               {"Goodwill"},
                                               {"Department", "Paid (CNY)"},
                                               {"after-sales", "1234.50"}}));
    // Every line ends in CRLF; no bare LF anywhere.
    EXPECT_EQ(csv.substr(3), "每日投诉量\r\n日期,投诉数\r\n2026-11-16,12\r\n2026-11-17,7\r\n\r\n"
                             "Goodwill\r\nDepartment,Paid (CNY)\r\nafter-sales,1234.50\r\n");
}

TEST_F(Csv, WritesFiguresRawWithTheUnitInTheHeader) {
    ReportStream s;
    s.table("t", "Figures",
            {{"n", "Count", "integer", ""},
             {"score", "Score", "number", ""},
             {"rate", "Rate", "ratio", ""},
             {"wait", "Wait", "minutes", ""},
             {"cny", "Cost", "money", "CNY"},
             {"jpy", "Cost", "money", "JPY"},
             {"kwd", "Cost", "money", "KWD"}})
        .row(1234567, 1.0 / 3, 0.935, 90.5, 123450, 1200, 1500)
        .row(-3, 4.25, 1, 2, -5, -1200, 7)
        .row(0, 2.0, 0.1234567, 0.004, std::int64_t{-9'223'372'036'854'775'807} - 1, 0, 0);
    const auto records = parse(render(*reporter, s));
    ASSERT_EQ(records.size(), 5u);
    EXPECT_EQ(records[1], (Fields{"Count", "Score", "Rate (ratio)", "Wait (min)", "Cost (CNY)",
                                  "Cost (JPY)", "Cost (KWD)"}));
    EXPECT_EQ(records[2],
              (Fields{"1234567", "0.3333", "0.935", "90.5", "1234.50", "1200", "1.500"}));
    EXPECT_EQ(records[3], (Fields{"-3", "4.25", "1", "2", "-0.05", "-1200", "0.007"}));
    EXPECT_EQ(records[4],
              (Fields{"0", "2", "0.123457", "0", "-92233720368547758.08", "0", "0.000"}));
}

TEST_F(Csv, LeavesNoFigureAsAnEmptyField) {
    ReportStream s;
    s.table("t", "T",
            {{"a", "A", "text", ""},
             {"b", "B", "integer", ""},
             {"c", "C", "ratio", ""},
             {"d", "D", "money", "CNY"}})
        .row(std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{})
        .row("x", 1, std::numeric_limits<double>::quiet_NaN(), 5);
    const std::string csv = render(*reporter, s);
    EXPECT_NE(csv.find("\r\n,,,\r\n"), std::string::npos);
    const auto records = parse(csv);
    ASSERT_EQ(records.size(), 4u);
    EXPECT_EQ(records[2], (Fields{"", "", "", ""}));
    EXPECT_EQ(records[3], (Fields{"x", "1", "", "0.05"}));
}

TEST_F(Csv, QuotesHostileTextSoThatItReadsBackUnchanged) {
    const std::vector<std::string> hostile{
        "a, b", "say \"hi\"", "line 1\r\nline 2", "lf\nonly", "空调不制冷，已报修", "\"",
        ",",    "tail "};
    ReportStream s;
    s.table("t", "Title, \"quoted\"", {{"v", "Label, with comma", "text", ""}});
    for (const auto& h : hostile)
        s.row(h);
    const std::string csv = render(*reporter, s);
    EXPECT_NE(csv.find("\r\n\"say \"\"hi\"\"\"\r\n"), std::string::npos);
    const auto records = parse(csv);
    ASSERT_EQ(records.size(), 2 + hostile.size());
    EXPECT_EQ(records[0], Fields{"Title, \"quoted\""});
    EXPECT_EQ(records[1], Fields{"Label, with comma"});
    for (std::size_t i = 0; i < hostile.size(); ++i)
        EXPECT_EQ(records[2 + i], Fields{hostile[i]}) << i;
}

TEST_F(Csv, NeutralisesFormulasInTextButNotNegativeNumbers) {
    ReportStream s;
    s.table("t", "=HYPERLINK(\"x\")",
            {{"text", "-label", "text", ""},
             {"n", "N", "integer", ""},
             {"x", "X", "number", ""},
             {"m", "M", "money", "CNY"}})
        .row("=1+1", -3, -2.5, -150)
        .row("+cmd", 0, 0.0, 0)
        .row("-2", 0, 0.0, 0)
        .row("@SUM(A1)", 0, 0.0, 0)
        .row("\tx", 0, 0.0, 0)
        .row("\rx", 0, 0.0, 0)
        .row("a=1", 0, 0.0, 0);
    const auto records = parse(render(*reporter, s));
    ASSERT_EQ(records.size(), 9u);
    EXPECT_EQ(records[0], Fields{"'=HYPERLINK(\"x\")"});
    EXPECT_EQ(records[1][0], "'-label");
    EXPECT_EQ(records[2], (Fields{"'=1+1", "-3", "-2.5", "-1.50"}));
    EXPECT_EQ(records[3][0], "'+cmd");
    EXPECT_EQ(records[4][0], "'-2");
    EXPECT_EQ(records[5][0], "'@SUM(A1)");
    EXPECT_EQ(records[6][0], "'\tx");
    EXPECT_EQ(records[7][0], "'\rx");
    EXPECT_EQ(records[8][0], "a=1");
}

TEST_F(Csv, ReplacesInvalidUtf8) {
    ReportStream s;
    s.table("t", "T", {{"v", "V", "text", ""}}).row(std::string("ok\xff\xc3(end", 8));
    const auto records = parse(render(*reporter, s));
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[2], Fields{"ok\xEF\xBF\xBD\xEF\xBF\xBD(end"});
}

TEST_F(Csv, WritesOnlyTheBomForAnEmptyReportAndTheHeaderForAnEmptyTable) {
    EXPECT_EQ(render(*reporter, ReportStream{}), "\xEF\xBB\xBF");
    ReportStream s;
    s.table("t", "Empty", {{"a", "A", "text", ""}, {"b", "B", "integer", ""}});
    EXPECT_EQ(render(*reporter, s), "\xEF\xBB\xBF"
                                    "Empty\r\nA,B\r\n");
}

TEST_F(Csv, RefusesARowThatDoesNotFitItsTable) {
    ReportStream wrong_count;
    wrong_count.table("volume", "V", {{"a", "A", "text", ""}, {"b", "B", "integer", ""}})
        .row("x", 1)
        .row("y");
    try {
        render(*reporter, wrong_count);
        FAIL() << "a row with one value for two columns was rendered";
    } catch (const core::PluginCallError& e) {
        EXPECT_EQ(e.status(), REDRESS_E_INVALID);
        EXPECT_NE(e.plugin_message().find("table 'volume', row 2: 1 values for 2 columns"),
                  std::string::npos)
            << e.plugin_message();
    }
    ReportStream wrong_type;
    wrong_type.table("volume", "V", {{"b", "B", "integer", ""}}).row("seven");
    try {
        render(*reporter, wrong_type);
        FAIL() << "a string in an integer column was rendered";
    } catch (const core::PluginCallError& e) {
        EXPECT_NE(e.plugin_message().find("column 'b' (integer): got a string"), std::string::npos)
            << e.plugin_message();
    }
}

TEST_F(Csv, FailsWhenTheOutputClosesMidway) {
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
                     [&](std::string_view) { return ++writes < 5; }),
                 core::PluginCallError);
    EXPECT_EQ(writes, 5u); // it stopped at the first refused write
}

TEST_F(Csv, StreamsAHundredThousandRowsOneWriteEach) {
    constexpr int rows = 100'000;
    ReportStream s;
    s.table("t", "Big", {{"id", "Id", "integer", ""}, {"name", "Name", "text", ""}});
    core::Record row;
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
            row = core::Record{};
            row.set("kind", std::string("row"))
                .append("values", std::int64_t{made})
                .append("values", "客户 " + std::to_string(made));
            ++made;
            return &row;
        },
        [&](std::string_view bytes) {
            ++writes;
            out += bytes;
            return true;
        });
    EXPECT_GE(writes, static_cast<std::size_t>(rows));
    const auto records = parse(out);
    ASSERT_EQ(records.size(), static_cast<std::size_t>(rows) + 2);
    EXPECT_EQ(records.back(), (Fields{"99999", "客户 99999"}));
}

} // namespace
} // namespace redress::test
