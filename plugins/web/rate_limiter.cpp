#include "rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace redress::web {

RateLimiter::RateLimiter(std::int64_t per_minute, std::size_t max_clients)
    : capacity_(static_cast<double>(std::max<std::int64_t>(per_minute, 0)))
    , per_ms_(capacity_ / 60'000.0)
    , max_clients_(std::max<std::size_t>(max_clients, 1)) {}

double RateLimiter::refilled(const Bucket& b, std::int64_t now_ms) const {
    // A clock that steps back refills nothing rather than draining the bucket.
    auto elapsed = static_cast<double>(std::max<std::int64_t>(now_ms - b.at_ms, 0));
    return std::min(capacity_, b.tokens + elapsed * per_ms_);
}

void RateLimiter::prune(std::int64_t now_ms) {
    for (auto it = buckets_.begin(); it != buckets_.end();)
        it = refilled(it->second, now_ms) >= capacity_ ? buckets_.erase(it) : std::next(it);
}

RateLimiter::Decision RateLimiter::take(std::string_view client, std::int64_t now_ms) {
    if (capacity_ <= 0)
        return {};
    std::lock_guard lock(mutex_);
    auto it = buckets_.find(client);
    if (it == buckets_.end()) {
        // Pruning walks every bucket; under a flood of new addresses do it at
        // most once a second, not once a request.
        if (buckets_.size() >= max_clients_ && (!pruned_ || now_ms - last_prune_ms_ >= 1000)) {
            prune(now_ms);
            pruned_ = true;
            last_prune_ms_ = now_ms;
        }
        if (buckets_.size() >= max_clients_) {
            // The soonest any kept bucket gains a token is when a new one could
            // be admitted; one token's refill time is an honest upper bound.
            auto wait = static_cast<std::int64_t>(std::ceil(1.0 / per_ms_ / 1000.0));
            return {false, std::max<std::int64_t>(wait, 1)};
        }
        it = buckets_.emplace(std::string(client), Bucket{capacity_, now_ms}).first;
    }
    Bucket& b = it->second;
    b.tokens = refilled(b, now_ms);
    b.at_ms = std::max(b.at_ms, now_ms);
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return {};
    }
    auto wait = static_cast<std::int64_t>(std::ceil((1.0 - b.tokens) / per_ms_ / 1000.0));
    return {false, std::max<std::int64_t>(wait, 1)};
}

std::size_t RateLimiter::tracked_clients() const {
    std::lock_guard lock(mutex_);
    return buckets_.size();
}

} // namespace redress::web
