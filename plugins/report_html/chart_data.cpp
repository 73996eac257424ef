#include "chart_data.hpp"

#include <map>
#include <string>

namespace redress::report_html {
namespace {

std::string label_of(const Table& table, std::size_t label_col, std::size_t row,
                     Language language) {
    if (label_col == Table::npos)
        return std::to_string(row + 1);
    return format_cell(table.rows[row][label_col], table.columns[label_col].format, language);
}

ChartData side_by_side(const Table& table, Language language) {
    ChartData chart;
    chart.kind = table.chart;
    chart.title = table.title;
    std::size_t label_col = table.column_index(table.chart_label);
    for (std::size_t r = 0; r < table.rows.size(); ++r)
        chart.labels.push_back(label_of(table, label_col, r, language));
    for (const std::string& id : table.chart_series) {
        std::size_t c = table.column_index(id);
        ChartSeries s{table.columns[c].label, table.columns[c].format, {}};
        for (const auto& row : table.rows)
            s.values.push_back(numeric_value(row[c]));
        chart.series.push_back(std::move(s));
    }
    return chart;
}

// Index of `key` in `names`, appending it when new: first appearance decides
// the order, as the host sorted the rows.
std::size_t intern(std::map<std::string, std::size_t>& index, std::vector<std::string>& names,
                   std::string key) {
    auto [it, added] = index.try_emplace(key, names.size());
    if (added)
        names.push_back(std::move(key));
    return it->second;
}

ChartData pivoted(const Table& table, Language language) {
    ChartData chart;
    chart.kind = ChartKind::StackedBar;
    chart.title = table.title;
    std::size_t label_col = table.column_index(table.chart_label);
    std::size_t group_col = table.column_index(table.chart_group);
    std::size_t value_col = table.column_index(table.chart_series.front());
    const ValueFormat& format = table.columns[value_col].format;

    std::map<std::string, std::size_t> label_index, group_index;
    std::vector<std::string> groups;
    struct Point {
        std::size_t label, group;
        std::optional<double> value;
    };
    std::vector<Point> points;
    points.reserve(table.rows.size());
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto& row = table.rows[r];
        std::size_t l = intern(label_index, chart.labels, label_of(table, label_col, r, language));
        std::size_t g =
            intern(group_index, groups,
                   format_cell(row[group_col], table.columns[group_col].format, language));
        points.push_back({l, g, numeric_value(row[value_col])});
    }
    for (std::string& name : groups)
        chart.series.push_back(
            {std::move(name), format, std::vector<std::optional<double>>(chart.labels.size())});
    for (const Point& p : points) {
        if (!p.value)
            continue;
        auto& slot = chart.series[p.group].values[p.label];
        slot = slot.value_or(0) + *p.value;
    }
    return chart;
}

} // namespace

std::optional<ChartData> chart_from_table(const Table& table, Language language) {
    if (table.chart == ChartKind::None || table.chart_series.empty() || table.rows.empty())
        return std::nullopt;
    if (table.chart == ChartKind::StackedBar)
        return pivoted(table, language);
    return side_by_side(table, language);
}

} // namespace redress::report_html
