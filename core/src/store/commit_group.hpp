// Internal: group commit. Concurrent writers hand their work to a queue; one
// of them (the leader) runs a batch of queued work in one transaction and
// commits it once, so one disk flush acknowledges many requests. Every caller
// returns only after the transaction holding its work has committed.
//
// Why a leader among the callers and not a writer thread: no extra thread,
// no hand-off when the store is idle (a lone request commits at once, as
// before), and the batch grows by itself with the load — whatever queued
// while the previous commit was flushing goes into the next one.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace Poco::Data {
class Session;
}

namespace redress::core {

class CommitGroup {
public:
    //! One caller's part of a batch.
    struct Entry {
        std::function<void(Poco::Data::Session&)> work;
        //! A batch runs its entries sorted by this (stable): the rows each
        //! locks, in the order every batch locks them.
        std::string order;
        //! Set by the batch runner when this entry's own work failed (the
        //! others in the batch still commit), or when the whole batch failed.
        std::exception_ptr error;
        bool done = false;
    };
    //! Runs every entry's work in one transaction and commits it. A failing
    //! work is recorded in its entry and must not undo the others; an
    //! exception out of the runner fails every entry of the batch.
    using BatchRunner = std::function<void(const std::vector<Entry*>&)>;

    explicit CommitGroup(BatchRunner run_batch, std::size_t max_batch = 128);

    //! Queues work and returns once it is committed; rethrows its failure.
    //! order: see Entry::order.
    void run(std::function<void(Poco::Data::Session&)> work, std::string order = {});

    struct Stats {
        std::uint64_t batches = 0;
        std::uint64_t entries = 0;
        std::size_t largest_batch = 0;
    };
    Stats stats() const;
    //! Entries queued and not yet taken by a leader (for tests).
    std::size_t queued() const;

private:
    BatchRunner run_batch_;
    std::size_t max_batch_;
    mutable std::mutex mutex_;
    std::condition_variable finished_;
    std::deque<Entry*> queue_;
    bool leading_ = false;
    Stats stats_;
};

} // namespace redress::core
