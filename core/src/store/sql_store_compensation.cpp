// The SQL store's tables for compensation: proposals with their policy steps,
// monthly budgets per department, and the tasks agreed remedies become.
#include "sql_store.hpp"
#include "sql_util.hpp"

namespace redress::core {

using Poco::Data::Session;
using sql::execute;
using sql::Params;
using sql::query;
using sql::Row;

namespace {

constexpr const char* proposal_columns =
    "id, complaint_id, department, decision, remedies, amount_minor, currency, required_level, "
    "level_reasons, steps, source, factors, reasons, status, created_by, created_at, decided_by, "
    "decided_at, decision_note, budget_month";

Proposal read_proposal(const Row& r) {
    Proposal p;
    p.id = r.integer(0);
    p.complaint_id = r.integer(1);
    p.department = r.text(2);
    p.decision = r.text(3);
    p.remedies = strings_from_json(r.text(4));
    p.amount = Money{r.integer(5), r.text(6)};
    p.required_level = parse_role(r.text(7)).value_or(Role::Executive);
    p.level_reasons = strings_from_json(r.text(8));
    p.steps = steps_from_json(r.text(9));
    p.source = r.text(10);
    p.factors_json = r.text(11);
    p.reasons = strings_from_json(r.text(12));
    p.status = parse_proposal_status(r.text(13)).value_or(ProposalStatus::Withdrawn);
    p.created_by = r.text(14);
    p.created_at_ms = r.integer(15);
    p.decided_by = r.text(16);
    p.decided_at_ms = r.optional_integer(17);
    p.decision_note = r.text(18);
    p.budget_month = r.text(19);
    return p;
}

constexpr const char* task_columns =
    "t.id, t.complaint_id, c.tracking_number, t.proposal_id, t.department, t.remedy, "
    "t.amount_minor, t.currency, t.status, t.assignee, t.due_at, t.created_by, t.created_at, "
    "t.done_at, t.done_by, t.note";

Task read_task(const Row& r) {
    Task t;
    t.id = r.integer(0);
    t.complaint_id = r.integer(1);
    t.tracking_number = r.text(2);
    t.proposal_id = r.integer(3);
    t.department = r.text(4);
    t.remedy = r.text(5);
    t.amount = Money{r.integer(6), r.text(7)};
    t.status = parse_task_status(r.text(8)).value_or(TaskStatus::Cancelled);
    t.assignee = r.text(9);
    t.due_at_ms = r.integer(10);
    t.created_by = r.text(11);
    t.created_at_ms = r.integer(12);
    t.done_at_ms = r.optional_integer(13);
    t.done_by = r.text(14);
    t.note = r.text(15);
    return t;
}

} // namespace

std::int64_t SqlStore::insert_proposal(Session& s, const Proposal& p) {
    Poco::Int64 id = 0;
    Poco::Data::Statement st(s);
    st << sql("INSERT INTO proposals (complaint_id, department, decision, remedies, amount_minor, "
              "currency, required_level, level_reasons, steps, source, factors, reasons, status, "
              "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
              "RETURNING id");
    Params()
        .add(p.complaint_id)
        .add(p.department)
        .add(p.decision)
        .add(strings_to_json(p.remedies))
        .add(p.amount.amount_minor)
        .add(p.amount.currency)
        .add(to_string(p.required_level))
        .add(strings_to_json(p.level_reasons))
        .add(steps_to_json(p.steps))
        .add(p.source)
        .add(p.factors_json)
        .add(strings_to_json(p.reasons))
        .add(to_string(p.status))
        .add(p.created_by)
        .add(p.created_at_ms)
        .bind_to(st);
    st, Poco::Data::Keywords::into(id);
    st.execute();
    return id;
}

void SqlStore::apply_compensation(Session& s, const Complaint& c, const UpdateEffects& fx) {
    if (fx.add_proposal) {
        execute(s,
                sql("UPDATE proposals SET status = 'withdrawn' WHERE complaint_id = ? AND status "
                    "IN ('proposed', 'approved')"),
                Params().add(c.id));
        insert_proposal(s, *fx.add_proposal);
    }
    if (const auto& ch = fx.change_proposal) {
        std::size_t rows = 0;
        if (ch->from == ProposalStatus::Proposed)
            // The approver's decision is kept on the proposal; later moves are on the timeline.
            rows = execute(s,
                           sql("UPDATE proposals SET status = ?, decided_by = ?, decided_at = ?, "
                               "decision_note = ?, budget_month = ? WHERE id = ? AND status = ?"),
                           Params()
                               .add(to_string(ch->to))
                               .add(ch->by)
                               .add(ch->at_ms)
                               .add(ch->note)
                               .add(ch->budget_month.value_or(""))
                               .add(ch->id)
                               .add(to_string(ch->from)));
        else
            rows = execute(s, sql("UPDATE proposals SET status = ? WHERE id = ? AND status = ?"),
                           Params().add(to_string(ch->to)).add(ch->id).add(to_string(ch->from)));
        if (rows != 1)
            throw EffectRefused{UpdateOutcome::StateChanged};
    }
    if (const auto& b = fx.charge) {
        execute(s,
                sql("INSERT INTO compensation_budget (department, month, spent) VALUES (?, ?, 0) "
                    "ON CONFLICT (department, month) DO NOTHING"),
                Params().add(b->department).add(b->month));
        // One conditional UPDATE: on PostgreSQL the row lock makes concurrent
        // approvals queue here and each sees the others' committed charges.
        Params p;
        p.add(b->amount).add(b->department).add(b->month);
        std::string text =
            "UPDATE compensation_budget SET spent = spent + ? WHERE department = ? AND month = ?";
        if (b->limit) {
            text += " AND spent + ? <= ?";
            p.add(b->amount).add(*b->limit);
        }
        if (execute(s, sql(text), p) != 1)
            throw EffectRefused{UpdateOutcome::OverBudget};
    }
    for (const Task& t : fx.add_tasks)
        execute(s,
                sql("INSERT INTO tasks (complaint_id, proposal_id, department, remedy, "
                    "amount_minor, currency, status, assignee, due_at, created_by, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                Params()
                    .add(t.complaint_id)
                    .add(t.proposal_id)
                    .add(t.department)
                    .add(t.remedy)
                    .add(t.amount.amount_minor)
                    .add(t.amount.currency)
                    .add(to_string(t.status))
                    .add(t.assignee)
                    .add(t.due_at_ms)
                    .add(t.created_by)
                    .add(t.created_at_ms));
    if (const auto& tc = fx.change_task) {
        std::size_t rows =
            tc->assignee
                ? execute(s, sql("UPDATE tasks SET assignee = ? WHERE id = ? AND status = 'open'"),
                          Params().add(*tc->assignee).add(tc->id))
                : execute(s,
                          sql("UPDATE tasks SET status = ?, done_at = ?, done_by = ?, note = ? "
                              "WHERE id = ? AND status = 'open'"),
                          Params()
                              .add(to_string(tc->to))
                              .add(tc->at_ms)
                              .add(tc->by)
                              .add(tc->note)
                              .add(tc->id));
        if (rows != 1)
            throw EffectRefused{UpdateOutcome::StateChanged};
    }
}

std::vector<Proposal> SqlStore::proposals(std::int64_t complaint_id) {
    try {
        Session s = reader();
        auto rs = query(s,
                        sql(std::string("SELECT ") + proposal_columns +
                            " FROM proposals WHERE complaint_id = ? ORDER BY id"),
                        Params().add(complaint_id));
        std::vector<Proposal> out;
        for (std::size_t i = 0; i < rs.rowCount(); ++i)
            out.push_back(read_proposal(Row(rs, i)));
        return out;
    } catch (const Poco::Exception& e) {
        throw StoreError(backend() + ": " + e.displayText());
    } catch (const std::invalid_argument& e) {
        throw StoreError(backend() + ": proposal of complaint " + std::to_string(complaint_id) +
                         ": " + e.what());
    }
}

std::int64_t SqlStore::budget_spent(const std::string& department, const std::string& month) {
    try {
        Session s = reader();
        auto rs = query(s,
                        sql("SELECT spent FROM compensation_budget WHERE department = ? AND "
                            "month = ?"),
                        Params().add(department).add(month));
        return rs.rowCount() ? Row(rs, 0).integer(0) : 0;
    } catch (const Poco::Exception& e) {
        throw StoreError(backend() + ": " + e.displayText());
    }
}

std::vector<Task> SqlStore::tasks(const TaskFilter& f) {
    std::string where = "t.id > ?";
    Params p;
    p.add(f.after_id);
    if (!f.departments.empty()) {
        where += " AND t.department IN " + sql::in_list(f.departments, p);
    }
    if (f.complaint_id) {
        where += " AND t.complaint_id = ?";
        p.add(*f.complaint_id);
    }
    if (f.status) {
        where += " AND t.status = ?";
        p.add(to_string(*f.status));
    }
    if (f.assignee) {
        where += " AND t.assignee = ?";
        p.add(*f.assignee);
    }
    p.add(static_cast<std::int64_t>(f.limit));
    try {
        Session s = reader();
        auto rs = query(s,
                        sql(std::string("SELECT ") + task_columns +
                            " FROM tasks t JOIN complaints c ON c.id = t.complaint_id WHERE " +
                            where + " ORDER BY t.id LIMIT ?"),
                        p);
        std::vector<Task> out;
        for (std::size_t i = 0; i < rs.rowCount(); ++i)
            out.push_back(read_task(Row(rs, i)));
        return out;
    } catch (const Poco::Exception& e) {
        throw StoreError(backend() + ": " + e.displayText());
    }
}

std::optional<Task> SqlStore::find_task(std::int64_t id) {
    try {
        Session s = reader();
        auto rs =
            query(s,
                  sql(std::string("SELECT ") + task_columns +
                      " FROM tasks t JOIN complaints c ON c.id = t.complaint_id WHERE t.id = ?"),
                  Params().add(id));
        if (rs.rowCount() == 0)
            return std::nullopt;
        return read_task(Row(rs, 0));
    } catch (const Poco::Exception& e) {
        throw StoreError(backend() + ": " + e.displayText());
    }
}

} // namespace redress::core
