// A plain-text table whose columns line up on a terminal, wide (CJK)
// characters included: two spaces between columns, no trailing blanks.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace redress::cli {

class Table {
public:
    explicit Table(std::vector<std::string> headers);

    //! Cuts the cells of a column (not the header) to `width` display columns.
    void limit_width(std::size_t column, std::size_t width);

    //! Adds a row; cells are made single-line, missing cells are empty.
    void add_row(std::vector<std::string> cells);

    std::size_t rows() const noexcept { return rows_.size(); }

    //! Prints the header and the rows, each line ending in '\n'.
    void print(std::ostream& out) const;

private:
    std::vector<std::string> headers_;
    std::vector<std::size_t> limits_;
    std::vector<std::vector<std::string>> rows_;
};

} // namespace redress::cli
