// redress/phone/callback_request.hpp — the follow-up call (回访) endpoints'
// requests, read strictly:
//   GET  /phone/callbacks?department=&assignee=&due_before=&limit=
//   POST /phone/callbacks                 {tracking_number, due_at, assignee, reason}
//   POST /phone/callbacks/{id}/outcome    {outcome, satisfaction, notes, due_at}
// Outcomes: "satisfied" (satisfaction 1–5 required: the complaint is closed
// with it), "unsatisfied" (satisfaction optional; the complaint is reopened,
// notes required as the reason), "unreachable" (no satisfaction; due_at
// optional: when to try again, the host's default is in 24 hours).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace redress::phone {

struct CallbackQuery {
    std::string department; //!< "" for every department in the caller's scope
    std::string assignee;   //!< "" for anyone
    std::optional<std::int64_t> due_before_ms;
    std::optional<std::int64_t> limit; //!< 1–500; none: the host's default
};

//! Reads the query parameters (decoded, by name). Throws intake::RequestError
//! 400 naming a parameter that is unknown or malformed. due_before is UTC ms
//! or ISO 8601 (write "+" as %2B in a URL, or use "Z").
CallbackQuery read_callback_query(const std::map<std::string, std::string>& params);

struct ScheduleRequest {
    std::string tracking_number;
    std::optional<std::int64_t> due_at_ms; //!< none: now
    std::string assignee;                  //!< "" for the queue
    std::string reason;                    //!< "on request" when not given
};

//! Parses a POST /phone/callbacks body of at most max_bytes.
ScheduleRequest read_schedule_request(std::string_view body, std::size_t max_bytes);

enum class Outcome { Satisfied, Unsatisfied, Unreachable };
std::string_view outcome_name(Outcome outcome);

struct OutcomeRequest {
    Outcome outcome = Outcome::Satisfied;
    std::optional<std::int64_t> satisfaction; //!< 1–5
    std::string notes;
    std::optional<std::int64_t> due_at_ms; //!< unreachable only: when to call again
};

//! Parses a POST /phone/callbacks/{id}/outcome body of at most max_bytes.
OutcomeRequest read_outcome_request(std::string_view body, std::size_t max_bytes);

//! The id in "/callbacks/{id}/outcome" (a positive decimal integer), or
//! nullopt when path has another shape.
std::optional<std::int64_t> outcome_path_id(std::string_view path);

//! Throws 422 naming field unless it looks like a tracking number
//! ("AS-2026-000123": letters, digits and '-', at most 64 bytes).
void check_tracking_number(const std::string& value, const std::string& field);

} // namespace redress::phone
