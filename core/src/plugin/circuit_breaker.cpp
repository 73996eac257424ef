#include <algorithm>
#include <redress/core/plugin/circuit_breaker.hpp>

namespace redress::core {

CircuitBreaker::CircuitBreaker(Settings settings, Clock clock)
    : settings_(settings)
    , clock_(std::move(clock)) {
    settings_.threshold = std::max(1, settings_.threshold);
}

bool CircuitBreaker::admit() {
    if (healthy_.load(std::memory_order_relaxed))
        return true; // the common case costs no lock: a plugin call is ~50 ns
    std::lock_guard lock(mutex_);
    if (!open_)
        return true;
    // One trial at a time once the back-off is over: a plugin that hangs
    // must not get every waiting caller at once.
    if (!trial_running_ && clock_() >= retry_at_) {
        trial_running_ = true;
        return true;
    }
    ++skipped_;
    return false;
}

CircuitBreaker::Change CircuitBreaker::success() {
    if (healthy_.load(std::memory_order_relaxed))
        return Change::None;
    std::lock_guard lock(mutex_);
    bool was_open = open_;
    consecutive_ = 0;
    open_ = false;
    trial_running_ = false;
    healthy_.store(true, std::memory_order_relaxed);
    return was_open ? Change::Closed : Change::None;
}

CircuitBreaker::Change CircuitBreaker::fault(const std::string& message) {
    std::lock_guard lock(mutex_);
    healthy_.store(false, std::memory_order_relaxed);
    last_error_ = message;
    ++consecutive_;
    if (open_) { // the trial failed
        trial_running_ = false;
        retry_at_ = clock_() + settings_.backoff;
        return Change::StillFailing;
    }
    if (consecutive_ >= settings_.threshold) {
        open_ = true;
        ++opened_;
        retry_at_ = clock_() + settings_.backoff;
        return Change::Opened;
    }
    return consecutive_ == 1 ? Change::FirstFault : Change::None;
}

CircuitBreaker::State CircuitBreaker::state() const {
    std::lock_guard lock(mutex_);
    State s;
    s.open = open_;
    s.consecutive_faults = consecutive_;
    s.skipped = skipped_;
    s.opened = opened_;
    s.last_error = last_error_;
    if (open_)
        s.retry_in =
            std::max(std::chrono::milliseconds(0),
                     std::chrono::duration_cast<std::chrono::milliseconds>(retry_at_ - clock_()));
    return s;
}

std::string CircuitBreaker::why_skipped() const {
    State s = state();
    return "not called: isolated after " + std::to_string(s.consecutive_faults) +
           " consecutive failures (last: " + s.last_error + "); next try in " +
           std::to_string((s.retry_in.count() + 999) / 1000) + "s";
}

} // namespace redress::core
