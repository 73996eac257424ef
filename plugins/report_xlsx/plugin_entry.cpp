// The library's one export: the XLSX reporter.
#include "xlsx_reporter.hpp"

REDRESS_PLUGIN(redress::report_xlsx::XlsxReporter)
