// Cluster-wide leases on background jobs: "only one host at a time polls the
// e-mail channel's mailboxes", "only one host writes the scheduled reports".
//
// A lease is named ("poll-email", "report-schedule") and is either held by one
// PollLease object in the whole deployment or by none. Leases are taken
// without waiting: a host that does not get one skips its turn.
//
// - PostgreSQL (several hosts): a session-level advisory lock,
//   pg_try_advisory_lock(key(name)), on one dedicated connection per
//   PollLeases, opened from the storage URL. The server releases the lock when
//   that connection ends, however it ends (host killed, connection
//   terminated), so a dead host never keeps a lease. A lease whose connection
//   died is lost: held() and release() say so, and the next try_acquire()
//   opens a new connection. The connection must reach PostgreSQL directly or
//   through a pooler in session mode (transaction pooling breaks session
//   locks).
// - SQLite (one host by design): an exclusive flock() on
//   "<database file>.<name>.lock" beside the database, so two processes on one
//   file cannot both hold it either. The OS releases it when the process dies.
//
// Threads: one PollLeases may hand out leases to several threads; each
// PollLease is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace redress::core {

class PollLease {
public:
    virtual ~PollLease() = default;
    PollLease(const PollLease&) = delete;
    PollLease& operator=(const PollLease&) = delete;

    const std::string& name() const noexcept { return name_; }

    //! Takes the lease if nobody holds it; never waits. true: this object holds
    //! it now (also when it already did). false: someone else holds it.
    //! Throws StoreError, naming the lease, when the database cannot be asked
    //! (the lease is then not held).
    virtual bool try_acquire() = 0;
    //! Whether this object still holds the lease. On PostgreSQL it asks the
    //! server over the lease connection: false once that connection has died.
    //! Never throws.
    virtual bool held() = 0;
    //! Gives the lease back (nothing if not held). Returns whether it was
    //! still held up to this call; false means it had been lost and someone
    //! else may have held it meanwhile. Never throws.
    virtual bool release() noexcept = 0;

protected:
    explicit PollLease(std::string name)
        : name_(std::move(name)) {}

private:
    std::string name_;
};

//! Hands out the leases of one deployment, i.e. of one storage URL.
class PollLeases {
public:
    //! storage_url as in [storage] url ("sqlite://<path>" or "postgresql://…").
    //! Connects to nothing yet: the first try_acquire() does. Throws StoreError
    //! for a URL of any other kind.
    explicit PollLeases(const std::string& storage_url);
    ~PollLeases();
    PollLeases(const PollLeases&) = delete;
    PollLeases& operator=(const PollLeases&) = delete;

    //! The lease called name: 1 to 100 letters, digits, '-', '_' or '.'
    //! (std::invalid_argument otherwise). Two PollLease objects of the same
    //! name exclude each other even within one process, as they would on two
    //! hosts. Leases of one PollLeases share its connection.
    std::unique_ptr<PollLease> lease(const std::string& name);

    //! The PostgreSQL advisory lock key of a lease: FNV-1a (64 bit) of
    //! "redress/<name>", as a signed bigint. Stable across hosts and releases.
    static std::int64_t key(std::string_view name) noexcept;

    //! "postgresql" or "sqlite".
    std::string backend() const;

private:
    struct Shared;
    std::shared_ptr<Shared> shared_;
};

} // namespace redress::core
