// One table of the report on its own sheet: a bold, frozen header row of the
// column labels, then a row per data row, numbers as numbers in their
// column's format, text as strings (never formulas), no figure as a blank.
// A table longer than a sheet continues on "<title> (2)", "<title> (3)"…,
// each with the header again. Keeps one row at a time (see Workbook).
#pragma once

#include "cell_formats.hpp"
#include "report_stream/report_reader.hpp"
#include "report_stream/report_table.hpp"
#include "sheet_names.hpp"
#include "workbook.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace redress::report_xlsx {

//! Excel's rows per sheet, the header row included.
inline constexpr lxw_row_t max_sheet_rows = 1'048'576;

class TableSheet {
public:
    //! Adds the table's first sheet, named from its title (or id), and writes
    //! the header. At most max_rows data rows go on one sheet (1 to
    //! max_sheet_rows - 1). book, names and formats must outlive this object.
    TableSheet(Workbook& book, SheetNames& names, const CellFormats& formats,
               report_stream::Table table, lxw_row_t max_rows);

    //! Writes the reader's current row, which belongs to this table.
    void write_row(const report_stream::ReportReader& reader);

    //! Sizes the columns of the last sheet. Call after the last row.
    void finish();

    const std::string& first_sheet_name() const noexcept { return first_sheet_name_; }

private:
    void open_sheet();
    void size_columns();

    Workbook& book_;
    SheetNames& names_;
    const CellFormats& formats_;
    report_stream::Table table_;
    lxw_row_t max_rows_;
    std::vector<std::string> headers_;
    std::vector<lxw_format*> column_formats_;
    lxw_worksheet* sheet_ = nullptr;
    std::string sheet_name_, first_sheet_name_;
    int part_ = 0;
    lxw_row_t rows_on_sheet_ = 0;
    std::vector<std::size_t> widths_; // of the current sheet, in characters
};

} // namespace redress::report_xlsx
