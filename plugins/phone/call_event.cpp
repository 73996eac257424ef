#include "call_event.hpp"

#include "staff_intake/json_reader.hpp"

#include <regex>

namespace redress::phone {

void check_call_id(const std::string& id, const std::string& field) {
    static const std::regex shape(R"(^[A-Za-z0-9._:@-]{1,128}$)");
    if (!std::regex_match(id, shape))
        throw intake::invalid_field(field,
                                    "must be 1 to 128 characters of letters, digits and . _ : @ -");
}

void check_phone_number(const std::string& number, const std::string& field) {
    static const std::regex shape(R"(^\+?[0-9][0-9 ()-]{2,49}$)");
    if (!std::regex_match(number, shape))
        throw intake::invalid_field(field,
                                    "must be a telephone number such as \"+86 21 5555 0101\"");
}

CallEvent read_call_event(std::string_view text, std::size_t max_bytes) {
    intake::JsonReader body(intake::parse_body(text, max_bytes));
    CallEvent e;
    e.call_id = *body.string("call_id", true, 128);
    check_call_id(e.call_id, "call_id");
    e.caller = *body.string("caller", true, 50);
    check_phone_number(e.caller, "caller");
    e.agent = body.string("agent", false, 100).value_or("");
    e.started_at_ms = *body.time("started_at", true);
    e.ended_at_ms = body.time("ended_at", false);
    body.finish();
    if (e.ended_at_ms && *e.ended_at_ms < e.started_at_ms)
        throw intake::invalid_field("ended_at", "is before started_at");
    return e;
}

} // namespace redress::phone
