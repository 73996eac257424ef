#include <Poco/JSON/Object.h>
#include <redress/core/service/complaint_service.hpp>
#include <sstream>

namespace redress::core {
namespace {

constexpr int max_transition_attempts = 5;

std::string json_string(const Poco::JSON::Object& o) {
    std::ostringstream s;
    o.stringify(s);
    return s.str();
}

} // namespace

ComplaintService::ComplaintService(Store& store, const Config& config, Clock clock)
    : store_(store)
    , config_(config)
    , clock_(std::move(clock)) {
    for (const auto& d : config_.departments)
        clocks_[d.id] = std::make_unique<BusinessClock>(d.calendar);
}

const BusinessClock& ComplaintService::clock_of(const std::string& department) const {
    auto it = clocks_.find(department);
    if (it == clocks_.end())
        throw ServiceError(ServiceError::Kind::Invalid, "invalid_field",
                           "no department \"" + department + "\"", "department");
    return *it->second;
}

Store::Created ComplaintService::submit(Complaint c, const Actor& actor,
                                        const Store::IdempotencyKey& key) {
    const Department* dept = config_.find_department(c.department);
    if (!dept) {
        std::string known;
        for (const auto& d : config_.departments)
            known += (known.empty() ? "" : ", ") + d.id;
        throw ServiceError(ServiceError::Kind::Invalid, "invalid_field",
                           "no department \"" + c.department + "\" (departments: " + known + ")",
                           "department");
    }
    if (!actor.may_act_on(c.department))
        throw ServiceError(ServiceError::Kind::Forbidden, "forbidden",
                           actor.name + " may not register complaints for department '" +
                               c.department + "'");
    if (c.loss && c.loss->currency != dept->currency)
        throw ServiceError(ServiceError::Kind::Invalid, "invalid_field",
                           "loss.currency must be the department's currency " + dept->currency,
                           "loss.currency");

    const BusinessClock& clock = clock_of(c.department);
    std::int64_t now = clock_();
    c.status = Status::Received;
    c.recorder = actor.name;
    c.received_at_ms = now;
    c.created_at_ms = c.updated_at_ms = now;
    // The SLA is timed from receipt, in the department's working time.
    c.first_response_due_ms = clock.add(now, dept->sla.first_response);
    c.resolution_due_ms = clock.add(now, dept->sla.resolution);

    Event created;
    created.at_ms = now;
    created.actor = actor.name;
    created.type = "created";
    created.to_status = "received";
    Poco::JSON::Object data;
    data.set("channel", c.channel);
    data.set("department", c.department);
    created.data_json = json_string(data);

    Store::Created result =
        store_.create(std::move(c), dept->prefix, clock.local_year(now), std::move(created), key);
    if (!result.created &&
        (result.stored_hash != key.hash || !actor.may_act_on(result.complaint.department)))
        // Says nothing about the earlier complaint: it may be another department's.
        throw ServiceError(ServiceError::Kind::Conflict, "idempotency_key_reused",
                           "Idempotency-Key \"" + key.key +
                               "\" was already used for another request",
                           "Idempotency-Key");
    return result;
}

Complaint ComplaintService::load_visible(const std::string& tracking_number, const Actor& actor) {
    auto c = store_.find(tracking_number);
    if (!c || !actor.may_act_on(c->department))
        throw ServiceError(ServiceError::Kind::NotFound, "not_found",
                           "no complaint " + tracking_number);
    return *c;
}

TransitionResult ComplaintService::transition(const std::string& tracking_number,
                                              const Actor& actor,
                                              const TransitionRequest& request) {
    for (int attempt = 0; attempt < max_transition_attempts; ++attempt) {
        Complaint current = load_visible(tracking_number, actor);
        const BusinessClock& clock = clock_of(current.department);
        TransitionContext ctx{config_, clock_(), [&clock](std::int64_t a, std::int64_t b) {
                                  return clock.same_local_day(a, b);
                              }};
        TransitionResult r;
        try {
            r = Lifecycle::apply(current, actor, request, ctx);
        } catch (const TransitionError& e) {
            auto kind = e.code() == "illegal_transition" ? ServiceError::Kind::Conflict
                        : e.code() == "forbidden"        ? ServiceError::Kind::Forbidden
                                                         : ServiceError::Kind::Invalid;
            throw ServiceError(kind, e.code(), e.what(), e.field());
        }
        // Optimistic: if someone changed it meanwhile, decide again on the new state.
        if (store_.update(r.complaint, current.version, r.event))
            return r;
    }
    throw ServiceError(ServiceError::Kind::Conflict, "concurrent_change",
                       "complaint " + tracking_number + " kept changing; try again");
}

Event ComplaintService::comment(const std::string& tracking_number, const Actor& actor,
                                const std::string& text) {
    Complaint c = load_visible(tracking_number, actor);
    Event e;
    e.complaint_id = c.id;
    e.at_ms = clock_();
    e.actor = actor.name;
    e.type = "comment";
    e.reason = text;
    return store_.append_event(e);
}

ComplaintWithTimeline ComplaintService::get(const std::string& tracking_number,
                                            const Actor& actor) {
    Complaint c = load_visible(tracking_number, actor);
    return {c, store_.events(c.id)};
}

ComplaintPage ComplaintService::list(ComplaintFilter filter, const Actor& actor) {
    bool all = std::find(actor.departments.begin(), actor.departments.end(), "*") !=
               actor.departments.end();
    if (filter.departments.empty()) {
        if (!all)
            filter.departments = actor.departments;
    } else {
        for (const auto& d : filter.departments)
            if (!actor.may_act_on(d))
                throw ServiceError(ServiceError::Kind::Forbidden, "forbidden",
                                   actor.name + " may not see department '" + d + "'",
                                   "department");
    }
    if (filter.overdue)
        filter.now_ms = clock_();
    return store_.list(filter);
}

int ComplaintService::sweep_breaches(int batch) {
    std::int64_t now = clock_();
    int recorded = 0;
    for (const Complaint& c : store_.unrecorded_breaches(now, batch)) {
        auto record = [&](const char* kind, std::int64_t due) {
            Event e;
            e.complaint_id = c.id;
            e.at_ms = now;
            e.actor = "sla";
            e.type = "sla_breach";
            Poco::JSON::Object data;
            data.set("kind", std::string(kind));
            data.set("due_ms", due);
            e.reason = std::string(kind == std::string("first_response") ? "first response"
                                                                         : "resolution") +
                       " was due and is late";
            e.data_json = json_string(data);
            if (store_.record_breach(c.id, kind, e))
                ++recorded;
        };
        bool fr_late = c.first_responded_at_ms
                           ? *c.first_responded_at_ms > c.first_response_due_ms
                           : (!is_finished(c.status) && now > c.first_response_due_ms);
        bool res_late = c.resolved_at_ms ? *c.resolved_at_ms > c.resolution_due_ms
                                         : (!is_finished(c.status) && now > c.resolution_due_ms);
        if (fr_late && !c.first_response_breached)
            record("first_response", c.first_response_due_ms);
        if (res_late && !c.resolution_breached)
            record("resolution", c.resolution_due_ms);
    }
    return recorded;
}

} // namespace redress::core
