#include "params_sheet.hpp"

#include "sheet_text.hpp"

#include <algorithm>

namespace redress::report_xlsx {
namespace {

struct Labels {
    const char* sheet;
    const char* title;
    const char* company;
    const char* report;
    const char* period;
    const char* timezone;
    const char* granularity;
    const char* departments;
    const char* channels;
    const char* generated_at;
    const char* all;
    const char* list_separator;
    const char* tables_sheet;
    const char* tables_title;
    const char* tables_description;
};

constexpr Labels english{"Report",    "Title",       "Company",     "Report name", "Period",
                         "Time zone", "Granularity", "Departments", "Channels",    "Generated at",
                         "All",       ", ",          "Sheet",       "Table",       "Description"};
constexpr Labels chinese{"报告", "标题",     "公司", "报表名称", "期间",   "时区", "粒度", "部门",
                         "渠道", "生成时间", "全部", "、",       "工作表", "表格", "说明"};

std::string join(const std::vector<std::string>& items, const Labels& l) {
    if (items.empty())
        return l.all;
    std::string out;
    for (const std::string& item : items)
        out += (out.empty() ? "" : l.list_separator) + item;
    return out;
}

std::string granularity(const std::string& g, bool zh) {
    if (!zh)
        return g;
    if (g == "day")
        return "日";
    if (g == "week")
        return "周";
    if (g == "month")
        return "月";
    return g;
}

} // namespace

ParamsSheet::ParamsSheet(Workbook& book, SheetNames& names, const CellFormats& formats,
                         const report_stream::ReportParams& p)
    : formats_(formats) {
    const bool zh = p.language.value_or("") == "zh";
    const Labels& l = zh ? chinese : english;
    names.reserve(l.sheet);
    sheet_ = book.add_sheet(l.sheet);
    const auto line = [&](const char* label, const std::string& value) {
        write(0, label, true);
        write(1, value, false);
        ++row_;
    };
    line(l.title, p.title.value_or(""));
    line(l.company, p.company.value_or(""));
    line(l.report, p.report.value_or(""));
    line(l.period, p.from.value_or("") + " – " + p.to.value_or(""));
    line(l.timezone, p.timezone.value_or(""));
    line(l.granularity, granularity(p.granularity.value_or(""), zh));
    line(l.departments, join(p.departments, l));
    line(l.channels, join(p.channels, l));
    line(l.generated_at, p.generated_at.value_or(""));
    ++row_; // an empty row before the list of tables
    write(0, l.tables_sheet, true);
    write(1, l.tables_title, true);
    write(2, l.tables_description, true);
    ++row_;
}

void ParamsSheet::add_table(const std::string& sheet_name, const report_stream::Table& table) {
    write(0, sheet_name, false);
    write(1, table.title, false);
    write(2, table.description, false);
    ++row_;
}

void ParamsSheet::write(std::size_t col, const std::string& text, bool bold) {
    const std::string cell = cell_text(text);
    widths_[col] = std::max(widths_[col], display_width(cell) + (bold ? 1 : 0));
    if (cell.empty())
        return;
    check(worksheet_write_string(sheet_, row_, static_cast<lxw_col_t>(col), cell.c_str(),
                                 bold ? formats_.header : nullptr),
          [&] { return "row " + std::to_string(row_ + 1) + " of the report sheet"; });
}

void ParamsSheet::finish() {
    for (std::size_t i = 0; i < widths_.size(); ++i) {
        const auto col = static_cast<lxw_col_t>(i);
        const double width = static_cast<double>(std::clamp<std::size_t>(widths_[i] + 2, 10, 80));
        check(worksheet_set_column(sheet_, col, col, width, nullptr), [&] {
            return "the width of column " + std::to_string(i + 1) + " of the report sheet";
        });
    }
}

} // namespace redress::report_xlsx
