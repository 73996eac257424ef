// The "report-csv" reporter: a report as CSV (RFC 4180, UTF-8 with a BOM,
// CRLF). Each table is a block — its title on a line of its own, the header
// row, the data rows — and an empty line separates blocks. Rows are written
// as they arrive, so memory does not grow with the report. README.md gives
// the exact format.
#pragma once

#include <redress/plugin.hpp>

namespace redress::report_csv {

class CsvReporter : public Reporter {
public:
    static PluginInfo info();
    CsvReporter(Host host, ConfigView config);

    //! Renders the stream (redress/report.hpp). Thread-safe: keeps no state.
    //! Throws Error(REDRESS_E_INVALID) for a malformed stream, and the sink's
    //! Error when the output is closed.
    void render(const RecordView& params, Rows& rows, Sink& out) override;
};

} // namespace redress::report_csv
