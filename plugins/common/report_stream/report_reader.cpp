#include "report_stream/report_reader.hpp"

#include <redress/report.hpp>
#include <string>

namespace redress::report_stream {
namespace {

bool fits(ColumnType column, ValueType value) {
    switch (column) {
    case ColumnType::Text:
        return value == ValueType::String;
    case ColumnType::Integer:
    case ColumnType::Money:
        return value == ValueType::Int;
    case ColumnType::Number:
    case ColumnType::Ratio:
    case ColumnType::Minutes:
        return value == ValueType::Int || value == ValueType::Double;
    }
    return false;
}

std::string_view value_type_name(ValueType type) {
    switch (type) {
    case ValueType::Null:
        return "null";
    case ValueType::Bool:
        return "a boolean";
    case ValueType::Int:
        return "an integer";
    case ValueType::Double:
        return "a double";
    case ValueType::String:
        return "a string";
    case ValueType::Record:
        return "a record";
    }
    return "an unknown type";
}

} // namespace

ReportReader::Event ReportReader::next() {
    namespace f = report::field;
    while (auto record = rows_.next()) {
        const std::string_view kind = record->string(f::kind);
        if (kind == report::kind::table) {
            table_ = read_table(*record);
            row_number_ = 0;
            values_.clear();
            return Event::Table;
        }
        if (kind != report::kind::row)
            continue;
        if (!table_)
            throw Error(REDRESS_E_INVALID, "report stream: a row comes before any table");
        ++row_number_;
        const std::string where =
            "report stream: table '" + table_->id + "', row " + std::to_string(row_number_);
        const std::size_t count = record->count(f::values);
        if (count != table_->columns.size())
            throw Error(REDRESS_E_INVALID, where + ": " + std::to_string(count) + " values for " +
                                               std::to_string(table_->columns.size()) + " columns");
        values_.clear();
        for (std::size_t i = 0; i < count; ++i) {
            Value v = record->get(f::values, i);
            if (v.is_null()) {
                values_.emplace_back(std::nullopt);
                continue;
            }
            const Column& column = table_->columns[i];
            if (!fits(column.type, v.type()))
                throw Error(REDRESS_E_INVALID, where + ", column '" + column.id + "' (" +
                                                   std::string(type_name(column.type)) + "): got " +
                                                   std::string(value_type_name(v.type())));
            values_.emplace_back(v);
        }
        return Event::Row;
    }
    return Event::End;
}

} // namespace redress::report_stream
