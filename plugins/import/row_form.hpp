// One CSV record → one registration form, or the reason the row is refused.
//
// Text is decoded to UTF-8 per field and trimmed; Chinese values of the
// enumerated fields are translated (严重程度 高 → high, 客户类型 激动型 →
// agitated); the loss is read as an amount in major units ("1299.50",
// "¥1,299.5") and kept in minor units. The row's key is the key column's
// value, or else a SHA-256 of the department and the row's mapped fields
// (sorted, trimmed), so the same row gives the same key whatever the file's
// column order or encoding. Every refusal names the column and the value.
#pragma once

#include "column_mapping.hpp"
#include "csv_reader.hpp"
#include "text_decoder.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace redress::import {

//! A row ready to submit.
struct FormRow {
    std::string ref; //!< unique within the import channel: "<department>/<key>"
    //! Form field path ("cause", "customer.phone", …) → UTF-8 value; empty cells left out.
    std::vector<std::pair<std::string, std::string>> fields;
    std::optional<std::int64_t> loss_minor; //!< with fields' "loss.currency"
};

//! What became of one record.
struct RowOutcome {
    bool blank = false;          //!< an empty line or a row of empty cells: skipped
    std::optional<FormRow> form; //!< when the row is good
    std::string error;           //!< when it is not: "column 9 (投诉原因): …"
};

//! Builds the form of one data record. `currency` is used for the loss when
//! the file has no currency column (the department's currency).
RowOutcome build_row(const ColumnMap& map, const CsvRecord& record, TextDecoder& decoder,
                     std::string_view department, std::string_view currency);

//! Parses an amount in major units with at most two decimals ("1299", "1299.5",
//! "¥1,299.50") into minor units; nullopt when it is not one.
std::optional<std::int64_t> parse_amount_minor(std::string_view text);

//! Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

} // namespace redress::import
