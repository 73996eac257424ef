#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Exception.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <redress/core/store/poll_lease.hpp>
#include <redress/core/store/store.hpp>
#include <stdexcept>
#include <sys/file.h>
#include <unistd.h>

namespace redress::core {

namespace {

// The one connection through which a PollLeases holds its advisory locks.
// Every lock lives exactly as long as the connection, so each new connection
// gets a new generation and a lease remembers the generation it was taken in:
// a lease of an older generation was lost with its connection.
struct PgConnection {
    std::mutex mutex;
    std::string conninfo;
    std::unique_ptr<Poco::Data::Session> session;
    std::uint64_t generation = 0;
    // Advisory locks are re-entrant within a session, so the server would
    // grant a name twice to two leases sharing this connection: which lease
    // holds a name (and in which generation) is kept here.
    std::map<std::string, std::pair<const void*, std::uint64_t>> holders;

    bool held_by_other(const std::string& name, const void* lease) const {
        auto it = holders.find(name);
        return it != holders.end() && it->second.first != lease && session &&
               it->second.second == generation;
    }
    void forget(const std::string& name, const void* lease) {
        auto it = holders.find(name);
        if (it != holders.end() && it->second.first == lease)
            holders.erase(it);
    }

    void open() {
        if (session)
            return;
        session = std::make_unique<Poco::Data::Session>("PostgreSQL", conninfo);
        ++generation;
    }
    // Ends the connection; the server releases every lock it held.
    void drop() noexcept {
        if (!session)
            return;
        try {
            session->close();
        } catch (...) {
            // Already dead: that is usually why it is dropped.
        }
        session.reset();
    }
    std::int64_t scalar(const std::string& sql) {
        Poco::Data::Statement st(*session);
        st << sql;
        st.execute();
        Poco::Data::RecordSet rs(st);
        if (rs.rowCount() != 1 || rs.columnCount() != 1)
            throw std::runtime_error("\"" + sql + "\" returned no single value");
        return rs.value(0, 0).convert<Poco::Int64>();
    }
};

class AdvisoryLease final : public PollLease {
public:
    AdvisoryLease(std::string name, std::shared_ptr<PgConnection> connection)
        : PollLease(std::move(name))
        , key_(std::to_string(PollLeases::key(this->name())))
        , conn_(std::move(connection)) {}
    ~AdvisoryLease() override { release(); }

    bool try_acquire() override {
        std::lock_guard lock(conn_->mutex);
        if (held_in_ && alive())
            return true;
        lost();
        if (conn_->held_by_other(name(), this))
            return false;
        // A connection that died while idle is only noticed when used: then
        // one retry on a fresh connection, so a restarted server costs no turn.
        for (int attempt = 0;; ++attempt) {
            const bool fresh = !conn_->session;
            try {
                conn_->open();
                if (conn_->scalar("SELECT pg_try_advisory_lock(" + key_ + ")::int") != 1)
                    return false;
                held_in_ = conn_->generation;
                conn_->holders[name()] = {this, held_in_};
                return true;
            } catch (const std::exception& e) {
                conn_->drop();
                if (fresh || attempt > 0)
                    throw StoreError(
                        "lease " + name() +
                        ": cannot ask PostgreSQL for its advisory lock: " + message(e));
            }
        }
    }

    bool held() override {
        std::lock_guard lock(conn_->mutex);
        if (held_in_ && alive())
            return true;
        lost();
        return false;
    }

    bool release() noexcept override {
        std::lock_guard lock(conn_->mutex);
        if (!held_in_)
            return false;
        const bool same_connection = held_in_ == conn_->generation && conn_->session;
        lost();
        if (!same_connection)
            return false;
        try {
            return conn_->scalar("SELECT pg_advisory_unlock(" + key_ + ")::int") == 1;
        } catch (...) {
            conn_->drop();
            return false;
        }
    }

private:
    // With the mutex held: the connection this lease was taken on still works
    // (a session lock is held as long as its connection lives).
    bool alive() noexcept {
        if (held_in_ != conn_->generation || !conn_->session)
            return false;
        try {
            return conn_->scalar("SELECT 1") == 1;
        } catch (...) {
            conn_->drop();
            return false;
        }
    }
    // With the mutex held: this lease no longer counts as holding its name.
    void lost() noexcept {
        held_in_ = 0;
        conn_->forget(name(), this);
    }
    static std::string message(const std::exception& e) {
        if (const auto* p = dynamic_cast<const Poco::Exception*>(&e))
            return p->displayText();
        return e.what();
    }

    std::string key_;
    std::shared_ptr<PgConnection> conn_;
    std::uint64_t held_in_ = 0; // the generation of the connection holding it; 0: not held
};

class FileLease final : public PollLease {
public:
    FileLease(std::string name, std::string path)
        : PollLease(std::move(name))
        , path_(std::move(path)) {}
    ~FileLease() override { release(); }

    bool try_acquire() override {
        if (fd_ >= 0)
            return true;
        int fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            throw StoreError("lease " + name() + ": cannot open " + path_ + ": " +
                             std::strerror(errno));
        // flock() locks belong to the open file description, so a second
        // open() of the same file in this process is refused like another
        // process would be.
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            fd_ = fd;
            return true;
        }
        const int err = errno;
        ::close(fd);
        if (err == EWOULDBLOCK)
            return false;
        throw StoreError("lease " + name() + ": cannot lock " + path_ + ": " + std::strerror(err));
    }

    bool held() override { return fd_ >= 0; }

    bool release() noexcept override {
        if (fd_ < 0)
            return false;
        // The file stays: removing it would let a third process lock a new
        // file of the same name while the second holds the old one.
        ::flock(fd_, LOCK_UN);
        ::close(fd_);
        fd_ = -1;
        return true;
    }

private:
    std::string path_;
    int fd_ = -1;
};

} // namespace

struct PollLeases::Shared {
    std::string sqlite_path;                  // SQLite: the database file
    std::shared_ptr<PgConnection> postgresql; // PostgreSQL: the lease connection
};

PollLeases::PollLeases(const std::string& storage_url)
    : shared_(std::make_shared<Shared>()) {
    if (storage_url.rfind("sqlite://", 0) == 0) {
        shared_->sqlite_path = storage_url.substr(9);
        return;
    }
    if (storage_url.rfind("postgresql://", 0) != 0 && storage_url.rfind("postgres://", 0) != 0)
        throw StoreError("leases: unsupported storage url \"" + storage_url +
                         "\" (expected sqlite:// or postgresql://)");
    static std::once_flag once;
    std::call_once(once, [] { Poco::Data::PostgreSQL::Connector::registerConnector(); });
    shared_->postgresql = std::make_shared<PgConnection>();
    // Defaults first, so that the URL's own parameters (later in the string)
    // win. A short connect timeout and TCP keepalives bound how long a poll
    // turn waits for an unreachable server; the application name shows the
    // lease connection in pg_stat_activity.
    shared_->postgresql->conninfo = "connect_timeout=5 keepalives=1 keepalives_idle=10 "
                                    "keepalives_interval=5 keepalives_count=3 "
                                    "application_name=redress-lease " +
                                    postgres_keywords(storage_url);
}

PollLeases::~PollLeases() = default;

std::string PollLeases::backend() const {
    return shared_->postgresql ? "postgresql" : "sqlite";
}

std::unique_ptr<PollLease> PollLeases::lease(const std::string& name) {
    bool ok = !name.empty() && name.size() <= 100;
    for (char c : name)
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.');
    if (!ok)
        throw std::invalid_argument("lease name \"" + name +
                                    "\": expected 1 to 100 letters, digits, '-', '_' or '.'");
    if (shared_->postgresql)
        return std::make_unique<AdvisoryLease>(name, shared_->postgresql);
    return std::make_unique<FileLease>(name, shared_->sqlite_path + "." + name + ".lock");
}

std::int64_t PollLeases::key(std::string_view name) noexcept {
    std::uint64_t h = 14695981039346656037ull; // FNV-1a offset basis
    auto mix = [&h](std::string_view s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ull; // FNV prime
        }
    };
    mix("redress/");
    mix(name);
    return static_cast<std::int64_t>(h);
}

} // namespace redress::core
