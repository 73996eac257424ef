// The per-client token bucket of the web form.
#include "rate_limiter.hpp"

#include <atomic>
#include <gtest/gtest.h>
#include <thread>
#include <vector>

using namespace redress::web;

TEST(WebRateLimiter, AllowsABurstOfPerMinuteThenRefusesWithRetryAfter) {
    RateLimiter limiter(10);
    for (int i = 0; i < 10; ++i)
        EXPECT_TRUE(limiter.take("203.0.113.7", 0).allowed) << i;
    auto refused = limiter.take("203.0.113.7", 0);
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.retry_after_s, 6); // one token every 6 s at 10 a minute
}

TEST(WebRateLimiter, RefillsContinuously) {
    RateLimiter limiter(10);
    for (int i = 0; i < 10; ++i)
        limiter.take("a", 0);
    EXPECT_FALSE(limiter.take("a", 5'999).allowed);
    EXPECT_EQ(limiter.take("a", 5'999).retry_after_s, 1);
    EXPECT_TRUE(limiter.take("a", 6'000).allowed);
    EXPECT_FALSE(limiter.take("a", 6'000).allowed);
    // A long pause refills to the burst and no further.
    for (int i = 0; i < 10; ++i)
        EXPECT_TRUE(limiter.take("a", 3'600'000).allowed) << i;
    EXPECT_FALSE(limiter.take("a", 3'600'000).allowed);
}

TEST(WebRateLimiter, ClientsHaveTheirOwnBuckets) {
    RateLimiter limiter(1);
    EXPECT_TRUE(limiter.take("a", 0).allowed);
    EXPECT_FALSE(limiter.take("a", 0).allowed);
    EXPECT_TRUE(limiter.take("b", 0).allowed);
}

TEST(WebRateLimiter, ZeroTurnsTheLimitOff) {
    RateLimiter limiter(0);
    for (int i = 0; i < 1000; ++i)
        ASSERT_TRUE(limiter.take("a", 0).allowed);
    EXPECT_EQ(limiter.tracked_clients(), 0u);
}

TEST(WebRateLimiter, AClockStepBackDoesNotDrainOrRefill) {
    RateLimiter limiter(2);
    EXPECT_TRUE(limiter.take("a", 100'000).allowed);
    EXPECT_TRUE(limiter.take("a", 50'000).allowed);
    EXPECT_FALSE(limiter.take("a", 50'000).allowed);
}

TEST(WebRateLimiter, KeepsAtMostMaxClientsDroppingOnlyFullBuckets) {
    RateLimiter limiter(6, 3); // one token every 10 s
    EXPECT_TRUE(limiter.take("a", 0).allowed);
    EXPECT_TRUE(limiter.take("b", 0).allowed);
    EXPECT_TRUE(limiter.take("c", 0).allowed);
    // Every bucket is in use: a fourth address waits rather than getting a
    // fresh burst that would let a flood of addresses through.
    auto refused = limiter.take("d", 1'000);
    EXPECT_FALSE(refused.allowed);
    EXPECT_GE(refused.retry_after_s, 1);
    EXPECT_EQ(limiter.tracked_clients(), 3u);
    // Ten seconds on, the buckets are full again, so they are dropped.
    EXPECT_TRUE(limiter.take("d", 10'000).allowed);
    EXPECT_EQ(limiter.tracked_clients(), 1u);
}

TEST(WebRateLimiter, IsThreadSafeAndNeverGrantsMoreThanTheBurst) {
    RateLimiter limiter(100);
    std::atomic<int> granted{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 50; ++i)
                if (limiter.take("shared", 0).allowed)
                    ++granted;
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(granted.load(), 100);
}
