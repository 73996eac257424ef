#include "csv_reader.hpp"

namespace redress::import {
namespace {

enum class State {
    FieldStart,    // at the start of a field
    Unquoted,      // inside a field that did not start with a quote
    Quoted,        // inside a quoted field
    QuoteInQuoted, // saw a quote inside a quoted field: "" or the closing one
    AfterQuoted,   // after the closing quote: expect a comma or a line break
};

} // namespace

std::optional<CsvRecord> CsvReader::next() {
    CsvRecord record;
    std::string field;
    State state = State::FieldStart;
    auto fail = [&](const std::string& what) {
        if (record.error.empty()) {
            record.error = what;
            record.error_column = record.fields.size() + 1;
        }
    };
    auto end_field = [&] {
        record.fields.push_back(std::move(field));
        field.clear();
    };

    std::size_t i = pos_;
    for (; i < data_.size(); ++i) {
        char c = data_[i];
        if (state == State::Quoted) {
            if (c == '"')
                state = State::QuoteInQuoted;
            else
                field += c;
            continue;
        }
        if (state == State::QuoteInQuoted) {
            if (c == '"') { // a doubled quote stands for one
                field += '"';
                state = State::Quoted;
                continue;
            }
            state = State::AfterQuoted; // the quote closed the field; look at c below
        }
        if (c == ',') {
            end_field();
            state = State::FieldStart;
            continue;
        }
        if (c == '\n' || c == '\r') {
            std::size_t end = i + 1;
            if (c == '\r') {
                // CR LF is one line break; a CR at the end of a chunk may be
                // followed by an LF in the next one, so wait for it.
                if (end == data_.size() && !at_end_)
                    return std::nullopt;
                if (end < data_.size() && data_[end] == '\n')
                    ++end;
            }
            end_field();
            pos_ = end;
            return record;
        }
        switch (state) {
        case State::FieldStart:
            if (c == '"')
                state = State::Quoted;
            else {
                field += c;
                state = State::Unquoted;
            }
            break;
        case State::AfterQuoted:
            fail("unexpected character '" + std::string(1, c) +
                 "' after the closing quote (a quote inside a quoted field is written \"\")");
            field += c;
            state = State::Unquoted;
            break;
        default: // Unquoted: a quote here is an ordinary character
            field += c;
            break;
        }
    }

    // The buffer ended inside a record.
    if (!at_end_ || i == pos_)
        return std::nullopt;
    if (state == State::Quoted)
        fail("a quoted field is never closed (an unbalanced quote)");
    end_field();
    pos_ = i;
    return record;
}

} // namespace redress::import
