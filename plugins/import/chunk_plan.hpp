// One request of the import protocol, before anything is stored: the complete
// CSV records of a chunk turned into forms to submit and rows refused.
//
// The chunk either starts with the file's header (the first request: no
// header given) or the header record is given separately (every later
// request). Only complete records are taken; `consumed` tells the client how
// many bytes of the body that was, and it sends the rest again in front of
// the next chunk. Row numbers are CSV record numbers, the header being row 1,
// as a spreadsheet shows them (an empty line is a row too).
#pragma once

#include "column_mapping.hpp"
#include "row_form.hpp"
#include "text_decoder.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redress::import {

struct RowError {
    std::int64_t row;
    std::string reason;
};

struct PlannedRow {
    std::int64_t row;
    FormRow form;
};

struct ChunkPlan {
    std::size_t consumed = 0;     //!< bytes of the body taken (whole records)
    std::int64_t next_row = 0;    //!< the row number of the first record not taken
    std::size_t header_bytes = 0; //!< when the body began with the header: its length
    std::int64_t rows = 0;        //!< data rows taken, blank ones not counted
    std::vector<PlannedRow> forms;
    std::vector<RowError> errors;
    ColumnMap columns;                        //!< the header, resolved (empty when not read yet)
    std::vector<std::string> unknown_columns; //!< only when the body began with the header
};

//! What a request says about its chunk.
struct ChunkInput {
    std::optional<std::string> header; //!< the header record's bytes, if sent apart
    std::string_view body;
    std::int64_t first_row = 1; //!< the row number of the body's first record
    bool final = false;         //!< the body ends the file
    std::string_view department;
    std::string_view currency; //!< the department's, for a loss without one
    //! At most this many records are taken (the host stores at most 10,000
    //! complaints in one batch); the rest is left for the next request.
    std::size_t max_records = 5000;
};

//! Plans a chunk. Throws std::invalid_argument with a message for people when
//! the whole file is unusable (header without a cause column, header not in
//! the encoding, a malformed header record).
ChunkPlan plan_chunk(const ColumnMapping& mapping, const ChunkInput& input, TextDecoder& decoder);

} // namespace redress::import
