// Durable storage of complaints, their events and API tokens.
//
// One interface, two backends (SQLite and PostgreSQL through Poco::Data; see
// open_store). Every write is one transaction; a call returns only after the
// commit, so whatever a caller acknowledges is on disk. Events are
// append-only: the database itself refuses UPDATE and DELETE on them.
// Implementations are thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <redress/core/model/complaint.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace redress::core {

//! A storage failure: connection lost, disk full, schema too new…
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

//! Filters of GET /complaints; empty fields do not filter. Results are in
//! ascending id order (stable); after_id is the cursor.
struct ComplaintFilter {
    std::vector<std::string> departments; //!< restrict to these (empty: all)
    std::optional<Status> status;
    std::optional<std::string> channel;
    std::optional<std::string> customer; //!< substring of company, contact, phone or e-mail
    std::optional<std::string> owner;
    bool overdue = false; //!< past a due time not yet met, as of now_ms
    std::int64_t now_ms = 0;
    std::optional<std::int64_t> received_from_ms, received_to_ms; //!< [from, to)
    std::int64_t after_id = 0;
    int limit = 50;
};

struct ComplaintPage {
    std::vector<Complaint> items;
    std::optional<std::int64_t> next_after_id; //!< set when there may be more
};

//! An API token as stored: only a hash of the secret is kept.
struct TokenRecord {
    std::string id; //!< public identifier, e.g. "tok_3f9a…"
    std::string name;
    std::string secret_hash; //!< SHA-256 of the secret, hex
    Role role = Role::Agent;
    std::vector<std::string> departments; //!< "*" for all
    std::int64_t created_at_ms = 0;
    std::optional<std::int64_t> revoked_at_ms;
};

class Store {
public:
    virtual ~Store() = default;

    //! "sqlite" or "postgresql".
    virtual std::string backend() const = 0;
    //! The newest migration applied.
    virtual int schema_version() = 0;

    //! An idempotency key and a hash of the request it came with.
    struct IdempotencyKey {
        std::string key;  //!< empty: none
        std::string hash; //!< of the request, to notice a key reused for another request
    };
    struct Created {
        Complaint complaint;
        bool created = true;     //!< false: the key was known; this is the earlier complaint
        std::string stored_hash; //!< when !created: the hash stored with the earlier request
    };
    //! Stores a new complaint: assigns its id and tracking number
    //! "<prefix>-<year>-<NNNNNN>" (sequential per prefix and year) and appends
    //! the given "created" event, in one transaction. If the idempotency key is
    //! already used, stores nothing and returns the earlier complaint.
    virtual Created create(Complaint complaint, const std::string& prefix, int year,
                           Event created_event, const IdempotencyKey& idempotency) = 0;

    virtual std::optional<Complaint> find(std::string_view tracking_number) = 0;
    virtual std::vector<Event> events(std::int64_t complaint_id) = 0;
    virtual ComplaintPage list(const ComplaintFilter& filter) = 0;

    //! Saves complaint if its stored version is still expected_version, and
    //! appends event; returns false (saving nothing) if it changed meanwhile.
    virtual bool update(const Complaint& complaint, std::int64_t expected_version,
                        const Event& event) = 0;
    //! Appends an event that changes nothing else (a comment).
    virtual Event append_event(Event event) = 0;

    //! Open complaints past a due time whose breach is not yet recorded.
    virtual std::vector<Complaint> unrecorded_breaches(std::int64_t now_ms, int limit) = 0;
    //! Marks one breach ("first_response" or "resolution") and appends its
    //! event, once: false if it was already recorded (by any host).
    virtual bool record_breach(std::int64_t complaint_id, std::string_view kind,
                               const Event& event) = 0;

    virtual void add_token(const TokenRecord& token) = 0;
    virtual std::optional<TokenRecord> find_token_by_hash(std::string_view secret_hash) = 0;
    virtual std::vector<TokenRecord> tokens() = 0;
    //! Revokes a token by id; false if there is no such live token.
    virtual bool revoke_token(std::string_view id, std::int64_t at_ms) = 0;
};

//! Opens (creating if needed) the store at url — "sqlite:///path/file.db" or
//! "postgresql://user@host:port/db" — and applies pending migrations. Throws
//! StoreError if the database's schema is newer than this build knows.
//! max_sessions bounds the connections it opens (the server's threads plus a few).
std::unique_ptr<Store> open_store(const std::string& url, int max_sessions = 32);

//! libpq "key=value" parameters for a postgresql:// URL (user, password, host,
//! port, dbname and any query parameters such as host=/socket/dir).
std::string postgres_keywords(const std::string& url);

//! The newest schema version this build knows.
int latest_schema_version();

} // namespace redress::core
