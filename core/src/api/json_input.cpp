#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>
#include <algorithm>
#include <cctype>
#include <redress/core/api/json_input.hpp>

namespace redress::core::api {

using Poco::Net::HTTPResponse;

bool valid_utf8(std::string_view s) {
    // RFC 3629, table 3-7 of the Unicode standard: the well-formed byte sequences.
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
        unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int n;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0)
                lo = 0xA0; // no overlongs
            if (c == 0xED)
                hi = 0x9F; // no surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F; // nothing past U+10FFFF
        } else {
            return false;
        }
        if (end - p <= n)
            return false;
        if (p[1] < lo || p[1] > hi)
            return false;
        for (int i = 2; i <= n; ++i)
            if (p[i] < 0x80 || p[i] > 0xBF)
                return false;
        p += n + 1;
    }
    return true;
}

Poco::JSON::Object::Ptr parse_object(const std::string& body) {
    if (!valid_utf8(body))
        throw http::HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_utf8",
                              "the request body is not valid UTF-8");
    if (std::all_of(body.begin(), body.end(), [](unsigned char c) { return std::isspace(c); }))
        throw http::HttpError(HTTPResponse::HTTP_BAD_REQUEST, "malformed_json",
                              "the request body is empty; expected a JSON object");
    Poco::Dynamic::Var v;
    try {
        Poco::JSON::Parser parser;
        v = parser.parse(body);
    } catch (const Poco::Exception& e) {
        throw http::HttpError(HTTPResponse::HTTP_BAD_REQUEST, "malformed_json",
                              "the request body is not valid JSON: " + e.message());
    }
    if (v.type() != typeid(Poco::JSON::Object::Ptr))
        throw http::HttpError(HTTPResponse::HTTP_BAD_REQUEST, "malformed_json",
                              "the request body must be a JSON object");
    return v.extract<Poco::JSON::Object::Ptr>();
}

JsonReader::JsonReader(Poco::JSON::Object::Ptr object, std::string path)
    : object_(std::move(object))
    , path_(std::move(path)) {}

std::string JsonReader::path_of(const std::string& field) const {
    return path_.empty() ? field : path_ + "." + field;
}

void JsonReader::fail(const std::string& field, const std::string& message) const {
    throw http::HttpError(HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, "invalid_field",
                          path_of(field) + " " + message, path_of(field));
}

const Poco::Dynamic::Var* JsonReader::find(const std::string& field, bool required) {
    read_.insert(field);
    if (!object_->has(field) || object_->isNull(field)) {
        if (required)
            throw http::HttpError(HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, "missing_field",
                                  path_of(field) + " is required", path_of(field));
        return nullptr;
    }
    value_ = object_->get(field);
    return &value_;
}

std::optional<std::string> JsonReader::string(const std::string& field, bool required,
                                              std::size_t max_bytes) {
    const Poco::Dynamic::Var* v = find(field, required);
    if (!v)
        return std::nullopt;
    if (!v->isString())
        fail(field, "must be a string");
    std::string s = v->extract<std::string>();
    if (s.size() > max_bytes)
        fail(field, "is longer than " + std::to_string(max_bytes) + " bytes");
    if (s.find('\0') != std::string::npos)
        fail(field, "must not contain NUL characters");
    // A body is checked whole (parse_object), but a plugin's request reaches
    // this reader without passing through bytes.
    if (!valid_utf8(s))
        fail(field, "must be valid UTF-8");
    if (required &&
        std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); }))
        throw http::HttpError(HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, "missing_field",
                              path_of(field) + " must not be blank", path_of(field));
    return s;
}

std::optional<std::int64_t> JsonReader::integer(const std::string& field, bool required,
                                                std::int64_t min, std::int64_t max) {
    const Poco::Dynamic::Var* v = find(field, required);
    if (!v)
        return std::nullopt;
    if (!v->isInteger() || v->isBoolean())
        fail(field, "must be an integer");
    std::int64_t n;
    try {
        n = v->convert<Poco::Int64>();
    } catch (const Poco::Exception&) {
        fail(field, "is out of range");
    }
    if (n < min || n > max)
        fail(field, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return n;
}

std::optional<bool> JsonReader::boolean(const std::string& field, bool required) {
    const Poco::Dynamic::Var* v = find(field, required);
    if (!v)
        return std::nullopt;
    if (!v->isBoolean())
        fail(field, "must be true or false");
    return v->extract<bool>();
}

std::optional<JsonReader> JsonReader::object(const std::string& field, bool required) {
    const Poco::Dynamic::Var* v = find(field, required);
    if (!v)
        return std::nullopt;
    if (v->type() != typeid(Poco::JSON::Object::Ptr))
        fail(field, "must be an object");
    return JsonReader(v->extract<Poco::JSON::Object::Ptr>(), path_of(field));
}

std::optional<std::vector<std::string>> JsonReader::strings(const std::string& field, bool required,
                                                            std::size_t max_items) {
    const Poco::Dynamic::Var* v = find(field, required);
    if (!v)
        return std::nullopt;
    if (v->type() != typeid(Poco::JSON::Array::Ptr))
        fail(field, "must be an array of strings");
    auto a = v->extract<Poco::JSON::Array::Ptr>();
    if (a->size() > max_items)
        fail(field, "has more than " + std::to_string(max_items) + " items");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < a->size(); ++i) {
        Poco::Dynamic::Var item = a->get(i);
        if (!item.isString())
            fail(field + "[" + std::to_string(i) + "]", "must be a string");
        out.push_back(item.extract<std::string>());
    }
    return out;
}

Poco::JSON::Object::Ptr JsonReader::raw_object(const std::string& field) {
    const Poco::Dynamic::Var* v = find(field, false);
    if (!v)
        return new Poco::JSON::Object;
    if (v->type() != typeid(Poco::JSON::Object::Ptr))
        fail(field, "must be an object");
    return v->extract<Poco::JSON::Object::Ptr>();
}

void JsonReader::finish() const {
    for (const auto& [name, _] : *object_)
        if (!read_.count(name)) {
            std::string known;
            for (const auto& r : read_)
                known += (known.empty() ? "" : ", ") + r;
            throw http::HttpError(HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, "unknown_field",
                                  "unknown field " + path_of(name) + " (expected: " + known + ")",
                                  path_of(name));
        }
}

} // namespace redress::core::api
