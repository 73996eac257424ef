// The circuit breaker that isolates a failing plugin, on a clock the test moves.
#include <gtest/gtest.h>
#include <redress/core/plugin/circuit_breaker.hpp>

using redress::core::CircuitBreaker;
using Change = CircuitBreaker::Change;
using namespace std::chrono_literals;

namespace {

struct FakeClock {
    std::chrono::steady_clock::time_point now{};
    CircuitBreaker::Clock fn() {
        return [this] {
            return now;
        };
    }
};

} // namespace

TEST(CircuitBreaker, OpensAfterThresholdConsecutiveFaultsAndSkipsUntilTheBackoffEnds) {
    FakeClock clock;
    CircuitBreaker b({3, 10s}, clock.fn());
    ASSERT_TRUE(b.admit());
    EXPECT_EQ(b.fault("a"), Change::FirstFault);
    ASSERT_TRUE(b.admit());
    EXPECT_EQ(b.fault("b"), Change::None);
    ASSERT_TRUE(b.admit());
    EXPECT_EQ(b.fault("c"), Change::Opened);
    EXPECT_FALSE(b.admit());
    clock.now += 9s;
    EXPECT_FALSE(b.admit());
    auto s = b.state();
    EXPECT_TRUE(s.open);
    EXPECT_EQ(s.consecutive_faults, 3);
    EXPECT_EQ(s.skipped, 2u);
    EXPECT_EQ(s.last_error, "c");
    EXPECT_EQ(s.retry_in, 1s);
    EXPECT_EQ(b.why_skipped(),
              "not called: isolated after 3 consecutive failures (last: c); next try in 1s");
}

TEST(CircuitBreaker, AfterTheBackoffOneTrialGoesThroughAndItsFailureReopens) {
    FakeClock clock;
    CircuitBreaker b({1, 10s}, clock.fn());
    ASSERT_TRUE(b.admit());
    EXPECT_EQ(b.fault("down"), Change::Opened);
    clock.now += 10s;
    ASSERT_TRUE(b.admit());  // the trial
    EXPECT_FALSE(b.admit()); // only one at a time
    EXPECT_EQ(b.fault("still down"), Change::StillFailing);
    EXPECT_FALSE(b.admit());
    clock.now += 10s;
    ASSERT_TRUE(b.admit());
    EXPECT_EQ(b.success(), Change::Closed);
    EXPECT_FALSE(b.state().open);
    EXPECT_EQ(b.state().consecutive_faults, 0);
    EXPECT_EQ(b.state().opened, 1u);
    EXPECT_TRUE(b.admit());
}

TEST(CircuitBreaker, ASuccessBetweenFaultsStartsTheCountAgain) {
    FakeClock clock;
    CircuitBreaker b({2, 10s}, clock.fn());
    EXPECT_EQ(b.fault("a"), Change::FirstFault);
    EXPECT_EQ(b.success(), Change::None); // it was never isolated
    EXPECT_EQ(b.fault("b"), Change::FirstFault);
    EXPECT_FALSE(b.state().open);
}
