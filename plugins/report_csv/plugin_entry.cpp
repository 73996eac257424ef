// The library's one export: the CSV reporter.
#include "csv_reporter.hpp"

REDRESS_PLUGIN(redress::report_csv::CsvReporter)
