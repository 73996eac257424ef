#include "chunk_plan.hpp"

#include "csv_reader.hpp"

#include <stdexcept>

namespace redress::import {
namespace {

// The header as UTF-8 text; nullopt when the header record is not complete yet.
std::optional<ColumnMap> read_header(const ColumnMapping& mapping, std::string_view bytes,
                                     bool at_end, TextDecoder& decoder, std::size_t& used) {
    std::size_t bom = 0;
    if (bytes.substr(0, utf8_bom.size()) == utf8_bom) {
        if (decoder.encoding() != Encoding::Utf8)
            throw std::invalid_argument(
                "the file starts with a UTF-8 byte-order mark, but its encoding was given as " +
                std::string(encoding_name(decoder.encoding())) + ": import it as utf-8");
        bom = utf8_bom.size();
    }
    CsvReader reader(bytes.substr(bom), at_end);
    auto record = reader.next();
    if (!record)
        return std::nullopt;
    used = bom + reader.consumed();
    if (!record->error.empty())
        throw std::invalid_argument("the header (row 1), column " +
                                    std::to_string(record->error_column) + ": " + record->error);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < record->fields.size(); ++i) {
        auto text = decoder.to_utf8(record->fields[i]);
        if (!text)
            throw std::invalid_argument(
                "the header (row 1), column " + std::to_string(i + 1) + ": not valid " +
                std::string(encoding_name(decoder.encoding())) + " text; is the encoding right?");
        names.push_back(std::move(*text));
    }
    return mapping.resolve(names);
}

} // namespace

ChunkPlan plan_chunk(const ColumnMapping& mapping, const ChunkInput& input, TextDecoder& decoder) {
    ChunkPlan plan;
    std::string_view body = input.body;
    std::int64_t row = input.first_row;
    std::optional<ColumnMap> map;
    if (input.header) {
        std::size_t used = 0;
        map = read_header(mapping, *input.header, true, decoder, used);
        if (!map)
            throw std::invalid_argument("the header record given is empty");
    } else {
        if (input.first_row != 1)
            throw std::invalid_argument("a chunk after the first (row " +
                                        std::to_string(input.first_row) +
                                        ") needs the header record");
        map = read_header(mapping, body, input.final, decoder, plan.header_bytes);
        if (!map) { // the header is longer than this chunk: send more
            plan.next_row = 1;
            // Unless nothing more comes: the file is empty or only a byte-order
            // mark (an empty sheet saved as "CSV UTF-8"), and all of it is taken.
            if (input.final)
                plan.consumed = body.size();
            return plan;
        }
        plan.unknown_columns = map->unknown;
        plan.consumed = plan.header_bytes;
        row = 2;
    }

    plan.columns = *map;
    CsvReader reader(body.substr(plan.consumed), input.final);
    for (std::size_t taken = 0; taken < input.max_records; ++taken) {
        auto record = reader.next();
        if (!record)
            break;
        RowOutcome outcome = build_row(*map, *record, decoder, input.department, input.currency);
        if (!outcome.blank) {
            ++plan.rows;
            if (outcome.form)
                plan.forms.push_back({row, std::move(*outcome.form)});
            else
                plan.errors.push_back({row, std::move(outcome.error)});
        }
        ++row;
    }
    plan.consumed += reader.consumed();
    plan.next_row = row;
    return plan;
}

} // namespace redress::import
