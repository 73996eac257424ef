#include "json_reader.hpp"

#include "time_input.hpp"
#include "utf8.hpp"

#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>
#include <algorithm>

namespace redress::intake {
namespace {

// The forms are at most three objects deep; anything deeper is hostile.
constexpr std::size_t max_depth = 16;

bool blank(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c <= ' '; });
}

std::string trim(const std::string& s) {
    auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

} // namespace

Poco::JSON::Object::Ptr parse_body(std::string_view body, std::size_t max_bytes) {
    if (body.size() > max_bytes)
        throw RequestError(413, "body_too_large",
                           "the request body has " + std::to_string(body.size()) +
                               " bytes; at most " + std::to_string(max_bytes) + " are accepted");
    if (!valid_utf8(body))
        throw RequestError(400, "invalid_utf8", "the request body is not valid UTF-8");
    if (blank(body))
        throw RequestError(400, "malformed_json",
                           "the request body is empty; expected a JSON object");
    Poco::Dynamic::Var v;
    try {
        Poco::JSON::Parser parser;
        parser.setDepth(max_depth);
        parser.setAllowNullByte(false);
        v = parser.parse(std::string(body));
    } catch (const Poco::Exception& e) {
        throw RequestError(400, "malformed_json",
                           "the request body is not valid JSON: " + e.displayText());
    }
    if (v.type() != typeid(Poco::JSON::Object::Ptr))
        throw RequestError(400, "malformed_json", "the request body must be a JSON object");
    return v.extract<Poco::JSON::Object::Ptr>();
}

JsonReader::JsonReader(Poco::JSON::Object::Ptr object, std::string path)
    : object_(std::move(object))
    , path_(std::move(path)) {}

std::string JsonReader::path_of(const std::string& field) const {
    return path_.empty() ? field : path_ + "." + field;
}

void JsonReader::fail(const std::string& field, const std::string& what) const {
    throw invalid_field(path_of(field), what);
}

bool JsonReader::has(const std::string& field) const {
    return object_->has(field) && !object_->isNull(field);
}

std::optional<Poco::Dynamic::Var> JsonReader::find(const std::string& field, bool required) {
    read_.insert(field);
    if (!has(field)) {
        if (required)
            throw RequestError(422, "missing_field", path_of(field) + " is required",
                               path_of(field));
        return std::nullopt;
    }
    return object_->get(field);
}

std::optional<std::string> JsonReader::string(const std::string& field, bool required,
                                              std::size_t max_bytes) {
    auto v = find(field, required);
    if (!v)
        return std::nullopt;
    if (!v->isString())
        fail(field, "must be a string");
    std::string s = trim(v->extract<std::string>());
    if (s.size() > max_bytes)
        fail(field, "is longer than " + std::to_string(max_bytes) + " bytes");
    if (std::any_of(s.begin(), s.end(), [](unsigned char c) {
            return (c < ' ' && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
        }))
        fail(field, "must not contain control characters");
    if (required && s.empty())
        throw RequestError(422, "missing_field", path_of(field) + " must not be blank",
                           path_of(field));
    return s;
}

std::optional<std::int64_t> JsonReader::integer(const std::string& field, bool required,
                                                std::int64_t min, std::int64_t max) {
    auto v = find(field, required);
    if (!v)
        return std::nullopt;
    if (!v->isInteger() || v->isBoolean())
        fail(field, "must be an integer");
    std::int64_t n = 0;
    try {
        n = v->convert<Poco::Int64>();
    } catch (const Poco::Exception&) {
        fail(field, "is out of range");
    }
    if (n < min || n > max)
        fail(field, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return n;
}

std::optional<std::int64_t> JsonReader::time(const std::string& field, bool required) {
    auto v = find(field, required);
    if (!v)
        return std::nullopt;
    if (v->isString()) {
        if (auto ms = parse_iso8601(v->extract<std::string>()))
            return ms;
    } else if (v->isInteger() && !v->isBoolean()) {
        try {
            auto ms = v->convert<Poco::Int64>();
            if (plausible_ms(ms))
                return ms;
        } catch (const Poco::Exception&) {
            // out of Int64's range: refused below like any other bad value
        }
    }
    fail(field, std::string(time_expected));
}

std::optional<JsonReader> JsonReader::object(const std::string& field, bool required) {
    auto v = find(field, required);
    if (!v)
        return std::nullopt;
    if (v->type() != typeid(Poco::JSON::Object::Ptr))
        fail(field, "must be an object");
    return JsonReader(v->extract<Poco::JSON::Object::Ptr>(), path_of(field));
}

void JsonReader::finish() const {
    for (const auto& [name, value] : *object_) {
        (void)value;
        if (read_.count(name))
            continue;
        std::string known;
        for (const auto& r : read_)
            known += (known.empty() ? "" : ", ") + r;
        throw RequestError(422, "unknown_field",
                           "unknown field " + path_of(name) + " (expected: " + known + ")",
                           path_of(name));
    }
}

} // namespace redress::intake
