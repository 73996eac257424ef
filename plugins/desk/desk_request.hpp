// redress/desk/desk_request.hpp — the body of POST /desk/complaints, read
// strictly: the registration form (staff_intake/registration_form.hpp), plus
//   "channel":      one of visit, fax, letter, sales_rep;
//   "channel_data": the channel's own fields (desk_channels.hpp), all of
//                   them checked and no others.
// A "recorder" field is refused (422): the recorder is the signed-in user.
// The channel's own times (a visit's visited_at, a letter's received_at) stay
// in channel_data; they do not become the form's received_at, which the host
// sets at registration (see plugins/desk/README.md).
#pragma once

#include "desk_channels.hpp"
#include "staff_intake/registration_form.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace redress::desk {

//! One channel_data field: text, or an integer (UTC ms of a Time, a Count).
struct ChannelValue {
    std::string name;
    std::variant<std::string, std::int64_t> value;
};

struct DeskComplaint {
    intake::RegistrationForm form;
    const ChannelSpec* channel = nullptr;   //!< never null after parsing
    std::vector<ChannelValue> channel_data; //!< in the spec's order
};

//! Parses and checks a POST /desk/complaints body of at most max_bytes;
//! throws intake::RequestError (413, 400, 422 naming the field).
DeskComplaint read_desk_complaint(std::string_view body, std::size_t max_bytes);

} // namespace redress::desk
