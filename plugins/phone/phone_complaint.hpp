// redress/phone/phone_complaint.hpp — the body of POST /phone/complaints: a
// complaint an agent took on the phone. The registration form
// (staff_intake/registration_form.hpp) plus
//   "call_id":       required, the telephony system's id of the call (the
//                    complaint's ref: posting it again returns the first one);
//   "duration_s":    the call's length in seconds, 0–86400, or instead
//   "started_at" and "ended_at" (both, ISO 8601 or UTC ms);
//   "caller_number": optional; defaults to customer.phone.
// "channel" may be given only as "phone"; "recorder" is refused (the
// recorder is the signed-in agent). A given started_at is kept with the call
// (channel_data.started_at); the form's received_at is the host's.
#pragma once

#include "staff_intake/registration_form.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace redress::phone {

struct PhoneComplaint {
    intake::RegistrationForm form;
    std::string call_id;
    std::int64_t duration_s = 0;
    std::optional<std::int64_t> started_at_ms; //!< when given (not with duration_s)
    std::string caller_number;                 //!< "" when neither it nor customer.phone was given
};

//! Parses and checks a body of at most max_bytes; throws intake::RequestError.
PhoneComplaint read_phone_complaint(std::string_view body, std::size_t max_bytes);

} // namespace redress::phone
