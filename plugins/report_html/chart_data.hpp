// What a table's chart hint asks to draw (redress/report.hpp), taken from
// its rows: the labels and, per series, one value per label.
#pragma once

#include "report_table.hpp"
#include "svg_chart.hpp"
#include "value_format.hpp"

#include <optional>

namespace redress::report_html {

//! The chart of `table`, or nullopt when it has none (chart "none", no
//! chart_series, or no rows). bar and line: one label per row (the
//! chart_label column as shown in the table, else the row number) and one
//! series per chart_series column. stacked_bar pivots long rows: one label
//! per distinct chart_label value, one series per distinct chart_group
//! value, both in order of first appearance, holding the first chart_series
//! column summed over rows that share label and group.
std::optional<ChartData> chart_from_table(const Table& table, Language language);

} // namespace redress::report_html
