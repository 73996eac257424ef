#include <Poco/Logger.h>
#include <redress/core/plugin/plugin_poller.hpp>
#include <redress/core/store/store.hpp>

namespace redress::core {

PluginPoller::PluginPoller(std::vector<std::shared_ptr<PluginInstance>> intake,
                           std::chrono::milliseconds interval, PollCoordination coordination)
    : intake_(std::move(intake))
    , interval_(interval)
    , coordination_(std::move(coordination)) {
    if (coordination_.leases) {
        for (const auto& plugin : intake_)
            leases_.push_back(coordination_.leases->lease(lease_name(plugin->name())));
        lease_failing_.assign(intake_.size(), false);
    }
    if (!intake_.empty())
        thread_ = std::thread([this] { run(); });
}

PluginPoller::~PluginPoller() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable())
        thread_.join();
}

std::string PluginPoller::lease_name(const std::string& plugin) {
    std::string name = "poll-" + plugin;
    for (char& c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            c = '_';
    return name.substr(0, 100);
}

void PluginPoller::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        for (std::size_t i = 0; i < intake_.size(); ++i)
            turn(i);
        lock.lock();
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
}

void PluginPoller::turn(std::size_t i) {
    const auto& plugin = intake_[i];
    PollLease* lease = leases_.empty() ? nullptr : leases_[i].get();
    Poco::Logger* log = coordination_.logger;
    if (lease) {
        bool got = false;
        try {
            got = lease->try_acquire();
            if (lease_failing_[i] && log)
                log->notice("lease %s can be asked for again", lease->name());
            lease_failing_[i] = false;
        } catch (const StoreError& e) {
            // Without the lease no host may be sure it polls alone, so the
            // turn is skipped until the database answers again.
            if (!lease_failing_[i] && log)
                log->error("poll of %s skipped until its lease can be taken: %s", plugin->name(),
                           std::string(e.what()));
            lease_failing_[i] = true;
        }
        if (!got) {
            if (coordination_.on_skipped)
                coordination_.on_skipped(plugin->name());
            return;
        }
    }
    try {
        plugin->poll();
    } catch (const std::exception&) {
        // Counted and logged by the instance; the next turn tries again.
    }
    if (lease && !lease->release() && log)
        log->warning("lease %s was lost during the poll of %s (its database connection "
                     "ended): another host may have polled it at the same time",
                     lease->name(), plugin->name());
}

} // namespace redress::core
