// The library's one export: the JSON reporter.
#include "json_reporter.hpp"

REDRESS_PLUGIN(redress::report_json::JsonReporter)
