#include "table_sheet.hpp"

#include "sheet_text.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace redress::report_xlsx {
namespace {

using report_stream::Column;
using report_stream::ColumnType;

// Column widths, in characters of the default font: room for the header and
// the widest value, within limits that keep a sheet readable.
constexpr std::size_t min_width = 8;
constexpr std::size_t max_width = 60;

std::string header_text(const Column& c) {
    if (c.type == ColumnType::Money)
        return c.label + " (" + c.currency + ")";
    if (c.type == ColumnType::Minutes)
        return c.label + " (min)";
    return c.label;
}

// Characters a number takes once formatted (see CellFormats).
std::size_t number_width(double value, const Column& c) {
    if (c.type == ColumnType::Ratio)
        return 7; // "100.0%", a sign
    const double magnitude = std::fabs(value);
    const std::size_t digits =
        magnitude < 10 ? 1 : static_cast<std::size_t>(std::min(std::log10(magnitude), 30.0)) + 1;
    std::size_t width = digits + (value < 0 ? 1 : 0);
    int decimals = 0;
    switch (c.type) {
    case ColumnType::Integer:
        width += (digits - 1) / 3;
        break;
    case ColumnType::Number:
        width += (digits - 1) / 3;
        decimals = 2;
        break;
    case ColumnType::Money:
        width += (digits - 1) / 3;
        decimals = c.decimals;
        break;
    case ColumnType::Minutes:
        decimals = 1;
        break;
    default:
        break;
    }
    return width + (decimals > 0 ? 1 + static_cast<std::size_t>(decimals) : 0);
}

double money_value(std::int64_t minor, int decimals) {
    static constexpr double scale[] = {1.0, 10.0, 100.0, 1000.0};
    return static_cast<double>(minor) / scale[std::clamp(decimals, 0, 3)];
}

} // namespace

TableSheet::TableSheet(Workbook& book, SheetNames& names, const CellFormats& formats,
                       report_stream::Table table, lxw_row_t max_rows)
    : book_(book)
    , names_(names)
    , formats_(formats)
    , table_(std::move(table))
    , max_rows_(std::clamp<lxw_row_t>(max_rows, 1, max_sheet_rows - 1)) {
    for (const Column& c : table_.columns) {
        headers_.push_back(cell_text(header_text(c)));
        column_formats_.push_back(formats_.of(c));
    }
    open_sheet();
    first_sheet_name_ = sheet_name_;
}

void TableSheet::open_sheet() {
    ++part_;
    sheet_name_ = names_.add(table_.title, table_.id, part_);
    sheet_ = book_.add_sheet(sheet_name_);
    rows_on_sheet_ = 0;
    widths_.assign(headers_.size(), min_width);
    for (std::size_t i = 0; i < headers_.size(); ++i) {
        check(worksheet_write_string(sheet_, 0, static_cast<lxw_col_t>(i), headers_[i].c_str(),
                                     formats_.header),
              [&] {
                  return "the header of table '" + table_.id + "' on sheet '" + sheet_name_ + "'";
              });
        // Bold text is a little wider.
        widths_[i] = std::max(widths_[i], display_width(headers_[i]) + 1);
    }
    worksheet_freeze_panes(sheet_, 1, 0);
}

void TableSheet::write_row(const report_stream::ReportReader& reader) {
    if (rows_on_sheet_ == max_rows_) {
        size_columns();
        open_sheet();
    }
    const lxw_row_t row = ++rows_on_sheet_;
    const auto what = [&] {
        return "row " + std::to_string(reader.row_number()) + " of table '" + table_.id +
               "' on sheet '" + sheet_name_ + "'";
    };
    for (std::size_t i = 0; i < table_.columns.size(); ++i) {
        const auto& value = reader.value(i);
        if (!value)
            continue; // no figure: a blank cell
        const Column& c = table_.columns[i];
        const auto col = static_cast<lxw_col_t>(i);
        if (c.type == ColumnType::Text) {
            const std::string text = cell_text(value->as_string());
            // An empty string would be a blank anyway; libxlsxwriter skips it.
            if (text.empty())
                continue;
            check(worksheet_write_string(sheet_, row, col, text.c_str(), nullptr), what);
            widths_[i] = std::max(widths_[i], display_width(text));
            continue;
        }
        const double number = c.type == ColumnType::Money ? money_value(value->as_int(), c.decimals)
                                                          : value->as_double();
        // A NaN or an infinity has no cell value in a spreadsheet: no figure.
        if (!std::isfinite(number))
            continue;
        check(worksheet_write_number(sheet_, row, col, number, column_formats_[i]), what);
        widths_[i] = std::max(widths_[i], number_width(number, c));
    }
}

void TableSheet::finish() {
    size_columns();
}

void TableSheet::size_columns() {
    for (std::size_t i = 0; i < widths_.size(); ++i) {
        const double width = static_cast<double>(std::min(widths_[i] + 2, max_width));
        const auto col = static_cast<lxw_col_t>(i);
        check(worksheet_set_column(sheet_, col, col, width, nullptr), [&] {
            return "the width of column " + std::to_string(i + 1) + " on sheet '" + sheet_name_ +
                   "'";
        });
    }
}

} // namespace redress::report_xlsx
