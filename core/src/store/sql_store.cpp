#include "sql_store.hpp"

#include "migrations.hpp"
#include "session_checkout.hpp"
#include "sql_util.hpp"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>
#include <Poco/URI.h>
#include <filesystem>
#include <functional>
#include <limits>

namespace redress::core {

using sql::execute;
using sql::Params;
using sql::query;
using sql::Row;

using Poco::Data::RecordSet;
using Poco::Data::Session;
using Poco::Data::Statement;
using Poco::Data::Keywords::bind;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;

namespace {

void register_connectors() {
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

const char* const complaint_columns =
    "id, tracking_number, department, channel, category, severity, status, customer_company, "
    "customer_contact, customer_address, customer_phone, customer_email, customer_type, cause, "
    "request, product_name, product_spec, product_production_date, product_batch, product_used_at, "
    "product_symptoms, product_previous_brand, loss_minor, loss_currency, received_at, recorder, "
    "owner, first_response_due, resolution_due, first_responded_at, resolved_at, closed_at, "
    "first_response_breached, resolution_breached, same_day_reply, proposed_minor, "
    "proposed_currency, required_level, satisfaction, created_at, updated_at, version, "
    "catalog_verdict, catalog_entry, catalog_version";
// The first column after complaint_columns in a query that selects more.
constexpr std::size_t after_complaint_columns = 45;

Complaint read_complaint(const Row& r) {
    Complaint c;
    std::size_t i = 0;
    c.id = r.integer(i++);
    c.tracking_number = r.text(i++);
    c.department = r.text(i++);
    c.channel = r.text(i++);
    c.category = r.text(i++);
    c.severity = parse_severity(r.text(i++)).value_or(Severity::Medium);
    c.status = parse_status(r.text(i++)).value_or(Status::Received);
    c.customer.company = r.text(i++);
    c.customer.contact = r.text(i++);
    c.customer.address = r.text(i++);
    c.customer.phone = r.text(i++);
    c.customer.email = r.text(i++);
    c.customer.type = parse_customer_type(r.text(i++)).value_or(CustomerType::Unknown);
    c.cause = r.text(i++);
    c.request = r.text(i++);
    c.product.name = r.text(i++);
    c.product.spec = r.text(i++);
    c.product.production_date = r.text(i++);
    c.product.batch = r.text(i++);
    c.product.used_at = r.text(i++);
    c.product.symptoms = r.text(i++);
    c.product.previous_brand = r.text(i++);
    if (auto loss = r.optional_integer(i++))
        c.loss = Money{*loss, r.text(i)};
    ++i;
    c.received_at_ms = r.integer(i++);
    c.recorder = r.text(i++);
    c.owner = r.text(i++);
    c.first_response_due_ms = r.integer(i++);
    c.resolution_due_ms = r.integer(i++);
    c.first_responded_at_ms = r.optional_integer(i++);
    c.resolved_at_ms = r.optional_integer(i++);
    c.closed_at_ms = r.optional_integer(i++);
    c.first_response_breached = r.integer(i++) != 0;
    c.resolution_breached = r.integer(i++) != 0;
    if (auto same_day = r.optional_integer(i++))
        c.same_day_reply = *same_day != 0;
    if (auto proposed = r.optional_integer(i++))
        c.proposed = Money{*proposed, r.text(i)};
    ++i;
    if (!r.null(i))
        c.required_level = parse_role(r.text(i));
    ++i;
    if (auto s = r.optional_integer(i++))
        c.satisfaction = static_cast<int>(*s);
    c.created_at_ms = r.integer(i++);
    c.updated_at_ms = r.integer(i++);
    c.version = r.integer(i++);
    if (!r.null(i))
        c.catalog = CatalogVerdict{r.text(i), r.text(i + 1), r.text(i + 2)};
    return c;
}

std::optional<std::string> opt_text(const std::optional<Money>& m) {
    return m ? std::optional(m->currency) : std::nullopt;
}
std::optional<std::int64_t> opt_amount(const std::optional<Money>& m) {
    return m ? std::optional(m->amount_minor) : std::nullopt;
}
std::optional<std::int64_t> opt_bool(const std::optional<bool>& b) {
    return b ? std::optional<std::int64_t>(*b ? 1 : 0) : std::nullopt;
}

// The columns a transition may change, in the order update() binds them.
// Breach flags are absent on purpose: only record_breach() sets them, so a
// concurrent transition cannot clear a breach the sweeper just recorded.
const char* const mutable_columns =
    "department = ?, category = ?, severity = ?, status = ?, owner = ?, first_responded_at = ?, "
    "resolved_at = ?, closed_at = ?, same_day_reply = ?, proposed_minor = ?, proposed_currency = "
    "?, "
    "required_level = ?, satisfaction = ?, updated_at = ?, version = ?";

void add_mutable(Params& p, const Complaint& c) {
    p.add(c.department).add(c.category).add(to_string(c.severity)).add(to_string(c.status));
    p.add(c.owner).add(c.first_responded_at_ms).add(c.resolved_at_ms).add(c.closed_at_ms);
    p.add(opt_bool(c.same_day_reply)).add(opt_amount(c.proposed)).add(opt_text(c.proposed));
    p.add(c.required_level ? std::optional(std::string(to_string(*c.required_level)))
                           : std::nullopt);
    p.add(c.satisfaction ? std::optional<std::int64_t>(*c.satisfaction) : std::nullopt);
    p.add(c.updated_at_ms).add(c.version);
}

std::string join(const std::vector<std::string>& v, char sep) {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : std::string(1, sep)) + s;
    return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size() && !s.empty()) {
        std::size_t end = s.find(sep, start);
        if (end == std::string::npos)
            end = s.size();
        out.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// Escapes LIKE wildcards so a customer search matches literally.
std::string like_pattern(const std::string& s) {
    std::string out = "%";
    for (char c : s) {
        if (c == '%' || c == '_' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "%";
}

} // namespace

// ---- Sessions and transactions ------------------------------------------

SqlStore::SqlStore(Backend backend, const std::string& connection, int max_sessions)
    : backend_(backend) {
    register_connectors();
    try {
        if (backend_ == Backend::SQLite) {
            std::filesystem::path file(connection);
            if (file.has_parent_path())
                std::filesystem::create_directories(file.parent_path());
            sqlite_writer_ = std::make_unique<Session>("SQLite", connection);
            *sqlite_writer_ << "PRAGMA journal_mode=WAL", now;
            // FULL: a commit is on disk (WAL fsync) before the call returns.
            *sqlite_writer_ << "PRAGMA synchronous=FULL", now;
            *sqlite_writer_ << "PRAGMA foreign_keys=ON", now;
            *sqlite_writer_ << "PRAGMA busy_timeout=10000", now;
            pool_ = std::make_unique<Poco::Data::SessionPool>("SQLite", connection, 1, max_sessions,
                                                              60);
        } else {
            pool_ = std::make_unique<Poco::Data::SessionPool>("PostgreSQL", connection, 1,
                                                              max_sessions, 60);
        }
        migrate();
    } catch (const StoreError&) {
        throw;
    } catch (const Poco::Exception& e) {
        throw StoreError("cannot open " + this->backend() + " store: " + e.displayText());
    } catch (const std::filesystem::filesystem_error& e) {
        throw StoreError("cannot open sqlite store: " + std::string(e.what()));
    }
}

SqlStore::~SqlStore() = default;

std::string SqlStore::backend() const {
    return backend_ == Backend::SQLite ? "sqlite" : "postgresql";
}

std::string SqlStore::sql(const std::string& text) const {
    if (backend_ == Backend::SQLite)
        return text;
    std::string out;
    out.reserve(text.size() + 16);
    int n = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '\'')
            quoted = !quoted;
        if (c == '?' && !quoted)
            out += "$" + std::to_string(++n);
        else
            out += c;
    }
    return out;
}

SqlStore::WriteSession SqlStore::writer() {
    if (backend_ == Backend::SQLite)
        return WriteSession(std::unique_lock(write_mutex_), *sqlite_writer_);
    // Validated: a connection the server closed must fail here, as a
    // StoreError, not inside a transaction as a raw Poco exception.
    return WriteSession(std::unique_lock<std::mutex>(), sql::checkout(*pool_, backend(), true));
}

void SqlStore::begin(Session& s) {
    if (backend_ == Backend::SQLite)
        execute(s, "BEGIN IMMEDIATE");
    else
        s.begin();
}

void SqlStore::commit(Session& s) {
    if (backend_ == Backend::SQLite)
        execute(s, "COMMIT");
    else
        s.commit();
}

void SqlStore::rollback(Session& s) noexcept {
    try {
        if (backend_ == Backend::SQLite)
            execute(s, "ROLLBACK"); // refused harmlessly when BEGIN itself failed
        else if (s.isTransaction())
            s.rollback();
    } catch (...) {
        // The transaction is gone with the connection; nothing to undo.
    }
}

Session SqlStore::reader() {
    Session s = sql::checkout(*pool_, backend(), backend_ == Backend::PostgreSQL);
    if (backend_ == Backend::SQLite)
        s.setConnectionTimeout(10); // seconds of busy waiting while the writer commits
    return s;
}

void SqlStore::migrate() {
    transact([&](Session& s) {
        if (backend_ == Backend::PostgreSQL) // several hosts may start at once
            execute(s, "SELECT pg_advisory_xact_lock(7210319)");
        execute(s, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                   "name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
        RecordSet rs = query(s, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        int current = static_cast<int>(rs.value(0, 0).convert<Poco::Int64>());
        if (current > latest_schema_version())
            throw StoreError("the database schema is version " + std::to_string(current) +
                             ", newer than this build of Redress knows (" +
                             std::to_string(latest_schema_version()) + "); upgrade redressd");
        for (const auto& m : migrations::all()) {
            if (m.version <= current)
                continue;
            for (const auto& stmt : backend_ == Backend::SQLite ? m.sqlite : m.postgresql)
                execute(s, stmt);
            execute(
                s,
                sql("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"),
                Params().add(m.version).add(m.name).add(std::int64_t(std::time(nullptr)) * 1000));
        }
    });
}

int latest_schema_version() {
    return migrations::all().back().version;
}

int SqlStore::schema_version() {
    Session s = reader();
    RecordSet rs = query(s, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    return static_cast<int>(rs.value(0, 0).convert<Poco::Int64>());
}

// The one statement that writes the timeline; returns the event's id.
std::int64_t SqlStore::insert_event(Session& s, const Event& e, std::int64_t complaint_id,
                                    const std::string& ref) {
    Poco::Int64 id = 0;
    Statement st(s);
    st << sql(
        "INSERT INTO complaint_events (complaint_id, at, actor, type, from_status, to_status, "
        "reason, data, ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    Params()
        .add(complaint_id)
        .add(e.at_ms)
        .add(e.actor)
        .add(e.type)
        .add(e.from_status)
        .add(e.to_status)
        .add(e.reason)
        .add(e.data_json)
        .add(ref.empty() ? std::optional<std::string>() : std::optional(ref))
        .bind_to(st);
    st, into(id);
    st.execute();
    return id;
}

// ---- Complaints -----------------------------------------------------------

Store::Created SqlStore::create(Complaint c, const std::string& prefix, int year, Event created,
                                const IdempotencyKey& idempotency) {
    try {
        return create_once(std::move(c), prefix, year, std::move(created), idempotency);
    } catch (const StoreError&) {
        // Two requests with one key may both miss the key under PostgreSQL's
        // READ COMMITTED; the loser's insert then violates the unique key. The
        // winner has committed, so answer with its complaint as a replay.
        if (idempotency.key.empty())
            throw;
        std::optional<Created> winner;
        try {
            Session s = reader();
            RecordSet rs =
                query(s,
                      sql(std::string("SELECT ") + complaint_columns +
                          ", idempotency_hash FROM complaints WHERE idempotency_key = ?"),
                      Params().add(idempotency.key));
            if (rs.rowCount() > 0) {
                Row row(rs, 0);
                winner = Created{read_complaint(row), false, row.text(after_complaint_columns)};
            }
        } catch (const std::exception&) {
            // The database is gone too: the first error says more.
        }
        if (!winner)
            throw;
        return std::move(*winner);
    }
}

// Acknowledged means committed: run() returns only after the transaction that
// holds this insert (and whatever else was queued beside it) has committed.
// A failure at COMMIT (the connection broke) leaves it unknown whether the
// batch was stored; the error says "unavailable", and a retry with the same
// idempotency key finds out.
Store::Created SqlStore::create_once(Complaint c, const std::string& prefix, int year,
                                     Event created, const IdempotencyKey& idempotency) {
    std::optional<Created> out;
    // Ordered by the tracking counter row each create locks until commit.
    std::string order = prefix + '/' + std::to_string(year);
    creates_.run(
        [&](Session& s) {
            out = insert_complaint(s, std::move(c), prefix, year, std::move(created), idempotency);
        },
        std::move(order));
    return std::move(*out);
}

void SqlStore::commit_creates(const std::vector<CommitGroup::Entry*>& batch) {
    transact([&](Session& s) {
        if (batch.size() == 1) { // nothing to keep apart: no savepoint round trips
            batch.front()->work(s);
            return;
        }
        for (CommitGroup::Entry* e : batch) {
            execute(s, "SAVEPOINT create_one");
            try {
                e->work(s);
            } catch (...) {
                e->error = as_store_error(std::current_exception());
                // Undoes this create only. If that fails, the transaction is
                // gone with it (SQLite rolls it all back on a full disk; the
                // connection may be lost): the whole batch fails, and with
                // this create's error, which names the cause.
                try {
                    execute(s, "ROLLBACK TO SAVEPOINT create_one");
                } catch (...) {
                    std::rethrow_exception(e->error);
                }
            }
            execute(s, "RELEASE SAVEPOINT create_one");
        }
    });
}

Store::CommitStats SqlStore::commit_stats() const {
    auto s = creates_.stats();
    return {s.batches, s.entries, s.largest_batch};
}

std::exception_ptr SqlStore::as_store_error(std::exception_ptr error) const {
    try {
        std::rethrow_exception(error);
    } catch (const StoreError&) {
        return error;
    } catch (const Poco::Data::SQLite::DatabaseFullException& e) {
        return std::make_exception_ptr(
            StoreError(backend() + ": " + e.displayText(), StoreError::Cause::Full));
    } catch (const Poco::Exception& e) {
        // PostgreSQL's disk_full carries the OS's words ("could not extend
        // file …: No space left on device"); libpq's text has no SQLSTATE.
        const std::string text = e.displayText();
        bool full = text.find("No space left on device") != std::string::npos;
        return std::make_exception_ptr(
            StoreError(backend() + ": " + text,
                       full ? StoreError::Cause::Full : StoreError::Cause::Unavailable));
    } catch (...) {
        return error;
    }
}

std::vector<Store::Created> SqlStore::create_batch(std::vector<NewComplaint> complaints) {
    return transact([&](Session& s) {
        std::vector<Created> out;
        out.reserve(complaints.size());
        for (auto& n : complaints)
            out.push_back(insert_complaint(s, std::move(n.complaint), n.prefix, n.year,
                                           std::move(n.created_event), n.idempotency));
        return out;
    });
}

Store::Created SqlStore::insert_complaint(Session& s, Complaint c, const std::string& prefix,
                                          int year, Event created,
                                          const IdempotencyKey& idempotency) {
    const std::string& idempotency_key = idempotency.key;
    {
        if (!idempotency_key.empty()) {
            RecordSet rs =
                query(s,
                      sql(std::string("SELECT ") + complaint_columns +
                          ", idempotency_hash FROM complaints WHERE idempotency_key = ?"),
                      Params().add(idempotency_key));
            if (rs.rowCount() > 0) {
                Row row(rs, 0);
                return {read_complaint(row), false, row.text(after_complaint_columns)};
            }
        }
        Poco::Int64 seq = 0;
        {
            Statement st(s);
            std::string prefix_copy = prefix;
            Poco::Int64 y = year;
            st << sql("INSERT INTO tracking_counters (prefix, year, last) VALUES (?, ?, 1) "
                      "ON CONFLICT (prefix, year) DO UPDATE SET last = tracking_counters.last + 1 "
                      "RETURNING last"),
                Poco::Data::Keywords::use(prefix_copy), Poco::Data::Keywords::use(y), into(seq);
            st.execute();
        }
        char number[32];
        std::snprintf(number, sizeof number, "%s-%04d-%06lld", prefix.c_str(), year,
                      static_cast<long long>(seq));
        c.tracking_number = number;
        c.version = 1;

        Params p;
        p.add(c.tracking_number).add(c.department).add(c.channel).add(c.category);
        p.add(to_string(c.severity)).add(to_string(c.status));
        p.add(c.customer.company).add(c.customer.contact).add(c.customer.address);
        p.add(c.customer.phone).add(c.customer.email).add(to_string(c.customer.type));
        p.add(c.cause).add(c.request);
        p.add(c.product.name).add(c.product.spec).add(c.product.production_date);
        p.add(c.product.batch).add(c.product.used_at).add(c.product.symptoms);
        p.add(c.product.previous_brand);
        p.add(opt_amount(c.loss)).add(opt_text(c.loss));
        p.add(c.received_at_ms).add(c.recorder).add(c.owner);
        p.add(c.first_response_due_ms).add(c.resolution_due_ms);
        p.add(c.created_at_ms).add(c.updated_at_ms).add(c.version);
        p.add(idempotency_key.empty() ? std::optional<std::string>()
                                      : std::optional(idempotency_key));
        p.add(idempotency_key.empty() ? std::optional<std::string>()
                                      : std::optional(idempotency.hash));
        auto catalog = [&](std::string CatalogVerdict::*field) {
            return c.catalog ? std::optional((*c.catalog).*field) : std::nullopt;
        };
        p.add(catalog(&CatalogVerdict::verdict)).add(catalog(&CatalogVerdict::entry));
        p.add(catalog(&CatalogVerdict::version));
        Poco::Int64 id = 0;
        {
            Statement st(s);
            st << sql(
                "INSERT INTO complaints (tracking_number, department, channel, category, "
                "severity, status, customer_company, customer_contact, customer_address, "
                "customer_phone, customer_email, customer_type, cause, request, product_name, "
                "product_spec, product_production_date, product_batch, product_used_at, "
                "product_symptoms, product_previous_brand, loss_minor, loss_currency, "
                "received_at, recorder, owner, first_response_due, resolution_due, created_at, "
                "updated_at, version, idempotency_key, idempotency_hash, catalog_verdict, "
                "catalog_entry, catalog_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "RETURNING id");
            p.bind_to(st);
            st, into(id);
            st.execute();
        }
        c.id = id;
        created.complaint_id = id;
        insert_event(s, created, created.complaint_id);
        return {c, true, {}};
    }
}

std::optional<Complaint> SqlStore::find(std::string_view tracking_number) {
    try {
        Session s = reader();
        RecordSet rs = query(s,
                             sql(std::string("SELECT ") + complaint_columns +
                                 " FROM complaints WHERE tracking_number = ?"),
                             Params().add(tracking_number));
        if (rs.rowCount() == 0)
            return std::nullopt;
        return read_complaint(Row(rs, 0));
    } catch (const Poco::Exception& e) {
        throw StoreError(backend() + ": " + e.displayText());
    }
}

std::vector<Event> SqlStore::events(std::int64_t complaint_id) {
    try {
        Session s = reader();
        RecordSet rs =
            query(s,
                  sql("SELECT id, complaint_id, at, actor, type, from_status, to_status, "
                      "reason, data FROM complaint_events WHERE complaint_id = ? ORDER BY id"),
                  Params().add(complaint_id));
        std::vector<Event> out;
        for (std::size_t i = 0; i < rs.rowCount(); ++i) {
            Row r(rs, i);
            out.push_back({r.integer(0), r.integer(1), r.integer(2), r.text(3), r.text(4),
                           r.text(5), r.text(6), r.text(7), r.text(8)});
        }
        return out;
    } catch (const Poco::Exception& e) {
        throw StoreError(backend() + ": " + e.displayText());
    }
}

// ---- The complaint queue: list and counts ---------------------------------------

namespace {

// A complaint's next due time (next_due_ms) in SQL. None is the largest
// BIGINT, so complaints without one sort last and a cursor can still name
// them (no real due time comes near it).
const char* const next_due_sql =
    "(CASE WHEN status IN ('resolved', 'closed', 'rejected') THEN 9223372036854775807 "
    "WHEN first_responded_at IS NULL THEN first_response_due ELSE resolution_due END)";
constexpr std::int64_t no_next_due = std::numeric_limits<std::int64_t>::max();

// Open and past a due time not yet met; binds "now" twice.
const char* const overdue_sql =
    "(status NOT IN ('resolved', 'closed', 'rejected') AND "
    "((first_responded_at IS NULL AND first_response_due < ?) OR resolution_due < ?))";

// The filter's conditions that list and count share: everything but status,
// overdue, order and cursor. Appends to where and binds to p, in order.
void add_filter_conditions(const ComplaintFilter& f, std::vector<std::string>& where, Params& p) {
    if (!f.departments.empty())
        where.push_back("department IN " + sql::in_list(f.departments, p));
    if (f.channel) {
        where.emplace_back("channel = ?");
        p.add(*f.channel);
    }
    if (f.owner) {
        where.emplace_back("owner = ?");
        p.add(*f.owner);
    }
    if (f.customer) {
        where.emplace_back(
            "(customer_company LIKE ? ESCAPE '\\' OR customer_contact LIKE ? ESCAPE '\\' "
            "OR customer_phone LIKE ? ESCAPE '\\' OR customer_email LIKE ? ESCAPE '\\')");
        std::string pattern = like_pattern(*f.customer);
        p.add(pattern).add(pattern).add(pattern).add(pattern);
    }
    if (f.phone) {
        where.emplace_back("customer_phone = ?");
        p.add(*f.phone);
    }
    if (f.email) {
        where.emplace_back("customer_email = ?");
        p.add(*f.email);
    }
    if (f.received_from_ms) {
        where.emplace_back("received_at >= ?");
        p.add(*f.received_from_ms);
    }
    if (f.received_to_ms) {
        where.emplace_back("received_at < ?");
        p.add(*f.received_to_ms);
    }
}

std::string where_clause(const std::vector<std::string>& conditions) {
    std::string out;
    for (const auto& c : conditions)
        out += (out.empty() ? " WHERE " : " AND ") + c;
    return out;
}

} // namespace

ComplaintPage SqlStore::list(const ComplaintFilter& f) {
    std::vector<std::string> where;
    Params p;
    std::string select = std::string("SELECT ") + complaint_columns;
    std::string order;
    switch (f.order) {
    case ComplaintOrder::Received:
        where.emplace_back("id > ?");
        p.add(f.after_id);
        order = "id";
        break;
    case ComplaintOrder::NewestFirst:
        where.emplace_back("id < ?");
        p.add(f.after_id == 0 ? std::numeric_limits<std::int64_t>::max() : f.after_id);
        order = "id DESC";
        break;
    case ComplaintOrder::Due:
        // The next due time is selected too: the store, not its caller's copy
        // of the rule, says where the next page starts.
        select += std::string(", ") + next_due_sql;
        if (f.after_id != 0) {
            // A row value, so that an index on (…, next due, id) can seek to it.
            where.push_back(std::string("(") + next_due_sql + ", id) > (?, ?)");
            p.add(f.after_due_ms.value_or(no_next_due)).add(f.after_id);
        }
        order = std::string(next_due_sql) + ", id";
        break;
    }
    if (f.status) {
        where.emplace_back("status = ?");
        p.add(to_string(*f.status));
    }
    add_filter_conditions(f, where, p);
    if (f.overdue) {
        where.emplace_back(overdue_sql);
        p.add(f.now_ms).add(f.now_ms);
    }
    int limit = std::clamp(f.limit, 1, 500);
    p.add(static_cast<std::int64_t>(limit) + 1); // one more: is there a next page?
    try {
        Session s = reader();
        RecordSet rs = query(s,
                             sql(select + " FROM complaints" + where_clause(where) + " ORDER BY " +
                                 order + " LIMIT ?"),
                             p);
        ComplaintPage page;
        std::size_t rows = std::min(rs.rowCount(), static_cast<std::size_t>(limit));
        for (std::size_t i = 0; i < rows; ++i)
            page.items.push_back(read_complaint(Row(rs, i)));
        if (rs.rowCount() > static_cast<std::size_t>(limit)) {
            page.next_after_id = page.items.back().id;
            if (f.order == ComplaintOrder::Due) {
                std::int64_t due = Row(rs, rows - 1).integer(after_complaint_columns);
                if (due != no_next_due)
                    page.next_after_due_ms = due;
            }
        }
        return page;
    } catch (const Poco::Exception& e) {
        throw StoreError(backend() + ": " + e.displayText());
    }
}

ComplaintCounts SqlStore::count(const ComplaintFilter& f) {
    Params p;
    p.add(f.now_ms).add(f.now_ms); // overdue_sql, in the select list
    std::vector<std::string> where;
    add_filter_conditions(f, where, p);
    try {
        Session s = reader();
        RecordSet rs =
            query(s,
                  sql(std::string("SELECT status, COUNT(*), COUNT(CASE WHEN ") + overdue_sql +
                      " THEN 1 END) FROM complaints" + where_clause(where) + " GROUP BY status"),
                  p);
        ComplaintCounts out;
        out.as_of_ms = f.now_ms;
        for (Status st : all_statuses())
            out.by_status.emplace_back(st, 0);
        for (std::size_t i = 0; i < rs.rowCount(); ++i) {
            Row r(rs, i);
            std::int64_t n = r.integer(1);
            out.total += n;
            out.overdue += r.integer(2);
            if (auto st = parse_status(r.text(0)))
                for (auto& [status, count] : out.by_status)
                    if (status == *st)
                        count = n;
        }
        return out;
    } catch (const Poco::Exception& e) {
        throw StoreError(backend() + ": " + e.displayText());
    }
}

UpdateOutcome SqlStore::update(const Complaint& c, std::int64_t expected_version, const Event& e,
                               const UpdateEffects& effects) {
    try {
        return transact([&](Session& s) {
            Params p;
            add_mutable(p, c);
            p.add(c.id).add(expected_version);
            std::size_t rows = execute(s,
                                       sql(std::string("UPDATE complaints SET ") + mutable_columns +
                                           " WHERE id = ? AND version = ?"),
                                       p);
            if (rows != 1)
                return UpdateOutcome::Stale;
            insert_event(s, e, c.id);
            if (c.status == Status::Closed || c.status == Status::Rejected ||
                c.status == Status::Reopened)
                // The follow-up calls of a complaint that left "resolved" are moot.
                execute(s,
                        sql("UPDATE callbacks SET done_at = ?, outcome = 'superseded', done_by = ? "
                            "WHERE complaint_id = ? AND done_at IS NULL"),
                        Params().add(e.at_ms).add(e.actor).add(c.id));
            if (effects.schedule)
                insert_callback(s, *effects.schedule);
            apply_compensation(s, c, effects);
            return UpdateOutcome::Applied;
        });
    } catch (const EffectRefused& refused) {
        return refused.outcome;
    }
}

Event SqlStore::append_event(Event e) {
    return transact([&](Session& s) {
        e.id = insert_event(s, e, e.complaint_id);
        return e;
    });
}

std::vector<Complaint> SqlStore::unrecorded_breaches(std::int64_t now_ms, int limit) {
    try {
        Session s = reader();
        RecordSet rs =
            query(s,
                  sql(std::string("SELECT ") + complaint_columns +
                      " FROM complaints WHERE (first_response_breached = 0 AND "
                      "((first_responded_at IS NULL "
                      "AND status NOT IN ('closed', 'rejected') AND first_response_due < ?) OR "
                      "first_responded_at > first_response_due)) OR (resolution_breached = 0 AND "
                      "((resolved_at IS NULL AND status NOT IN ('closed', 'rejected') AND "
                      "resolution_due < ?) "
                      "OR resolved_at > resolution_due)) ORDER BY id LIMIT ?"),
                  Params().add(now_ms).add(now_ms).add(static_cast<std::int64_t>(limit)));
        std::vector<Complaint> out;
        for (std::size_t i = 0; i < rs.rowCount(); ++i)
            out.push_back(read_complaint(Row(rs, i)));
        return out;
    } catch (const Poco::Exception& e) {
        throw StoreError(backend() + ": " + e.displayText());
    }
}

bool SqlStore::record_breach(std::int64_t complaint_id, std::string_view kind, const Event& e) {
    // The lateness is checked again inside the update, against the row as it
    // is at commit: a response committed after the sweeper read the row but
    // stamped before the due time is not a breach.
    std::string column, late;
    if (kind == "first_response") {
        column = "first_response_breached";
        late = "((first_responded_at IS NULL AND status NOT IN ('closed', 'rejected') AND "
               "first_response_due < ?) OR first_responded_at > first_response_due)";
    } else if (kind == "resolution") {
        column = "resolution_breached";
        late = "((resolved_at IS NULL AND status NOT IN ('closed', 'rejected') AND "
               "resolution_due < ?) OR resolved_at > resolution_due)";
    } else {
        throw StoreError("unknown breach kind '" + std::string(kind) + "'");
    }
    return transact([&](Session& s) {
        // The conditional update is the "exactly once": of several sweepers
        // (threads or hosts) only one sees a row change.
        std::size_t rows = execute(s,
                                   sql("UPDATE complaints SET " + column +
                                       " = 1 WHERE id = ? AND " + column + " = 0 AND " + late),
                                   Params().add(complaint_id).add(e.at_ms));
        if (rows != 1)
            return false;
        insert_event(s, e, complaint_id);
        return true;
    });
}

// ---- Tokens ----------------------------------------------------------------

namespace {
TokenRecord read_token(const Row& r) {
    TokenRecord t;
    t.id = r.text(0);
    t.name = r.text(1);
    t.secret_hash = r.text(2);
    t.role = parse_role(r.text(3)).value_or(Role::Agent);
    t.departments = split(r.text(4), ',');
    t.created_at_ms = r.integer(5);
    t.revoked_at_ms = r.optional_integer(6);
    return t;
}
const char* const token_columns =
    "id, name, secret_hash, role, departments, created_at, revoked_at";
} // namespace

void SqlStore::add_token(const TokenRecord& t) {
    transact([&](Session& s) {
        execute(s,
                sql(std::string("INSERT INTO api_tokens (") + token_columns +
                    ") VALUES (?, ?, ?, ?, ?, ?, ?)"),
                Params()
                    .add(t.id)
                    .add(t.name)
                    .add(t.secret_hash)
                    .add(to_string(t.role))
                    .add(join(t.departments, ','))
                    .add(t.created_at_ms)
                    .add(t.revoked_at_ms));
    });
}

std::optional<TokenRecord> SqlStore::find_token_by_hash(std::string_view hash) {
    try {
        Session s = reader();
        RecordSet rs = query(
            s,
            sql(std::string("SELECT ") + token_columns + " FROM api_tokens WHERE secret_hash = ?"),
            Params().add(hash));
        if (rs.rowCount() == 0)
            return std::nullopt;
        return read_token(Row(rs, 0));
    } catch (const Poco::Exception& e) {
        throw StoreError(backend() + ": " + e.displayText());
    }
}

std::vector<TokenRecord> SqlStore::tokens() {
    try {
        Session s = reader();
        RecordSet rs = query(s, std::string("SELECT ") + token_columns +
                                    " FROM api_tokens ORDER BY created_at, id");
        std::vector<TokenRecord> out;
        for (std::size_t i = 0; i < rs.rowCount(); ++i)
            out.push_back(read_token(Row(rs, i)));
        return out;
    } catch (const Poco::Exception& e) {
        throw StoreError(backend() + ": " + e.displayText());
    }
}

bool SqlStore::revoke_token(std::string_view id, std::int64_t at_ms) {
    return transact([&](Session& s) {
        return execute(
                   s,
                   sql("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
                   Params().add(at_ms).add(id)) == 1;
    });
}

// ---- Opening -------------------------------------------------------------------

std::string postgres_keywords(const std::string& url) {
    // Poco's connector splits a "key=value key=value" string itself and does
    // not accept libpq URIs, so the URL is translated here.
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception& e) {
        throw StoreError("invalid PostgreSQL url \"" + url + "\": " + e.displayText());
    }
    std::vector<std::pair<std::string, std::string>> kv;
    std::string user = uri.getUserInfo(), password;
    if (auto colon = user.find(':'); colon != std::string::npos) {
        password = user.substr(colon + 1);
        user.resize(colon);
    }
    if (!user.empty())
        kv.emplace_back("user", user);
    if (!password.empty())
        kv.emplace_back("password", password);
    if (!uri.getHost().empty())
        kv.emplace_back("host", uri.getHost());
    if (uri.getPort() != 0)
        kv.emplace_back("port", std::to_string(uri.getPort()));
    std::string db = uri.getPath();
    if (!db.empty() && db.front() == '/')
        db.erase(0, 1);
    if (!db.empty())
        kv.emplace_back("dbname", db);
    for (const auto& [k, v] : uri.getQueryParameters())
        kv.emplace_back(k, v);
    std::string out;
    for (const auto& [k, v] : kv) {
        if (v.find_first_of(" '\\=") != std::string::npos)
            throw StoreError("PostgreSQL url parameter " + k +
                             " must not contain spaces, quotes, '=' or backslashes");
        out += (out.empty() ? "" : " ") + k + "=" + v;
    }
    return out;
}

std::unique_ptr<Store> open_store(const std::string& url, int max_sessions) {
    if (url.rfind("sqlite://", 0) == 0)
        return std::make_unique<SqlStore>(SqlStore::Backend::SQLite, url.substr(9), max_sessions);
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
        return std::make_unique<SqlStore>(SqlStore::Backend::PostgreSQL, postgres_keywords(url),
                                          max_sessions);
    throw StoreError("unsupported storage url \"" + url +
                     "\" (expected sqlite:// or postgresql://)");
}

} // namespace redress::core
