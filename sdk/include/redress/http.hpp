// redress/http.hpp — the HTTP request and response an intake channel handles.
//
// The host owns the server; it routes the URL prefixes a plugin declares
// (PluginInfo::http_prefixes; /channels/<channel> by default) to it, after
// enforcing body-size limits and checking any API token. Header names are
// lower-case. Bodies are bytes (UTF-8 expected for text).
#pragma once

#include <cstdint>
#include <optional>
#include <redress/record.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace redress {

//! Who sent a request, from its API token.
struct Caller {
    std::string name;
    std::string role;                     //!< "agent" … "admin"
    std::vector<std::string> departments; //!< department ids, or "*" for all
    bool may_act_in(std::string_view department) const {
        for (const auto& d : departments)
            if (d == "*" || d == department)
                return true;
        return false;
    }
};

//! A request as the host received it.
class HttpRequest {
public:
    explicit HttpRequest(RecordView record)
        : record_(record) {}

    std::string_view method() const { return record_.string("method"); }
    //! The path after the matched prefix, starting with '/' ("/" for the
    //! prefix itself). Percent-encoding is kept: decode segments yourself.
    std::string_view path() const { return record_.string("path"); }
    //! The prefix that matched, e.g. "/intake".
    std::string_view prefix() const { return record_.string("prefix"); }
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
    //! The caller, when the request carried a valid API token (the host
    //! refuses invalid tokens before the plugin sees the request).
    std::optional<Caller> caller() const {
        if (!record_.has("auth.name"))
            return std::nullopt;
        Caller c;
        c.name = record_.string("auth.name");
        c.role = record_.string("auth.role");
        for (std::string_view d : record_.strings("auth.departments"))
            c.departments.emplace_back(d);
        return c;
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
