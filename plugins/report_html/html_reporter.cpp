// The report-html plugin: a report stream (redress/report.hpp) as one
// self-contained HTML page, tables with inline SVG charts, written to the
// sink as it is read. Only the table being read is held in memory.
#include "html_page.hpp"
#include "html_writer.hpp"
#include "report_table.hpp"
#include "table_section.hpp"

#include <optional>
#include <redress/redress.hpp>
#include <redress/report.hpp>

namespace redress::report_html {

class HtmlReporter : public Reporter {
public:
    static PluginInfo info() {
        PluginInfo i;
        i.name = "report-html";
        i.version = "1.0.0";
        i.description = "Reports as one self-contained HTML page with tables and SVG charts, "
                        "ready to print";
        i.report_format = "html";
        i.report_content_type = "text/html; charset=utf-8";
        return i;
    }
    HtmlReporter(Host, ConfigView) {}

    // Stateless: concurrent renders share nothing.
    void render(const RecordView& params, Rows& rows, Sink& sink) override {
        namespace f = redress::report::field;
        PageParams page = read_params(params);
        HtmlWriter out(sink);
        write_page_start(out, page);
        std::optional<Table> table;
        bool any = false;
        while (auto record = rows.next()) {
            std::string_view kind = record->string(f::kind);
            if (kind == report::kind::table) {
                // A table is written once its rows are all read: its chart
                // comes first and needs them.
                if (table)
                    write_table_section(out, *table, page.language);
                table = read_table(*record);
                any = true;
            } else if (kind == report::kind::row) {
                if (!table)
                    throw Error(REDRESS_E_INVALID, "report-html: a row before any table");
                append_row(*table, *record);
            }
            // Any other kind is an addition to the stream this version does
            // not know; the page shows what it can rather than nothing.
        }
        if (table)
            write_table_section(out, *table, page.language);
        if (!any)
            write_no_tables(out, page.language);
        write_page_end(out, page);
        out.finish();
    }
};

} // namespace redress::report_html

REDRESS_PLUGIN(redress::report_html::HtmlReporter)
