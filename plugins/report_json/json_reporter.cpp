#include "json_reporter.hpp"

#include "json_writer.hpp"
#include "report_stream/report_params.hpp"
#include "report_stream/report_reader.hpp"

namespace redress::report_json {
namespace {

using report_stream::Column;
using report_stream::ColumnType;
using report_stream::ReportReader;
using report_stream::Table;

void write_params(JsonWriter& w, const report_stream::ReportParams& p) {
    w.key("report").string_or_null(p.report);
    w.key("title").string_or_null(p.title);
    w.key("company").string_or_null(p.company);
    w.key("language").string_or_null(p.language);
    w.key("from").string_or_null(p.from);
    w.key("to").string_or_null(p.to);
    w.key("timezone").string_or_null(p.timezone);
    w.key("granularity").string_or_null(p.granularity);
    w.key("departments").begin_array();
    for (const std::string& d : p.departments)
        w.string(d);
    w.end_array();
    w.key("channels").begin_array();
    for (const std::string& c : p.channels)
        w.string(c);
    w.end_array();
    w.key("generated_at").string_or_null(p.generated_at);
}

// Opens the table's object and its "rows" array; the rows follow.
void begin_table(JsonWriter& w, const Table& t) {
    w.begin_object();
    w.key("id").string(t.id);
    w.key("title").string(t.title);
    w.key("description").string(t.description);
    w.key("columns").begin_array();
    for (const Column& c : t.columns) {
        w.begin_object();
        w.key("id").string(c.id);
        w.key("label").string(c.label);
        w.key("type").string(report_stream::type_name(c.type));
        if (c.type == ColumnType::Money) {
            w.key("currency").string(c.currency);
            w.key("decimals").integer(c.decimals);
        }
        w.end_object();
    }
    w.end_array();
    w.key("chart").begin_object();
    w.key("type").string(t.chart.type);
    if (!t.chart.label.empty())
        w.key("label").string(t.chart.label);
    if (!t.chart.series.empty()) {
        w.key("series").begin_array();
        for (const std::string& s : t.chart.series)
            w.string(s);
        w.end_array();
    }
    if (!t.chart.group.empty())
        w.key("group").string(t.chart.group);
    w.end_object();
    w.key("rows").begin_array();
}

void write_row(JsonWriter& w, const ReportReader& reader) {
    const Table& t = reader.table();
    w.begin_object();
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        const Column& c = t.columns[i];
        w.key(c.id);
        const auto& v = reader.value(i);
        if (!v) {
            w.null();
            continue;
        }
        switch (c.type) {
        case ColumnType::Text:
            w.string(v->as_string());
            break;
        case ColumnType::Integer:
        case ColumnType::Money:
            w.integer(v->as_int());
            break;
        case ColumnType::Number:
        case ColumnType::Ratio:
        case ColumnType::Minutes:
            w.number(v->as_double());
            break;
        }
    }
    w.end_object();
}

void flush(JsonWriter& w, Sink& out) {
    out.write(w.text());
    w.clear();
}

} // namespace

PluginInfo JsonReporter::info() {
    PluginInfo i;
    i.name = "report-json";
    i.version = "1.0.0";
    i.description = "Reports as one JSON document, rows keyed by column id";
    i.report_format = "json";
    i.report_content_type = "application/json; charset=utf-8";
    return i;
}

JsonReporter::JsonReporter(Host, ConfigView) {}

void JsonReporter::render(const RecordView& params, Rows& rows, Sink& out) {
    JsonWriter w;
    w.begin_object();
    write_params(w, report_stream::read_params(params));
    w.key("tables").begin_array();
    ReportReader reader(rows);
    bool table_open = false;
    for (auto event = reader.next(); event != ReportReader::Event::End; event = reader.next()) {
        if (event == ReportReader::Event::Table) {
            if (table_open)
                w.end_array().end_object();
            begin_table(w, reader.table());
            table_open = true;
        } else {
            write_row(w, reader);
        }
        flush(w, out);
    }
    if (table_open)
        w.end_array().end_object();
    w.end_array().end_object();
    flush(w, out);
    out.write("\n");
}

} // namespace redress::report_json
