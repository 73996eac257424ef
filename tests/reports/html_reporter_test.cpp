// The html reporter (plugins/report_html), loaded as a built .so and driven
// across the C ABI. Every page is parsed back as XML with Poco's DOM parser,
// so each assertion is about the document a browser would build, not about
// substrings of the bytes.
#include "reporter_harness.hpp"

#include <Poco/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/NodeList.h>
#include <Poco/SAX/SAXException.h>
#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <redress/core/plugin/plugin_instance.hpp>
#include <sstream>
#include <string>
#include <vector>

using Poco::XML::Element;
using redress::test::ColumnSpec;
using redress::test::ReportStream;

namespace {

const std::string hostile = "<script>alert(1)</script>\"'&]]>";

std::shared_ptr<redress::core::PluginInstance> reporter() {
    static auto instance = redress::test::load_reporter("report_html");
    return instance;
}

bool has_class(const Element* e, const std::string& cls) {
    std::istringstream tokens(e->getAttribute("class"));
    std::string t;
    while (tokens >> t)
        if (t == cls)
            return true;
    return false;
}

//! A rendered page and its DOM.
struct Page {
    std::string html;
    Poco::AutoPtr<Poco::XML::Document> doc;

    //! Elements named `tag` under `root` (the whole page when null),
    //! optionally only those with class token `cls`.
    std::vector<Element*> all(const std::string& tag, const std::string& cls = "",
                              const Element* root = nullptr) const {
        Poco::AutoPtr<Poco::XML::NodeList> list =
            root ? root->getElementsByTagName(tag) : doc->getElementsByTagName(tag);
        std::vector<Element*> out;
        for (unsigned long i = 0; i < list->length(); ++i) {
            auto* e = static_cast<Element*>(list->item(i));
            if (cls.empty() || has_class(e, cls))
                out.push_back(e);
        }
        return out;
    }
    Element* one(const std::string& tag, const std::string& cls = "",
                 const Element* root = nullptr) const {
        auto found = all(tag, cls, root);
        EXPECT_EQ(found.size(), 1u) << "<" << tag << " class=" << cls << ">";
        return found.empty() ? nullptr : found.front();
    }
    //! The section of table `id`.
    Element* section(const std::string& id) const {
        for (Element* s : all("section"))
            if (s->getAttribute("data-table") == id)
                return s;
        ADD_FAILURE() << "no section for table " << id;
        return nullptr;
    }
    //! The texts of the body cells of table `id`, row by row.
    std::vector<std::vector<std::string>> cells(const std::string& id) const {
        std::vector<std::vector<std::string>> out;
        Element* s = section(id);
        if (!s)
            return out;
        for (Element* tr : all("tr", "", one("tbody", "", s))) {
            auto& row = out.emplace_back();
            for (Element* td : all("td", "", tr))
                row.push_back(td->innerText());
        }
        return out;
    }
};

Page parse(std::string html) {
    Page page{std::move(html), nullptr};
    Poco::XML::DOMParser parser;
    try {
        page.doc = parser.parseString(page.html);
    } catch (const Poco::Exception& e) {
        ADD_FAILURE() << "not well-formed: " << e.displayText();
        throw;
    }
    return page;
}

Page render_page(const ReportStream& stream) {
    return parse(redress::test::render(*reporter(), stream));
}

double number_attr(const Element* e, const std::string& name) {
    std::string v = e->getAttribute(name);
    EXPECT_FALSE(v.empty()) << name;
    double d = std::stod(v);
    EXPECT_TRUE(std::isfinite(d)) << name << "=" << v;
    return d;
}

std::vector<std::string> texts(const std::vector<Element*>& elements) {
    std::vector<std::string> out;
    for (const Element* e : elements)
        out.push_back(e->innerText());
    return out;
}

// The volume table most tests start from: per day, count and rate.
ReportStream volume_report(const std::string& chart = "bar") {
    ReportStream s;
    s.table("volume", "每日投诉量",
            {{"day", "日期", "text", ""},
             {"count", "投诉数", "integer", ""},
             {"rate", "按时解决率", "ratio", ""}},
            chart, "day", {"count", "rate"});
    s.row("2026-11-16", 12, 0.935)
        .row("2026-11-17", 1234, std::monostate{})
        .row("2026-11-18", 7, 0.5);
    return s;
}

TEST(HtmlReporter, DescribesItselfAsAnHtmlReporter) {
    const auto& lib = reporter()->library();
    EXPECT_EQ(lib.name(), "report-html");
    EXPECT_EQ(lib.version(), "1.0.0");
    EXPECT_FALSE(lib.description().empty());
    EXPECT_EQ(lib.report_format(), "html");
    EXPECT_EQ(lib.report_content_type(), "text/html; charset=utf-8");
}

TEST(HtmlPage, HeaderCarriesTitleCompanyPeriodFiltersAndChineseText) {
    ReportStream s;
    s.params.append("channels", std::string("phone")).append("channels", std::string("web"));
    Page page = render_page(s);
    EXPECT_EQ(page.html.rfind("<!DOCTYPE html>", 0), 0u);
    Element* html = page.doc->documentElement();
    EXPECT_EQ(html->getAttribute("lang"), "zh-CN");
    EXPECT_EQ(page.all("meta").front()->getAttribute("charset"), "utf-8");
    EXPECT_EQ(page.one("title", "", page.one("head"))->innerText(), "投诉周报");
    EXPECT_EQ(page.one("h1")->innerText(), "投诉周报");
    EXPECT_EQ(page.one("p", "company")->innerText(), "示例电器有限公司");
    EXPECT_EQ(page.one("dd", "period")->innerText(), "2026-11-16 至 2026-11-22（按日）");
    EXPECT_EQ(page.one("dd", "departments")->innerText(), "全部");
    EXPECT_EQ(page.one("dd", "channels")->innerText(), "phone、web");
    EXPECT_EQ(page.one("dd", "generated-at")->innerText(), "2026-11-23 08:00");
    EXPECT_EQ(page.one("dd", "timezone")->innerText(), "Asia/Shanghai");
    // Self-contained and printable.
    std::string css = page.one("style")->innerText();
    EXPECT_NE(css.find("@media print"), std::string::npos);
    EXPECT_NE(css.find("print-color-adjust: exact"), std::string::npos);
    EXPECT_NE(css.find("\"Noto Sans CJK SC\""), std::string::npos);
    EXPECT_TRUE(page.all("script").empty());
    EXPECT_TRUE(page.all("link").empty());
}

TEST(HtmlPage, EnglishReportsSpeakEnglish) {
    ReportStream s;
    s.params.set("language", std::string("en")).set("title", std::string("Weekly complaints"));
    s.params.append("departments", std::string("after-sales"))
        .append("departments", std::string("install"));
    s.table("ttr", "Time to resolve",
            {{"dept", "Department", "text", ""}, {"m", "Median", "minutes", ""}});
    s.row("after-sales", 45.0).row("install", 312.0).row("web", 4464.0);
    s.row("a", 119.0).row("b", 120.0).row("c", 2000.0).row("d", 2880.0).row("e", -30.0);
    s.table("none", "Nothing", {{"a", "A", "text", ""}});
    Page page = render_page(s);
    EXPECT_EQ(page.doc->documentElement()->getAttribute("lang"), "en");
    EXPECT_EQ(page.one("title", "", page.one("head"))->innerText(), "Weekly complaints");
    EXPECT_EQ(page.one("dd", "period")->innerText(), "2026-11-16 to 2026-11-22 (daily)");
    EXPECT_EQ(page.one("dd", "departments")->innerText(), "after-sales, install");
    EXPECT_EQ(page.one("dd", "channels")->innerText(), "All");
    auto cells = page.cells("ttr");
    ASSERT_EQ(cells.size(), 8u);
    std::vector<std::string> shown;
    for (const auto& row : cells)
        shown.push_back(row[1]);
    EXPECT_EQ(shown, (std::vector<std::string>{"45 min", "5.2 h", "3.1 d", "119 min", "2.0 h",
                                               "33.3 h", "2.0 d", "-30 min"}));
    EXPECT_EQ(page.one("td", "empty", page.section("none"))->innerText(), "No data");
}

TEST(HtmlFormat, EachColumnTypeIsFormattedInItsCell) {
    ReportStream s;
    s.table("kpi", "指标",
            {{"dept", "部门", "text", ""},
             {"n", "数量", "integer", ""},
             {"score", "满意度", "number", ""},
             {"rate", "解决率", "ratio", ""},
             {"ttr", "解决时长", "minutes", ""},
             {"paid", "补偿", "money", "CNY"}});
    s.row("售后服务部", 1234, 4.256, 0.935, 45.0, 123450);
    s.row("安装部", std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{},
          std::monostate{});
    s.row("维修部", 1234567890, -0.004, 1.0, 312.0, -5);
    s.row("客服部", 0, 3, 0.0, 4464.0, 0);
    Page page = render_page(s);
    auto cells = page.cells("kpi");
    ASSERT_EQ(cells.size(), 4u);
    EXPECT_EQ(cells[0], (std::vector<std::string>{"售后服务部", "1,234", "4.26", "93.5%", "45 分钟",
                                                  "¥1,234.50"}));
    EXPECT_EQ(cells[1], (std::vector<std::string>{"安装部", "—", "—", "—", "—", "—"}));
    EXPECT_EQ(cells[2], (std::vector<std::string>{"维修部", "1,234,567,890", "0.00", "100.0%",
                                                  "5.2 小时", "-¥0.05"}));
    EXPECT_EQ(cells[3],
              (std::vector<std::string>{"客服部", "0", "3.00", "0.0%", "3.1 天", "¥0.00"}));
    // Figures right-aligned (class num) in head and body; nulls marked.
    Element* sec = page.section("kpi");
    auto heads = page.all("th", "", sec);
    ASSERT_EQ(heads.size(), 6u);
    EXPECT_FALSE(has_class(heads[0], "num"));
    for (std::size_t i = 1; i < heads.size(); ++i)
        EXPECT_TRUE(has_class(heads[i], "num")) << heads[i]->innerText();
    EXPECT_EQ(texts(heads),
              (std::vector<std::string>{"部门", "数量", "满意度", "解决率", "解决时长", "补偿"}));
    EXPECT_EQ(page.all("td", "null", sec).size(), 5u);
    EXPECT_EQ(page.all("td", "num", sec).size(), 20u);
}

TEST(HtmlFormat, MoneyFollowsItsCurrency) {
    ReportStream s;
    s.table("money", "Money",
            {{"usd", "USD", "money", "USD"},
             {"jpy", "JPY", "money", "JPY"},
             {"krw", "KRW", "money", "KRW"},
             {"kwd", "KWD", "money", "KWD"},
             {"cny", "CNY", "money", "CNY"}});
    s.row(1200, 1200, 1234567, 1234, std::int64_t{123456789012});
    Page page = render_page(s);
    auto cells = page.cells("money");
    ASSERT_EQ(cells.size(), 1u);
    EXPECT_EQ(cells[0], (std::vector<std::string>{"USD 12.00", "JPY 1,200", "KRW 1,234,567",
                                                  "KWD 1.234", "¥1,234,567,890.12"}));
}

TEST(HtmlChart, BarChartHasOneBarPerValueAndALegendPerSeries) {
    Page page = render_page(volume_report("bar"));
    Element* sec = page.section("volume");
    Element* svg = page.one("svg", "chart", sec);
    ASSERT_NE(svg, nullptr);
    EXPECT_TRUE(has_class(svg, "chart-bar"));
    EXPECT_EQ(svg->namespaceURI(), "http://www.w3.org/2000/svg");
    EXPECT_EQ(page.doc->documentElement()->namespaceURI(), "http://www.w3.org/1999/xhtml");
    // 3 rows × 2 series, one rate null: 5 bars.
    auto bars = page.all("rect", "bar", svg);
    ASSERT_EQ(bars.size(), 5u);
    EXPECT_EQ(bars[0]->getAttribute("data-label"), "2026-11-16");
    EXPECT_EQ(bars[0]->getAttribute("data-series"), "投诉数");
    EXPECT_EQ(bars[0]->getAttribute("data-value"), "12");
    EXPECT_EQ(bars[1]->getAttribute("data-series"), "按时解决率");
    EXPECT_EQ(bars[1]->getAttribute("data-value"), "93.5%");
    EXPECT_EQ(bars[2]->getAttribute("data-value"), "1,234");
    EXPECT_EQ(bars[2]->getAttribute("data-label"), "2026-11-17");
    // The bigger count is the taller bar.
    EXPECT_GT(number_attr(bars[2], "height"), number_attr(bars[0], "height"));
    EXPECT_EQ(texts(page.all("text", "", page.one("g", "legend", svg))),
              (std::vector<std::string>{"投诉数", "按时解决率"}));
    EXPECT_EQ(page.all("g", "legend-item", svg).size(), 2u);
    EXPECT_EQ(texts(page.all("text", "x-label", svg)),
              (std::vector<std::string>{"2026-11-16", "2026-11-17", "2026-11-18"}));
    EXPECT_GE(page.all("text", "tick", svg).size(), 2u);
    // The chart comes before the table in the section.
    EXPECT_NE(page.html.find("<svg"), std::string::npos);
    EXPECT_LT(page.html.find("<svg"), page.html.find("<table"));
}

TEST(HtmlChart, OnlyChartedTablesWithRowsGetAnSvg) {
    ReportStream s = volume_report("none");
    s.table("by-dept", "部门", {{"dept", "部门", "text", ""}, {"n", "数量", "integer", ""}}, "bar",
            "dept", {"n"});
    s.row("售后", 3);
    s.table("empty", "空表", {{"dept", "部门", "text", ""}, {"n", "数量", "integer", ""}}, "bar",
            "dept", {"n"});
    Page page = render_page(s);
    EXPECT_EQ(page.all("svg").size(), 1u);
    EXPECT_TRUE(page.all("svg", "", page.section("volume")).empty());
    EXPECT_EQ(page.all("svg", "", page.section("by-dept")).size(), 1u);
    Element* empty = page.section("empty");
    EXPECT_TRUE(page.all("svg", "", empty).empty());
    Element* td = page.one("td", "empty", empty);
    ASSERT_NE(td, nullptr);
    EXPECT_EQ(td->innerText(), "无数据");
    EXPECT_EQ(td->getAttribute("colspan"), "2");
    EXPECT_EQ(page.all("section").size(), 3u);
}

TEST(HtmlChart, LineChartDrawsAPolylinePerSeriesBrokenAtNulls) {
    ReportStream s;
    s.table(
        "trend", "趋势",
        {{"day", "日期", "text", ""}, {"a", "新建", "integer", ""}, {"b", "解决", "integer", ""}},
        "line", "day", {"a", "b"});
    s.row("d1", 1, 2).row("d2", 3, std::monostate{}).row("d3", 5, 6).row("d4", 7, 8);
    Page page = render_page(s);
    Element* svg = page.one("svg", "chart-line", page.section("trend"));
    ASSERT_NE(svg, nullptr);
    auto lines = page.all("polyline", "line", svg);
    // Series a: one run of 4 points; series b: d1 alone, then d3–d4.
    ASSERT_EQ(lines.size(), 3u);
    auto points = [](const Element* e) {
        std::istringstream in(e->getAttribute("points"));
        std::string p;
        int n = 0;
        while (in >> p)
            ++n;
        return n;
    };
    EXPECT_EQ(points(lines[0]), 4);
    EXPECT_EQ(lines[0]->getAttribute("data-series"), "新建");
    EXPECT_EQ(points(lines[1]), 1);
    EXPECT_EQ(points(lines[2]), 2);
    EXPECT_EQ(lines[2]->getAttribute("data-series"), "解决");
    auto dots = page.all("circle", "point", svg);
    ASSERT_EQ(dots.size(), 7u);
    // Higher values sit higher (smaller y).
    EXPECT_LT(number_attr(dots[3], "cy"), number_attr(dots[0], "cy"));
    EXPECT_EQ(dots[3]->getAttribute("data-value"), "7");
    EXPECT_EQ(page.all("g", "legend-item", svg).size(), 2u);
}

TEST(HtmlChart, StackedBarPivotsLongRowsIntoStacksPerLabel) {
    ReportStream s;
    s.table(
        "by-dept", "各部门每日投诉",
        {{"day", "日期", "text", ""}, {"dept", "部门", "text", ""}, {"n", "数量", "integer", ""}},
        "stacked_bar", "day", {"n"}, "dept");
    s.row("11-16", "售后", 3)
        .row("11-16", "安装", 2)
        .row("11-17", "售后", 5)
        .row("11-18", "安装", 1)
        .row("11-18", "安装", 4)
        .row("11-18", "售后", std::monostate{});
    Page page = render_page(s);
    Element* svg = page.one("svg", "chart-stacked_bar", page.section("by-dept"));
    ASSERT_NE(svg, nullptr);
    EXPECT_EQ(texts(page.all("text", "", page.one("g", "legend", svg))),
              (std::vector<std::string>{"售后", "安装"}));
    EXPECT_EQ(texts(page.all("text", "x-label", svg)),
              (std::vector<std::string>{"11-16", "11-17", "11-18"}));
    auto bars = page.all("rect", "bar", svg);
    ASSERT_EQ(bars.size(), 4u);
    std::vector<std::string> seen;
    for (const Element* b : bars)
        seen.push_back(b->getAttribute("data-label") + "/" + b->getAttribute("data-series") + "=" +
                       b->getAttribute("data-value"));
    EXPECT_EQ(seen, (std::vector<std::string>{"11-16/售后=3", "11-16/安装=2", "11-17/售后=5",
                                              "11-18/安装=5"}));
    // One stack: same x, the second segment sits on top of the first.
    EXPECT_EQ(bars[0]->getAttribute("x"), bars[1]->getAttribute("x"));
    EXPECT_NEAR(number_attr(bars[1], "y") + number_attr(bars[1], "height"),
                number_attr(bars[0], "y"), 0.15);
    EXPECT_NE(bars[0]->getAttribute("fill"), bars[1]->getAttribute("fill"));
    EXPECT_EQ(bars[0]->getAttribute("fill"), bars[2]->getAttribute("fill"));
    // The stack of 11-18 (5) is as tall as 11-17's (5) and taller than 11-16's parts.
    EXPECT_NEAR(number_attr(bars[3], "height"), number_attr(bars[2], "height"), 0.15);
}

TEST(HtmlChart, NegativeZeroAndNullValuesDrawValidGeometry) {
    ReportStream s;
    s.table("delta", "变化", {{"k", "部门", "text", ""}, {"d", "变化", "integer", ""}}, "bar", "k",
            {"d"});
    s.row("a", -5).row("b", 0).row("c", 10).row("d", std::monostate{});
    s.table("zeros", "全零", {{"k", "部门", "text", ""}, {"d", "数量", "integer", ""}}, "bar", "k",
            {"d"});
    s.row("a", 0).row("b", 0);
    s.table("nulls", "全空", {{"k", "部门", "text", ""}, {"d", "比率", "ratio", ""}}, "line", "k",
            {"d"});
    s.row("a", std::monostate{}).row("b", std::monostate{});
    Page page = render_page(s);
    for (const char* bad : {"\"nan", "\"-nan", "\"inf", "\"-inf"})
        EXPECT_EQ(page.html.find(bad), std::string::npos) << bad;

    Element* delta = page.section("delta");
    auto bars = page.all("rect", "bar", delta);
    ASSERT_EQ(bars.size(), 3u);
    double zero_y = number_attr(page.one("line", "zero", delta), "y1");
    // -5 hangs below the zero line, 10 stands above it, 0 is flat on it.
    EXPECT_NEAR(number_attr(bars[0], "y"), zero_y, 0.15);
    EXPECT_GT(number_attr(bars[0], "height"), 0);
    EXPECT_NEAR(number_attr(bars[1], "height"), 0, 0.15);
    EXPECT_NEAR(number_attr(bars[2], "y") + number_attr(bars[2], "height"), zero_y, 0.15);
    EXPECT_NEAR(number_attr(bars[2], "height"), 2 * number_attr(bars[0], "height"), 0.3);
    EXPECT_EQ(texts(page.all("text", "value", delta)), (std::vector<std::string>{"-5", "0", "10"}));

    auto zeros = page.all("rect", "bar", page.section("zeros"));
    ASSERT_EQ(zeros.size(), 2u);
    for (const Element* b : zeros)
        EXPECT_NEAR(number_attr(b, "height"), 0, 0.15);
    Element* nulls = page.section("nulls");
    EXPECT_EQ(page.all("svg", "", nulls).size(), 1u);
    EXPECT_TRUE(page.all("polyline", "", nulls).empty());
    EXPECT_TRUE(page.all("circle", "", nulls).empty());
}

TEST(HtmlChart, AxisTicksSpeakTheSeriesUnit) {
    ReportStream s;
    s.table("rate", "解决率", {{"k", "部门", "text", ""}, {"r", "解决率", "ratio", ""}}, "bar", "k",
            {"r"});
    s.row("a", 0.935).row("b", 0.5);
    s.table("ttr", "时长", {{"k", "部门", "text", ""}, {"m", "时长", "minutes", ""}}, "bar", "k",
            {"m"});
    s.row("a", 600.0).row("b", 300.0);
    Page page = render_page(s);
    auto rate_ticks = texts(page.all("text", "tick", page.section("rate")));
    ASSERT_GE(rate_ticks.size(), 3u);
    EXPECT_EQ(rate_ticks.front(), "0%");
    EXPECT_EQ(rate_ticks.back(), "100%");
    auto ttr_ticks = texts(page.all("text", "tick", page.section("ttr")));
    ASSERT_GE(ttr_ticks.size(), 3u);
    EXPECT_EQ(ttr_ticks.front(), "0 小时");
    EXPECT_EQ(ttr_ticks.back(), "10 小时");
    EXPECT_EQ(texts(page.all("text", "value", page.section("rate"))),
              (std::vector<std::string>{"93.5%", "50.0%"}));
}

TEST(HtmlChart, TwoHundredLabelsStayReadable) {
    ReportStream s;
    s.table("daily", "每日", {{"day", "日期", "text", ""}, {"n", "数量", "integer", ""}}, "bar",
            "day", {"n"});
    for (int i = 0; i < 200; ++i)
        s.row("2026-06-" + std::to_string(1000 + i), i % 17);
    s.table("daily-line", "每日趋势", {{"day", "日期", "text", ""}, {"n", "数量", "integer", ""}},
            "line", "day", {"n"});
    for (int i = 0; i < 200; ++i) {
        if (i == 100 || i == 102)
            s.row("d" + std::to_string(i), std::monostate{});
        else
            s.row("d" + std::to_string(i), i);
    }
    Page page = render_page(s);
    Element* svg = page.one("svg", "chart", page.section("daily"));
    ASSERT_NE(svg, nullptr);
    auto bars = page.all("rect", "bar", svg);
    ASSERT_EQ(bars.size(), 200u);
    std::istringstream view(svg->getAttribute("viewBox"));
    double vx, vy, vw, vh;
    view >> vx >> vy >> vw >> vh;
    double last_right = 0;
    for (const Element* b : bars) {
        double x = number_attr(b, "x"), w = number_attr(b, "width");
        EXPECT_GT(w, 0);
        EXPECT_GE(x, last_right - 1e-6); // no overlap
        EXPECT_LE(x + w, vw);
        last_right = x + w;
    }
    // Category labels thinned out, not 200 on top of each other; no value labels.
    auto labels = page.all("text", "x-label", svg);
    EXPECT_GE(labels.size(), 20u);
    EXPECT_LE(labels.size(), 70u);
    EXPECT_TRUE(page.all("text", "value", svg).empty());
    // The line drops its dots, but for d101, alone between two nulls, which
    // would otherwise vanish.
    Element* line = page.one("svg", "chart", page.section("daily-line"));
    ASSERT_NE(line, nullptr);
    EXPECT_EQ(page.all("polyline", "line", line).size(), 3u);
    auto dots = page.all("circle", "point", line);
    ASSERT_EQ(dots.size(), 1u);
    EXPECT_EQ(dots[0]->getAttribute("data-label"), "d101");
}

TEST(HtmlEscaping, HostileTextIsEscapedEverywhere) {
    ReportStream s;
    s.params.set("title", hostile).set("company", hostile).append("departments", hostile);
    s.table(hostile, hostile, {{"k", hostile, "text", ""}, {"n", hostile, "money", hostile}}, "bar",
            "k", {"n"});
    s.row(hostile, 100);
    s.table("stack", "stack",
            {{"k", "k", "text", ""}, {"g", "g", "text", ""}, {"n", "n", "integer", ""}},
            "stacked_bar", "k", {"n"}, "g");
    s.row(hostile, hostile, 1);
    Page page = render_page(s);
    EXPECT_TRUE(page.all("script").empty());
    EXPECT_EQ(page.html.find("<script"), std::string::npos);
    EXPECT_EQ(page.one("title", "", page.one("head"))->innerText(), hostile);
    EXPECT_EQ(page.one("h1")->innerText(), hostile);
    EXPECT_EQ(page.one("p", "company")->innerText(), hostile);
    EXPECT_EQ(page.one("dd", "departments")->innerText(), hostile);
    Element* sec = page.section(hostile);
    ASSERT_NE(sec, nullptr);
    EXPECT_EQ(page.one("h2", "", sec)->innerText(), hostile);
    EXPECT_EQ(page.cells(hostile)[0][0], hostile);
    EXPECT_EQ(page.cells(hostile)[0][1], hostile + " 1.00");
    EXPECT_EQ(page.all("th", "", sec)[1]->innerText(), hostile);
    // Inside the SVG: attribute values and texts.
    Element* bar = page.one("rect", "bar", sec);
    ASSERT_NE(bar, nullptr);
    EXPECT_EQ(bar->getAttribute("data-label"), hostile);
    EXPECT_EQ(bar->getAttribute("data-series"), hostile);
    EXPECT_EQ(page.one("svg", "", sec)->getAttribute("aria-label"), hostile);
    Element* stack = page.section("stack");
    EXPECT_EQ(page.one("rect", "bar", stack)->getAttribute("data-series"), hostile);
    EXPECT_EQ(page.one("g", "legend-item", stack)->getAttribute("data-series"), hostile);
    // The id becomes a usable fragment.
    EXPECT_EQ(sec->getAttribute("id").find_first_of("<>\"'& "), std::string::npos);
}

TEST(HtmlEscaping, InvalidUtf8AndControlCharactersBecomeReplacementCharacters) {
    ReportStream s;
    s.params.set("title", std::string("周报\xff"));
    s.table("t", "bad", {{"k", "名\xe4\xb8", "text", ""}, {"n", "n", "integer", ""}}, "bar", "k",
            {"n"});
    s.row(std::string("ab\xff\xfe"
                      "cd"),
          1)
        .row(std::string("\xc0\xaf/\xed\xa0\x80/\xf4\x90\x80\x80"), 2)
        .row(std::string("x\x01y\x00z", 5), 3)
        .row(std::string("好\xe5\xa5"), 4);
    Page page = render_page(s);
    const std::string r = "\xef\xbf\xbd"; // U+FFFD
    EXPECT_EQ(page.one("title", "", page.one("head"))->innerText(), "周报" + r);
    auto cells = page.cells("t");
    ASSERT_EQ(cells.size(), 4u);
    EXPECT_EQ(cells[0][0], "ab" + r + r + "cd");
    // Overlong, surrogate and beyond-U+10FFFF forms: every byte replaced.
    EXPECT_EQ(cells[1][0], r + r + "/" + r + r + r + "/" + r + r + r + r);
    EXPECT_EQ(cells[2][0], "x" + r + "y" + r + "z");
    EXPECT_EQ(cells[3][0], "好" + r + r);
    EXPECT_EQ(page.all("th", "", page.section("t"))[0]->innerText(), "名" + r + r);
    EXPECT_EQ(page.all("rect", "bar").size(), 4u);
}

TEST(HtmlPage, EmptyReportSaysNoData) {
    ReportStream s;
    Page page = render_page(s);
    EXPECT_TRUE(page.all("section").empty());
    EXPECT_TRUE(page.all("svg").empty());
    Element* note = page.one("p", "empty");
    ASSERT_NE(note, nullptr);
    EXPECT_EQ(note->innerText(), "无数据");
    EXPECT_EQ(page.one("h1")->innerText(), "投诉周报");
    EXPECT_EQ(page.all("p", "", page.one("main")).size(), 1u);
}

TEST(HtmlPage, AHundredKilobyteStringSurvivesWholeInItsCellAndShortOnTheAxis) {
    std::string long_text;
    while (long_text.size() < 100 * 1024)
        long_text += "售后服务部<&>";
    ReportStream s;
    s.table("long", "长文本", {{"k", "部门", "text", ""}, {"n", "数量", "integer", ""}}, "bar", "k",
            {"n"});
    s.row(long_text, 1).row("short", 2);
    Page page = render_page(s);
    EXPECT_TRUE(page.cells("long")[0][0] == long_text);
    auto labels = texts(page.all("text", "x-label", page.section("long")));
    ASSERT_EQ(labels.size(), 2u);
    EXPECT_LT(labels[0].size(), 80u);
    EXPECT_EQ(labels[0].substr(labels[0].size() - 3), "…");
    EXPECT_EQ(labels[0].rfind("售后服务部", 0), 0u);
}

TEST(HtmlStreaming, WritesThePageInBoundedPieces) {
    ReportStream s;
    for (int t = 0; t < 5; ++t) {
        s.table("t" + std::to_string(t), "表", {{"k", "k", "text", ""}, {"n", "n", "integer", ""}},
                "bar", "k", {"n"});
        for (int i = 0; i < 100; ++i)
            s.row("row-" + std::to_string(i), i);
    }
    s.table("big", "大", {{"k", "k", "text", ""}});
    s.row(std::string(100 * 1024, 'x'));
    std::vector<std::size_t> sizes;
    std::string out;
    std::size_t next = 0, read_before_first_write = 0;
    reporter()->render(
        s.params,
        [&]() -> const redress::core::Record* {
            return next < s.records.size() ? &s.records[next++] : nullptr;
        },
        [&](std::string_view bytes) {
            if (sizes.empty())
                read_before_first_write = next;
            sizes.push_back(bytes.size());
            out += bytes;
            return true;
        });
    // The page starts going out while the stream is still being read.
    EXPECT_LT(read_before_first_write, s.records.size() / 2);
    EXPECT_GT(sizes.size(), 10u);
    EXPECT_LE(*std::max_element(sizes.begin(), sizes.end()), 64u * 1024);
    EXPECT_EQ(std::count(sizes.begin(), sizes.end(), 0u), 0);
    Page page = parse(out);
    EXPECT_EQ(page.all("section").size(), 6u);
}

TEST(HtmlStreaming, AClosedSinkFailsTheRender) {
    ReportStream s = volume_report();
    for (int i = 0; i < 400; ++i)
        s.row("day-" + std::to_string(i), i, 0.5);
    for (int accepted : {0, 1}) {
        int calls = 0;
        std::size_t next = 0;
        try {
            reporter()->render(
                s.params,
                [&]() -> const redress::core::Record* {
                    return next < s.records.size() ? &s.records[next++] : nullptr;
                },
                [&](std::string_view) { return calls++ < accepted; });
            ADD_FAILURE() << "render succeeded with a closed sink after " << accepted;
        } catch (const redress::core::PluginCallError& e) {
            EXPECT_EQ(e.plugin(), "report-html");
            EXPECT_NE(e.status(), REDRESS_OK);
        }
        // It stopped writing at the first refusal.
        EXPECT_EQ(calls, accepted + 1);
    }
}

TEST(HtmlReporter, RefusesRowsThatDoNotMatchTheirTable) {
    ReportStream s;
    s.table("short", "t", {{"a", "A", "text", ""}, {"b", "B", "integer", ""}});
    s.row("only one");
    try {
        redress::test::render(*reporter(), s);
        FAIL() << "a row with 1 value for 2 columns was accepted";
    } catch (const redress::core::PluginCallError& e) {
        EXPECT_EQ(e.status(), REDRESS_E_INVALID);
        EXPECT_NE(e.plugin_message().find("'short'"), std::string::npos) << e.what();
        EXPECT_NE(e.plugin_message().find("row 1"), std::string::npos) << e.what();
    }
    ReportStream orphan;
    orphan.records.emplace_back().set("kind", std::string("row"));
    EXPECT_THROW(redress::test::render(*reporter(), orphan), redress::core::PluginCallError);
}

TEST(HtmlReporter, RefusesChartHintsNamingNoColumn) {
    ReportStream s;
    s.table("t", "t", {{"a", "A", "text", ""}, {"b", "B", "integer", ""}}, "bar", "a", {"nope"});
    try {
        redress::test::render(*reporter(), s);
        FAIL() << "chart_series 'nope' was accepted";
    } catch (const redress::core::PluginCallError& e) {
        EXPECT_EQ(e.status(), REDRESS_E_INVALID);
        EXPECT_NE(e.plugin_message().find("'nope'"), std::string::npos) << e.what();
    }
    ReportStream stacked;
    stacked.table("s", "s", {{"a", "A", "text", ""}, {"b", "B", "integer", ""}}, "stacked_bar", "a",
                  {"b"});
    EXPECT_THROW(redress::test::render(*reporter(), stacked), redress::core::PluginCallError);
}

TEST(HtmlReporter, UnknownChartKindsAndColumnTypesStillRender) {
    ReportStream s;
    s.table("future", "未来", {{"a", "A", "text", ""}, {"b", "B", "permille", ""}}, "pie", "a",
            {"b"});
    s.row("x", 12345).row("y", 1.5);
    Page page = render_page(s);
    EXPECT_TRUE(page.all("svg").empty());
    auto cells = page.cells("future");
    ASSERT_EQ(cells.size(), 2u);
    EXPECT_EQ(cells[0][1], "12,345");
    EXPECT_EQ(cells[1][1], "1.50");
}

} // namespace
