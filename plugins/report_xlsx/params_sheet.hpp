// The workbook's first sheet, "Report" ("报告" in Chinese): what the report
// covers — title, company, period, time zone, granularity, departments and
// channels (or "all"), when it was generated — then a list of the tables,
// each with its sheet and description, added as the tables arrive.
#pragma once

#include "cell_formats.hpp"
#include "report_stream/report_params.hpp"
#include "report_stream/report_table.hpp"
#include "sheet_names.hpp"
#include "workbook.hpp"

#include <array>
#include <cstddef>
#include <string>

namespace redress::report_xlsx {

class ParamsSheet {
public:
    //! Adds the sheet (reserving its name in names) and writes the parameters
    //! in the report's language (zh or, for anything else, en). book and
    //! formats must outlive this object.
    ParamsSheet(Workbook& book, SheetNames& names, const CellFormats& formats,
                const report_stream::ReportParams& params);

    //! Lists a table: the sheet it starts on, its title, its description.
    void add_table(const std::string& sheet_name, const report_stream::Table& table);

    //! Sizes the columns. Call after the last table.
    void finish();

private:
    void write(std::size_t col, const std::string& text, bool bold);

    const CellFormats& formats_;
    lxw_worksheet* sheet_;
    lxw_row_t row_ = 0;
    std::array<std::size_t, 3> widths_{};
};

} // namespace redress::report_xlsx
