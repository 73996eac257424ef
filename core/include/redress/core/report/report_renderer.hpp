// Renders a report through a reporter plugin. The metrics run on a worker
// thread and hand their records over through a small bounded queue that the
// plugin reads from (redress_rows): memory is bounded by the queue, not by
// the report, and the plugin formats while the database still computes.
#pragma once

#include <functional>
#include <redress/core/plugin/plugin_instance.hpp>
#include <redress/core/plugin/record.hpp>
#include <redress/core/report/report_engine.hpp>
#include <string_view>

namespace redress::core::report {

//! Renders request through reporter into write (which returns false when its
//! reader went away). params are the report's parameters (redress/report.hpp).
//! Throws what the metrics threw (ReportError, StoreError) or the plugin's
//! PluginCallError; either way the worker is stopped and joined.
void render(const ReportEngine& engine, const ReportRequest& request, const Record& params,
            PluginInstance& reporter, const std::function<bool(std::string_view)>& write);

//! A table as the SDK's stream record (kind = "table").
Record table_record(const TableSpec& spec);
//! A row as the SDK's stream record (kind = "row").
Record row_record(const std::vector<Cell>& cells);

} // namespace redress::core::report
