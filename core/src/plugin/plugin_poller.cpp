#include <redress/core/plugin/plugin_poller.hpp>

namespace redress::core {

PluginPoller::PluginPoller(std::vector<std::shared_ptr<PluginInstance>> intake,
                           std::chrono::milliseconds interval)
    : intake_(std::move(intake))
    , interval_(interval) {
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

void PluginPoller::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        for (const auto& plugin : intake_) {
            try {
                plugin->poll();
            } catch (const std::exception&) {
                // Counted and logged by the instance; the next turn tries again.
            }
        }
        lock.lock();
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
}

} // namespace redress::core
