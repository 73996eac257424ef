// The SQL store's tables for the intake channels: channel overrides and their
// audit trail, follow-up calls, and events stored once per channel ref.
#include "sql_store.hpp"
#include "sql_util.hpp"

namespace redress::core {

using Poco::Data::Session;
using sql::execute;
using sql::Params;
using sql::query;
using sql::Row;

std::pair<Event, bool> SqlStore::append_event_once(Event e, const std::string& ref) {
    if (ref.empty())
        return {append_event(std::move(e)), true};
    auto earlier = [&]() -> std::optional<Event> {
        Session s = reader();
        auto rs = query(s,
                        sql("SELECT id, at, actor, type, reason, data FROM complaint_events "
                            "WHERE complaint_id = ? AND ref = ?"),
                        Params().add(e.complaint_id).add(ref));
        if (rs.rowCount() == 0)
            return std::nullopt;
        Row r(rs, 0);
        Event found = e;
        found.id = r.integer(0);
        found.at_ms = r.integer(1);
        found.actor = r.text(2);
        found.type = r.text(3);
        found.reason = r.text(4);
        found.data_json = r.text(5);
        return found;
    };
    if (auto found = earlier())
        return {*found, false};
    try {
        return transact([&](Session& s) {
            e.id = insert_event(s, e, e.complaint_id, ref);
            return std::pair{e, true};
        });
    } catch (const StoreError&) {
        // Another host stored the same ref between our read and our insert.
        if (auto found = earlier())
            return {*found, false};
        throw;
    }
}

std::vector<ChannelState> SqlStore::channel_states() {
    try {
        Session s = reader();
        auto rs = query(s, "SELECT department, channel, enabled, changed_by, changed_at FROM "
                           "channel_states ORDER BY department, channel");
        std::vector<ChannelState> out;
        for (std::size_t i = 0; i < rs.rowCount(); ++i) {
            Row r(rs, i);
            out.push_back({r.text(0), r.text(1), r.integer(2) != 0, r.text(3), r.integer(4)});
        }
        return out;
    } catch (const Poco::Exception& e) {
        throw StoreError(backend() + ": " + e.displayText());
    }
}

void SqlStore::set_channel_state(const std::string& department, const std::string& channel,
                                 std::optional<bool> enabled, const std::string& actor,
                                 std::int64_t at_ms) {
    transact([&](Session& s) {
        if (enabled)
            execute(s,
                    sql("INSERT INTO channel_states (department, channel, enabled, changed_by, "
                        "changed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (department, channel) DO "
                        "UPDATE SET enabled = excluded.enabled, changed_by = excluded.changed_by, "
                        "changed_at = excluded.changed_at"),
                    Params().add(department).add(channel).add(*enabled).add(actor).add(at_ms));
        else
            execute(s, sql("DELETE FROM channel_states WHERE department = ? AND channel = ?"),
                    Params().add(department).add(channel));
        execute(s,
                sql("INSERT INTO channel_audit (department, channel, enabled, actor, at) VALUES "
                    "(?, ?, ?, ?, ?)"),
                Params()
                    .add(department)
                    .add(channel)
                    .add(enabled ? std::optional<std::int64_t>(*enabled ? 1 : 0) : std::nullopt)
                    .add(actor)
                    .add(at_ms));
    });
}

std::vector<ChannelChange> SqlStore::channel_changes(const std::string& department, int limit) {
    try {
        Session s = reader();
        auto rs = query(s,
                        sql("SELECT id, department, channel, enabled, actor, at FROM "
                            "channel_audit WHERE department = ? ORDER BY id DESC LIMIT ?"),
                        Params().add(department).add(std::clamp(limit, 1, 1000)));
        std::vector<ChannelChange> out;
        for (std::size_t i = 0; i < rs.rowCount(); ++i) {
            Row r(rs, i);
            ChannelChange c{r.integer(0), r.text(1), r.text(2),
                            std::nullopt, r.text(4), r.integer(5)};
            if (auto e = r.optional_integer(3))
                c.enabled = *e != 0;
            out.push_back(std::move(c));
        }
        return out;
    } catch (const Poco::Exception& e) {
        throw StoreError(backend() + ": " + e.displayText());
    }
}

// ---- Follow-up calls --------------------------------------------------------

namespace {

const char* const callback_columns =
    "cb.id, cb.complaint_id, c.tracking_number, cb.department, cb.due_at, cb.assignee, "
    "cb.reason, cb.created_by, cb.created_at, cb.attempt, cb.done_at, cb.outcome, "
    "cb.satisfaction, cb.notes, cb.done_by";

Callback read_callback(const Row& r) {
    Callback c;
    c.id = r.integer(0);
    c.complaint_id = r.integer(1);
    c.tracking_number = r.text(2);
    c.department = r.text(3);
    c.due_at_ms = r.integer(4);
    c.assignee = r.text(5);
    c.reason = r.text(6);
    c.created_by = r.text(7);
    c.created_at_ms = r.integer(8);
    c.attempt = static_cast<int>(r.integer(9));
    c.done_at_ms = r.optional_integer(10);
    c.outcome = r.text(11);
    if (auto s = r.optional_integer(12))
        c.satisfaction = static_cast<int>(*s);
    c.notes = r.text(13);
    c.done_by = r.text(14);
    return c;
}

} // namespace

std::int64_t SqlStore::insert_callback(Session& s, const Callback& c) {
    Poco::Int64 id = 0;
    Poco::Data::Statement st(s);
    st << sql("INSERT INTO callbacks (complaint_id, department, due_at, assignee, reason, "
              "created_by, created_at, attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    Params()
        .add(c.complaint_id)
        .add(c.department)
        .add(c.due_at_ms)
        .add(c.assignee)
        .add(c.reason)
        .add(c.created_by)
        .add(c.created_at_ms)
        .add(c.attempt)
        .bind_to(st);
    st, Poco::Data::Keywords::into(id);
    st.execute();
    return id;
}

std::int64_t SqlStore::add_callback(const Callback& c) {
    return transact([&](Session& s) { return insert_callback(s, c); });
}

std::vector<Callback> SqlStore::open_callbacks(const CallbackFilter& f) {
    std::string where = "cb.done_at IS NULL";
    Params p;
    if (!f.departments.empty()) {
        // The complaint's department now: escalation may have moved it.
        where += " AND c.department IN " + sql::in_list(f.departments, p);
    }
    if (f.assignee) {
        where += " AND cb.assignee = ?";
        p.add(*f.assignee);
    }
    if (f.due_before_ms) {
        where += " AND cb.due_at < ?";
        p.add(*f.due_before_ms);
    }
    p.add(std::clamp(f.limit, 1, 500));
    try {
        Session s = reader();
        auto rs = query(s,
                        sql(std::string("SELECT ") + callback_columns +
                            " FROM callbacks cb JOIN complaints c ON c.id = cb.complaint_id "
                            "WHERE " +
                            where + " ORDER BY cb.due_at, cb.id LIMIT ?"),
                        p);
        std::vector<Callback> out;
        for (std::size_t i = 0; i < rs.rowCount(); ++i)
            out.push_back(read_callback(Row(rs, i)));
        return out;
    } catch (const Poco::Exception& e) {
        throw StoreError(backend() + ": " + e.displayText());
    }
}

std::optional<Callback> SqlStore::find_callback(std::int64_t id) {
    try {
        Session s = reader();
        auto rs = query(s,
                        sql(std::string("SELECT ") + callback_columns +
                            " FROM callbacks cb JOIN complaints c ON c.id = cb.complaint_id "
                            "WHERE cb.id = ?"),
                        Params().add(id));
        if (rs.rowCount() == 0)
            return std::nullopt;
        return read_callback(Row(rs, 0));
    } catch (const Poco::Exception& e) {
        throw StoreError(backend() + ": " + e.displayText());
    }
}

bool SqlStore::finish_callback(const Callback& d) {
    return transact([&](Session& s) {
        return execute(s,
                       sql("UPDATE callbacks SET done_at = ?, outcome = ?, satisfaction = ?, "
                           "notes = ?, done_by = ? WHERE id = ? AND done_at IS NULL"),
                       Params()
                           .add(d.done_at_ms)
                           .add(d.outcome)
                           .add(d.satisfaction ? std::optional<std::int64_t>(*d.satisfaction)
                                               : std::nullopt)
                           .add(d.notes)
                           .add(d.done_by)
                           .add(d.id)) == 1;
    });
}

} // namespace redress::core
