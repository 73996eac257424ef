// The "report-xlsx" reporter: a report as an Excel workbook — a first sheet
// with the report's parameters and a list of the tables, then one sheet per
// table (see TableSheet). libxlsxwriter writes the workbook to a temporary
// file (see TempFile), whose bytes then go to the sink; the file is removed
// in every case. README.md gives the details and limits.
//
// Config: max_rows_per_sheet (integer, 1 to 1,048,575, default the most
// Excel allows): data rows on one sheet before a table continues on the next.
#pragma once

#include <redress/plugin.hpp>
#include <xlsxwriter.h>

namespace redress::report_xlsx {

class XlsxReporter : public Reporter {
public:
    static PluginInfo info();
    //! Throws Error(REDRESS_E_INVALID) naming max_rows_per_sheet when it is out of range.
    XlsxReporter(Host host, ConfigView config);

    //! Renders the stream (redress/report.hpp). Thread-safe: each call has its
    //! own workbook and file. Throws Error(REDRESS_E_INVALID) for a malformed
    //! stream, Error(REDRESS_E_INTERNAL) naming the sheet and row when
    //! libxlsxwriter fails, Error(REDRESS_E_UNAVAILABLE) when no temporary
    //! file can be made, and the sink's Error when the output is closed.
    void render(const RecordView& params, Rows& rows, Sink& out) override;

private:
    lxw_row_t max_rows_per_sheet_;
};

} // namespace redress::report_xlsx
