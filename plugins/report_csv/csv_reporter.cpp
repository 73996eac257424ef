#include "csv_reporter.hpp"

#include "csv_cells.hpp"
#include "money_text/minor_units.hpp"
#include "report_stream/report_reader.hpp"

#include <string>

namespace redress::report_csv {
namespace {

using report_stream::ColumnType;
using report_stream::ReportReader;

// Decimals kept for each kind of double: a ratio keeps six, so that a
// percentage computed from it keeps four.
constexpr int number_decimals = 4;
constexpr int ratio_decimals = 6;
constexpr int minutes_decimals = 2;

// Excel reads a BOM-less CSV in the system's ANSI code page (GBK on a Chinese
// Windows) and garbles UTF-8; the BOM makes it read UTF-8.
constexpr std::string_view bom = "\xEF\xBB\xBF";

std::string value_cell(const report_stream::Column& column, const Value& v) {
    switch (column.type) {
    case ColumnType::Text:
        return text_cell(v.as_string());
    case ColumnType::Integer:
        return std::to_string(v.as_int());
    case ColumnType::Number:
        return decimal_cell(v.as_double(), number_decimals);
    case ColumnType::Ratio:
        return decimal_cell(v.as_double(), ratio_decimals);
    case ColumnType::Minutes:
        return decimal_cell(v.as_double(), minutes_decimals);
    case ColumnType::Money:
        return plugin_text::format_minor_units(v.as_int(), column.decimals);
    }
    return {};
}

} // namespace

PluginInfo CsvReporter::info() {
    PluginInfo i;
    i.name = "report-csv";
    i.version = "1.0.0";
    i.description = "Reports as CSV (RFC 4180, UTF-8 with BOM), one block per table";
    i.report_format = "csv";
    i.report_content_type = "text/csv; charset=utf-8";
    return i;
}

CsvReporter::CsvReporter(Host, ConfigView) {}

void CsvReporter::render(const RecordView&, Rows& rows, Sink& out) {
    ReportReader reader(rows);
    out.write(bom);
    bool first_table = true;
    std::string line;
    for (auto event = reader.next(); event != ReportReader::Event::End; event = reader.next()) {
        const report_stream::Table& table = reader.table();
        line.clear();
        if (event == ReportReader::Event::Table) {
            if (!first_table)
                line += "\r\n";
            first_table = false;
            line += text_cell(table.title);
            line += "\r\n";
            for (std::size_t i = 0; i < table.columns.size(); ++i) {
                if (i > 0)
                    line += ',';
                line += header_cell(table.columns[i]);
            }
        } else {
            for (std::size_t i = 0; i < table.columns.size(); ++i) {
                if (i > 0)
                    line += ',';
                if (const auto& v = reader.value(i))
                    line += value_cell(table.columns[i], *v);
            }
        }
        line += "\r\n";
        // One write per row: the host streams it on while the next row is read.
        out.write(line);
    }
}

} // namespace redress::report_csv
