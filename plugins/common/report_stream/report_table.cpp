#include "report_stream/report_table.hpp"

#include "money_text/minor_units.hpp"
#include "report_stream/utf8_text.hpp"

#include <algorithm>
#include <array>
#include <redress/report.hpp>
#include <utility>

namespace redress::report_stream {
namespace {

constexpr std::array<std::pair<std::string_view, ColumnType>, 6> type_names{{
    {report::type::text, ColumnType::Text},
    {report::type::integer, ColumnType::Integer},
    {report::type::number, ColumnType::Number},
    {report::type::ratio, ColumnType::Ratio},
    {report::type::minutes, ColumnType::Minutes},
    {report::type::money, ColumnType::Money},
}};

[[noreturn]] void invalid(const std::string& message) {
    throw Error(REDRESS_E_INVALID, "report stream: " + message);
}

bool currency_code(std::string_view code) {
    return code.size() == 3 &&
           std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

Column read_column(const RecordView& record, const std::string& where) {
    Column c;
    c.id = to_valid_utf8(record.string(report::column::id));
    if (c.id.empty())
        invalid(where + ": the column has no id");
    const std::string named = where + " ('" + c.id + "')";
    c.label = to_valid_utf8(record.string(report::column::label, c.id));
    const std::string_view type = record.string(report::column::type);
    const auto* known = std::find_if(type_names.begin(), type_names.end(),
                                     [&](const auto& t) { return t.first == type; });
    if (known == type_names.end())
        invalid(named + ": unknown type '" + to_valid_utf8(type) +
                "', expected text, integer, number, ratio, minutes or money");
    c.type = known->second;
    if (c.type == ColumnType::Money) {
        c.currency = std::string(record.string(report::column::currency));
        if (!currency_code(c.currency))
            invalid(named +
                    ": a money column needs a currency code of three capital letters, got '" +
                    to_valid_utf8(c.currency) + "'");
        c.decimals = plugin_text::currency_decimals(c.currency);
    }
    return c;
}

} // namespace

std::string_view type_name(ColumnType type) noexcept {
    for (const auto& [name, t] : type_names)
        if (t == type)
            return name;
    return "text";
}

Table read_table(const RecordView& record) {
    namespace f = report::field;
    Table t;
    t.id = to_valid_utf8(record.string(f::id));
    if (t.id.empty())
        invalid("a table has no id");
    const std::string where = "table '" + t.id + "'";
    t.title = to_valid_utf8(record.string(f::title, t.id));
    t.description = to_valid_utf8(record.string(f::description));
    std::size_t number = 0;
    for (const RecordView& c : record.records(f::columns)) {
        ++number;
        Column column = read_column(c, where + ", column " + std::to_string(number));
        for (const Column& before : t.columns)
            if (before.id == column.id)
                invalid(where + ", column " + std::to_string(number) + ": the id '" + column.id +
                        "' is used twice");
        t.columns.push_back(std::move(column));
    }
    t.chart.type = to_valid_utf8(record.string(f::chart, report::chart::none));
    t.chart.label = to_valid_utf8(record.string(f::chart_label));
    for (std::string_view s : record.strings(f::chart_series))
        t.chart.series.push_back(to_valid_utf8(s));
    t.chart.group = to_valid_utf8(record.string(f::chart_group));
    return t;
}

} // namespace redress::report_stream
