// Internal: the Store on Poco::Data, for SQLite and PostgreSQL. The SQL is
// written once with '?' placeholders; PostgreSQL gets them renumbered $1, $2…
// SQLite runs in WAL mode with synchronous=FULL; its writes go through one
// connection (SQLite admits one writer at a time anyway), reads through a pool.
#pragma once

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>
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
    std::optional<Complaint> find(std::string_view tracking_number) override;
    std::vector<Event> events(std::int64_t complaint_id) override;
    ComplaintPage list(const ComplaintFilter& filter) override;
    bool update(const Complaint& complaint, std::int64_t expected_version,
                const Event& event) override;
    Event append_event(Event event) override;
    std::vector<Complaint> unrecorded_breaches(std::int64_t now_ms, int limit) override;
    bool record_breach(std::int64_t complaint_id, std::string_view kind,
                       const Event& event) override;
    void add_token(const TokenRecord& token) override;
    std::optional<TokenRecord> find_token_by_hash(std::string_view secret_hash) override;
    std::vector<TokenRecord> tokens() override;
    bool revoke_token(std::string_view id, std::int64_t at_ms) override;

    //! '?' placeholders as this backend wants them.
    std::string sql(const std::string& text) const;

private:
    class WriteSession;
    WriteSession writer();
    Poco::Data::Session reader();
    template <class F>
    auto transact(F&& f);
    void migrate();
    std::int64_t insert_event(Poco::Data::Session& s, const Event& e, std::int64_t complaint_id);
    Created create_once(Complaint complaint, const std::string& prefix, int year,
                        Event created_event, const IdempotencyKey& idempotency);

    Backend backend_;
    std::unique_ptr<Poco::Data::SessionPool> pool_;
    std::mutex write_mutex_;
    std::unique_ptr<Poco::Data::Session> sqlite_writer_;
};

} // namespace redress::core
