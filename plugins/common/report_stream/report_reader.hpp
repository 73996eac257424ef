// Reads a report stream (redress/report.hpp) one record at a time and checks
// each row against its table's columns, so that a reporter formats values
// whose type it already knows. Holds one table head and one row; never the
// whole report.
#pragma once

#include "report_stream/report_table.hpp"

#include <cstddef>
#include <optional>
#include <redress/io.hpp>
#include <redress/record.hpp>
#include <vector>

namespace redress::report_stream {

class ReportReader {
public:
    enum class Event { Table, Row, End };

    //! Reads from rows, which must outlive the reader.
    explicit ReportReader(Rows& rows)
        : rows_(rows) {}

    //! Moves to the next table or row. Records of an unknown kind are skipped
    //! (a newer host may add kinds). Throws Error(REDRESS_E_INVALID) naming the
    //! table, row number and column for a row before any table, a row whose
    //! number of values differs from the number of columns, or a value whose
    //! type does not fit its column: text takes a string; integer and money an
    //! integer; number, ratio and minutes an integer or a double; any a null.
    Event next();

    //! The table last started. Only after next() returned Table once.
    const Table& table() const { return *table_; }

    //! 1-based number of the current row within its table.
    std::size_t row_number() const noexcept { return row_number_; }

    //! The current row's value in column `index`, std::nullopt for a null
    //! ("no figure"). Valid until the next call to next().
    const std::optional<Value>& value(std::size_t index) const { return values_[index]; }

private:
    Rows& rows_;
    std::optional<Table> table_;
    std::size_t row_number_ = 0;
    std::vector<std::optional<Value>> values_;
};

} // namespace redress::report_stream
