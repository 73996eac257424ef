// The "report-json" reporter: a report as one JSON object — the parameters,
// then "tables", each with its columns and its rows as objects keyed by
// column id, values typed by column (money as integer minor units). Written
// as the stream arrives, one sink write per row, never as a document tree.
// README.md gives the exact shape.
#pragma once

#include <redress/plugin.hpp>

namespace redress::report_json {

class JsonReporter : public Reporter {
public:
    static PluginInfo info();
    JsonReporter(Host host, ConfigView config);

    //! Renders the stream (redress/report.hpp). Thread-safe: keeps no state.
    //! Throws Error(REDRESS_E_INVALID) for a malformed stream, and the sink's
    //! Error when the output is closed.
    void render(const RecordView& params, Rows& rows, Sink& out) override;
};

} // namespace redress::report_json
