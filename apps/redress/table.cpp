#include "table.hpp"

#include "text_width.hpp"

#include <algorithm>

namespace redress::cli {

Table::Table(std::vector<std::string> headers)
    : headers_(std::move(headers))
    , limits_(headers_.size(), 0) {}

void Table::limit_width(std::size_t column, std::size_t width) {
    if (column < limits_.size())
        limits_[column] = width;
}

void Table::add_row(std::vector<std::string> cells) {
    cells.resize(headers_.size());
    for (std::size_t i = 0; i < cells.size(); ++i) {
        cells[i] = single_line(cells[i]);
        if (limits_[i])
            cells[i] = truncate_to_width(cells[i], limits_[i]);
    }
    rows_.push_back(std::move(cells));
}

void Table::print(std::ostream& out) const {
    std::vector<std::size_t> widths(headers_.size());
    for (std::size_t i = 0; i < headers_.size(); ++i) {
        widths[i] = display_width(headers_[i]);
        for (const auto& row : rows_)
            widths[i] = std::max(widths[i], display_width(row[i]));
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string text;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            text += cells[i];
            if (i + 1 < cells.size())
                text.append(widths[i] - display_width(cells[i]) + 2, ' ');
        }
        text.erase(text.find_last_not_of(' ') + 1);
        out << text << '\n';
    };
    line(headers_);
    for (const auto& row : rows_)
        line(row);
}

} // namespace redress::cli
