#include "phone_complaint.hpp"

#include "call_event.hpp"

namespace redress::phone {

namespace {
constexpr std::int64_t max_call_s = 24 * 3600;
} // namespace

PhoneComplaint read_phone_complaint(std::string_view text, std::size_t max_bytes) {
    intake::JsonReader body(intake::parse_body(text, max_bytes));
    PhoneComplaint c;
    if (auto channel = body.string("channel", false, 32); channel && *channel != "phone")
        throw intake::invalid_field("channel", "must be \"phone\" here (or left out); got \"" +
                                                   *channel +
                                                   "\" — staff-entered channels are under /desk");
    c.call_id = *body.string("call_id", true, 128);
    check_call_id(c.call_id, "call_id");
    auto duration = body.integer("duration_s", false, 0, max_call_s);
    auto started = body.time("started_at", false);
    auto ended = body.time("ended_at", false);
    if (duration && (started || ended))
        throw intake::invalid_field(started ? "started_at" : "ended_at",
                                    "must not be given with duration_s (give one or the other)");
    if (duration) {
        c.duration_s = *duration;
    } else if (started && ended) {
        if (*ended < *started)
            throw intake::invalid_field("ended_at", "is before started_at");
        c.duration_s = (*ended - *started) / 1000;
        if (c.duration_s > max_call_s)
            throw intake::invalid_field("ended_at", "is more than 24 hours after started_at");
    } else if (started || ended) {
        throw intake::RequestError(422, "missing_field",
                                   std::string(started ? "ended_at" : "started_at") +
                                       " is required with " + (started ? "started_at" : "ended_at"),
                                   started ? "ended_at" : "started_at");
    } else {
        throw intake::RequestError(422, "missing_field",
                                   "duration_s (or started_at and ended_at) is required",
                                   "duration_s");
    }
    c.caller_number = body.string("caller_number", false, 50).value_or("");
    if (!c.caller_number.empty())
        check_phone_number(c.caller_number, "caller_number");
    c.form = intake::read_registration_form(body);
    body.finish();
    if (c.caller_number.empty())
        c.caller_number = c.form.customer.phone;
    c.started_at_ms = started;
    return c;
}

} // namespace redress::phone
