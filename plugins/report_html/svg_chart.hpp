// A table's chart as inline SVG: no script, no external resource, sized by
// its viewBox so it scales to the page and to A4 when printed.
//
// Classes the page (and its tests) may rely on:
//   svg.chart.chart-bar | chart-line | chart-stacked_bar
//   rect.bar      one per non-null value (bar, and each stacked segment),
//                 with data-label, data-series, data-value (as shown in the table)
//   polyline.line one per run of consecutive non-null values of a series
//   circle.point  one per non-null value of a line chart with at most 60
//                 labels (beyond that, only a point with no neighbours)
//   g.legend-item one per series, its name in a text element
//   text.tick / text.x-label / text.value: axis ticks, category labels, value labels
#pragma once

#include "html_writer.hpp"
#include "report_table.hpp"
#include "value_format.hpp"

#include <optional>
#include <string>
#include <vector>

namespace redress::report_html {

struct ChartSeries {
    std::string name;
    ValueFormat format;                        //!< of the values' column
    std::vector<std::optional<double>> values; //!< one per label; nullopt: not drawn
};

struct ChartData {
    ChartKind kind = ChartKind::Bar;
    std::string title;
    std::vector<std::string> labels; //!< the x axis, in order
    std::vector<ChartSeries> series; //!< bars side by side, lines, or stacked groups
};

//! Writes the <svg> element. The value axis uses series[0]'s format, always
//! includes zero, and never divides by zero (empty and all-zero data draw an
//! axis from 0 to 1).
void write_chart(HtmlWriter& out, const ChartData& chart, Language language);

} // namespace redress::report_html
