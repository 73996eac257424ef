// The cell formats of a report workbook, made once per workbook: how each
// column type shows its numbers (the values stay plain numbers, so a
// spreadsheet can sum and sort them).
#pragma once

#include "report_stream/report_table.hpp"
#include "workbook.hpp"

#include <array>

namespace redress::report_xlsx {

struct CellFormats {
    //! Makes the formats in book: bold headers, integer "#,##0", number
    //! "#,##0.00", ratio "0.0%", minutes "0.0", money "#,##0.00" (with 0 or
    //! 3 decimals for currencies that have them).
    explicit CellFormats(Workbook& book);

    //! The format of a column's values; nullptr (General) for text.
    lxw_format* of(const report_stream::Column& column) const;

    lxw_format* header;
    lxw_format* integer;
    lxw_format* number;
    lxw_format* ratio;
    lxw_format* minutes;
    std::array<lxw_format*, 4> money; //!< by decimal places, 0 to 3
};

} // namespace redress::report_xlsx
