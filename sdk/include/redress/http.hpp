// redress/http.hpp — the HTTP request and response an intake channel handles.
//
// The host owns the server; it routes /channels/<channel>/... to the plugin that
// provides <channel>, after enforcing body-size limits. Header names are
// lower-case. Bodies are bytes (UTF-8 expected for text).
#pragma once

#include <cstdint>
#include <optional>
#include <redress/record.hpp>
#include <string>
#include <string_view>

namespace redress {

//! A request as the host received it.
class HttpRequest {
public:
    explicit HttpRequest(RecordView record)
        : record_(record) {}

    std::string_view method() const { return record_.string("method"); }
    //! The path after the channel prefix, starting with '/'.
    std::string_view path() const { return record_.string("path"); }
    std::string_view body() const { return record_.string("body"); }
    std::string_view client_address() const { return record_.string("client_address"); }
    //! A query parameter (decoded), if present.
    std::optional<std::string_view> query(std::string_view name) const {
        return optional_string("query." + std::string(name));
    }
    //! A header by lower-case name, if present.
    std::optional<std::string_view> header(std::string_view name) const {
        return optional_string("header." + std::string(name));
    }
    const RecordView& record() const noexcept { return record_; }

private:
    std::optional<std::string_view> optional_string(const std::string& key) const {
        if (!record_.has(key))
            return std::nullopt;
        return record_.string(key);
    }
    RecordView record_;
};

//! The response a channel fills in. Defaults: 200, no body.
class HttpResponse {
public:
    explicit HttpResponse(RecordWriter record)
        : record_(record) {}

    HttpResponse& status(int code) {
        record_.set("status", static_cast<std::int64_t>(code));
        return *this;
    }
    HttpResponse& content_type(std::string_view type) {
        record_.set("content_type", type);
        return *this;
    }
    HttpResponse& header(std::string_view name, std::string_view value) {
        record_.set("header." + std::string(name), value);
        return *this;
    }
    HttpResponse& body(std::string_view bytes) {
        record_.set("body", bytes);
        return *this;
    }

private:
    RecordWriter record_;
};

} // namespace redress
