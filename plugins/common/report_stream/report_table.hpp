// The head of one table of a report stream (redress/report.hpp), read once
// into plain values: reporters keep it while its rows stream past.
#pragma once

#include <cstddef>
#include <redress/record.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace redress::report_stream {

//! A column's type (redress::report::type).
enum class ColumnType { Text, Integer, Number, Ratio, Minutes, Money };

//! The name of a type as the stream spells it ("money").
std::string_view type_name(ColumnType type) noexcept;

struct Column {
    std::string id;
    std::string label; //!< the id when the stream gives none
    ColumnType type = ColumnType::Text;
    std::string currency; //!< money only: ISO 4217 code, three capital letters
    int decimals = 0;     //!< money only: decimal places of the currency's minor unit
};

//! How the host suggests drawing the table (redress::report::chart).
struct Chart {
    std::string type = "none";
    std::string label; //!< column id labelling the x axis, or empty
    std::vector<std::string> series;
    std::string group; //!< stacked_bar: column id naming the stacked series, or empty
};

struct Table {
    std::string id;
    std::string title; //!< the id when the stream gives none
    std::string description;
    std::vector<Column> columns;
    Chart chart;
};

//! Reads a record of kind "table". Strings come out as valid UTF-8 (bad bytes
//! become U+FFFD). Throws Error(REDRESS_E_INVALID) naming the table and the
//! column when the id is missing, a column has no id, an unknown type, a
//! duplicate id, or is money without a currency code.
Table read_table(const RecordView& record);

} // namespace redress::report_stream
