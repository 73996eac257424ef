// Strict reading of JSON request bodies. The body must be valid UTF-8 and one
// JSON object; every field is read by name with its expected type, and
// finish() refuses any field nobody asked for, so a misspelt field is an error
// instead of silently dropped data. Errors are HttpError 400 (malformed) or
// 422 (a field is wrong) naming the field by its full path ("customer.phone").
#pragma once

#include <Poco/JSON/Object.h>
#include <cstdint>
#include <optional>
#include <redress/core/http/http_context.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace redress::core::api {

//! True when s is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool valid_utf8(std::string_view s);

//! Parses a request body into an object; HttpError 400 when it is not UTF-8 or not a JSON object.
Poco::JSON::Object::Ptr parse_object(const std::string& body);

class JsonReader {
public:
    //! path: the object's own path in messages ("" for the body itself).
    JsonReader(Poco::JSON::Object::Ptr object, std::string path = {});

    //! A string of at most max_bytes; required ones must be non-blank.
    std::optional<std::string> string(const std::string& field, bool required,
                                      std::size_t max_bytes = 4000);
    std::optional<std::int64_t> integer(const std::string& field, bool required, std::int64_t min,
                                        std::int64_t max);
    std::optional<bool> boolean(const std::string& field, bool required);
    //! A nested object, as a reader of its own.
    std::optional<JsonReader> object(const std::string& field, bool required);
    //! An array of strings.
    std::optional<std::vector<std::string>> strings(const std::string& field, bool required,
                                                    std::size_t max_items = 100);
    //! The raw value of an object field (for data passed on as is).
    Poco::JSON::Object::Ptr raw_object(const std::string& field);

    //! Refuses fields that were never read.
    void finish() const;

    std::string path_of(const std::string& field) const;

private:
    [[noreturn]] void fail(const std::string& field, const std::string& message) const;
    const Poco::Dynamic::Var* find(const std::string& field, bool required);

    Poco::JSON::Object::Ptr object_;
    std::string path_;
    std::set<std::string> read_;
    Poco::Dynamic::Var value_; // holder for find()
};

} // namespace redress::core::api
