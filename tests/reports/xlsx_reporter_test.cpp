// The XLSX reporter (plugins/report_xlsx), through its built .so, its output
// read back with openpyxl (python3), which dumps each sheet as JSON.
#include "reporter_harness.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>

namespace redress::test {
namespace {

// Dumps a workbook: per sheet its name, frozen cell, column widths and every
// cell's value, type (n number, s string, f formula), number format and bold.
// "count" mode streams (read_only) and gives row counts and last rows only.
// Control characters are stored escaped as _xHHHH_ (ECMA-376 ST_Xstring);
// Excel decodes them, openpyxl 3.0 does not for inline strings, so the
// script does.
constexpr const char* dump_script = R"(
import json, re, sys, openpyxl
def value(v):
    if isinstance(v, str):
        return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), v)
    return v
full = sys.argv[3] == "full"
wb = openpyxl.load_workbook(sys.argv[1], read_only=not full)
out = []
for ws in wb.worksheets:
    sheet = {"name": ws.title}
    if full:
        sheet["freeze"] = ws.freeze_panes
        sheet["widths"] = {k: d.width for k, d in ws.column_dimensions.items()}
        sheet["rows"] = [[{"v": value(c.value), "t": c.data_type, "f": c.number_format,
                           "b": bool(c.font.b)} for c in row] for row in ws.iter_rows()]
    else:
        n, last = 0, None
        for row in ws.iter_rows(values_only=True):
            n, last = n + 1, list(row)
        sheet["count"], sheet["last"] = n, last
    out.append(sheet)
json.dump(out, open(sys.argv[2], "w"), ensure_ascii=False)
)";

struct Cell {
    Poco::Dynamic::Var v;
    std::string t, f;
    bool b = false;
    bool blank() const { return v.isEmpty(); }
    std::string text() const { return v.convert<std::string>(); }
    double number() const { return v.convert<double>(); }
};

struct Sheet {
    std::string name, freeze;
    std::map<std::string, double> widths;
    std::vector<std::vector<Cell>> rows;
    std::size_t count = 0;
    Poco::JSON::Array::Ptr last;
};

// A Python that has openpyxl: Debian's (scripts/install-deps.sh installs
// python3-openpyxl for it) before whatever python3 comes first on PATH, which
// may be a pyenv or venv without it. Empty when there is none.
const std::string& python() {
    static const std::string found = [] {
        for (std::string candidate : {"/usr/bin/python3", "python3"})
            if (std::system((candidate + " -c 'import openpyxl' 2>/dev/null").c_str()) == 0)
                return candidate;
        return std::string();
    }();
    return found;
}

std::vector<Sheet> read_workbook(const std::string& xlsx, bool full = true) {
    if (python().empty()) {
        ADD_FAILURE() << "no python3 with openpyxl (apt-get install python3-openpyxl)";
        return {};
    }
    TempDir dir;
    const auto book = dir.write("report.xlsx", xlsx);
    const auto script = dir.write("dump.py", dump_script);
    const auto json = dir / "dump.json";
    const std::string command = python() + " " + script.string() + " " + book.string() + " " +
                                json.string() + (full ? " full" : " count");
    if (std::system(command.c_str()) != 0) {
        ADD_FAILURE() << "openpyxl could not read the workbook: " << command;
        return {};
    }
    std::ifstream in(json);
    std::stringstream text;
    text << in.rdbuf();
    Poco::JSON::Parser parser;
    const auto sheets = parser.parse(text.str()).extract<Poco::JSON::Array::Ptr>();
    std::vector<Sheet> out;
    for (unsigned i = 0; i < sheets->size(); ++i) {
        const auto s = sheets->getObject(i);
        Sheet sheet;
        sheet.name = s->getValue<std::string>("name");
        if (!full) {
            sheet.count = s->getValue<std::size_t>("count");
            sheet.last = s->getArray("last");
            out.push_back(std::move(sheet));
            continue;
        }
        if (!s->isNull("freeze"))
            sheet.freeze = s->getValue<std::string>("freeze");
        const auto widths = s->getObject("widths");
        for (const auto& [column, width] : *widths)
            sheet.widths[column] = width.isEmpty() ? 0 : width.convert<double>();
        const auto rows = s->getArray("rows");
        for (unsigned r = 0; r < rows->size(); ++r) {
            const auto cells = rows->getArray(r);
            auto& row = sheet.rows.emplace_back();
            for (unsigned c = 0; c < cells->size(); ++c) {
                const auto cell = cells->getObject(c);
                row.push_back({cell->get("v"), cell->getValue<std::string>("t"),
                               cell->getValue<std::string>("f"), cell->getValue<bool>("b")});
            }
        }
        out.push_back(std::move(sheet));
    }
    return out;
}

std::vector<std::string> names(const std::vector<Sheet>& sheets) {
    std::vector<std::string> out;
    for (const auto& s : sheets)
        out.push_back(s.name);
    return out;
}

// Files in the temp folder that the plugin names "redress-xlsx-…".
std::set<std::string> plugin_temp_files() {
    std::set<std::string> out;
    for (const auto& e :
         std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
        if (e.path().filename().string().rfind("redress-xlsx-", 0) == 0)
            out.insert(e.path().filename().string());
    return out;
}

// Open file descriptors of this process: a failed render must close the
// temporary files libxlsxwriter keeps per sheet.
std::size_t open_files() {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/fd"))
        ++n;
    return n;
}

// Each test process gets a temporary folder of its own (TMPDIR, which both the
// plugin and plugin_temp_files() read), so tests running in parallel, or files
// left by a killed run, never show up in another test's count.
class PrivateTempDir {
public:
    PrivateTempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "xlsx-test-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            throw std::runtime_error("mkdtemp failed for " + pattern);
        dir_ = pattern;
        if (const char* old = std::getenv("TMPDIR"))
            old_ = old;
        ::setenv("TMPDIR", dir_.c_str(), 1);
    }
    ~PrivateTempDir() {
        if (old_)
            ::setenv("TMPDIR", old_->c_str(), 1);
        else
            ::unsetenv("TMPDIR");
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    PrivateTempDir(const PrivateTempDir&) = delete;
    PrivateTempDir& operator=(const PrivateTempDir&) = delete;

private:
    std::filesystem::path dir_;
    std::optional<std::string> old_;
};

class Xlsx : public ::testing::Test {
protected:
    PrivateTempDir temp_dir;
    std::shared_ptr<core::PluginInstance> reporter = load_reporter("report_xlsx");
};

TEST_F(Xlsx, DeclaresItsFormatContentTypeAndRowLimit) {
    EXPECT_EQ(reporter->name(), "report-xlsx");
    EXPECT_EQ(reporter->library().report_format(), "xlsx");
    EXPECT_EQ(reporter->library().report_content_type(),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    ASSERT_EQ(reporter->library().config_keys().size(), 1u);
    EXPECT_EQ(reporter->library().config_keys()[0].path, "max_rows_per_sheet");
}

TEST_F(Xlsx, StartsWithASheetOfTheParametersAndTheTables) {
    ReportStream s;
    s.params.append("channels", std::string("phone")).append("channels", std::string("web"));
    s.table("volume", "每日投诉量", {{"n", "投诉数", "integer", ""}});
    const auto book = read_workbook(render(*reporter, s));
    ASSERT_EQ(names(book), (std::vector<std::string>{"报告", "每日投诉量"}));
    const auto& rows = book[0].rows;
    ASSERT_GE(rows.size(), 12u);
    EXPECT_EQ(rows[0][0].text(), "标题");
    EXPECT_TRUE(rows[0][0].b);
    EXPECT_EQ(rows[0][1].text(), "投诉周报");
    EXPECT_EQ(rows[1][1].text(), "示例电器有限公司");
    EXPECT_EQ(rows[3][1].text(), "2026-11-16 – 2026-11-22");
    EXPECT_EQ(rows[4][1].text(), "Asia/Shanghai");
    EXPECT_EQ(rows[5][1].text(), "日");
    EXPECT_EQ(rows[6][1].text(), "全部");
    EXPECT_EQ(rows[7][1].text(), "phone、web");
    EXPECT_EQ(rows[8][1].text(), "2026-11-23 08:00");
    EXPECT_EQ(rows[10][0].text(), "工作表");
    EXPECT_EQ(rows[11][0].text(), "每日投诉量");
    EXPECT_EQ(rows[11][2].text(), "描述：每日投诉量");

    ReportStream english;
    english.params.set("language", std::string("en"));
    const auto en = read_workbook(render(*reporter, english));
    ASSERT_EQ(names(en), std::vector<std::string>{"Report"});
    EXPECT_EQ(en[0].rows[0][0].text(), "Title");
    EXPECT_EQ(en[0].rows[6][1].text(), "All");
}

TEST_F(Xlsx, WritesEachTableOnASheetWithABoldFrozenHeader) {
    ReportStream s;
    s.table("volume", "Volume",
            {{"name", "Name", "text", ""},
             {"zh", "中文中文中文中文中文中文", "text", ""},
             {"n", "N", "integer", ""}})
        .row("short", "中文", 1)
        .table("empty", "Nothing", {{"a", "A", "text", ""}, {"b", "B", "money", "CNY"}});
    const auto book = read_workbook(render(*reporter, s));
    ASSERT_EQ(book.size(), 3u);
    const auto& volume = book[1];
    EXPECT_EQ(volume.freeze, "A2");
    ASSERT_EQ(volume.rows.size(), 2u);
    EXPECT_EQ(volume.rows[0][0].text(), "Name");
    EXPECT_EQ(volume.rows[0][1].text(), "中文中文中文中文中文中文");
    for (const auto& header : volume.rows[0])
        EXPECT_TRUE(header.b);
    EXPECT_FALSE(volume.rows[1][0].b);
    // Twelve Chinese characters take the width of about 24 Latin ones.
    EXPECT_GE(volume.widths.at("B"), 24);
    EXPECT_LT(volume.widths.at("A"), volume.widths.at("B"));

    const auto& empty = book[2];
    EXPECT_EQ(empty.name, "Nothing");
    ASSERT_EQ(empty.rows.size(), 1u);
    EXPECT_EQ(empty.rows[0][0].text(), "A");
    EXPECT_EQ(empty.rows[0][1].text(), "B (CNY)");
    EXPECT_EQ(empty.freeze, "A2");
}

TEST_F(Xlsx, WritesFiguresAsNumbersInTheirColumnsFormats) {
    ReportStream s;
    s.table("t", "Figures",
            {{"n", "Count", "integer", ""},
             {"score", "Score", "number", ""},
             {"rate", "Rate", "ratio", ""},
             {"wait", "Wait", "minutes", ""},
             {"cny", "Cost", "money", "CNY"},
             {"jpy", "Cost", "money", "JPY"},
             {"kwd", "Cost", "money", "KWD"}})
        .row(1234567, 4.25, 0.935, 90.5, 123450, 1200, 1500)
        .row(-3, 2, 1, 0, -5, -7, 1);
    const auto book = read_workbook(render(*reporter, s));
    ASSERT_EQ(book.size(), 2u);
    const auto& rows = book[1].rows;
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0][3].text(), "Wait (min)");
    EXPECT_EQ(rows[0][4].text(), "Cost (CNY)");
    EXPECT_EQ(rows[0][5].text(), "Cost (JPY)");
    const std::vector<std::string> formats{"#,##0",    "#,##0.00", "0.0%",     "0.0",
                                           "#,##0.00", "#,##0",    "#,##0.000"};
    const std::vector<double> first{1234567, 4.25, 0.935, 90.5, 1234.5, 1200, 1.5};
    const std::vector<double> second{-3, 2, 1, 0, -0.05, -7, 0.001};
    for (std::size_t c = 0; c < formats.size(); ++c) {
        for (std::size_t r = 1; r <= 2; ++r) {
            EXPECT_EQ(rows[r][c].t, "n") << r << "," << c;
            EXPECT_EQ(rows[r][c].f, formats[c]) << r << "," << c;
        }
        EXPECT_DOUBLE_EQ(rows[1][c].number(), first[c]) << c;
        EXPECT_DOUBLE_EQ(rows[2][c].number(), second[c]) << c;
    }
}

TEST_F(Xlsx, WritesTextAsStringsNeverAsFormulas) {
    const std::vector<std::string> texts{"=1+1",
                                         "=HYPERLINK(\"http://x\")",
                                         "@SUM(A1)",
                                         "-1",
                                         "+2",
                                         "0042",
                                         "<b>&amp;</b>",
                                         "line 1\nline 2",
                                         "空调不制冷，已报修",
                                         " padded ",
                                         "tab\there",
                                         "ctrl\x01\x1f!",
                                         "_x0041_ stays literal",
                                         "_x0041_x0042_"};
    ReportStream s;
    s.table("t", "Text", {{"v", "=V", "text", ""}});
    for (const auto& t : texts)
        s.row(t);
    s.row(std::string("bad\xFF"));
    const auto book = read_workbook(render(*reporter, s));
    ASSERT_EQ(book.size(), 2u);
    const auto& rows = book[1].rows;
    ASSERT_EQ(rows.size(), texts.size() + 2);
    EXPECT_EQ(rows[0][0].t, "s");
    EXPECT_EQ(rows[0][0].text(), "=V");
    for (std::size_t i = 0; i < texts.size(); ++i) {
        EXPECT_EQ(rows[i + 1][0].t, "s") << texts[i];
        EXPECT_EQ(rows[i + 1][0].text(), texts[i]);
    }
    EXPECT_EQ(rows.back()[0].text(), "bad\xEF\xBF\xBD");
}

TEST_F(Xlsx, LeavesNoFigureBlank) {
    ReportStream s;
    s.table("t", "T",
            {{"a", "A", "text", ""},
             {"b", "B", "integer", ""},
             {"c", "C", "ratio", ""},
             {"d", "D", "money", "CNY"},
             {"e", "E", "text", ""}})
        .row(std::monostate{}, std::monostate{}, std::numeric_limits<double>::quiet_NaN(),
             std::monostate{}, "end");
    const auto book = read_workbook(render(*reporter, s));
    ASSERT_EQ(book.size(), 2u);
    const auto& row = book[1].rows.at(1);
    ASSERT_EQ(row.size(), 5u);
    for (std::size_t c = 0; c < 4; ++c)
        EXPECT_TRUE(row[c].blank()) << c;
    EXPECT_EQ(row[4].text(), "end");
}

TEST_F(Xlsx, NamesSheetsWithinExcelsRules) {
    ReportStream s;
    const std::string long_zh =
        "各部门各渠道投诉处理时长与补偿金额统计汇总表（按周分组）及满意度分析";
    s.table("forbidden", "a/b:c*d?e[f]g\\h", {})
        .table("long", "A very long table title that Excel would refuse", {})
        .table("long2", "A very long table title that Excel would refuse too", {})
        .table("zh", long_zh, {})
        .table("same1", "Same", {})
        .table("same2", "same", {})
        .table("quoted", "'quoted'", {})
        .table("history", "History", {})
        .table("params", "报告", {})
        .table("fallback_id", "", {});
    const auto book = read_workbook(render(*reporter, s));
    EXPECT_EQ(names(book), (std::vector<std::string>{
                               "报告",
                               "a_b_c_d_e_f_g_h",
                               "A very long table title that Ex",
                               "A very long table title tha (2)",
                               long_zh.substr(0, 31 * 3),
                               "Same",
                               "same (2)",
                               "quoted",
                               "History (2)",
                               "报告 (2)",
                               "fallback_id",
                           }));
}

TEST_F(Xlsx, ContinuesALongTableOnNewSheetsWithTheHeaderAgain) {
    core::Record config;
    config.set("max_rows_per_sheet", std::int64_t{3});
    auto small = load_reporter("report_xlsx", config);
    ReportStream s;
    s.table("t", "Long", {{"n", "N", "integer", ""}});
    for (int i = 1; i <= 7; ++i)
        s.row(i);
    s.table("u", "Next", {{"x", "X", "text", ""}}).row("x");
    const auto book = read_workbook(render(*small, s));
    ASSERT_EQ(names(book),
              (std::vector<std::string>{"报告", "Long", "Long (2)", "Long (3)", "Next"}));
    const std::vector<std::vector<double>> parts{{1, 2, 3}, {4, 5, 6}, {7}};
    for (std::size_t p = 0; p < parts.size(); ++p) {
        const auto& rows = book[1 + p].rows;
        ASSERT_EQ(rows.size(), parts[p].size() + 1) << p;
        EXPECT_EQ(rows[0][0].text(), "N");
        EXPECT_EQ(book[1 + p].freeze, "A2");
        for (std::size_t r = 0; r < parts[p].size(); ++r)
            EXPECT_EQ(rows[r + 1][0].number(), parts[p][r]);
    }

    core::Record zero;
    zero.set("max_rows_per_sheet", std::int64_t{0});
    EXPECT_THROW(load_reporter("report_xlsx", zero), core::PluginCallError);
}

TEST_F(Xlsx, CutsTextAtExcelsCellLimit) {
    ReportStream s;
    s.table("t", "T", {{"v", "V", "text", ""}})
        .row(std::string(40'000, 'x'))
        .row(std::string(32'766, 'y') + "中文");
    const auto book = read_workbook(render(*reporter, s));
    ASSERT_EQ(book.size(), 2u);
    EXPECT_EQ(book[1].rows.at(1)[0].text(), std::string(32'767, 'x'));
    EXPECT_EQ(book[1].rows.at(2)[0].text(), std::string(32'766, 'y') + "中");
}

TEST_F(Xlsx, FailsWhenTheOutputClosesAndRemovesItsTemporaryFile) {
    const auto before = plugin_temp_files();
    const std::size_t files = open_files();
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
                     [&](std::string_view) {
                         ++writes;
                         return false;
                     }),
                 core::PluginCallError);
    EXPECT_EQ(writes, 1u);
    EXPECT_EQ(plugin_temp_files(), before);

    // A malformed stream fails half-way through the workbook: no file left either.
    ReportStream bad;
    bad.table("t", "T", {{"v", "V", "integer", ""}}).row(1).row("two");
    EXPECT_THROW(render(*reporter, bad), core::PluginCallError);
    EXPECT_EQ(plugin_temp_files(), before);
    EXPECT_EQ(open_files(), files);
}

TEST_F(Xlsx, WritesAHundredThousandRowsAndRemovesItsTemporaryFile) {
    constexpr int rows = 100'000;
    const auto before = plugin_temp_files();
    ReportStream s;
    s.table("t", "Big", {{"id", "Id", "integer", ""}, {"name", "Name", "text", ""}});
    core::Record row;
    int made = 0;
    std::size_t taken = 0;
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
            out += bytes;
            return true;
        });
    EXPECT_EQ(plugin_temp_files(), before);
    const auto book = read_workbook(out, false);
    ASSERT_EQ(book.size(), 2u);
    EXPECT_EQ(book[1].count, static_cast<std::size_t>(rows) + 1);
    ASSERT_EQ(book[1].last->size(), 2u);
    EXPECT_EQ(book[1].last->getElement<int>(0), rows - 1);
    EXPECT_EQ(book[1].last->getElement<std::string>(1), "客户 99999");
}

} // namespace
} // namespace redress::test
