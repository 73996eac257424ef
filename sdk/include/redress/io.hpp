// redress/io.hpp — streams between host and plugin: output bytes and input rows.
//
// Reporters receive their data as Rows, one record at a time, so a report over
// millions of complaints never sits in memory; they write through a Sink.
#pragma once

#include <optional>
#include <redress/abi.h>
#include <redress/error.hpp>
#include <redress/record.hpp>
#include <string>
#include <string_view>

namespace redress {

//! A byte stream owned by the host. write() throws Error when the reader is gone.
class Sink {
public:
    Sink(const redress_host_api* api, redress_sink* sink)
        : api_(api)
        , sink_(sink) {}

    void write(std::string_view bytes) {
        redress_status s = api_->sink_write(sink_, bytes.data(), bytes.size());
        if (s != REDRESS_OK)
            throw Error(s, "the report output was closed");
    }
    Sink& operator<<(std::string_view bytes) {
        write(bytes);
        return *this;
    }

private:
    const redress_host_api* api_;
    redress_sink* sink_;
};

//! A forward-only stream of records owned by the host. Each record returned by
//! next() is valid until the following call.
class Rows {
public:
    Rows(const redress_host_api* api, redress_rows* rows)
        : api_(api)
        , rows_(rows) {}

    //! The next record, or std::nullopt at the end.
    std::optional<RecordView> next() {
        const redress_record* row = nullptr;
        redress_status s = api_->rows_next(rows_, &row);
        if (s == REDRESS_END)
            return std::nullopt;
        if (s != REDRESS_OK || !row)
            throw Error(s == REDRESS_OK ? REDRESS_E_INTERNAL : s, "reading the next row failed");
        return RecordView(api_, row);
    }

private:
    const redress_host_api* api_;
    redress_rows* rows_;
};

} // namespace redress
