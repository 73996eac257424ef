// Group commit's queue, without a database: who leads, what a batch holds,
// and how failures reach the callers. The batch runner here stands in for
// the store's transaction.
#include "../../core/src/store/commit_group.hpp"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <atomic>
#include <gtest/gtest.h>
#include <stdexcept>
#include <thread>

using redress::core::CommitGroup;

namespace {

// The work gets a real (in-memory) session, as the store's would.
Poco::Data::Session& session() {
    static bool registered = (Poco::Data::SQLite::Connector::registerConnector(), true);
    (void)registered;
    static Poco::Data::Session s("SQLite", ":memory:");
    return s;
}

// Runs each entry's work, recording a throwing one in its entry.
void run_each(const std::vector<CommitGroup::Entry*>& batch) {
    for (CommitGroup::Entry* e : batch) {
        try {
            e->work(session());
        } catch (...) {
            e->error = std::current_exception();
        }
    }
}

void wait_until_queued(const CommitGroup& group, std::size_t n) {
    while (group.queued() < n)
        std::this_thread::yield();
}

} // namespace

TEST(CommitGroup, ALoneCallerCommitsAtOnceInABatchOfOne) {
    std::vector<std::size_t> sizes;
    CommitGroup group([&](const auto& batch) {
        sizes.push_back(batch.size());
        run_each(batch);
    });
    int ran = 0;
    group.run([&](Poco::Data::Session&) { ++ran; });
    EXPECT_EQ(ran, 1);
    EXPECT_EQ(sizes, std::vector<std::size_t>{1});
    EXPECT_EQ(group.stats().batches, 1u);
}

TEST(CommitGroup, CallersQueuedDuringACommitShareTheNextOne) {
    std::vector<std::size_t> sizes;
    CommitGroup* self = nullptr;
    std::atomic<bool> leading{false};
    CommitGroup group([&](const auto& batch) {
        // The first commit is slow: everybody else queues behind it.
        if (sizes.empty()) {
            leading = true;
            wait_until_queued(*self, 7);
        }
        sizes.push_back(batch.size());
        run_each(batch);
    });
    self = &group;
    std::atomic<int> done{0};
    std::vector<std::thread> callers;
    callers.emplace_back([&] { group.run([&](Poco::Data::Session&) { ++done; }); });
    while (!leading)
        std::this_thread::yield(); // until the first caller leads its own batch
    for (int i = 0; i < 7; ++i)
        callers.emplace_back([&] { group.run([&](Poco::Data::Session&) { ++done; }); });
    for (auto& t : callers)
        t.join();
    EXPECT_EQ(done.load(), 8);
    EXPECT_EQ(sizes, (std::vector<std::size_t>{1, 7}));
    EXPECT_EQ(group.stats().entries, 8u);
    EXPECT_EQ(group.stats().largest_batch, 7u);
}

TEST(CommitGroup, ABatchNeverExceedsItsLimitAndEveryoneIsServedInOrder) {
    std::vector<std::vector<int>> batches;
    std::vector<int> order;
    CommitGroup* self = nullptr;
    std::atomic<bool> leading{false};
    CommitGroup group(
        [&](const auto& batch) {
            if (batches.empty()) {
                leading = true;
                wait_until_queued(*self, 5);
            }
            batches.emplace_back();
            for (auto* e : batch) {
                e->work(session());
                batches.back().push_back(order.back());
            }
        },
        2);
    self = &group;
    std::vector<std::thread> callers;
    callers.emplace_back([&] { group.run([&](Poco::Data::Session&) { order.push_back(0); }); });
    while (!leading)
        std::this_thread::yield();
    // Queued one at a time so their order is known.
    for (int i = 1; i <= 5; ++i) {
        callers.emplace_back(
            [&, i] { group.run([&, i](Poco::Data::Session&) { order.push_back(i); }); });
        if (i < 5) // at 5 the leader goes on and the queue starts to drain
            wait_until_queued(group, static_cast<std::size_t>(i));
    }
    for (auto& t : callers)
        t.join();
    EXPECT_EQ(batches, (std::vector<std::vector<int>>{{0}, {1, 2}, {3, 4}, {5}}));
    EXPECT_EQ(group.stats().largest_batch, 2u);
}

TEST(CommitGroup, AFailingWorkFailsOnlyItsCaller) {
    CommitGroup* self = nullptr;
    std::atomic<bool> first{true};
    CommitGroup group([&](const auto& batch) {
        if (first.exchange(false))
            wait_until_queued(*self, 2);
        run_each(batch);
    });
    self = &group;
    std::atomic<int> ok{0}, failed{0};
    auto call = [&](bool fail) {
        try {
            group.run([fail](Poco::Data::Session&) {
                if (fail)
                    throw std::runtime_error("this one is refused");
            });
            ++ok;
        } catch (const std::runtime_error& e) {
            EXPECT_STREQ(e.what(), "this one is refused");
            ++failed;
        }
    };
    std::thread leader(call, false);
    while (first)
        std::this_thread::yield();
    std::thread a(call, true), b(call, false);
    leader.join();
    a.join();
    b.join();
    EXPECT_EQ(ok.load(), 2);
    EXPECT_EQ(failed.load(), 1);
    EXPECT_EQ(group.stats().largest_batch, 2u);
}

TEST(CommitGroup, AFailedCommitFailsEveryCallerInTheBatch) {
    CommitGroup group([&](const auto& batch) {
        run_each(batch);
        throw std::runtime_error("disk I/O error at commit");
    });
    std::atomic<int> failed{0};
    std::vector<std::thread> callers;
    for (int i = 0; i < 4; ++i)
        callers.emplace_back([&] {
            try {
                group.run([](Poco::Data::Session&) {});
            } catch (const std::runtime_error& e) {
                EXPECT_STREQ(e.what(), "disk I/O error at commit");
                ++failed;
            }
        });
    for (auto& t : callers)
        t.join();
    EXPECT_EQ(failed.load(), 4);
    // The group is not stuck: the next caller leads again.
    EXPECT_THROW(group.run([](Poco::Data::Session&) {}), std::runtime_error);
}

TEST(CommitGroup, ABatchRunsItsEntriesInTheirLockOrder) {
    // Two batches that lock rows in one order cannot deadlock each other.
    std::vector<std::string> ran;
    CommitGroup* self = nullptr;
    std::atomic<bool> leading{false};
    CommitGroup group([&](const auto& batch) {
        if (!leading.exchange(true))
            wait_until_queued(*self, 4);
        for (auto* e : batch)
            e->work(session());
    });
    self = &group;
    auto call = [&](std::string order) {
        group.run([&ran, order](Poco::Data::Session&) { ran.push_back(order); }, order);
    };
    std::vector<std::thread> callers;
    callers.emplace_back(call, "first");
    while (!leading)
        std::this_thread::yield();
    for (const char* order : {"QC/2026", "AS/2026", "QC/2025", "AS/2026"})
        callers.emplace_back(call, order);
    for (auto& t : callers)
        t.join();
    EXPECT_EQ(ran, (std::vector<std::string>{"first", "AS/2026", "AS/2026", "QC/2025", "QC/2026"}));
}
