// Calls a function on every SIGHUP until destroyed. block_hangups() must run
// in the main thread before any other thread starts, so that SIGHUP (whose
// default action ends the process) reaches only this listener's sigwait; it
// also holds SIGTERM, SIGINT and SIGQUIT for the main thread's wait.
#pragma once

#include <atomic>
#include <functional>
#include <thread>

namespace redressd {

void block_hangups();

class HangupListener {
public:
    explicit HangupListener(std::function<void()> on_hangup);
    ~HangupListener();
    HangupListener(const HangupListener&) = delete;
    HangupListener& operator=(const HangupListener&) = delete;

private:
    std::function<void()> on_hangup_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

} // namespace redressd
