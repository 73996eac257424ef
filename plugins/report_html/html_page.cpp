#include "html_page.hpp"

#include <redress/report.hpp>
#include <string_view>

namespace redress::report_html {
namespace {

// Inline, so the page is one self-contained file. CJK fonts follow the Latin
// ones, so figures keep Latin shapes while Chinese text finds a font on
// macOS, Linux and Windows alike. No '<' or '&' here: the page is also XML.
constexpr std::string_view style_sheet = R"css(
:root { --ink: #1f2933; --muted: #5f6b7a; --line: #d9dee5; --head: #f1f4f8; --accent: #4e79a7; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px 32px 48px; color: var(--ink);
  background: #fff; font-size: 14px; line-height: 1.5;
  font-family: -apple-system, "Segoe UI", "Helvetica Neue", Arial, "PingFang SC",
    "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei",
    "WenQuanYi Micro Hei", sans-serif; }
header.report-header { border-bottom: 2px solid var(--accent); margin-bottom: 24px;
  padding-bottom: 12px; }
p.company { margin: 0; color: var(--muted); font-size: 13px; }
h1 { margin: 4px 0 12px; font-size: 24px; line-height: 1.3; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0;
  font-size: 13px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
section.report-table { margin: 0 0 36px; }
h2 { font-size: 18px; margin: 0 0 4px; line-height: 1.3; }
p.description { margin: 0 0 12px; color: var(--muted); }
figure.chart { margin: 0 0 12px; }
svg.chart { display: block; width: 100%; height: auto; max-width: 900px; }
svg.chart text { fill: var(--ink); }
svg.chart text.tick, svg.chart text.value { fill: var(--muted); }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 10px; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
thead th { background: var(--head); font-weight: 600; border-bottom: 2px solid #c3cad3; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
td.null { color: var(--muted); }
td.empty, p.empty { color: var(--muted); text-align: center; padding: 16px; }
footer { margin-top: 32px; padding-top: 8px; border-top: 1px solid var(--line);
  color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 15mm 12mm; }
@media print {
  html, body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h1 { font-size: 18pt; }
  h2 { font-size: 13pt; }
  h2, p.description { break-after: avoid; page-break-after: avoid; }
  div.lead, figure.chart, svg.chart { break-inside: avoid; page-break-inside: avoid; }
  section.report-table { margin-bottom: 18pt; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  th, td { padding: 3pt 6pt; }
  svg.chart { max-width: 100%; }
}
)css";

std::string copy(std::string_view s) {
    return std::string(s);
}

std::vector<std::string> copies(const std::vector<std::string_view>& list) {
    return {list.begin(), list.end()};
}

std::string joined(const std::vector<std::string>& items, Language language) {
    if (items.empty())
        return language == Language::Zh ? "全部" : "All";
    std::string out;
    for (const auto& item : items) {
        if (!out.empty())
            out += language == Language::Zh ? "、" : ", ";
        out += item;
    }
    return out;
}

std::string granularity_text(std::string_view g, Language language) {
    bool zh = language == Language::Zh;
    if (g == "day")
        return zh ? "按日" : "daily";
    if (g == "week")
        return zh ? "按周" : "weekly";
    if (g == "month")
        return zh ? "按月" : "monthly";
    return std::string(g);
}

std::string period_text(const PageParams& p) {
    bool zh = p.language == Language::Zh;
    std::string out = p.from + (zh ? " 至 " : " to ") + p.to;
    std::string g = granularity_text(p.granularity, p.language);
    if (!g.empty())
        out += zh ? "（" + g + "）" : " (" + g + ")";
    return out;
}

void meta_row(HtmlWriter& out, std::string_view term, std::string_view value,
              std::string_view cls) {
    out.element("dt", {}, term);
    out.element("dd", {{"class", cls}}, value);
}

} // namespace

PageParams read_params(const RecordView& params) {
    namespace p = redress::report::param;
    PageParams out;
    out.language = language_from(params.string(p::language));
    out.report = copy(params.string(p::report));
    out.title = copy(params.string(p::title));
    out.company = copy(params.string(p::company));
    out.from = copy(params.string(p::from));
    out.to = copy(params.string(p::to));
    out.timezone = copy(params.string(p::timezone));
    out.granularity = copy(params.string(p::granularity));
    out.generated_at = copy(params.string(p::generated_at));
    out.departments = copies(params.strings(p::departments));
    out.channels = copies(params.strings(p::channels));
    return out;
}

std::string no_data_text(Language language) {
    return language == Language::Zh ? "无数据" : "No data";
}

void write_page_start(HtmlWriter& out, const PageParams& p) {
    bool zh = p.language == Language::Zh;
    std::string_view lang = zh ? "zh-CN" : "en";
    std::string title = !p.title.empty() ? p.title : !p.report.empty() ? p.report : "Redress";

    out.raw("<!DOCTYPE html>\n");
    out.open("html",
             {{"xmlns", "http://www.w3.org/1999/xhtml"}, {"lang", lang}, {"xml:lang", lang}});
    out.open("head");
    out.empty("meta", {{"charset", "utf-8"}});
    out.empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
    out.empty("meta", {{"name", "generator"}, {"content", "Redress report-html"}});
    out.element("title", {}, title);
    out.open("style").raw(style_sheet).close();
    out.close(); // head
    out.open("body", {{"data-report", p.report}});

    out.open("header", {{"class", "report-header"}});
    if (!p.company.empty())
        out.element("p", {{"class", "company"}}, p.company);
    out.element("h1", {}, title);
    out.open("dl", {{"class", "meta"}});
    meta_row(out, zh ? "报告期" : "Period", period_text(p), "period");
    meta_row(out, zh ? "部门" : "Departments", joined(p.departments, p.language), "departments");
    meta_row(out, zh ? "渠道" : "Channels", joined(p.channels, p.language), "channels");
    meta_row(out, zh ? "生成时间" : "Generated", p.generated_at, "generated-at");
    meta_row(out, zh ? "时区" : "Time zone", p.timezone, "timezone");
    out.close().close(); // dl, header
    out.open("main");
}

void write_no_tables(HtmlWriter& out, Language language) {
    out.element("p", {{"class", "empty"}}, no_data_text(language));
}

void write_page_end(HtmlWriter& out, const PageParams& p) {
    out.close(); // main
    out.element("footer", {},
                p.language == Language::Zh ? "由 Redress 生成" : "Generated by Redress");
    out.close().close(); // body, html
    out.raw("\n");
}

} // namespace redress::report_html
