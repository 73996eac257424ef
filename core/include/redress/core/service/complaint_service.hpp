// The complaint procedure behind the API: intake (validate, number, time the
// SLA, persist), transitions through the lifecycle engine, comments, reads
// scoped to what the actor may see, and the SLA breach sweep.
//
// Every write is committed before the call returns. Thread-safe: the service
// holds no mutable state besides the store, which is thread-safe.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <redress/core/config/config.hpp>
#include <redress/core/lifecycle/lifecycle.hpp>
#include <redress/core/plugin/host_api.hpp>
#include <redress/core/service/channel_switchboard.hpp>
#include <redress/core/service/service_error.hpp>
#include <redress/core/sla/business_clock.hpp>
#include <redress/core/store/store.hpp>
#include <string>
#include <vector>

namespace redress::core {

struct ComplaintWithTimeline {
    Complaint complaint;
    std::vector<Event> timeline;
};

//! How a complaint arrived, beyond its registration form.
struct SubmitOptions {
    //! Who wrote it down, when not the actor (a plugin acting for a form).
    std::optional<std::string> recorder;
    //! A JSON object the channel keeps with the complaint (call id,
    //! attachments…), stored in the "created" event's data as "channel_data".
    std::string channel_data_json;
};

//! One entry of submit_batch: the draft and how it arrived.
struct BatchDraft {
    Complaint complaint;
    Store::IdempotencyKey key;
    SubmitOptions options;
};

//! The outcome of one entry of submit_batch: created (or replayed), or an error.
struct BatchResult {
    std::optional<Store::Created> created;
    std::optional<ServiceError> error;
};

//! The config a request works with, and each department's business clock.
//! Immutable; a reload swaps in a new one while requests in flight finish
//! with the old.
struct ServiceSettings {
    Config config;
    std::map<std::string, std::shared_ptr<const BusinessClock>> clocks;
};

//! What else a transition commits besides the complaint and its event, decided
//! after the lifecycle allowed it and before it is stored (compensation adds
//! proposals, budget charges and tasks). plan() may adjust result (a required
//! level, the event's data) or refuse with ServiceError. It is called again on
//! every retry, so it must read what it needs afresh.
class TransitionEffects {
public:
    virtual ~TransitionEffects() = default;
    virtual UpdateEffects plan(const Complaint& before, TransitionResult& result,
                               const Actor& actor, const TransitionRequest& request,
                               const ServiceSettings& settings) = 0;
};

class ComplaintService {
public:
    //! Throws std::invalid_argument if a department's calendar is unusable
    //! (config validation normally prevents that). channels, if given, decides
    //! which channels each department takes; without it any channel is taken.
    ComplaintService(Store& store, const Config& config, Clock clock = system_clock(),
                     ChannelSwitchboard* channels = nullptr);

    //! Registers a complaint. draft carries the registration form; department
    //! and channel must be set. The recorder is the actor unless options say
    //! otherwise. With an idempotency key seen before, returns the earlier
    //! complaint (created = false), or a Conflict if the key came with a
    //! different request_hash. A channel the department has disabled is
    //! Forbidden with code "channel_disabled".
    Store::Created submit(Complaint draft, const Actor& actor, const Store::IdempotencyKey& key,
                          const SubmitOptions& options = {});
    //! Registers many complaints in one transaction; an invalid draft gets its
    //! error and the others are stored. dry_run validates only.
    std::vector<BatchResult> submit_batch(std::vector<BatchDraft> drafts, const Actor& actor,
                                          bool dry_run);

    //! Applies a lifecycle action; retries on a concurrent change. Resolving a
    //! complaint puts its follow-up call on the queue in the same transaction.
    TransitionResult transition(const std::string& tracking_number, const Actor& actor,
                                const TransitionRequest& request);
    //! Appends a comment to the timeline; with a ref, at most once per ref
    //! (second = false when it was already there).
    std::pair<Event, bool> comment(const std::string& tracking_number, const Actor& actor,
                                   const std::string& text, const std::string& ref = {},
                                   const std::string& data_json = "{}");
    //! A complaint and its timeline; NotFound also when the actor may not see it
    //! (so another department's tracking numbers are not disclosed).
    ComplaintWithTimeline get(const std::string& tracking_number, const Actor& actor);
    //! Lists complaints in the actor's departments (and the filter's, if any);
    //! a filter department the actor may not act on is Forbidden.
    ComplaintPage list(ComplaintFilter filter, const Actor& actor);
    //! Counts what list() would select across all its pages, by status and
    //! overdue as of now (as_of_ms); the same department scope as list().
    //! Ignores the filter's status, overdue, order and paging.
    ComplaintCounts counts(ComplaintFilter filter, const Actor& actor);
    //! Records every SLA breach due at now that is not yet recorded; returns how
    //! many were recorded by this call.
    int sweep_breaches(int batch = 500);

    //! The settings in force; hold the pointer for the length of a request.
    std::shared_ptr<const ServiceSettings> settings() const;
    //! Swaps in a new config (departments, SLA, calendars); requests in flight
    //! keep the old. Throws std::invalid_argument for an unusable calendar.
    //! before_swap runs once the new settings are built and before they are
    //! installed; if it throws, nothing changes.
    void reconfigure(const Config& config, const std::function<void()>& before_swap = {});

    //! Installs the effects of transitions (null: none). Set before serving.
    void set_effects(TransitionEffects* effects) noexcept { effects_ = effects; }

    //! Classifies a new complaint's request against the service-commitment
    //! catalog on its local date ("YYYY-MM-DD"); the verdict is stored with the
    //! complaint and its "created" event. Must not throw. Set before serving.
    using Classifier = std::function<std::optional<CatalogVerdict>(const Complaint&,
                                                                   const std::string& local_date)>;
    void set_classifier(Classifier classifier) { classifier_ = std::move(classifier); }

    //! The business clock of a department under settings; Invalid if unknown.
    static const BusinessClock& clock_of(const ServiceSettings& s, const std::string& department);

    std::int64_t now_ms() const { return clock_(); }
    Store& store() noexcept { return store_; }
    ChannelSwitchboard* channels() noexcept { return channels_; }
    //! The complaint, if the actor may see it; NotFound otherwise.
    Complaint load_visible(const std::string& tracking_number, const Actor& actor);

private:
    // Limits filter to the actor's departments; Forbidden for a filter
    // department the actor may not act on. False: the actor sees nothing.
    static bool scope(ComplaintFilter& filter, const Actor& actor);
    // Validates a draft and fills in its SLA; throws ServiceError.
    Store::NewComplaint prepare(Complaint c, const Actor& actor, const Store::IdempotencyKey& key,
                                const SubmitOptions& options, const ServiceSettings& settings);

    Store& store_;
    Clock clock_;
    ChannelSwitchboard* channels_;
    TransitionEffects* effects_ = nullptr;
    Classifier classifier_;
    mutable std::mutex settings_mutex_;
    std::shared_ptr<const ServiceSettings> settings_;
};

} // namespace redress::core
