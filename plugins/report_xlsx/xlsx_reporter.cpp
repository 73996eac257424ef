#include "xlsx_reporter.hpp"

#include "cell_formats.hpp"
#include "params_sheet.hpp"
#include "report_stream/report_params.hpp"
#include "report_stream/report_reader.hpp"
#include "sheet_names.hpp"
#include "table_sheet.hpp"
#include "temp_file.hpp"
#include "workbook.hpp"

#include <optional>

namespace redress::report_xlsx {
namespace {

constexpr std::string_view rows_key = "max_rows_per_sheet";
constexpr std::int64_t most_rows = max_sheet_rows - 1; // the header takes one

} // namespace

PluginInfo XlsxReporter::info() {
    PluginInfo i;
    i.name = "report-xlsx";
    i.version = "1.0.0";
    i.description = "Reports as Excel workbooks, one sheet per table";
    i.report_format = "xlsx";
    i.report_content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    i.config.push_back({std::string(rows_key), ConfigType::Integer, false,
                        std::to_string(most_rows),
                        "Data rows on one sheet before a table continues on the next "
                        "(1 to 1048575, Excel's limit)"});
    return i;
}

XlsxReporter::XlsxReporter(Host, ConfigView config) {
    const std::int64_t rows = config.integer(rows_key, most_rows);
    if (rows < 1 || rows > most_rows)
        throw Error(REDRESS_E_INVALID, "report-xlsx: " + std::string(rows_key) +
                                           " must be between 1 and " + std::to_string(most_rows) +
                                           ", got " + std::to_string(rows));
    max_rows_per_sheet_ = static_cast<lxw_row_t>(rows);
}

void XlsxReporter::render(const RecordView& params, Rows& rows, Sink& out) {
    const TempFile file("redress-xlsx-");
    {
        Workbook book(file.path(), file.path().parent_path());
        const CellFormats formats(book);
        SheetNames names;
        ParamsSheet report_sheet(book, names, formats, report_stream::read_params(params));
        report_stream::ReportReader reader(rows);
        std::optional<TableSheet> table;
        for (auto event = reader.next(); event != report_stream::ReportReader::Event::End;
             event = reader.next()) {
            if (event == report_stream::ReportReader::Event::Row) {
                table->write_row(reader);
                continue;
            }
            if (table)
                table->finish();
            table.emplace(book, names, formats, reader.table(), max_rows_per_sheet_);
            report_sheet.add_table(table->first_sheet_name(), reader.table());
        }
        if (table)
            table->finish();
        report_sheet.finish();
        book.close();
    }
    file.copy_to(out);
}

} // namespace redress::report_xlsx
