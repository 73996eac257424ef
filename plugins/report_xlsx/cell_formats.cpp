#include "cell_formats.hpp"

#include <algorithm>

namespace redress::report_xlsx {
namespace {

lxw_format* numeric(Workbook& book, const char* format) {
    lxw_format* f = book.add_format();
    format_set_num_format(f, format);
    return f;
}

} // namespace

CellFormats::CellFormats(Workbook& book)
    : header(book.add_format())
    , integer(numeric(book, "#,##0"))
    , number(numeric(book, "#,##0.00"))
    , ratio(numeric(book, "0.0%"))
    , minutes(numeric(book, "0.0"))
    , money{numeric(book, "#,##0"), numeric(book, "#,##0.0"), numeric(book, "#,##0.00"),
            numeric(book, "#,##0.000")} {
    format_set_bold(header);
}

lxw_format* CellFormats::of(const report_stream::Column& column) const {
    using report_stream::ColumnType;
    switch (column.type) {
    case ColumnType::Text:
        return nullptr;
    case ColumnType::Integer:
        return integer;
    case ColumnType::Number:
        return number;
    case ColumnType::Ratio:
        return ratio;
    case ColumnType::Minutes:
        return minutes;
    case ColumnType::Money:
        return money[static_cast<std::size_t>(std::clamp(column.decimals, 0, 3))];
    }
    return nullptr;
}

} // namespace redress::report_xlsx
