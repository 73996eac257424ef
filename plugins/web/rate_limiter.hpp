// A token bucket per client address, in memory, for the public form's POSTs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace redress::web {

//! Each client starts with a full bucket of per_minute tokens (the burst) that
//! refills continuously at per_minute a minute; a request takes one token or
//! is refused with the time until the next one. Thread-safe.
//!
//! Memory is bounded: at most max_clients buckets are kept. When that many
//! exist, buckets that have refilled completely (indistinguishable from a new
//! client) are dropped; if every bucket is still in use — many addresses
//! hammering the form at once — a new address is refused until some refill,
//! rather than given a fresh burst that would defeat the limit.
class RateLimiter {
public:
    //! per_minute == 0 disables limiting (every take() is allowed).
    explicit RateLimiter(std::int64_t per_minute, std::size_t max_clients = 100'000);

    struct Decision {
        bool allowed = true;
        //! When refused: whole seconds until a token is available (>= 1),
        //! the value of a Retry-After header.
        std::int64_t retry_after_s = 0;
    };

    //! Takes a token for client at now_ms (a monotonic clock in milliseconds;
    //! the caller's, so tests can drive time).
    Decision take(std::string_view client, std::int64_t now_ms);

    //! Buckets currently kept.
    std::size_t tracked_clients() const;

private:
    struct Bucket {
        double tokens;
        std::int64_t at_ms;
    };
    double refilled(const Bucket& b, std::int64_t now_ms) const;
    void prune(std::int64_t now_ms);

    double capacity_;
    double per_ms_;
    std::size_t max_clients_;
    std::int64_t last_prune_ms_ = 0;
    bool pruned_ = false;
    mutable std::mutex mutex_;
    std::map<std::string, Bucket, std::less<>> buckets_;
};

} // namespace redress::web
