// The complaint form page: empty, or re-shown with the customer's values and
// a message at every field that needs attention.
#pragma once

#include "form_fields.hpp"
#include "language.hpp"

#include <string>
#include <vector>

namespace redress::web {

//! Everything the form page shows. All strings are plain text; render_form
//! escapes every one of them.
struct FormPage {
    Lang lang = Lang::Zh;
    std::string action;          //!< where the form posts, e.g. "/intake/after-sales"
    std::string department_id;   //!< e.g. "after-sales"
    std::string department_name; //!< e.g. "售后服务部"
    std::string currency;        //!< the department's currency, preselected
    std::string token;           //!< the one-time form token
    FormValues values;           //!< what the customer entered (re-shown)
    FieldErrors errors;          //!< problems by field name
};

//! The currencies the select offers: the department's first, then the common
//! ones, without repeats.
std::vector<std::string> offered_currencies(const std::string& department_currency);

//! The whole HTML document. Works without JavaScript: a plain POST form with
//! the hidden token, language and honeypot fields.
std::string render_form(const FormPage& page);

} // namespace redress::web
