// redress/intake/json_reader.hpp — strict reading of a JSON request body.
//
// parse_body() accepts one JSON object of at most max_bytes, in well-formed
// UTF-8, nested at most 16 deep. A JsonReader then reads the object's fields
// by name with their expected types; finish() refuses every field that was
// never asked for, so a misspelt field is an error instead of lost data.
// Every failure is a RequestError: 413 for a body over the limit, 400 for a
// body that is not a JSON object, 422 for a wrong field, naming the field by
// its full path ("customer.phone", "channel_data.pages").
#pragma once

#include "request_error.hpp"

#include <Poco/JSON/Object.h>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace redress::intake {

//! Parses body into an object; throws RequestError (413, 400) as above.
Poco::JSON::Object::Ptr parse_body(std::string_view body, std::size_t max_bytes);

class JsonReader {
public:
    //! path: the object's own path in messages ("" for the body itself).
    explicit JsonReader(Poco::JSON::Object::Ptr object, std::string path = {});

    //! True when the field is present and not null (does not count as reading it).
    bool has(const std::string& field) const;

    //! A string of at most max_bytes with no NUL and no other control
    //! character but tab and line breaks; a required one must not be blank.
    //! Leading and trailing white space is removed.
    std::optional<std::string> string(const std::string& field, bool required,
                                      std::size_t max_bytes);
    //! An integer in [min, max] (a JSON number without fraction or exponent).
    std::optional<std::int64_t> integer(const std::string& field, bool required, std::int64_t min,
                                        std::int64_t max);
    //! An instant: ISO 8601 text with a zone, or integer UTC milliseconds
    //! (see time_input.hpp). Returns UTC ms.
    std::optional<std::int64_t> time(const std::string& field, bool required);
    //! A nested object, as a reader of its own whose paths continue this one's.
    std::optional<JsonReader> object(const std::string& field, bool required);

    //! Marks field as read without reading it (a field another layer reads).
    void skip(const std::string& field) { read_.insert(field); }
    //! Refuses any field that was never read, naming it and the known ones.
    void finish() const;

    //! The field's full path in messages.
    std::string path_of(const std::string& field) const;

private:
    [[noreturn]] void fail(const std::string& field, const std::string& what) const;
    std::optional<Poco::Dynamic::Var> find(const std::string& field, bool required);

    Poco::JSON::Object::Ptr object_;
    std::string path_;
    std::set<std::string> read_;
};

} // namespace redress::intake
