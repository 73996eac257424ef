// Names for the sheets of one workbook, made from table titles. Excel wants
// at most 31 characters, none of []:*?/\, no apostrophe at either end, and
// names unique regardless of case; "History" is its own.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace redress::report_xlsx {

class SheetNames {
public:
    //! A new name, unused so far, made from `title`: forbidden characters and
    //! control characters become '_', apostrophes at either end are dropped,
    //! the result is cut to fit. When nothing is left, from `fallback` (the
    //! table id), else "Sheet". part > 1 names a continuation sheet and adds
    //! " (part)". A name already taken gets the next free number instead.
    std::string add(std::string_view title, std::string_view fallback, int part = 1);

    //! Marks a name as taken (a sheet not made through add()).
    void reserve(std::string_view name);

private:
    bool taken(std::string_view name) const;

    std::vector<std::string> folded_; // names taken, ASCII-lowercased
};

} // namespace redress::report_xlsx
