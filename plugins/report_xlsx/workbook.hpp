// An XLSX workbook being written by libxlsxwriter, owned: freed without
// writing anything if it is dropped before close(). Every libxlsxwriter error
// becomes an Error whose message says what was being written.
//
// The workbook runs in libxlsxwriter's constant_memory mode: a sheet's row is
// flushed to a temporary file as soon as a later row is written, so memory
// stays bounded by one row per sheet however long the tables are, and the
// cells of a sheet must be written row by row, left to right. Strings are
// stored inline, never as formulas.
#pragma once

#include <filesystem>
#include <string>
#include <vector>
#include <xlsxwriter.h>

namespace redress::report_xlsx {

//! Throws Error(REDRESS_E_INTERNAL) "xlsx: <what>: <libxlsxwriter's message>".
[[noreturn]] void fail(lxw_error error, const std::string& what);

//! fail(error, what()) unless error is LXW_NO_ERROR; `what` is called only
//! then, so that writing a cell costs no message.
template <class What>
void check(lxw_error error, What&& what) {
    if (error != LXW_NO_ERROR)
        fail(error, what());
}

class Workbook {
public:
    //! A workbook that close() writes to path; its temporary files go to tmpdir.
    Workbook(const std::filesystem::path& path, const std::filesystem::path& tmpdir);
    ~Workbook();
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;

    //! A new sheet, last in the book. The name must be valid and unused
    //! (SheetNames makes such names); otherwise throws naming it.
    lxw_worksheet* add_sheet(const std::string& name);
    //! A new cell format, owned by the workbook.
    lxw_format* add_format();
    //! Writes the file. Throws on failure; the workbook is gone either way.
    void close();

private:
    lxw_workbook* book_ = nullptr;
    std::string tmpdir_; // libxlsxwriter keeps the pointer
    std::vector<lxw_worksheet*> sheets_;
};

} // namespace redress::report_xlsx
