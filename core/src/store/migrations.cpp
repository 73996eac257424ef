#include "migrations.hpp"

namespace redress::core::migrations {
namespace {

// Columns shared by both dialects; only the id column differs.
std::string complaints_table(const std::string& id_column) {
    return "CREATE TABLE complaints (" + id_column + R"(,
  tracking_number TEXT NOT NULL UNIQUE,
  department TEXT NOT NULL,
  channel TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL,
  status TEXT NOT NULL,
  customer_company TEXT NOT NULL DEFAULT '',
  customer_contact TEXT NOT NULL DEFAULT '',
  customer_address TEXT NOT NULL DEFAULT '',
  customer_phone TEXT NOT NULL DEFAULT '',
  customer_email TEXT NOT NULL DEFAULT '',
  customer_type TEXT NOT NULL DEFAULT 'unknown',
  cause TEXT NOT NULL,
  request TEXT NOT NULL DEFAULT '',
  product_name TEXT NOT NULL DEFAULT '',
  product_spec TEXT NOT NULL DEFAULT '',
  product_production_date TEXT NOT NULL DEFAULT '',
  product_batch TEXT NOT NULL DEFAULT '',
  product_used_at TEXT NOT NULL DEFAULT '',
  product_symptoms TEXT NOT NULL DEFAULT '',
  product_previous_brand TEXT NOT NULL DEFAULT '',
  loss_minor BIGINT,
  loss_currency TEXT,
  received_at BIGINT NOT NULL,
  recorder TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL DEFAULT '',
  first_response_due BIGINT NOT NULL,
  resolution_due BIGINT NOT NULL,
  first_responded_at BIGINT,
  resolved_at BIGINT,
  closed_at BIGINT,
  first_response_breached INTEGER NOT NULL DEFAULT 0,
  resolution_breached INTEGER NOT NULL DEFAULT 0,
  same_day_reply INTEGER,
  proposed_minor BIGINT,
  proposed_currency TEXT,
  required_level TEXT,
  satisfaction INTEGER,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL,
  idempotency_key TEXT UNIQUE,
  idempotency_hash TEXT
))";
}

std::string events_table(const std::string& id_column) {
    return "CREATE TABLE complaint_events (" + id_column + R"(,
  complaint_id BIGINT NOT NULL REFERENCES complaints(id),
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  type TEXT NOT NULL,
  from_status TEXT NOT NULL DEFAULT '',
  to_status TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL DEFAULT '{}'
))";
}

const std::vector<std::string> common_tail{
    "CREATE INDEX complaints_department_id ON complaints (department, id)",
    "CREATE INDEX complaints_status_id ON complaints (status, id)",
    "CREATE INDEX complaints_received_at ON complaints (received_at)",
    "CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, id)",
    R"(CREATE TABLE tracking_counters (
  prefix TEXT NOT NULL,
  year INTEGER NOT NULL,
  last BIGINT NOT NULL,
  PRIMARY KEY (prefix, year)
))",
    R"(CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  departments TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
))",
};

// Migration 2: what the intake channels need.
std::string channel_audit_table(const std::string& id_column) {
    return "CREATE TABLE channel_audit (" + id_column + R"(,
  department TEXT NOT NULL,
  channel TEXT NOT NULL,
  enabled INTEGER,
  actor TEXT NOT NULL,
  at BIGINT NOT NULL
))";
}

std::string callbacks_table(const std::string& id_column) {
    return "CREATE TABLE callbacks (" + id_column + R"(,
  complaint_id BIGINT NOT NULL REFERENCES complaints(id),
  department TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  assignee TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  attempt INTEGER NOT NULL DEFAULT 1,
  done_at BIGINT,
  outcome TEXT,
  satisfaction INTEGER,
  notes TEXT NOT NULL DEFAULT '',
  done_by TEXT
))";
}

const std::vector<std::string> intake_tail{
    // A runtime override of the config's channel list; absent: the config decides.
    R"(CREATE TABLE channel_states (
  department TEXT NOT NULL,
  channel TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at BIGINT NOT NULL,
  PRIMARY KEY (department, channel)
))",
    "CREATE INDEX channel_audit_department ON channel_audit (department, id)",
    "CREATE INDEX callbacks_open_due ON callbacks (done_at, due_at)",
    "CREATE INDEX callbacks_complaint ON callbacks (complaint_id)",
    // A channel's own key for an event (an e-mail's Message-ID): stored once.
    "ALTER TABLE complaint_events ADD COLUMN ref TEXT",
    "CREATE UNIQUE INDEX complaint_events_ref ON complaint_events (complaint_id, ref)",
    "CREATE INDEX complaints_customer_phone ON complaints (customer_phone)",
    "CREATE INDEX complaints_customer_email ON complaints (customer_email)",
};

// Migration 3: compensation — proposals, monthly budgets, department tasks.
std::string proposals_table(const std::string& id_column) {
    return "CREATE TABLE proposals (" + id_column + R"(,
  complaint_id BIGINT NOT NULL REFERENCES complaints(id),
  department TEXT NOT NULL,
  decision TEXT NOT NULL,
  remedies TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  required_level TEXT NOT NULL,
  level_reasons TEXT NOT NULL,
  steps TEXT NOT NULL,
  source TEXT NOT NULL,
  factors TEXT NOT NULL,
  reasons TEXT NOT NULL,
  status TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at BIGINT,
  decision_note TEXT NOT NULL DEFAULT '',
  budget_month TEXT NOT NULL DEFAULT ''
))";
}

std::string tasks_table(const std::string& id_column) {
    return "CREATE TABLE tasks (" + id_column + R"(,
  complaint_id BIGINT NOT NULL REFERENCES complaints(id),
  proposal_id BIGINT NOT NULL REFERENCES proposals(id),
  department TEXT NOT NULL,
  remedy TEXT NOT NULL,
  amount_minor BIGINT NOT NULL DEFAULT 0,
  currency TEXT NOT NULL,
  status TEXT NOT NULL,
  assignee TEXT NOT NULL DEFAULT '',
  due_at BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  done_at BIGINT,
  done_by TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT ''
))";
}

const std::vector<std::string> compensation_tail{
    "CREATE INDEX proposals_complaint ON proposals (complaint_id, id)",
    R"(CREATE TABLE compensation_budget (
  department TEXT NOT NULL,
  month TEXT NOT NULL,
  spent BIGINT NOT NULL,
  PRIMARY KEY (department, month)
))",
    "CREATE INDEX tasks_department_status ON tasks (department, status, id)",
    "CREATE INDEX tasks_complaint ON tasks (complaint_id, id)",
};

// NULL until the catalog classified the complaint (and for complaints stored before).
const std::vector<std::string> catalog_columns{
    "ALTER TABLE complaints ADD COLUMN catalog_verdict TEXT",
    "ALTER TABLE complaints ADD COLUMN catalog_entry TEXT",
    "ALTER TABLE complaints ADD COLUMN catalog_version TEXT",
};

// Migration 5: the reports' queries (core/src/report). Each report query
// reads a range of received_at; this index holds every column they group or
// count by, so SQLite answers from the index alone instead of reading whole
// complaint rows (bench/README.md has the figures).
const std::vector<std::string> report_indexes{
    "CREATE INDEX complaints_report ON complaints (received_at, department, channel, category, "
    "customer_type, catalog_verdict, status, first_responded_at, same_day_reply, resolved_at, "
    "first_response_breached, resolution_breached)",
    // Which complaints were ever escalated, reopened…: a few per cent of events.
    "CREATE INDEX complaint_events_to_status ON complaint_events (to_status, complaint_id)",
    // Compensation agreed in a range.
    "CREATE INDEX proposals_status_decided ON proposals (status, decided_at)",
};

std::vector<std::string> with_tail(std::vector<std::string> head,
                                   const std::vector<std::string>& tail) {
    head.insert(head.end(), tail.begin(), tail.end());
    return head;
}

} // namespace

const std::vector<Migration>& all() {
    static const std::vector<Migration> list{
        {1, "complaints, events, tracking numbers, tokens",
         with_tail({complaints_table("id INTEGER PRIMARY KEY AUTOINCREMENT"),
                    events_table("id INTEGER PRIMARY KEY AUTOINCREMENT"),
                    // The timeline is kept forever: the database refuses to change it.
                    "CREATE TRIGGER complaint_events_no_update BEFORE UPDATE ON complaint_events "
                    "BEGIN SELECT RAISE(ABORT, 'complaint events are append-only'); END",
                    "CREATE TRIGGER complaint_events_no_delete BEFORE DELETE ON complaint_events "
                    "BEGIN SELECT RAISE(ABORT, 'complaint events are append-only'); END"},
                   common_tail),
         with_tail(
             {complaints_table("id BIGSERIAL PRIMARY KEY"),
              events_table("id BIGSERIAL PRIMARY KEY"),
              "CREATE FUNCTION complaint_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
              "$$ BEGIN RAISE EXCEPTION 'complaint events are append-only'; END $$",
              "CREATE TRIGGER complaint_events_no_change BEFORE UPDATE OR DELETE ON "
              "complaint_events "
              "FOR EACH ROW EXECUTE FUNCTION complaint_events_append_only()"},
             common_tail)},
        {2, "channel states and their audit, follow-up calls, event refs, customer lookups",
         with_tail({channel_audit_table("id INTEGER PRIMARY KEY AUTOINCREMENT"),
                    callbacks_table("id INTEGER PRIMARY KEY AUTOINCREMENT")},
                   intake_tail),
         with_tail({channel_audit_table("id BIGSERIAL PRIMARY KEY"),
                    callbacks_table("id BIGSERIAL PRIMARY KEY")},
                   intake_tail)},
        {3, "compensation proposals, monthly budgets, department tasks",
         with_tail({proposals_table("id INTEGER PRIMARY KEY AUTOINCREMENT"),
                    tasks_table("id INTEGER PRIMARY KEY AUTOINCREMENT")},
                   compensation_tail),
         with_tail(
             {proposals_table("id BIGSERIAL PRIMARY KEY"), tasks_table("id BIGSERIAL PRIMARY KEY")},
             compensation_tail)},
        {4, "the catalog's verdict on each complaint's request", catalog_columns, catalog_columns},
        {5, "indexes for the reports", report_indexes, report_indexes},
    };
    return list;
}

} // namespace redress::core::migrations
