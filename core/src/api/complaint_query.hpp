// Internal to the API's route files: the query parameters of the complaint
// queue (GET /complaints and GET /complaints/counts) — its filters, its sort
// orders and their cursors.
//
// A cursor is opaque to clients and valid only with the sort that issued it:
//   received    "<id>"                  (as before sorts existed)
//   -received   "new.<id>"
//   due         "due.<ms>.<id>" or "due.none.<id>" (the last item had no due time)
#pragma once

#include "query_params.hpp"

#include <charconv>
#include <cstdint>
#include <optional>
#include <redress/core/store/store.hpp>
#include <string>
#include <string_view>

namespace redress::core::api {

namespace complaint_query {

//! Bounds of the filters' values: a longer one can match nothing stored.
constexpr std::size_t max_filter_value = 200;   // department ids and channel names are shorter
constexpr std::size_t max_customer_value = 254; // an e-mail address, the longest customer field
constexpr std::size_t max_owner_value = 4000;   // as the "assign" action takes it
constexpr std::size_t max_departments = 100;

inline std::optional<std::string> bounded(Query& q, const std::string& name,
                                          std::size_t limit = max_filter_value) {
    auto v = q.one(name);
    if (v && v->size() > limit)
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                        name + " must be at most " + std::to_string(limit) + " bytes", name);
    return v;
}

// Digits only, no sign, at most 18 of them (so any fits an int64).
inline std::optional<std::int64_t> unsigned_number(std::string_view s) {
    if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    std::int64_t out = 0;
    std::from_chars(s.data(), s.data() + s.size(), out);
    return out;
}

inline std::optional<std::int64_t> signed_number(std::string_view s) {
    bool negative = !s.empty() && s.front() == '-';
    auto n = unsigned_number(negative ? s.substr(1) : s);
    if (!n)
        return std::nullopt;
    return negative ? -*n : *n;
}

inline const char* sort_name(ComplaintOrder o) {
    switch (o) {
    case ComplaintOrder::Received:
        return "received";
    case ComplaintOrder::NewestFirst:
        return "-received";
    case ComplaintOrder::Due:
        return "due";
    }
    return "received";
}

struct Cursor {
    ComplaintOrder order = ComplaintOrder::Received;
    std::int64_t id = 0;
    std::optional<std::int64_t> due_ms;
};

// A cursor as complaint_cursor() writes it; nullopt if it is not one.
inline std::optional<Cursor> parse_cursor(std::string_view text) {
    Cursor c;
    std::optional<std::int64_t> id;
    if (text.size() > 64)
        return std::nullopt;
    if (text.rfind("new.", 0) == 0) {
        c.order = ComplaintOrder::NewestFirst;
        id = unsigned_number(text.substr(4));
    } else if (text.rfind("due.", 0) == 0) {
        c.order = ComplaintOrder::Due;
        text.remove_prefix(4);
        auto dot = text.find('.');
        if (dot == std::string_view::npos)
            return std::nullopt;
        if (std::string_view due = text.substr(0, dot); due != "none") {
            c.due_ms = signed_number(due);
            if (!c.due_ms)
                return std::nullopt;
        }
        id = unsigned_number(text.substr(dot + 1));
    } else {
        // Received: a bare id, as before there were sorts ("0" starts at the beginning).
        id = unsigned_number(text);
        if (id)
            c.id = *id;
        return id ? std::optional(c) : std::nullopt;
    }
    // No item has id 0: such a cursor was never issued.
    if (!id || *id == 0)
        return std::nullopt;
    c.id = *id;
    return c;
}

} // namespace complaint_query

//! The filters list and counts share: department (repeatable or
//! comma-separated), channel, customer, owner, received_from, received_to.
inline void complaint_filters(Query& q, ComplaintFilter& f) {
    using namespace complaint_query;
    f.departments = q.many("department");
    if (f.departments.size() > max_departments)
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                        "department may name at most " + std::to_string(max_departments) +
                            " departments",
                        "department");
    for (const auto& d : f.departments)
        if (d.size() > max_filter_value)
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                            "department must be at most " + std::to_string(max_filter_value) +
                                " bytes",
                            "department");
    f.channel = bounded(q, "channel");
    f.customer = bounded(q, "customer", max_customer_value);
    f.owner = bounded(q, "owner", max_owner_value);
    time_param(q, "received_from", f.received_from_ms);
    time_param(q, "received_to", f.received_to_ms);
}

//! sort (received, -received or due; received by default) and the cursor,
//! which must come from a page of the same sort.
inline void complaint_order(Query& q, ComplaintFilter& f) {
    using namespace complaint_query;
    if (auto s = q.one("sort")) {
        if (*s == "received")
            f.order = ComplaintOrder::Received;
        else if (*s == "-received")
            f.order = ComplaintOrder::NewestFirst;
        else if (*s == "due")
            f.order = ComplaintOrder::Due;
        else
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                            "sort must be one of received, -received, due", "sort");
    }
    auto text = q.one("cursor");
    if (!text)
        return;
    auto c = parse_cursor(*text);
    if (!c)
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                        "cursor must be a value returned as next_cursor", "cursor");
    if (c->order != f.order)
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                        "cursor was returned for sort=" + std::string(sort_name(c->order)) +
                            ", not sort=" + sort_name(f.order) +
                            "; page with the sort that returned it, or start without a cursor",
                        "cursor");
    f.after_id = c->id;
    f.after_due_ms = c->due_ms;
}

//! The next_cursor of a page in order; nullopt on the last page.
inline std::optional<std::string> complaint_cursor(ComplaintOrder order, const ComplaintPage& p) {
    if (!p.next_after_id)
        return std::nullopt;
    std::string id = std::to_string(*p.next_after_id);
    switch (order) {
    case ComplaintOrder::Received:
        return id;
    case ComplaintOrder::NewestFirst:
        return "new." + id;
    case ComplaintOrder::Due:
        return "due." +
               (p.next_after_due_ms ? std::to_string(*p.next_after_due_ms) : std::string("none")) +
               "." + id;
    }
    return id;
}

} // namespace redress::core::api
