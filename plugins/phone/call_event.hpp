// redress/phone/call_event.hpp — the call event a telephony system posts to
// POST /phone/calls when a call comes in (or ends):
//   {"call_id": "…", "caller": "+86 21 5555 0101", "agent": "agent-li",
//    "started_at": "2026-11-23T09:30:00+08:00" | 1795397400000,
//    "ended_at": … (optional: absent while the call is still ringing)}
// call_id and caller and started_at are required; unknown fields are refused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace redress::phone {

struct CallEvent {
    std::string call_id;
    std::string caller; //!< the calling number as the telephony system sent it
    std::string agent;  //!< "" when not given
    std::int64_t started_at_ms = 0;
    std::optional<std::int64_t> ended_at_ms;

    //! Whole seconds between start and end, if the call has ended.
    std::optional<std::int64_t> duration_s() const {
        if (!ended_at_ms)
            return std::nullopt;
        return (*ended_at_ms - started_at_ms) / 1000;
    }
};

//! Parses and checks a call event of at most max_bytes; throws
//! intake::RequestError (413, 400, 422 naming the field).
CallEvent read_call_event(std::string_view body, std::size_t max_bytes);

//! Throws 422 naming field unless id is 1–128 bytes of [A-Za-z0-9._:@-]
//! (what telephony systems use: numbers, UUIDs, "1700000000.123").
void check_call_id(const std::string& id, const std::string& field);
//! Throws 422 naming field unless number is a telephone number: an optional
//! '+', then 3–50 characters of digits, spaces, '-', '(' and ')'.
void check_phone_number(const std::string& number, const std::string& field);

} // namespace redress::phone
