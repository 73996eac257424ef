// Gives every intake plugin its background turn: calls poll() on each, one
// after the other, every interval, from one thread, until stopped. A failing
// poll is counted and logged by the instance and the others go on; a plugin
// decides itself how much to do per turn (the e-mail channel fetches only when
// its own interval has passed).
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <redress/core/plugin/plugin_instance.hpp>
#include <thread>
#include <vector>

namespace redress::core {

class PluginPoller {
public:
    PluginPoller(std::vector<std::shared_ptr<PluginInstance>> intake,
                 std::chrono::milliseconds interval);
    //! Stops and joins; a poll in progress finishes first.
    ~PluginPoller();
    PluginPoller(const PluginPoller&) = delete;
    PluginPoller& operator=(const PluginPoller&) = delete;

private:
    void run();

    std::vector<std::shared_ptr<PluginInstance>> intake_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace redress::core
