// The lease that lets one host at a time run a background job, on both
// backends: a second holder is refused while the first holds it, a released
// or dead holder's lease can be taken, and on PostgreSQL a holder whose
// connection was terminated has lost it (and knows).
#include "../support/test_database.hpp"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <chrono>
#include <csignal>
#include <gtest/gtest.h>
#include <redress/core/store/poll_lease.hpp>
#include <redress/core/store/store.hpp>
#include <thread>

using namespace redress::core;
using namespace redress::test;

namespace {

class PollLeaseTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        db_ = std::make_unique<TestDatabase>(GetParam());
        if (!db_->available())
            GTEST_SKIP() << "no PostgreSQL test cluster (run through ctest)";
        // A host opens its store before its leases; the database exists then.
        store_ = open_store(db_->url(), 2);
    }

    std::unique_ptr<TestDatabase> db_;
    std::unique_ptr<Store> store_;
};

// Retries try_acquire for up to 5 s: a terminated backend lets go of its
// locks when it has exited, a moment after pg_terminate_backend returns.
bool acquired_within_5s(PollLease& lease) {
    for (int i = 0; i < 50; ++i) {
        if (lease.try_acquire())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

} // namespace

TEST(PollLeaseKey, IsFnv1aOfTheNameAndNeverChanges) {
    // Hosts of different versions must agree on the key, so it is pinned.
    EXPECT_EQ(PollLeases::key("poll-email"), PollLeases::key("poll-email"));
    EXPECT_NE(PollLeases::key("poll-email"), PollLeases::key("poll-web"));
    // FNV-1a 64 of "redress/poll-email", as a signed bigint.
    EXPECT_EQ(PollLeases::key("poll-email"), std::int64_t{8440654283812787628LL});
}

TEST(PollLeaseName, OnlyLettersDigitsDashUnderscoreAndDot) {
    PollLeases leases("sqlite:///tmp/unused.db");
    EXPECT_THROW(leases.lease(""), std::invalid_argument);
    EXPECT_THROW(leases.lease("../etc/passwd"), std::invalid_argument);
    EXPECT_THROW(leases.lease("poll email"), std::invalid_argument);
    EXPECT_THROW(leases.lease(std::string(101, 'a')), std::invalid_argument);
    EXPECT_NO_THROW(leases.lease("poll-email_2.x"));
    EXPECT_THROW(PollLeases("mysql://x"), StoreError);
}

TEST_P(PollLeaseTest, ASecondHolderIsRefusedUntilTheFirstReleases) {
    PollLeases host_a(db_->url()), host_b(db_->url());
    auto a = host_a.lease("poll-email");
    auto b = host_b.lease("poll-email");
    ASSERT_TRUE(a->try_acquire());
    EXPECT_TRUE(a->try_acquire()) << "holding it already counts";
    EXPECT_TRUE(a->held());
    EXPECT_FALSE(b->try_acquire());
    EXPECT_FALSE(b->held());
    EXPECT_FALSE(b->release()) << "b never held it";

    EXPECT_TRUE(a->release());
    EXPECT_FALSE(a->held());
    ASSERT_TRUE(b->try_acquire());
    EXPECT_FALSE(a->try_acquire());
    EXPECT_TRUE(b->release());
    EXPECT_TRUE(a->try_acquire()) << "a released lease can be taken again";
}

TEST_P(PollLeaseTest, LeasesOfOtherNamesAreIndependent) {
    PollLeases host_a(db_->url()), host_b(db_->url());
    auto email = host_a.lease("poll-email");
    auto web = host_b.lease("poll-web");
    auto reports = host_b.lease("report-schedule");
    EXPECT_TRUE(email->try_acquire());
    EXPECT_TRUE(web->try_acquire());
    EXPECT_TRUE(reports->try_acquire());
}

TEST_P(PollLeaseTest, TwoLeasesOfOneNameExcludeEachOtherWithinOneProcess) {
    // On PostgreSQL they share one connection, where advisory locks are
    // re-entrant: the exclusion must not depend on the server there.
    PollLeases host(db_->url());
    auto first = host.lease("poll-email");
    auto second = host.lease("poll-email");
    ASSERT_TRUE(first->try_acquire());
    EXPECT_FALSE(second->try_acquire());
    EXPECT_TRUE(first->release());
    EXPECT_TRUE(second->try_acquire());
    EXPECT_FALSE(first->try_acquire());
}

TEST_P(PollLeaseTest, ALeaseDestroyedWhileHeldIsReleased) {
    PollLeases host_a(db_->url()), host_b(db_->url());
    auto b = host_b.lease("poll-email");
    {
        auto a = host_a.lease("poll-email");
        ASSERT_TRUE(a->try_acquire());
        EXPECT_FALSE(b->try_acquire());
    }
    EXPECT_TRUE(b->try_acquire());
}

TEST_P(PollLeaseTest, AHolderThatDiesLosesTheLeaseToTheOthers) {
    PollLeases host_a(db_->url()), host_b(db_->url());
    auto a = host_a.lease("poll-email");
    auto b = host_b.lease("poll-email");
    ASSERT_TRUE(a->try_acquire());
    ASSERT_FALSE(b->try_acquire());

    if (GetParam() == "postgresql") {
        // The lease connection killed on the server, as when a host dies or
        // its network does: the lock goes with it.
        auto admin = db_->raw_session();
        int terminated = 0;
        admin << "SELECT count(pg_terminate_backend(l.pid))::int FROM pg_locks l "
                 "JOIN pg_stat_activity a ON a.pid = l.pid "
                 "WHERE l.locktype = 'advisory' AND l.granted "
                 "AND a.application_name = 'redress-lease' AND a.datname = current_database()",
            Poco::Data::Keywords::into(terminated), Poco::Data::Keywords::now;
        ASSERT_EQ(terminated, 1) << "exactly the holder's connection";
        ASSERT_TRUE(acquired_within_5s(*b)) << "the dead connection's lock is free";
        EXPECT_FALSE(a->held()) << "a notices it has lost the lease";
        EXPECT_FALSE(a->release()) << "and says so when giving it back";
        EXPECT_FALSE(a->try_acquire()) << "a reconnects, but b holds it now";
        EXPECT_TRUE(b->release());
        EXPECT_TRUE(a->try_acquire()) << "a's new connection takes it";
    } else {
        // Another process holding the same file lock (flock(1)), killed.
        a->release();
        Poco::Pipe out;
        std::string lock_file = db_->url().substr(9) + ".poll-email.lock";
        // The shell opens the file, flock(1) locks that open file, and the
        // shell becomes sleep, which then holds the lock alone.
        Poco::ProcessHandle holder = Poco::Process::launch(
            "/bin/sh",
            {"-c", "exec 9>\"$0\"; flock --exclusive 9; echo locked; exec sleep 30", lock_file},
            nullptr, &out, nullptr);
        Poco::PipeInputStream in(out);
        std::string line;
        ASSERT_TRUE(std::getline(in, line));
        ASSERT_EQ(line, "locked");
        EXPECT_FALSE(b->try_acquire()) << "another process holds it";
        ::kill(holder.id(), SIGKILL);
        holder.wait();
        EXPECT_TRUE(acquired_within_5s(*b)) << "the OS released the dead process's lock";
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, PollLeaseTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });
