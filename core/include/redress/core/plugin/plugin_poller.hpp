// Gives every intake plugin its background turn: calls poll() on each, one
// after the other, every interval, from one thread, until stopped. A failing
// poll is counted and logged by the instance and the others go on; a plugin
// decides itself how much to do per turn (the e-mail channel fetches only when
// its own interval has passed).
//
// With leases (several hosts on one database), a plugin's turn is taken only
// under its lease "poll-<plugin>" (PollLeases), held for the poll and released
// after it, so no two hosts poll the same channel at the same time (one
// mailbox is never fetched by two hosts at once). A host that does not get the
// lease skips that plugin's turn and says so through on_skipped.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <redress/core/plugin/plugin_instance.hpp>
#include <redress/core/store/poll_lease.hpp>
#include <string>
#include <thread>
#include <vector>

namespace Poco {
class Logger;
}

namespace redress::core {

//! How a host takes turns with the others; empty: it polls alone.
struct PollCoordination {
    //! Where the leases come from; null: poll without one (a single host).
    PollLeases* leases = nullptr;
    //! Called with the plugin's name when its turn was skipped because another
    //! host held the lease or the lease could not be asked for.
    std::function<void(const std::string& plugin)> on_skipped;
    //! Lease failures and leases lost during a poll are logged here (if set).
    Poco::Logger* logger = nullptr;
};

class PluginPoller {
public:
    //! Starts polling at once (when there is an intake plugin). Throws
    //! StoreError/std::invalid_argument only if a lease cannot be made.
    PluginPoller(std::vector<std::shared_ptr<PluginInstance>> intake,
                 std::chrono::milliseconds interval, PollCoordination coordination = {});
    //! Stops and joins; a poll in progress finishes first (and its lease is released).
    ~PluginPoller();
    PluginPoller(const PluginPoller&) = delete;
    PluginPoller& operator=(const PluginPoller&) = delete;

    //! The lease name of a plugin's poll: "poll-<plugin>", other characters
    //! than letters, digits, '-', '_' and '.' replaced by '_'.
    static std::string lease_name(const std::string& plugin);

private:
    void run();
    // One plugin's turn: its lease (if any), its poll, the release.
    void turn(std::size_t i);

    std::vector<std::shared_ptr<PluginInstance>> intake_;
    std::chrono::milliseconds interval_;
    PollCoordination coordination_;
    std::vector<std::unique_ptr<PollLease>> leases_; // parallel to intake_; empty without leases
    std::vector<bool> lease_failing_; // so a dead database is logged once, not per turn
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace redress::core
