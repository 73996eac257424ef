#include "report_table.hpp"

#include <redress/report.hpp>

namespace redress::report_html {
namespace {

namespace f = redress::report::field;

ChartKind chart_kind_from(std::string_view name) {
    namespace c = redress::report::chart;
    if (name == c::bar)
        return ChartKind::Bar;
    if (name == c::line)
        return ChartKind::Line;
    if (name == c::stacked_bar)
        return ChartKind::StackedBar;
    // "none", absent, or a kind added after this plugin: the table alone.
    return ChartKind::None;
}

Cell to_cell(const Value& value) {
    switch (value.type()) {
    case ValueType::Bool:
        return value.as_bool();
    case ValueType::Int:
        return value.as_int();
    case ValueType::Double:
        return value.as_double();
    case ValueType::String:
        return std::string(value.as_string());
    case ValueType::Null:
    case ValueType::Record:
        break;
    }
    return std::monostate{};
}

[[noreturn]] void invalid(const Table& table, const std::string& what) {
    throw Error(REDRESS_E_INVALID, "report-html: table '" + table.id + "': " + what);
}

void check_column(const Table& table, std::string_view hint, const std::string& id) {
    if (table.column_index(id) == Table::npos)
        invalid(table, std::string(hint) + " '" + id + "' is not one of its columns");
}

} // namespace

std::size_t Table::column_index(std::string_view wanted) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].id == wanted)
            return i;
    return npos;
}

Table read_table(const RecordView& record) {
    namespace col = redress::report::column;
    Table t;
    t.id = record.string(f::id);
    t.title = record.string(f::title);
    t.description = record.string(f::description);
    for (const RecordView& c : record.records(f::columns)) {
        Column column;
        column.id = c.string(col::id);
        column.label = c.string(col::label, column.id);
        column.format.type = column_type_from(c.string(col::type));
        column.format.currency = c.string(col::currency);
        t.columns.push_back(std::move(column));
    }
    t.chart = chart_kind_from(record.string(f::chart));
    if (t.chart == ChartKind::None)
        return t;
    t.chart_label = record.string(f::chart_label);
    for (std::string_view s : record.strings(f::chart_series))
        t.chart_series.emplace_back(s);
    t.chart_group = record.string(f::chart_group);
    // A hint that names no column is a broken stream, said plainly rather
    // than drawn as an empty chart.
    if (!t.chart_label.empty())
        check_column(t, f::chart_label, t.chart_label);
    for (const std::string& s : t.chart_series)
        check_column(t, f::chart_series, s);
    if (t.chart == ChartKind::StackedBar) {
        if (t.chart_group.empty())
            invalid(t, "a stacked_bar chart needs chart_group");
        check_column(t, f::chart_group, t.chart_group);
    }
    return t;
}

void append_row(Table& table, const RecordView& record) {
    std::size_t n = record.count(f::values);
    if (n != table.columns.size())
        invalid(table, "row " + std::to_string(table.rows.size() + 1) + " has " +
                           std::to_string(n) + " values for " +
                           std::to_string(table.columns.size()) + " columns");
    std::vector<Cell> cells;
    cells.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        cells.push_back(to_cell(record.get(f::values, i)));
    table.rows.push_back(std::move(cells));
}

} // namespace redress::report_html
