// CSV records from a buffer of bytes, per RFC 4180: fields separated by
// commas, records by CRLF, LF or a lone CR; a field in double quotes may hold
// commas, line breaks and doubled quotes (""). A quote inside an unquoted
// field is kept as a literal character (as spreadsheets write it).
//
// The reader works on one buffer that may end in the middle of a record (a
// chunk of a larger file): next() returns only complete records, and
// consumed() tells how many bytes they took, so the caller can keep the rest
// and prepend it to the next chunk. When the buffer is the end of the file
// (`at_end`), a last record without a line break is complete, and a quoted
// field that is never closed is returned as a record with an error.
//
// The reader is byte-oriented: it never looks inside non-ASCII bytes, so it
// works for UTF-8, GBK and GB18030 alike (their multi-byte sequences never
// contain the bytes of ',', '"', CR or LF). Not thread-safe; cheap to create.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redress::import {

//! One CSV record: its fields (quotes removed, "" turned into ") and, when the
//! record is malformed, what is wrong with it.
struct CsvRecord {
    std::vector<std::string> fields;
    //! Empty for a well-formed record; otherwise what is wrong, e.g. "a quoted
    //! field is never closed". The fields are then best-effort.
    std::string error;
    //! The 1-based column the error is in (0 when there is none).
    std::size_t error_column = 0;
    //! True for an empty line (no bytes before the line break).
    bool blank() const { return fields.size() == 1 && fields[0].empty() && error.empty(); }
};

class CsvReader {
public:
    //! Reads `data`; `at_end` says no more bytes follow it.
    CsvReader(std::string_view data, bool at_end)
        : data_(data)
        , at_end_(at_end) {}

    //! The next complete record, or nullopt when the rest of the buffer holds
    //! no complete record (or nothing).
    std::optional<CsvRecord> next();

    //! Bytes of `data` taken by the records returned so far.
    std::size_t consumed() const noexcept { return pos_; }

private:
    std::string_view data_;
    bool at_end_;
    std::size_t pos_ = 0;
};

//! The UTF-8 byte-order mark, which spreadsheets put at the start of a file.
inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

//! `text` without a leading UTF-8 byte-order mark.
inline std::string_view strip_bom(std::string_view text) {
    return text.substr(0, 3) == utf8_bom ? text.substr(3) : text;
}

} // namespace redress::import
