// The pages after a submission (the receipt) and the list of departments.
#pragma once

#include "language.hpp"

#include <string>
#include <vector>

namespace redress::web {

//! What complaint.submit answered, as the receipt shows it.
struct Receipt {
    std::string tracking_number;          //!< "AS-2026-000123"
    std::string department_name;          //!< "售后服务部"
    std::string first_response_due_local; //!< "2026-11-24 17:30"; may be empty
    std::string time_zone;                //!< "Asia/Shanghai"; may be empty
    bool created = true;                  //!< false: the same form token came again
};

//! The receipt page: the tracking number, when we will reply, what happens next.
std::string render_receipt(Lang lang, const Receipt& receipt);

//! A department whose web form is open.
struct DepartmentLink {
    std::string href; //!< "/intake/after-sales"
    std::string name; //!< "售后服务部"
};

//! The page at the prefix itself: links to every open department form.
std::string render_index(Lang lang, const std::vector<DepartmentLink>& departments);

} // namespace redress::web
