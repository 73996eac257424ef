// Between the checked form and the host's complaint.submit service.
#pragma once

#include "form_fields.hpp"

#include <optional>
#include <redress/record.hpp>
#include <string>
#include <string_view>

namespace redress::web {

//! Where a submission came from, kept with the complaint as its channel_data.
struct Origin {
    std::string client_address;
    std::string user_agent; //!< kept only when valid UTF-8 of at most 256 bytes
    std::string language;   //!< "zh" / "en": the language to answer in
};

//! Fills a complaint.submit request from values that passed validate():
//! department, channel "web", the form's fields under their record paths
//! (blank ones left out), loss in minor units, ref = token, channel_data.
void write_submission(RecordWriter request, const FormValues& values, std::string_view department,
                      std::string_view currency_default, std::string_view token,
                      const Origin& origin);

//! Maps a REDRESS_E_INVALID message from the host ("customer.email: …") to the
//! form field it concerns and a Host problem carrying the host's words. A
//! message naming no form field is filed under "form".
std::pair<std::string, FieldProblem> host_problem(std::string_view message);

} // namespace redress::web
