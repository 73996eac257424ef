// The complaint procedure behind the API: intake (validate, number, time the
// SLA, persist), transitions through the lifecycle engine, comments, reads
// scoped to what the actor may see, and the SLA breach sweep.
//
// Every write is committed before the call returns. Thread-safe: the service
// holds no mutable state besides the store, which is thread-safe.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <redress/core/config/config.hpp>
#include <redress/core/lifecycle/lifecycle.hpp>
#include <redress/core/plugin/host_api.hpp>
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

class ComplaintService {
public:
    //! Throws std::invalid_argument if a department's calendar is unusable
    //! (config validation normally prevents that).
    ComplaintService(Store& store, const Config& config, Clock clock = system_clock());

    //! Registers a complaint. draft carries the registration form; department
    //! and channel must be set. The recorder is the actor. With an idempotency
    //! key seen before, returns the earlier complaint (created = false), or a
    //! Conflict if the key came with a different request_hash.
    Store::Created submit(Complaint draft, const Actor& actor, const Store::IdempotencyKey& key);

    //! Applies a lifecycle action; retries on a concurrent change.
    TransitionResult transition(const std::string& tracking_number, const Actor& actor,
                                const TransitionRequest& request);
    //! Appends a comment to the timeline.
    Event comment(const std::string& tracking_number, const Actor& actor, const std::string& text);

    //! A complaint and its timeline; NotFound also when the actor may not see it
    //! (so another department's tracking numbers are not disclosed).
    ComplaintWithTimeline get(const std::string& tracking_number, const Actor& actor);
    //! Lists complaints in the actor's departments (and the filter's, if any).
    ComplaintPage list(ComplaintFilter filter, const Actor& actor);

    //! Records every SLA breach due at now that is not yet recorded; returns how
    //! many were recorded by this call.
    int sweep_breaches(int batch = 500);

    const BusinessClock& clock_of(const std::string& department) const;
    std::int64_t now_ms() const { return clock_(); }
    const Config& config() const noexcept { return config_; }

private:
    Complaint load_visible(const std::string& tracking_number, const Actor& actor);

    Store& store_;
    const Config& config_;
    Clock clock_;
    std::map<std::string, std::unique_ptr<BusinessClock>> clocks_;
};

} // namespace redress::core
