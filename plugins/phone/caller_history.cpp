#include "caller_history.hpp"

#include "staff_intake/time_input.hpp"

namespace redress::phone {

bool finished(const std::string& status) {
    return status == "closed" || status == "rejected";
}

CallerHistory classify(std::vector<ComplaintSummary> summaries) {
    CallerHistory h;
    for (auto& s : summaries)
        (finished(s.status) ? h.history : h.open).push_back(std::move(s));
    return h;
}

Poco::JSON::Object::Ptr summary_json(const ComplaintSummary& s) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", s.tracking_number);
    o->set("department", s.department);
    o->set("channel", s.channel);
    o->set("status", s.status);
    o->set("category", s.category);
    o->set("cause", s.cause);
    o->set("owner", s.owner);
    o->set("received_at", intake::format_iso8601(s.received_at_ms));
    return o;
}

} // namespace redress::phone
