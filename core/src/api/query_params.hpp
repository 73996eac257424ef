// Internal to the API's route files: strict query parameters (unknown or
// repeated ones are errors) and the paging parameters the lists share.
#pragma once

#include "route_support.hpp"

#include <Poco/URI.h>
#include <cstdint>
#include <optional>
#include <redress/core/api/complaint_json.hpp>
#include <redress/core/api/json_input.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace redress::core::api {

class Query {
public:
    explicit Query(const std::string& uri) {
        try {
            for (const auto& [k, v] : Poco::URI(uri).getQueryParameters())
                params_.emplace_back(k, v);
        } catch (const Poco::Exception&) {
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "bad_uri",
                            "the query string is not valid");
        }
        for (const auto& [k, v] : params_)
            if (!valid_utf8(k) || !valid_utf8(v))
                throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_utf8",
                                "query parameter " + k + " is not valid UTF-8");
        // Never meaningful; and bound for PostgreSQL a value ends at its first NUL,
        // so "owner=%00" would silently match the complaints without an owner.
        for (const auto& [k, v] : params_)
            if (k.find('\0') != std::string::npos || v.find('\0') != std::string::npos)
                throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                                "query parameter " + k.substr(0, k.find('\0')) +
                                    " contains a NUL character",
                                k.substr(0, k.find('\0')));
    }
    std::optional<std::string> one(const std::string& name) {
        known_.insert(name);
        std::optional<std::string> out;
        for (const auto& [k, v] : params_)
            if (k == name) {
                if (out)
                    throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                                    "query parameter " + name + " is given twice", name);
                out = v;
            }
        return out;
    }
    //! Repeated or comma-separated values.
    std::vector<std::string> many(const std::string& name) {
        known_.insert(name);
        std::vector<std::string> out;
        for (const auto& [k, v] : params_)
            if (k == name)
                for (std::size_t start = 0; start <= v.size();) {
                    std::size_t end = std::min(v.find(',', start), v.size());
                    if (end > start)
                        out.push_back(v.substr(start, end - start));
                    start = end + 1;
                }
        return out;
    }
    void finish() const {
        for (const auto& [k, _] : params_)
            if (!known_.count(k)) {
                std::string list;
                for (const auto& n : known_)
                    list += (list.empty() ? "" : ", ") + n;
                throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "unknown_parameter",
                                "unknown query parameter " + k + " (expected: " + list + ")", k);
            }
    }

private:
    std::vector<std::pair<std::string, std::string>> params_;
    std::set<std::string> known_;
};

inline std::int64_t time_param(Query& q, const std::string& name,
                               std::optional<std::int64_t>& out) {
    if (auto v = q.one(name)) {
        auto t = parse_iso_time(*v);
        if (!t)
            throw HttpError(
                HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                name +
                    " must be an ISO 8601 date or time, such as 2026-11-01 or 2026-11-01T08:00:00Z",
                name);
        out = *t;
    }
    return 0;
}

//! limit, 1 to 500.
inline void limit_param(Query& q, int& limit) {
    if (auto l = q.one("limit")) {
        if (l->empty() || l->size() > 3 ||
            l->find_first_not_of("0123456789") != std::string::npos || std::stoi(*l) < 1 ||
            std::stoi(*l) > 500)
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                            "limit must be 1 to 500", "limit");
        limit = std::stoi(*l);
    }
}

//! limit (1..500) and cursor (an id returned as next_cursor), for the lists
//! in ascending id order. (The complaint queue has its own cursors: complaint_query.hpp.)
inline void paging(Query& q, int& limit, std::int64_t& after_id) {
    limit_param(q, limit);
    if (auto c = q.one("cursor")) {
        if (c->empty() || c->size() > 18 || c->find_first_not_of("0123456789") != std::string::npos)
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                            "cursor must be a value returned as next_cursor", "cursor");
        after_id = std::stoll(*c);
    }
}

} // namespace redress::core::api
