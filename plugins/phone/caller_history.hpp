// redress/phone/caller_history.hpp — what an agent sees when a call comes
// in: the caller's complaints split into open ones and history, and whether
// the caller has complained before (a repeat complainant is handled with
// more care, and by whoever already knows the case).
#pragma once

#include <Poco/JSON/Object.h>
#include <cstdint>
#include <string>
#include <vector>

namespace redress::phone {

//! One complaint as complaint.find summarises it.
struct ComplaintSummary {
    std::string tracking_number, department, channel, status, category, cause, owner;
    std::int64_t received_at_ms = 0;
};

struct CallerHistory {
    std::vector<ComplaintSummary> open;    //!< not yet closed or rejected, newest first
    std::vector<ComplaintSummary> history; //!< closed or rejected, newest first
    //! True when the caller has at least one complaint on record.
    bool repeat_complainant() const { return !open.empty() || !history.empty(); }
};

//! True for the statuses a complaint ends in (closed, rejected).
bool finished(const std::string& status);

//! Splits summaries (newest first, as the host returns them), keeping the order.
CallerHistory classify(std::vector<ComplaintSummary> summaries);

//! {id, department, channel, status, category, cause, owner, received_at}.
Poco::JSON::Object::Ptr summary_json(const ComplaintSummary& s);

} // namespace redress::phone
