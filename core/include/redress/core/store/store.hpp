// Durable storage of complaints, their events and API tokens.
//
// One interface, two backends (SQLite and PostgreSQL through Poco::Data; see
// open_store). Every write is one transaction; a call returns only after the
// commit, so whatever a caller acknowledges is on disk. Events are
// append-only: the database itself refuses UPDATE and DELETE on them.
// Implementations are thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <redress/core/model/compensation.hpp>
#include <redress/core/model/complaint.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace redress::core {

//! A storage failure: connection lost, disk full, schema too new…
class StoreError : public std::runtime_error {
public:
    enum class Cause {
        Unavailable, //!< the database cannot be reached or refused the work
        Full,        //!< the disk (or the database's quota) is full
    };
    explicit StoreError(const std::string& message, Cause cause = Cause::Unavailable)
        : std::runtime_error(message)
        , cause_(cause) {}
    Cause cause() const { return cause_; }

private:
    Cause cause_;
};

//! The orders of GET /complaints.
enum class ComplaintOrder {
    Received,    //!< ascending id, the order of registration (the default)
    NewestFirst, //!< descending id
    Due,         //!< next_due_ms ascending, complaints without one last; ties by ascending id
};

//! A complaint's next due time, the key of ComplaintOrder::Due: the first
//! response's due time until the first response is made, then the
//! resolution's; none once resolved, closed or rejected. UTC ms.
inline std::optional<std::int64_t> next_due_ms(const Complaint& c) {
    if (c.status == Status::Resolved || c.status == Status::Closed || c.status == Status::Rejected)
        return std::nullopt;
    return c.first_responded_at_ms ? c.resolution_due_ms : c.first_response_due_ms;
}

//! Filters of GET /complaints; empty fields do not filter. Pages are keyset:
//! a page starts after the cursor (after_id, and in Due order after_due_ms),
//! which is the last item of the previous page.
struct ComplaintFilter {
    std::vector<std::string> departments; //!< restrict to these (empty: all)
    std::optional<Status> status;
    std::optional<std::string> channel;
    std::optional<std::string> customer; //!< substring of company, contact, phone or e-mail
    std::optional<std::string> phone;    //!< the customer's phone, exactly
    std::optional<std::string> email;    //!< the customer's e-mail, exactly
    ComplaintOrder order = ComplaintOrder::Received;
    std::optional<std::string> owner;
    bool overdue = false; //!< past a due time not yet met, as of now_ms
    std::int64_t now_ms = 0;
    std::optional<std::int64_t> received_from_ms, received_to_ms; //!< [from, to)
    //! The id of the previous page's last item; 0: the first page.
    std::int64_t after_id = 0;
    //! Due order, with after_id: that item's next due time (nullopt: it had none).
    std::optional<std::int64_t> after_due_ms;
    int limit = 50; //!< 1 to 500
};

struct ComplaintPage {
    std::vector<Complaint> items;
    std::optional<std::int64_t> next_after_id; //!< set when there may be more
    //! Due order, with next_after_id: the after_due_ms of the next page.
    std::optional<std::int64_t> next_after_due_ms;
};

//! Live counts of the complaints a filter selects (GET /complaints/counts).
struct ComplaintCounts {
    std::int64_t total = 0;
    //! Every status (all_statuses()), in lifecycle order, zeros included.
    std::vector<std::pair<Status, std::int64_t>> by_status;
    //! Past a due time not yet met at as_of_ms (as ComplaintFilter::overdue).
    std::int64_t overdue = 0;
    std::int64_t as_of_ms = 0; //!< the filter's now_ms
};

//! A runtime override of a department's channel (PUT /departments/{id}/channels/{c}).
struct ChannelState {
    std::string department, channel;
    bool enabled = true;
    std::string changed_by;
    std::int64_t changed_at_ms = 0;
};

//! One change of a channel's state, for the audit trail; enabled is empty when
//! the override was removed (the config decides again).
struct ChannelChange {
    std::int64_t id = 0;
    std::string department, channel;
    std::optional<bool> enabled;
    std::string actor;
    std::int64_t at_ms = 0;
};

//! A follow-up call (回访) due on a complaint.
struct Callback {
    std::int64_t id = 0;
    std::int64_t complaint_id = 0;
    std::string tracking_number; //!< read only (joined from the complaint)
    std::string department;
    std::int64_t due_at_ms = 0;
    std::string assignee; //!< empty: anyone in the department
    std::string reason;
    std::string created_by;
    std::int64_t created_at_ms = 0;
    int attempt = 1; //!< 2 after one unreachable attempt, …
    std::optional<std::int64_t> done_at_ms;
    std::string outcome; //!< "satisfied", "unsatisfied", "unreachable", "superseded" once done
    std::optional<int> satisfaction;
    std::string notes;
    std::string done_by;
};

//! Filters of the follow-up queue; open callbacks only, earliest due first.
struct CallbackFilter {
    std::vector<std::string> departments; //!< empty: all
    std::optional<std::string> assignee;
    std::optional<std::int64_t> due_before_ms;
    int limit = 50;
};

//! Filters of the task lists (GET /tasks); ascending id order, after_id the cursor.
struct TaskFilter {
    std::vector<std::string> departments; //!< the carrying-out departments (empty: all)
    std::optional<std::int64_t> complaint_id;
    std::optional<TaskStatus> status;
    std::optional<std::string> assignee;
    std::int64_t after_id = 0;
    int limit = 50;
};

//! What else a complaint's update commits, in the same transaction. Each part
//! is conditional where noted; if its condition fails nothing at all is stored.
struct UpdateEffects {
    //! A follow-up call to queue (a resolved complaint is owed one).
    std::optional<Callback> schedule;
    //! A new proposal; the complaint's open proposals are withdrawn first.
    std::optional<Proposal> add_proposal;
    //! A proposal moving on, only if it is still in status `from`.
    struct ProposalChange {
        std::int64_t id = 0;
        ProposalStatus from = ProposalStatus::Proposed, to = ProposalStatus::Approved;
        std::string by;
        std::int64_t at_ms = 0;
        std::string note;
        std::optional<std::string> budget_month; //!< set: record the month it was charged to
    };
    std::optional<ProposalChange> change_proposal;
    //! Adds amount (negative: gives back) to a department's spending in a month;
    //! with a limit, only if the total stays within it (else OverBudget).
    struct BudgetCharge {
        std::string department, month;
        std::int64_t amount = 0;
        std::optional<std::int64_t> limit;
    };
    std::optional<BudgetCharge> charge;
    //! Tasks to create (ids assigned).
    std::vector<Task> add_tasks;
    //! A task finished or reassigned, only if it is still open.
    struct TaskChange {
        std::int64_t id = 0;
        TaskStatus to = TaskStatus::Done;
        std::string by;
        std::int64_t at_ms = 0;
        std::string note;
        std::optional<std::string> assignee; //!< set: reassign (status unchanged)
    };
    std::optional<TaskChange> change_task;
};

//! How a conditional update ended.
enum class UpdateOutcome {
    Applied,
    Stale,        //!< the complaint changed meanwhile (its version moved on)
    OverBudget,   //!< the budget charge would pass its limit
    StateChanged, //!< the proposal or task was no longer in the expected state
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

//! A cell of a report query's result (see Store::read_rows), or a parameter.
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;
//! The type a report query's column is read as (the backends type
//! expressions differently; the reader converts).
enum class SqlType { Integer, Real, Text };

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

    //! One complaint of a batch (see create_batch).
    struct NewComplaint {
        Complaint complaint;
        std::string prefix;
        int year = 0;
        Event created_event;
        IdempotencyKey idempotency;
    };
    //! Stores many complaints in one transaction, each as create() would; a
    //! known key yields the earlier complaint (created = false). All or nothing
    //! on a storage error.
    virtual std::vector<Created> create_batch(std::vector<NewComplaint> complaints) = 0;
    virtual std::optional<Complaint> find(std::string_view tracking_number) = 0;
    virtual std::vector<Event> events(std::int64_t complaint_id) = 0;
    virtual ComplaintPage list(const ComplaintFilter& filter) = 0;
    //! Counts what list(filter) selects across all its pages, by status and
    //! overdue as of filter.now_ms, in one read. Ignores the filter's status,
    //! overdue, order, cursor and limit.
    virtual ComplaintCounts count(const ComplaintFilter& filter) = 0;

    //! Saves complaint if its stored version is still expected_version, and
    //! appends event; returns false (saving nothing) if it changed meanwhile.
    //! With schedule, also adds that callback in the same transaction (the
    //! follow-up call a resolved complaint is owed). A complaint moving to
    //! closed, rejected or reopened ends its open callbacks ("superseded").
    //! With effects, also commits those (see UpdateEffects); anything but
    //! Applied stores nothing.
    virtual UpdateOutcome update(const Complaint& complaint, std::int64_t expected_version,
                                 const Event& event, const UpdateEffects& effects) = 0;
    bool update(const Complaint& complaint, std::int64_t expected_version, const Event& event) {
        return update(complaint, expected_version, event, UpdateEffects{}) ==
               UpdateOutcome::Applied;
    }
    //! Appends an event that changes nothing else (a comment).
    virtual Event append_event(Event event) = 0;
    //! Appends an event at most once per (complaint, ref): a second call with
    //! the same ref returns the first event and false.
    virtual std::pair<Event, bool> append_event_once(Event event, const std::string& ref) = 0;

    //! Every runtime channel override.
    virtual std::vector<ChannelState> channel_states() = 0;
    //! Sets (enabled) or removes (nullopt) an override and audits the change,
    //! in one transaction.
    virtual void set_channel_state(const std::string& department, const std::string& channel,
                                   std::optional<bool> enabled, const std::string& actor,
                                   std::int64_t at_ms) = 0;
    //! The latest changes of a department's channels, newest first.
    virtual std::vector<ChannelChange> channel_changes(const std::string& department,
                                                       int limit) = 0;

    virtual std::int64_t add_callback(const Callback& callback) = 0;
    virtual std::vector<Callback> open_callbacks(const CallbackFilter& filter) = 0;
    virtual std::optional<Callback> find_callback(std::int64_t id) = 0;
    //! Records a callback's outcome if it is still open; false if already done.
    virtual bool finish_callback(const Callback& done) = 0;

    //! A complaint's proposals, oldest first.
    virtual std::vector<Proposal> proposals(std::int64_t complaint_id) = 0;
    //! What a department has been charged in a month ("YYYY-MM").
    virtual std::int64_t budget_spent(const std::string& department, const std::string& month) = 0;
    virtual std::vector<Task> tasks(const TaskFilter& filter) = 0;
    virtual std::optional<Task> find_task(std::int64_t id) = 0;

    //! Open complaints past a due time whose breach is not yet recorded.
    virtual std::vector<Complaint> unrecorded_breaches(std::int64_t now_ms, int limit) = 0;
    //! Marks one breach ("first_response" or "resolution") and appends its
    //! event, once: false if it was already recorded (by any host).
    virtual bool record_breach(std::int64_t complaint_id, std::string_view kind,
                               const Event& event) = 0;

    //! A read-only query for the reports (core/report writes the SQL, with '?'
    //! placeholders, in the dialect both backends share). Reads each column as
    //! the given type (NULL stays std::monostate) and calls on_row per row, in
    //! order. The result is held in memory while it is read: queries must
    //! aggregate, or page with a LIMIT.
    virtual void read_rows(const std::string& sql, const std::vector<SqlValue>& params,
                           const std::vector<SqlType>& columns,
                           const std::function<void(const std::vector<SqlValue>&)>& on_row) = 0;

    virtual void add_token(const TokenRecord& token) = 0;
    virtual std::optional<TokenRecord> find_token_by_hash(std::string_view secret_hash) = 0;
    virtual std::vector<TokenRecord> tokens() = 0;
    //! Revokes a token by id; false if there is no such live token.
    virtual bool revoke_token(std::string_view id, std::int64_t at_ms) = 0;

    //! Group commit since start: concurrent create() calls share one
    //! transaction (one disk flush); these say how much they shared.
    struct CommitStats {
        std::uint64_t transactions = 0; //!< commits that held creates
        std::uint64_t creates = 0;      //!< creates in them
        std::size_t largest = 0;        //!< most creates in one commit
    };
    virtual CommitStats commit_stats() const { return {}; }
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
