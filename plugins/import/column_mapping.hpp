// Which column of an import file fills which field of the registration form.
//
// A header (the file's first record) is matched against a table of names:
// the built-in one (the form's Chinese and English headers: 客户名称/company,
// 投诉原因/cause, …) plus the operator's [[plugin.import.column]] entries,
// which take precedence. Matching ignores surrounding spaces and ASCII case.
// The key column (config `key_column`, e.g. 编号 or id), when the file has
// one, gives each row its stable key. Everything here is immutable after
// construction and safe to share between threads.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redress::import {

//! The form fields a column may fill: "cause", "request", "category",
//! "severity", "customer.<company|contact|address|phone|email|type>",
//! "product.<name|spec|production_date|batch|used_at|symptoms|previous_brand>",
//! "loss" (an amount in major units, e.g. 1299.50) and "loss.currency".
const std::vector<std::string_view>& form_fields();

//! A file's header, resolved against the names.
struct ColumnMap {
    std::vector<std::string> headers;              //!< as in the file (UTF-8, trimmed)
    std::vector<std::optional<std::string>> field; //!< per column: the field it fills
    std::optional<std::size_t> key_column;         //!< 0-based
    std::vector<std::string> unknown;              //!< headers that fill nothing
    //! The column filling `form_field`, if any.
    std::optional<std::size_t> column_of(std::string_view form_field) const;
    //! "column 3 (地址)" for 0-based index 2.
    std::string describe(std::size_t column) const;
};

class ColumnMapping {
public:
    //! `overrides`: header name → form field, from config; `key_columns`: the
    //! header names that may hold the row key, first present wins. Throws
    //! std::invalid_argument naming the entry when a field is not a form field.
    ColumnMapping(const std::vector<std::pair<std::string, std::string>>& overrides,
                  std::vector<std::string> key_columns);

    //! Resolves a header (already UTF-8). Throws std::invalid_argument with a
    //! message for people when the file cannot be imported: no column for the
    //! cause, or two columns filling the same field.
    ColumnMap resolve(const std::vector<std::string>& headers) const;

    //! The names that fill `form_field`, for messages.
    std::vector<std::string> names_for(std::string_view form_field) const;

private:
    std::map<std::string, std::string> names_; // folded name → field
    std::vector<std::string> key_columns_;     // folded
};

//! `text` without leading and trailing spaces, tabs and ideographic spaces (U+3000).
std::string_view trim(std::string_view text);

} // namespace redress::import
