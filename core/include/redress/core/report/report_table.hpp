// The shape of a report's output as the metrics produce it: tables of typed
// columns, then rows of cells. Mirrors the SDK's stream (redress/report.hpp),
// which report_renderer.cpp turns these into.
#pragma once

#include <redress/core/store/store.hpp>
#include <string>
#include <vector>

namespace redress::core::report {

//! A cell: null (no figure), integer, real or text.
using Cell = SqlValue;

struct ColumnSpec {
    std::string id;
    std::string label;
    std::string type;     //!< redress::report::type: text, integer, number, ratio, minutes, money
    std::string currency; //!< money columns
};

struct TableSpec {
    std::string id;
    std::string title;
    std::string description;
    std::vector<ColumnSpec> columns;
    std::string chart = "none"; //!< none, bar, stacked_bar, line
    std::string chart_label;    //!< column id
    std::vector<std::string> chart_series;
    std::string chart_group; //!< stacked_bar: the column naming the stacks
};

//! Where the metrics write: a table, then its rows, then the next table.
class TableWriter {
public:
    virtual ~TableWriter() = default;
    virtual void table(const TableSpec& spec) = 0;
    //! One cell per column of the last table.
    virtual void row(const std::vector<Cell>& cells) = 0;
};

} // namespace redress::core::report
