// Internal: the Store on Poco::Data, for SQLite and PostgreSQL. The SQL is
// written once with '?' placeholders; PostgreSQL gets them renumbered $1, $2…
// SQLite runs in WAL mode with synchronous=FULL; its writes go through one
// connection (SQLite admits one writer at a time anyway), reads through a pool.
// Creates are group-committed (commit_group.hpp): concurrent ones share one
// transaction, so one flush to disk acknowledges many.
#pragma once

#include "commit_group.hpp"

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Exception.h>
#include <exception>
#include <memory>
#include <mutex>
#include <redress/core/store/store.hpp>

namespace redress::core {

class SqlStore final : public Store {
public:
    enum class Backend { SQLite, PostgreSQL };
    //! connection: a file path (SQLite) or a libpq connection string / URI.
    //! max_sessions: connections the pool may open; one per server thread plus
    //! a few (the pool fails at once, it does not wait, when all are in use).
    SqlStore(Backend backend, const std::string& connection, int max_sessions = 32);
    ~SqlStore() override;

    std::string backend() const override;
    int schema_version() override;
    Created create(Complaint complaint, const std::string& prefix, int year, Event created_event,
                   const IdempotencyKey& idempotency) override;
    std::vector<Created> create_batch(std::vector<NewComplaint> complaints) override;
    std::optional<Complaint> find(std::string_view tracking_number) override;
    std::vector<Event> events(std::int64_t complaint_id) override;
    ComplaintPage list(const ComplaintFilter& filter) override;
    ComplaintCounts count(const ComplaintFilter& filter) override;
    using Store::update;
    UpdateOutcome update(const Complaint& complaint, std::int64_t expected_version,
                         const Event& event, const UpdateEffects& effects) override;
    Event append_event(Event event) override;
    std::pair<Event, bool> append_event_once(Event event, const std::string& ref) override;
    std::vector<ChannelState> channel_states() override;
    void set_channel_state(const std::string& department, const std::string& channel,
                           std::optional<bool> enabled, const std::string& actor,
                           std::int64_t at_ms) override;
    std::vector<ChannelChange> channel_changes(const std::string& department, int limit) override;
    std::int64_t add_callback(const Callback& callback) override;
    std::vector<Callback> open_callbacks(const CallbackFilter& filter) override;
    std::optional<Callback> find_callback(std::int64_t id) override;
    bool finish_callback(const Callback& done) override;
    std::vector<Proposal> proposals(std::int64_t complaint_id) override;
    std::int64_t budget_spent(const std::string& department, const std::string& month) override;
    std::vector<Task> tasks(const TaskFilter& filter) override;
    std::optional<Task> find_task(std::int64_t id) override;
    std::vector<Complaint> unrecorded_breaches(std::int64_t now_ms, int limit) override;
    bool record_breach(std::int64_t complaint_id, std::string_view kind,
                       const Event& event) override;
    void read_rows(const std::string& sql, const std::vector<SqlValue>& params,
                   const std::vector<SqlType>& columns,
                   const std::function<void(const std::vector<SqlValue>&)>& on_row) override;
    void add_token(const TokenRecord& token) override;
    std::optional<TokenRecord> find_token_by_hash(std::string_view secret_hash) override;
    std::vector<TokenRecord> tokens() override;
    bool revoke_token(std::string_view id, std::int64_t at_ms) override;
    CommitStats commit_stats() const override;

    //! '?' placeholders as this backend wants them.
    std::string sql(const std::string& text) const;

private:
    class WriteSession;
    WriteSession writer();
    Poco::Data::Session reader();
    template <class F>
    auto transact(F&& f);
    // A write transaction. SQLite's is BEGIN IMMEDIATE: it takes the write
    // lock up front and waits (busy_timeout) while another process holds it;
    // a deferred one that read first would fail at once instead.
    void begin(Poco::Data::Session& s);
    void commit(Poco::Data::Session& s);
    void rollback(Poco::Data::Session& s) noexcept;
    void migrate();
    std::int64_t insert_event(Poco::Data::Session& s, const Event& e, std::int64_t complaint_id,
                              const std::string& ref = {});
    std::int64_t insert_callback(Poco::Data::Session& s, const Callback& c);
    // A conditional part of UpdateEffects failed: roll back, report outcome.
    struct EffectRefused {
        UpdateOutcome outcome;
    };
    // The compensation parts of effects (sql_store_compensation.cpp); throws EffectRefused.
    void apply_compensation(Poco::Data::Session& s, const Complaint& c,
                            const UpdateEffects& effects);
    std::int64_t insert_proposal(Poco::Data::Session& s, const Proposal& p);
    Created insert_complaint(Poco::Data::Session& s, Complaint complaint, const std::string& prefix,
                             int year, Event created_event, const IdempotencyKey& idempotency);
    Created create_once(Complaint complaint, const std::string& prefix, int year,
                        Event created_event, const IdempotencyKey& idempotency);
    // The group commit's batch: every create in one transaction, each in its
    // own savepoint so a refused one does not undo the others.
    void commit_creates(const std::vector<CommitGroup::Entry*>& batch);
    // A failure as the store reports it: Poco's exceptions become StoreError.
    std::exception_ptr as_store_error(std::exception_ptr error) const;

    Backend backend_;
    std::unique_ptr<Poco::Data::SessionPool> pool_;
    std::mutex write_mutex_;
    std::unique_ptr<Poco::Data::Session> sqlite_writer_;
    CommitGroup creates_{[this](const auto& batch) {
        commit_creates(batch);
    }};
};

class SqlStore::WriteSession {
public:
    WriteSession(std::unique_lock<std::mutex> lock, Poco::Data::Session session)
        : lock_(std::move(lock))
        , session(std::move(session)) {}
    std::unique_lock<std::mutex> lock_;
    Poco::Data::Session session;
};

// Runs f(session) in one write transaction: commits on return, rolls back
// and rethrows (as StoreError) on an exception.
template <class F>
auto SqlStore::transact(F&& f) {
    WriteSession w = writer();
    try {
        begin(w.session);
        if constexpr (std::is_void_v<decltype(f(w.session))>) {
            f(w.session);
            commit(w.session);
        } else {
            auto result = f(w.session);
            commit(w.session);
            return result;
        }
    } catch (...) {
        rollback(w.session);
        std::rethrow_exception(as_store_error(std::current_exception()));
    }
}

} // namespace redress::core
