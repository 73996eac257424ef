#include "workbook.hpp"

#include <cstdio>
#include <redress/error.hpp>

namespace redress::report_xlsx {

void fail(lxw_error error, const std::string& what) {
    throw Error(REDRESS_E_INTERNAL, "xlsx: " + what + ": " + lxw_strerror(error));
}

Workbook::Workbook(const std::filesystem::path& path, const std::filesystem::path& tmpdir)
    : tmpdir_(tmpdir.string()) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = tmpdir_.data();
    // A table of a million rows can pass 4 GiB uncompressed.
    options.use_zip64 = LXW_TRUE;
    book_ = workbook_new_opt(path.c_str(), &options);
    if (!book_)
        throw Error(REDRESS_E_INTERNAL, "xlsx: cannot start a workbook for " + path.string());
}

Workbook::~Workbook() {
    if (!book_)
        return;
    // lxw_workbook_free (libxlsxwriter 1.1) leaves open the temporary file
    // each constant_memory sheet spools its rows to: a descriptor lost per
    // sheet of every failed render. workbook_close closes them itself.
    for (lxw_worksheet* sheet : sheets_)
        if (sheet->optimize_tmpfile) {
            std::fclose(sheet->optimize_tmpfile);
            sheet->optimize_tmpfile = nullptr;
        }
    lxw_workbook_free(book_);
}

lxw_worksheet* Workbook::add_sheet(const std::string& name) {
    check(workbook_validate_sheet_name(book_, name.c_str()),
          [&] { return "the sheet name '" + name + "'"; });
    lxw_worksheet* sheet = workbook_add_worksheet(book_, name.c_str());
    if (!sheet)
        throw Error(REDRESS_E_INTERNAL, "xlsx: cannot add the sheet '" + name + "'");
    sheets_.push_back(sheet);
    return sheet;
}

lxw_format* Workbook::add_format() {
    lxw_format* format = workbook_add_format(book_);
    if (!format)
        throw Error(REDRESS_E_INTERNAL, "xlsx: cannot add a cell format");
    return format;
}

void Workbook::close() {
    // workbook_close frees the workbook whatever it returns.
    lxw_workbook* book = book_;
    book_ = nullptr;
    check(workbook_close(book), [] { return std::string("writing the workbook"); });
}

} // namespace redress::report_xlsx
