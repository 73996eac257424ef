// Isolates a plugin that keeps failing, so a broken plugin costs the host
// neither its calls nor a log line per call.
//
// Closed (the normal state): every call goes through. After `threshold`
// consecutive faults the breaker opens: calls are skipped, and counted, for
// `backoff`. Then one trial call is let through; a success closes the breaker,
// a fault opens it for another back-off. Only faults count — a plugin that
// answers "invalid input" or "not found" is working. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

namespace redress::core {

class CircuitBreaker {
public:
    struct Settings {
        int threshold = 5;                         //!< consecutive faults that open it; >= 1
        std::chrono::milliseconds backoff{30'000}; //!< how long calls are skipped once open
    };
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    //! What an outcome changed, so the caller logs once per burst, not per call.
    enum class Change {
        None,         //!< nothing worth a log line (a repeated fault, a success)
        FirstFault,   //!< the first fault after a success
        Opened,       //!< threshold reached: calls are skipped from now on
        StillFailing, //!< a trial after the back-off failed: skipped again
        Closed,       //!< a call succeeded while open: calls go through again
    };

    //! What GET /plugins shows.
    struct State {
        bool open = false; //!< calls are being skipped (or one trial is running)
        int consecutive_faults = 0;
        std::uint64_t skipped = 0;             //!< calls not made because the breaker was open
        std::uint64_t opened = 0;              //!< how many times it opened
        std::string last_error;                //!< the last fault's message ("" if none yet)
        std::chrono::milliseconds retry_in{0}; //!< open: time until the next trial
    };

    explicit CircuitBreaker(Settings settings, Clock clock = &std::chrono::steady_clock::now);

    //! True: make the call, then report success() or fault(). False: skip it
    //! (counted); why_skipped() says why.
    bool admit();
    //! An admitted call succeeded, or answered with an error that is not a fault.
    Change success();
    //! An admitted call failed: the plugin or what it depends on is broken.
    Change fault(const std::string& message);

    State state() const;
    //! "not called: isolated after N consecutive failures (last: …); next try in Ns".
    std::string why_skipped() const;
    const Settings& settings() const noexcept { return settings_; }

private:
    Settings settings_;
    Clock clock_;
    // No fault since the last success: admit() and success() need no lock.
    // Races with a concurrent fault() only decide which of two simultaneous
    // outcomes counts first.
    std::atomic<bool> healthy_{true};
    mutable std::mutex mutex_;
    int consecutive_ = 0;
    bool open_ = false;
    bool trial_running_ = false;
    std::chrono::steady_clock::time_point retry_at_{};
    std::uint64_t skipped_ = 0, opened_ = 0;
    std::string last_error_;
};

} // namespace redress::core
