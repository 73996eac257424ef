// One table of the report stream (redress/report.hpp), copied out of its
// records: the reporter holds one table at a time, to draw its chart before
// its rows.
#pragma once

#include "value_format.hpp"

#include <cstddef>
#include <redress/record.hpp>
#include <string>
#include <vector>

namespace redress::report_html {

struct Column {
    std::string id, label;
    ValueFormat format;
};

//! The chart hint; a kind this plugin does not know draws no chart.
enum class ChartKind { None, Bar, Line, StackedBar };

struct Table {
    std::string id, title, description;
    std::vector<Column> columns;
    ChartKind chart = ChartKind::None;
    std::string chart_label;               //!< column id, may be empty
    std::vector<std::string> chart_series; //!< column ids
    std::string chart_group;               //!< column id, stacked_bar
    std::vector<std::vector<Cell>> rows;   //!< one cell per column

    //! Index of the column `id`, or npos.
    std::size_t column_index(std::string_view id) const;
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

//! Reads a kind=table record. Throws redress::Error(REDRESS_E_INVALID) naming
//! the table when a chart hint names a column the table does not have, or a
//! stacked_bar has no chart_group.
Table read_table(const RecordView& record);

//! Appends a kind=row record to `table`. Throws redress::Error(REDRESS_E_INVALID)
//! naming the table and row when the number of values is not the number of
//! columns.
void append_row(Table& table, const RecordView& record);

} // namespace redress::report_html
