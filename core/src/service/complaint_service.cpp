#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
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

namespace {

std::shared_ptr<const ServiceSettings> make_settings(const Config& config) {
    auto s = std::make_shared<ServiceSettings>();
    s->config = config;
    for (const auto& d : config.departments)
        s->clocks[d.id] = std::make_shared<BusinessClock>(d.calendar);
    return s;
}

} // namespace

ComplaintService::ComplaintService(Store& store, const Config& config, Clock clock,
                                   ChannelSwitchboard* channels)
    : store_(store)
    , clock_(std::move(clock))
    , channels_(channels)
    , settings_(make_settings(config)) {}

std::shared_ptr<const ServiceSettings> ComplaintService::settings() const {
    std::lock_guard lock(settings_mutex_);
    return settings_;
}

void ComplaintService::reconfigure(const Config& config, const std::function<void()>& before_swap) {
    auto next = make_settings(config);
    if (before_swap)
        before_swap();
    std::lock_guard lock(settings_mutex_);
    settings_ = std::move(next);
}

const BusinessClock& ComplaintService::clock_of(const ServiceSettings& s,
                                                const std::string& department) {
    auto it = s.clocks.find(department);
    if (it == s.clocks.end())
        throw ServiceError(ServiceError::Kind::Invalid, "invalid_field",
                           "no department \"" + department + "\"", "department");
    return *it->second;
}

Store::NewComplaint ComplaintService::prepare(Complaint c, const Actor& actor,
                                              const Store::IdempotencyKey& key,
                                              const SubmitOptions& options,
                                              const ServiceSettings& settings) {
    const Department* dept = settings.config.find_department(c.department);
    if (!dept) {
        std::string known;
        for (const auto& d : settings.config.departments)
            known += (known.empty() ? "" : ", ") + d.id;
        throw ServiceError(ServiceError::Kind::Invalid, "invalid_field",
                           "no department \"" + c.department + "\" (departments: " + known + ")",
                           "department");
    }
    if (!actor.may_act_on(c.department))
        throw ServiceError(ServiceError::Kind::Forbidden, "forbidden",
                           actor.name + " may not register complaints for department '" +
                               c.department + "'");
    if (channels_ && !channels_->enabled(*dept, c.channel))
        throw ServiceError(ServiceError::Kind::Forbidden, "channel_disabled",
                           "department '" + c.department +
                               "' does not take complaints on channel '" + c.channel + "'" +
                               (channels_->known(c.channel) ? " (disabled)" : " (no such channel)"),
                           "channel");
    if (c.loss && c.loss->currency != dept->currency)
        throw ServiceError(ServiceError::Kind::Invalid, "invalid_field",
                           "loss.currency must be the department's currency " + dept->currency,
                           "loss.currency");

    const BusinessClock& clock = clock_of(settings, c.department);
    std::int64_t now = clock_();
    c.status = Status::Received;
    c.recorder = options.recorder.value_or(actor.name);
    c.received_at_ms = now;
    c.created_at_ms = c.updated_at_ms = now;
    // The SLA is timed from receipt, in the department's working time.
    c.first_response_due_ms = clock.add(now, dept->sla.first_response);
    c.resolution_due_ms = clock.add(now, dept->sla.resolution);
    if (classifier_)
        c.catalog = classifier_(c, clock.local_text(now).substr(0, 10));

    Event created;
    created.at_ms = now;
    created.actor = actor.name;
    created.type = "created";
    created.to_status = "received";
    Poco::JSON::Object data;
    data.set("channel", c.channel);
    data.set("department", c.department);
    if (!options.channel_data_json.empty())
        data.set("channel_data", Poco::JSON::Parser().parse(options.channel_data_json));
    if (c.catalog) {
        Poco::JSON::Object catalog;
        catalog.set("verdict", c.catalog->verdict);
        catalog.set("entry", c.catalog->entry);
        catalog.set("version", c.catalog->version);
        data.set("catalog", catalog);
    }
    created.data_json = json_string(data);
    int year = clock.local_year(now);
    return {std::move(c), dept->prefix, year, std::move(created), key};
}

Store::Created ComplaintService::submit(Complaint c, const Actor& actor,
                                        const Store::IdempotencyKey& key,
                                        const SubmitOptions& options) {
    auto settings = this->settings();
    Store::NewComplaint n = prepare(std::move(c), actor, key, options, *settings);
    Store::Created result =
        store_.create(std::move(n.complaint), n.prefix, n.year, std::move(n.created_event), key);
    if (!result.created &&
        (result.stored_hash != key.hash || !actor.may_act_on(result.complaint.department)))
        // Says nothing about the earlier complaint: it may be another department's.
        throw ServiceError(ServiceError::Kind::Conflict, "idempotency_key_reused",
                           "Idempotency-Key \"" + key.key +
                               "\" was already used for another request",
                           "Idempotency-Key");
    return result;
}

std::vector<BatchResult> ComplaintService::submit_batch(std::vector<BatchDraft> drafts,
                                                        const Actor& actor, bool dry_run) {
    auto settings = this->settings();
    std::vector<BatchResult> results(drafts.size());
    std::vector<Store::NewComplaint> valid;
    std::vector<std::size_t> positions;
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        try {
            valid.push_back(prepare(std::move(drafts[i].complaint), actor, drafts[i].key,
                                    drafts[i].options, *settings));
            positions.push_back(i);
        } catch (const ServiceError& e) {
            results[i].error = e;
        }
    }
    if (dry_run) {
        for (std::size_t k = 0; k < valid.size(); ++k)
            results[positions[k]].created =
                Store::Created{std::move(valid[k].complaint), false, {}};
        return results;
    }
    std::vector<std::string> hashes;
    for (const auto& n : valid)
        hashes.push_back(n.idempotency.hash);
    auto stored = store_.create_batch(std::move(valid));
    for (std::size_t k = 0; k < stored.size(); ++k) {
        auto& r = results[positions[k]];
        if (!stored[k].created && (stored[k].stored_hash != hashes[k] ||
                                   !actor.may_act_on(stored[k].complaint.department)))
            r.error = ServiceError(ServiceError::Kind::Conflict, "idempotency_key_reused",
                                   "the key was already used for another request", "ref");
        else
            r.created = std::move(stored[k]);
    }
    return results;
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
        auto settings = this->settings();
        const BusinessClock& clock = clock_of(*settings, current.department);
        TransitionContext ctx{settings->config, clock_(), [&clock](std::int64_t a, std::int64_t b) {
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
        UpdateEffects effects;
        if (effects_)
            effects = effects_->plan(current, r, actor, request, *settings);
        if (r.complaint.status == Status::Resolved && current.status != Status::Resolved) {
            // The handbook closes a complaint only after a follow-up call (回访).
            Callback follow_up;
            follow_up.complaint_id = r.complaint.id;
            follow_up.department = r.complaint.department;
            follow_up.due_at_ms = r.event.at_ms;
            follow_up.assignee = r.complaint.owner;
            follow_up.reason = "follow-up call after resolution";
            follow_up.created_by = actor.name;
            follow_up.created_at_ms = r.event.at_ms;
            effects.schedule = follow_up;
        }
        // Optimistic: if someone changed the complaint, its proposal, a task or
        // the budget meanwhile, decide again on the new state.
        if (store_.update(r.complaint, current.version, r.event, effects) == UpdateOutcome::Applied)
            return r;
    }
    throw ServiceError(ServiceError::Kind::Conflict, "concurrent_change",
                       "complaint " + tracking_number + " kept changing; try again");
}

std::pair<Event, bool> ComplaintService::comment(const std::string& tracking_number,
                                                 const Actor& actor, const std::string& text,
                                                 const std::string& ref,
                                                 const std::string& data_json) {
    Complaint c = load_visible(tracking_number, actor);
    Event e;
    e.complaint_id = c.id;
    e.at_ms = clock_();
    e.actor = actor.name;
    e.type = "comment";
    e.reason = text;
    e.data_json = data_json;
    return store_.append_event_once(e, ref);
}

ComplaintWithTimeline ComplaintService::get(const std::string& tracking_number,
                                            const Actor& actor) {
    Complaint c = load_visible(tracking_number, actor);
    return {c, store_.events(c.id)};
}

bool ComplaintService::scope(ComplaintFilter& filter, const Actor& actor) {
    bool all = std::find(actor.departments.begin(), actor.departments.end(), "*") !=
               actor.departments.end();
    for (const auto& d : filter.departments)
        if (!actor.may_act_on(d))
            throw ServiceError(ServiceError::Kind::Forbidden, "forbidden",
                               actor.name + " may not see department '" + d + "'", "department");
    if (filter.departments.empty() && !all)
        filter.departments = actor.departments;
    // A token with no department at all sees nothing (an empty list would not filter).
    return all || !filter.departments.empty();
}

ComplaintPage ComplaintService::list(ComplaintFilter filter, const Actor& actor) {
    if (!scope(filter, actor))
        return {};
    if (filter.overdue)
        filter.now_ms = clock_();
    return store_.list(filter);
}

ComplaintCounts ComplaintService::counts(ComplaintFilter filter, const Actor& actor) {
    filter.now_ms = clock_();
    if (!scope(filter, actor)) {
        ComplaintCounts none;
        none.as_of_ms = filter.now_ms;
        for (Status s : all_statuses())
            none.by_status.emplace_back(s, 0);
        return none;
    }
    return store_.count(filter);
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
