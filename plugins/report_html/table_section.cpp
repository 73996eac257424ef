#include "table_section.hpp"

#include "chart_data.hpp"
#include "html_page.hpp"
#include "svg_chart.hpp"

#include <string>

namespace redress::report_html {
namespace {

// An id usable as a fragment (#table-weekly-volume) whatever the stream sent.
std::string anchor(std::string_view id) {
    std::string out = "table-";
    for (char c : id) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
        out += ok ? c : '-';
    }
    return out;
}

void write_head(HtmlWriter& out, const Table& table) {
    out.open("thead").open("tr");
    for (const Column& c : table.columns)
        out.element("th", {{"class", is_numeric(c.format.type) ? "num" : "text"}, {"scope", "col"}},
                    c.label);
    out.close().close();
}

void write_body(HtmlWriter& out, const Table& table, Language language) {
    out.open("tbody");
    if (table.rows.empty()) {
        std::string span = std::to_string(std::max<std::size_t>(table.columns.size(), 1));
        out.open("tr").element("td", {{"class", "empty"}, {"colspan", span}},
                               no_data_text(language));
        out.close();
    }
    for (const auto& row : table.rows) {
        out.open("tr");
        for (std::size_t i = 0; i < table.columns.size(); ++i) {
            const Column& c = table.columns[i];
            bool null = std::holds_alternative<std::monostate>(row[i]);
            std::string_view cls = null ? (is_numeric(c.format.type) ? "num null" : "null")
                                        : (is_numeric(c.format.type) ? "num" : "text");
            out.element("td", {{"class", cls}}, format_cell(row[i], c.format, language));
        }
        out.close();
    }
    out.close();
}

} // namespace

void write_table_section(HtmlWriter& out, const Table& table, Language language) {
    out.open("section",
             {{"class", "report-table"}, {"id", anchor(table.id)}, {"data-table", table.id}});
    // Heading, description and chart stay together on a printed page.
    out.open("div", {{"class", "lead"}});
    out.element("h2", {}, table.title);
    if (!table.description.empty())
        out.element("p", {{"class", "description"}}, table.description);
    if (auto chart = chart_from_table(table, language)) {
        out.open("figure", {{"class", "chart"}});
        write_chart(out, *chart, language);
        out.close();
    }
    out.close(); // div.lead
    out.open("table");
    write_head(out, table);
    write_body(out, table, language);
    out.close().close(); // table, section
}

} // namespace redress::report_html
