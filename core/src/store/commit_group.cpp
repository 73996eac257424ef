#include "commit_group.hpp"

#include <algorithm>

namespace redress::core {

CommitGroup::CommitGroup(BatchRunner run_batch, std::size_t max_batch)
    : run_batch_(std::move(run_batch))
    , max_batch_(std::max<std::size_t>(1, max_batch)) {}

void CommitGroup::run(std::function<void(Poco::Data::Session&)> work, std::string order) {
    Entry entry{std::move(work), std::move(order), nullptr, false};
    std::unique_lock lock(mutex_);
    queue_.push_back(&entry);
    while (!entry.done) {
        if (leading_) {
            finished_.wait(lock);
            continue;
        }
        // Nobody is committing: lead the next batch (ours, or older entries
        // first when more than max_batch are waiting).
        std::size_t n = std::min(queue_.size(), max_batch_);
        std::vector<Entry*> batch(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
        queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
        leading_ = true; // only now: nothing above may leave it set if it throws
        lock.unlock();
        // Every batch takes its rows' locks in one order, so two batches (two
        // hosts on one PostgreSQL) cannot each hold a lock the other waits for.
        std::stable_sort(batch.begin(), batch.end(),
                         [](const Entry* a, const Entry* b) { return a->order < b->order; });
        try {
            run_batch_(batch);
        } catch (...) {
            for (Entry* e : batch)
                if (!e->error)
                    e->error = std::current_exception();
        }
        lock.lock();
        for (Entry* e : batch)
            e->done = true;
        ++stats_.batches;
        stats_.entries += n;
        stats_.largest_batch = std::max(stats_.largest_batch, n);
        leading_ = false;
        finished_.notify_all();
    }
    lock.unlock();
    if (entry.error)
        std::rethrow_exception(entry.error);
}

CommitGroup::Stats CommitGroup::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

std::size_t CommitGroup::queued() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
}

} // namespace redress::core
