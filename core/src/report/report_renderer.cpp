#include <condition_variable>
#include <deque>
#include <mutex>
#include <redress/core/report/report_renderer.hpp>
#include <redress/report.hpp>
#include <thread>

namespace redress::core::report {

namespace {

namespace f = redress::report::field;

// A bounded hand-over from the metrics' thread to the plugin's reads.
class RecordQueue {
public:
    static constexpr std::size_t capacity = 256;

    // The reader stopped (the plugin failed or finished early): the writer
    // unwinds with this.
    struct Cancelled {};

    void push(Record r) {
        std::unique_lock lock(mutex_);
        space_.wait(lock, [&] { return queue_.size() < capacity || cancelled_; });
        if (cancelled_)
            throw Cancelled{};
        queue_.push_back(std::move(r));
        ready_.notify_one();
    }
    void finish(std::exception_ptr error) {
        std::lock_guard lock(mutex_);
        finished_ = true;
        error_ = error;
        ready_.notify_one();
    }
    // The next record, or nullptr at the end; the record stays valid until the
    // next call. Rethrows the writer's error.
    const Record* next() {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return !queue_.empty() || finished_; });
        if (queue_.empty()) {
            if (error_)
                std::rethrow_exception(error_);
            return nullptr;
        }
        current_ = std::move(queue_.front());
        queue_.pop_front();
        space_.notify_one();
        return &current_;
    }
    void cancel() {
        std::lock_guard lock(mutex_);
        cancelled_ = true;
        space_.notify_all();
    }
    std::exception_ptr error() {
        std::lock_guard lock(mutex_);
        return error_;
    }

private:
    std::mutex mutex_;
    std::condition_variable ready_, space_;
    std::deque<Record> queue_;
    Record current_;
    bool finished_ = false, cancelled_ = false;
    std::exception_ptr error_;
};

class QueueWriter final : public TableWriter {
public:
    explicit QueueWriter(RecordQueue& q)
        : q_(q) {}
    void table(const TableSpec& spec) override { q_.push(table_record(spec)); }
    void row(const std::vector<Cell>& cells) override { q_.push(row_record(cells)); }

private:
    RecordQueue& q_;
};

RecordValue value_of(const Cell& c) {
    if (std::holds_alternative<std::int64_t>(c))
        return std::get<std::int64_t>(c);
    if (std::holds_alternative<double>(c))
        return std::get<double>(c);
    if (std::holds_alternative<std::string>(c))
        return std::get<std::string>(c);
    return std::monostate{};
}

} // namespace

Record table_record(const TableSpec& spec) {
    Record r;
    r.set(f::kind, std::string(redress::report::kind::table))
        .set(f::id, spec.id)
        .set(f::title, spec.title)
        .set(f::description, spec.description)
        .set(f::chart, spec.chart);
    for (const auto& c : spec.columns) {
        auto& col = r.add_record(f::columns);
        col.set(redress::report::column::id, c.id)
            .set(redress::report::column::label, c.label)
            .set(redress::report::column::type, c.type);
        if (!c.currency.empty())
            col.set(redress::report::column::currency, c.currency);
    }
    if (!spec.chart_label.empty())
        r.set(f::chart_label, spec.chart_label);
    for (const auto& s : spec.chart_series)
        r.append(f::chart_series, s);
    if (!spec.chart_group.empty())
        r.set(f::chart_group, spec.chart_group);
    return r;
}

Record row_record(const std::vector<Cell>& cells) {
    Record r;
    r.set(f::kind, std::string(redress::report::kind::row));
    for (const auto& c : cells)
        r.append(f::values, value_of(c));
    return r;
}

void render(const ReportEngine& engine, const ReportRequest& request, const Record& params,
            PluginInstance& reporter, const std::function<bool(std::string_view)>& write) {
    engine.check(request); // a bad request fails here, before any byte is written
    RecordQueue queue;
    std::thread worker([&] {
        try {
            QueueWriter w(queue);
            engine.run(request, w);
            queue.finish(nullptr);
        } catch (const RecordQueue::Cancelled&) {
            queue.finish(nullptr);
        } catch (...) {
            queue.finish(std::current_exception());
        }
    });
    try {
        reporter.render(
            params, [&] { return queue.next(); }, write);
    } catch (...) {
        queue.cancel();
        worker.join();
        // The metrics' own failure explains a plugin that saw the stream break.
        if (auto e = queue.error())
            std::rethrow_exception(e);
        throw;
    }
    queue.cancel();
    worker.join();
}

} // namespace redress::core::report
