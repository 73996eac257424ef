// redress/report.hpp — what a Reporter reads: the report's parameters and its
// stream of tables.
//
// The host computes every figure (docs/reports.md defines each one); a
// reporter only formats. It receives the parameters as a record and the data
// as a stream of records (Rows), each with a `kind`:
//
//   kind = "table"  starts a table: id, title, description, columns[] (records:
//                   id, label, type, currency), chart, chart_label,
//                   chart_series[], chart_group
//   kind = "row"    one row of the table last started: values[], one per
//                   column in column order; a null value means "no figure"
//                   (a median of nothing, a rate over zero)
//
// Tables arrive one after the other and each table's rows follow it; the
// stream ends after the last row. A table may have no rows. Rows of one table
// are few (periods × keys), so a reporter may hold one table to draw its
// chart; it never sees the database.
//
// Column types and the value each carries:
//   text      string
//   integer   int (a count)
//   number    double (an average score)
//   ratio     double in [0, 1] (a rate; show as a percentage)
//   minutes   double (a duration in minutes; show as minutes, hours or days)
//   money     int in minor units of the column's `currency` (fen, cents)
#pragma once

#include <string_view>

namespace redress::report {

//! Parameter fields.
namespace param {
inline constexpr std::string_view report = "report";           //!< the report's name ("weekly")
inline constexpr std::string_view title = "title";             //!< its title, in `language`
inline constexpr std::string_view company = "company";         //!< the company's name
inline constexpr std::string_view language = "language";       //!< "zh" or "en"
inline constexpr std::string_view from = "from";               //!< first local date, "YYYY-MM-DD"
inline constexpr std::string_view to = "to";                   //!< last local date (inclusive)
inline constexpr std::string_view timezone = "timezone";       //!< IANA zone of the dates
inline constexpr std::string_view granularity = "granularity"; //!< "day", "week", "month"
inline constexpr std::string_view departments = "departments"; //!< repeated; none: all
inline constexpr std::string_view channels = "channels";       //!< repeated; none: all
//! When the figures were computed: local time "YYYY-MM-DD HH:MM".
inline constexpr std::string_view generated_at = "generated_at";
} // namespace param

//! Fields of a stream record.
namespace field {
inline constexpr std::string_view kind = "kind";
inline constexpr std::string_view id = "id";                   //!< table: stable id
inline constexpr std::string_view title = "title";             //!< table: in `language`
inline constexpr std::string_view description = "description"; //!< table: what it counts
inline constexpr std::string_view columns = "columns";         //!< table: column records
//! table: how to draw it: "bar", "stacked_bar", "line" or "none".
inline constexpr std::string_view chart = "chart";
//! table: the column whose values label the x axis (bars, points).
inline constexpr std::string_view chart_label = "chart_label";
//! table: the columns drawn as series (repeated).
inline constexpr std::string_view chart_series = "chart_series";
//! table, stacked_bar: the column whose values name the stacked series (the
//! rows are long: one per label and group).
inline constexpr std::string_view chart_group = "chart_group";
inline constexpr std::string_view values = "values"; //!< row: one per column
} // namespace field

//! Fields of a column record.
namespace column {
inline constexpr std::string_view id = "id";
inline constexpr std::string_view label = "label";       //!< in `language`
inline constexpr std::string_view type = "type";         //!< see below
inline constexpr std::string_view currency = "currency"; //!< money: ISO 4217
} // namespace column

//! Values of field::kind.
namespace kind {
inline constexpr std::string_view table = "table";
inline constexpr std::string_view row = "row";
} // namespace kind

//! Values of column::type.
namespace type {
inline constexpr std::string_view text = "text";
inline constexpr std::string_view integer = "integer";
inline constexpr std::string_view number = "number";
inline constexpr std::string_view ratio = "ratio";
inline constexpr std::string_view minutes = "minutes";
inline constexpr std::string_view money = "money";
} // namespace type

//! Values of field::chart.
namespace chart {
inline constexpr std::string_view none = "none";
inline constexpr std::string_view bar = "bar";
inline constexpr std::string_view stacked_bar = "stacked_bar";
inline constexpr std::string_view line = "line";
} // namespace chart

} // namespace redress::report
