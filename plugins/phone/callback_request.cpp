#include "callback_request.hpp"

#include "staff_intake/json_reader.hpp"
#include "staff_intake/time_input.hpp"
#include "staff_intake/utf8.hpp"

#include <charconv>
#include <regex>

namespace redress::phone {

using intake::RequestError;

namespace {

RequestError bad_param(const std::string& name, const std::string& what) {
    return RequestError(400, "invalid_parameter", "query parameter " + name + " " + what, name);
}

std::optional<std::int64_t> decimal(std::string_view s) {
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return n;
}

std::string text_param(const std::map<std::string, std::string>& params, const std::string& name,
                       std::size_t max_bytes) {
    auto it = params.find(name);
    if (it == params.end())
        return {};
    const std::string& v = it->second;
    if (v.size() > max_bytes)
        throw bad_param(name, "is longer than " + std::to_string(max_bytes) + " bytes");
    if (!intake::valid_utf8(v))
        throw bad_param(name, "is not valid UTF-8");
    for (unsigned char c : v)
        if (c < ' ' || c == 0x7f)
            throw bad_param(name, "must not contain control characters");
    return v;
}

} // namespace

void check_tracking_number(const std::string& value, const std::string& field) {
    static const std::regex shape(R"(^[A-Za-z0-9][A-Za-z0-9-]{0,63}$)");
    if (!std::regex_match(value, shape))
        throw intake::invalid_field(field, "must be a tracking number such as \"AS-2026-000123\"");
}

CallbackQuery read_callback_query(const std::map<std::string, std::string>& params) {
    for (const auto& [name, value] : params) {
        (void)value;
        if (name != "department" && name != "assignee" && name != "due_before" && name != "limit")
            throw RequestError(400, "unknown_parameter",
                               "unknown query parameter " + name +
                                   " (expected: department, assignee, due_before, limit)",
                               name);
    }
    CallbackQuery q;
    q.department = text_param(params, "department", 32);
    q.assignee = text_param(params, "assignee", 100);
    if (std::string due = text_param(params, "due_before", 40); !due.empty()) {
        if (auto ms = decimal(due); ms && intake::plausible_ms(*ms))
            q.due_before_ms = ms;
        else if (auto iso = intake::parse_iso8601(due))
            q.due_before_ms = iso;
        else
            throw bad_param("due_before",
                            std::string(intake::time_expected) + " (in a URL write '+' as %2B)");
    }
    if (std::string limit = text_param(params, "limit", 10); !limit.empty()) {
        auto n = decimal(limit);
        if (!n || *n < 1 || *n > 500)
            throw bad_param("limit", "must be an integer between 1 and 500");
        q.limit = n;
    }
    return q;
}

ScheduleRequest read_schedule_request(std::string_view text, std::size_t max_bytes) {
    intake::JsonReader body(intake::parse_body(text, max_bytes));
    ScheduleRequest r;
    r.tracking_number = *body.string("tracking_number", true, 64);
    check_tracking_number(r.tracking_number, "tracking_number");
    r.due_at_ms = body.time("due_at", false);
    r.assignee = body.string("assignee", false, 100).value_or("");
    r.reason = body.string("reason", false, 500).value_or("");
    if (r.reason.empty())
        r.reason = "on request";
    body.finish();
    return r;
}

std::string_view outcome_name(Outcome outcome) {
    switch (outcome) {
    case Outcome::Satisfied:
        return "satisfied";
    case Outcome::Unsatisfied:
        return "unsatisfied";
    case Outcome::Unreachable:
        return "unreachable";
    }
    return "satisfied";
}

OutcomeRequest read_outcome_request(std::string_view text, std::size_t max_bytes) {
    intake::JsonReader body(intake::parse_body(text, max_bytes));
    OutcomeRequest r;
    std::string outcome = *body.string("outcome", true, 16);
    if (outcome == "satisfied")
        r.outcome = Outcome::Satisfied;
    else if (outcome == "unsatisfied")
        r.outcome = Outcome::Unsatisfied;
    else if (outcome == "unreachable")
        r.outcome = Outcome::Unreachable;
    else
        throw intake::invalid_field("outcome", "must be one of satisfied, unsatisfied, "
                                               "unreachable (got \"" +
                                                   outcome + "\")");
    r.satisfaction = body.integer("satisfaction", r.outcome == Outcome::Satisfied, 1, 5);
    r.notes = body.string("notes", r.outcome == Outcome::Unsatisfied, 2000).value_or("");
    r.due_at_ms = body.time("due_at", false);
    body.finish();
    if (r.outcome == Outcome::Unreachable && r.satisfaction)
        throw intake::invalid_field("satisfaction",
                                    "must be left out when the customer was unreachable");
    if (r.outcome != Outcome::Unreachable && r.due_at_ms)
        throw intake::invalid_field("due_at", "is only for outcome \"unreachable\" (when to call "
                                              "again)");
    return r;
}

std::optional<std::int64_t> outcome_path_id(std::string_view path) {
    constexpr std::string_view head = "/callbacks/", tail = "/outcome";
    if (path.size() <= head.size() + tail.size() || path.substr(0, head.size()) != head ||
        path.substr(path.size() - tail.size()) != tail)
        return std::nullopt;
    std::string_view digits = path.substr(head.size(), path.size() - head.size() - tail.size());
    if (digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    auto n = decimal(digits);
    if (!n || *n < 1)
        return std::nullopt;
    return n;
}

} // namespace redress::phone
