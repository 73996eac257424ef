// How a complaint is shown to people: its registration form, its SLA and
// proposal, and its timeline as a table.
#pragma once

#include <Poco/JSON/Object.h>
#include <ostream>

namespace redress::cli {

//! Prints the complaint (the API's Complaint object): the registration
//! form, SLA, proposal and the actions allowed next.
void print_complaint_form(std::ostream& out, const Poco::JSON::Object::Ptr& complaint);

//! Prints the "timeline" array of a complaint as a table: time, actor,
//! event, from → to, reason (a comment's text for comments).
void print_timeline(std::ostream& out, const Poco::JSON::Object::Ptr& complaint);

} // namespace redress::cli
