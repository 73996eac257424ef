// One table of the report as a <section>: heading, description, chart (when
// the table asks for one and has rows), then the figures.
//
// Classes the page (and its tests) may rely on: section.report-table with
// data-table = the table's id; th/td.num for right-aligned figures; td.null
// for "no figure"; td.empty holding "无数据" / "No data" when there are no rows.
#pragma once

#include "html_writer.hpp"
#include "report_table.hpp"
#include "value_format.hpp"

namespace redress::report_html {

void write_table_section(HtmlWriter& out, const Table& table, Language language);

} // namespace redress::report_html
