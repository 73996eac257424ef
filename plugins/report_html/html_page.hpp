// The page around the tables: document head and style sheet, the report's
// header (company, title, period, filters, when computed), and the end.
#pragma once

#include "html_writer.hpp"
#include "value_format.hpp"

#include <redress/record.hpp>
#include <string>
#include <vector>

namespace redress::report_html {

//! The report's parameters (redress::report::param), copied.
struct PageParams {
    Language language = Language::Zh;
    std::string report, title, company, from, to, timezone, granularity, generated_at;
    std::vector<std::string> departments, channels; //!< empty: all
};

PageParams read_params(const RecordView& params);

//! Everything before the first table: doctype, head, header, <main> opened.
void write_page_start(HtmlWriter& out, const PageParams& params);

//! What stands in for the tables of a report that has none.
void write_no_tables(HtmlWriter& out, Language language);

//! Closes <main>, writes the footer and closes the document.
void write_page_end(HtmlWriter& out, const PageParams& params);

//! "无数据" / "No data".
std::string no_data_text(Language language);

} // namespace redress::report_html
