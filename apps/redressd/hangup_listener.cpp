#include "hangup_listener.hpp"

#include <csignal>
#include <ctime>
#include <pthread.h>

namespace redressd {

void block_hangups() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    // The stop signals too: every thread inherits this mask, so a SIGTERM that
    // arrives before the main thread waits for it (ServerApplication::
    // waitForTerminationRequest) stays pending instead of killing the process.
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGQUIT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

HangupListener::HangupListener(std::function<void()> on_hangup)
    : on_hangup_(std::move(on_hangup)) {
    thread_ = std::thread([this] {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGHUP);
        const timespec tick{0, 200'000'000}; // wakes to notice stopping_
        while (!stopping_) {
            if (sigtimedwait(&set, nullptr, &tick) == SIGHUP)
                try {
                    on_hangup_();
                } catch (...) {
                    // reload() reports its own failures; nothing may end this thread
                }
        }
    });
}

HangupListener::~HangupListener() {
    stopping_ = true;
    thread_.join();
}

} // namespace redressd
