// The store, against SQLite and a real PostgreSQL: tracking numbers, exactly-once
// idempotency, optimistic updates, append-only events, filters and paging,
// breaches recorded once, tokens, and refusal of a schema that is too new.
#include "../support/test_database.hpp"

#include <atomic>
#include <gtest/gtest.h>
#include <redress/core/store/store.hpp>
#include <thread>

using namespace redress::core;
using Poco::Data::Keywords::now;
using redress::test::TestDatabase;

namespace {

Complaint sample(const std::string& department = "after-sales",
                 std::int64_t received = 1'790'000'000'000) {
    Complaint c;
    c.department = department;
    c.channel = "web";
    c.category = "quality";
    c.cause = "洗衣机漏水，三天就坏了";
    c.request = "换一台新的";
    c.customer.company = "华东贸易公司";
    c.customer.contact = "王先生";
    c.customer.phone = "+86 21 5555 0101";
    c.customer.type = CustomerType::Agitated;
    c.product.name = "滚筒洗衣机 X7";
    c.product.batch = "B-2026-07";
    c.loss = Money{129900, "CNY"};
    c.received_at_ms = received;
    c.recorder = "web";
    c.first_response_due_ms = received + 4 * 3600 * 1000;
    c.resolution_due_ms = received + 3 * 24 * 3600 * 1000;
    c.created_at_ms = c.updated_at_ms = received;
    return c;
}

Event created_event(std::int64_t at) {
    Event e;
    e.at_ms = at;
    e.actor = "tester";
    e.type = "created";
    e.to_status = "received";
    return e;
}

class StoreTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        db_ = std::make_unique<TestDatabase>(GetParam());
        if (!db_->available())
            GTEST_SKIP() << "no PostgreSQL test cluster (run through ctest)";
        store_ = open_store(db_->url());
    }
    Store::Created add(const std::string& prefix = "AS", int year = 2026, Complaint c = sample(),
                       const std::string& key = {}) {
        return store_->create(c, prefix, year, created_event(c.received_at_ms), {key, "h-" + key});
    }

    std::unique_ptr<TestDatabase> db_;
    std::unique_ptr<Store> store_;
};

} // namespace

TEST_P(StoreTest, MigratesAndReopens) {
    EXPECT_EQ(store_->backend(), GetParam());
    EXPECT_EQ(store_->schema_version(), latest_schema_version());
    store_.reset();
    store_ = open_store(db_->url()); // a second start applies nothing twice
    EXPECT_EQ(store_->schema_version(), latest_schema_version());
}

TEST_P(StoreTest, RefusesASchemaNewerThanTheBinary) {
    auto raw = db_->raw_session();
    raw << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)",
        now;
    store_.reset();
    try {
        open_store(db_->url());
        FAIL() << "opened a newer schema";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find(
                      "schema is version 999, newer than this build of Redress knows (" +
                      std::to_string(latest_schema_version()) + ")"),
                  std::string::npos)
            << e.what();
    }
}

TEST_P(StoreTest, TrackingNumbersAreSequentialPerPrefixAndYear) {
    EXPECT_EQ(add("AS").complaint.tracking_number, "AS-2026-000001");
    EXPECT_EQ(add("AS").complaint.tracking_number, "AS-2026-000002");
    EXPECT_EQ(add("CC").complaint.tracking_number, "CC-2026-000001");
    EXPECT_EQ(add("AS", 2027).complaint.tracking_number, "AS-2027-000001");
}

TEST_P(StoreTest, EveryFieldRoundTripsIncludingChineseAndSqlLookingText) {
    Complaint c = sample();
    c.cause = "'); DROP TABLE complaints; -- 漏水 ☔";
    c.customer.email = "wang@example.cn";
    c.product.previous_brand = "海尔";
    auto created = add("AS", 2026, c);
    auto found = store_->find(created.complaint.tracking_number);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->cause, c.cause);
    EXPECT_EQ(found->customer.contact, "王先生");
    EXPECT_EQ(found->customer.type, CustomerType::Agitated);
    EXPECT_EQ(found->product.previous_brand, "海尔");
    EXPECT_EQ(found->loss, (Money{129900, "CNY"}));
    EXPECT_EQ(found->status, Status::Received);
    EXPECT_EQ(found->version, 1);
    EXPECT_FALSE(found->first_responded_at_ms);
    auto events = store_->events(found->id);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].type, "created");
    EXPECT_FALSE(store_->find("AS-2026-999999"));
}

TEST_P(StoreTest, IdempotencyKeyReturnsTheSameComplaintNeverADuplicate) {
    auto first = add("AS", 2026, sample(), "key-1");
    auto again = add("AS", 2026, sample(), "key-1");
    EXPECT_TRUE(first.created);
    EXPECT_FALSE(again.created);
    EXPECT_EQ(again.complaint.tracking_number, first.complaint.tracking_number);
    EXPECT_EQ(again.stored_hash, "h-key-1");
    EXPECT_EQ(add("AS", 2026, sample(), "key-2").complaint.tracking_number, "AS-2026-000002");
    EXPECT_EQ(store_->list({}).items.size(), 2u);
}

TEST_P(StoreTest, ConcurrentCreatesWithOneKeyStoreOne) {
    std::vector<std::thread> threads;
    std::atomic<int> created{0}, failed{0};
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&] {
            try {
                if (add("AS", 2026, sample(), "same-key").created)
                    ++created;
            } catch (const StoreError& e) {
                ++failed; // must not happen: a racer gets the winner's complaint as a replay
                ADD_FAILURE() << e.what();
            }
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(created.load(), 1);
    EXPECT_EQ(failed.load(), 0);
    EXPECT_EQ(store_->list({}).items.size(), 1u);
}

// Group commit: creates queued behind a held write lock commit together, each
// in its own savepoint — one refused by the database is undone alone, the
// others are stored, and a key used twice in one batch stores one complaint.
TEST_P(StoreTest, GroupCommitKeepsEachCreateApartInASharedTransaction) {
    Poco::Data::Session raw = db_->raw_session();
    if (GetParam() == "sqlite") {
        raw << "CREATE TRIGGER refuse_one BEFORE INSERT ON complaints WHEN NEW.cause = 'refuse-me' "
               "BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END",
            now;
        raw << "BEGIN IMMEDIATE", now; // holds the one write lock
    } else {
        raw << "CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF "
               "NEW.cause = 'refuse-me' THEN RAISE EXCEPTION 'refused by the test trigger'; END "
               "IF; RETURN NEW; END $$",
            now;
        raw << "CREATE TRIGGER refuse_one BEFORE INSERT ON complaints FOR EACH ROW EXECUTE "
               "FUNCTION refuse_one()",
            now;
        raw.begin();
        raw << "LOCK TABLE tracking_counters IN ACCESS EXCLUSIVE MODE", now;
    }
    std::atomic<int> created{0}, replayed{0}, refused{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 12; ++i)
        threads.emplace_back([&, i] {
            Complaint c = sample();
            if (i % 4 == 1)
                c.cause = "refuse-me";
            std::string key = i >= 10 ? "shared-key" : "key-" + std::to_string(i);
            try {
                (add("AS", 2026, c, key).created ? created : replayed)++;
            } catch (const StoreError& e) {
                EXPECT_NE(std::string(e.what()).find("refused by the test trigger"),
                          std::string::npos)
                    << e.what();
                ++refused;
            }
        });
    // Give the creates time to queue behind the lock; if some are late they
    // commit in a later batch, which the assertions below still accept.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    if (GetParam() == "sqlite")
        raw << "COMMIT", now;
    else
        raw.commit();
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(refused.load(), 3);  // i = 1, 5, 9
    EXPECT_EQ(created.load(), 8);  // 0, 2..4, 6..8 and one of 10, 11
    EXPECT_EQ(replayed.load(), 1); // the other of 10, 11
    auto page = store_->list({});
    EXPECT_EQ(page.items.size(), 8u);
    for (const auto& c : page.items)
        EXPECT_EQ(store_->events(c.id).size(), 1u) << c.tracking_number;
    Store::CommitStats stats = store_->commit_stats();
    EXPECT_EQ(stats.creates, 12u);
    EXPECT_GT(stats.largest, 1u) << "the creates queued behind the lock did not share a commit";
}

TEST_P(StoreTest, UpdateChecksTheVersionAndAppendsTheEvent) {
    Complaint c = add().complaint;
    Complaint next = c;
    next.status = Status::Contacted;
    next.first_responded_at_ms = c.received_at_ms + 1000;
    next.same_day_reply = true;
    next.version = 2;
    Event e;
    e.complaint_id = c.id;
    e.at_ms = c.received_at_ms + 1000;
    e.actor = "agent-li";
    e.type = "transition";
    e.from_status = "received";
    e.to_status = "contacted";
    e.data_json = R"({"restated_problem":"漏水"})";
    EXPECT_TRUE(store_->update(next, 1, e));
    EXPECT_FALSE(store_->update(next, 1, e)); // stale: someone else's change won
    auto found = store_->find(c.tracking_number);
    EXPECT_EQ(found->status, Status::Contacted);
    EXPECT_EQ(found->same_day_reply, true);
    EXPECT_EQ(found->version, 2);
    auto events = store_->events(c.id);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[1].data_json, R"({"restated_problem":"漏水"})");
}

TEST_P(StoreTest, EventsAreAppendOnlyInTheDatabaseItself) {
    Complaint c = add().complaint;
    auto raw = db_->raw_session();
    EXPECT_THROW((raw << "UPDATE complaint_events SET actor = 'forger'", now), Poco::Exception);
    EXPECT_THROW((raw << "DELETE FROM complaint_events", now), Poco::Exception);
    EXPECT_EQ(store_->events(c.id).at(0).actor, "tester");
}

TEST_P(StoreTest, ListFiltersAndPagesInAStableOrder) {
    for (int i = 0; i < 5; ++i)
        add("AS");
    Complaint other = sample("call-centre");
    other.customer.company = "100%_纯";
    other.channel = "phone";
    add("CC", 2026, other);

    ComplaintFilter f;
    f.limit = 2;
    auto p1 = store_->list(f);
    ASSERT_EQ(p1.items.size(), 2u);
    ASSERT_TRUE(p1.next_after_id);
    f.after_id = *p1.next_after_id;
    auto p2 = store_->list(f);
    EXPECT_EQ(p2.items.front().id, p1.items.back().id + 1);

    ComplaintFilter by_dept;
    by_dept.departments = {"call-centre"};
    EXPECT_EQ(store_->list(by_dept).items.size(), 1u);
    ComplaintFilter by_customer;
    by_customer.customer = "100%_"; // LIKE wildcards match literally
    EXPECT_EQ(store_->list(by_customer).items.size(), 1u);
    by_customer.customer = "0%";
    EXPECT_EQ(store_->list(by_customer).items.size(), 1u);
    by_customer.customer = "x%";
    EXPECT_EQ(store_->list(by_customer).items.size(), 0u);
    ComplaintFilter by_channel;
    by_channel.channel = "phone";
    EXPECT_EQ(store_->list(by_channel).items.size(), 1u);
    ComplaintFilter overdue;
    overdue.overdue = true;
    overdue.now_ms = sample().first_response_due_ms + 1;
    EXPECT_EQ(store_->list(overdue).items.size(), 6u);
    overdue.now_ms = sample().first_response_due_ms - 1;
    EXPECT_EQ(store_->list(overdue).items.size(), 0u);
}

TEST_P(StoreTest, BreachIsRecordedExactlyOnceEvenWhenRacing) {
    Complaint c = add().complaint;
    std::int64_t late = c.first_response_due_ms + 1;
    auto due = store_->unrecorded_breaches(late, 100);
    ASSERT_EQ(due.size(), 1u);
    Event e;
    e.complaint_id = c.id;
    e.at_ms = late;
    e.actor = "sla";
    e.type = "sla_breach";
    std::atomic<int> recorded{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 6; ++i)
        threads.emplace_back([&] {
            if (store_->record_breach(c.id, "first_response", e))
                ++recorded;
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(recorded.load(), 1);
    EXPECT_TRUE(store_->unrecorded_breaches(late, 100).empty());
    EXPECT_EQ(store_->events(c.id).size(), 2u);
    EXPECT_TRUE(store_->find(c.tracking_number)->first_response_breached);
}

TEST_P(StoreTest, ABreachIsNotRecordedWhenTheResponseCameInTimeAfterTheSweeperRead) {
    Complaint c = add().complaint;
    std::int64_t late = c.first_response_due_ms + 1;
    ASSERT_EQ(store_->unrecorded_breaches(late, 100).size(), 1u); // the sweeper's (now stale) read
    Complaint answered = c;
    answered.status = Status::Contacted;
    answered.first_responded_at_ms = c.first_response_due_ms - 1000; // in time
    answered.version = 2;
    Event t;
    t.complaint_id = c.id;
    t.at_ms = *answered.first_responded_at_ms;
    t.actor = "agent";
    t.type = "transition";
    ASSERT_TRUE(store_->update(answered, 1, t));
    Event e;
    e.complaint_id = c.id;
    e.at_ms = late;
    e.actor = "sla";
    e.type = "sla_breach";
    EXPECT_FALSE(store_->record_breach(c.id, "first_response", e));
    EXPECT_FALSE(store_->find(c.tracking_number)->first_response_breached);
}

TEST_P(StoreTest, TokensAreFoundByHashAndRevoked) {
    TokenRecord t{"tok_1", "李主管",    "abc123", Role::Supervisor, {"after-sales", "call-centre"},
                  5,       std::nullopt};
    store_->add_token(t);
    auto found = store_->find_token_by_hash("abc123");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->name, "李主管");
    EXPECT_EQ(found->role, Role::Supervisor);
    EXPECT_EQ(found->departments, (std::vector<std::string>{"after-sales", "call-centre"}));
    EXPECT_TRUE(store_->revoke_token("tok_1", 9));
    EXPECT_FALSE(store_->revoke_token("tok_1", 10));
    EXPECT_EQ(store_->find_token_by_hash("abc123")->revoked_at_ms, 9);
    EXPECT_EQ(store_->tokens().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

// Compensation effects commit with the complaint or not at all; the budget
// charge is conditional at commit, so approvals racing cannot pass the limit.
TEST_P(StoreTest, BudgetChargesAreConditionalAndRacingApprovalsCannotPassTheLimit) {
    constexpr int racers = 8;
    std::vector<Complaint> complaints;
    for (int i = 0; i < racers; ++i)
        complaints.push_back(add().complaint);
    std::atomic<int> applied{0}, over{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < racers; ++i)
        threads.emplace_back([&, i] {
            Complaint next = complaints[static_cast<std::size_t>(i)];
            next.version = 2;
            Event e;
            e.complaint_id = next.id;
            e.at_ms = next.received_at_ms + 1;
            e.actor = "主管-王";
            e.type = "transition";
            UpdateEffects fx;
            // 3 × 400.00 fit in 1,000.00 only twice.
            fx.charge = UpdateEffects::BudgetCharge{"after-sales", "2026-11", 400'00, 1000'00};
            auto outcome = store_->update(next, 1, e, fx);
            (outcome == UpdateOutcome::Applied ? applied : over)++;
            if (outcome != UpdateOutcome::Applied) {
                EXPECT_EQ(outcome, UpdateOutcome::OverBudget);
            }
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(applied.load(), 2);
    EXPECT_EQ(over.load(), racers - 2);
    EXPECT_EQ(store_->budget_spent("after-sales", "2026-11"), 800'00);
    EXPECT_EQ(store_->budget_spent("after-sales", "2026-12"), 0);
    int moved = 0;
    for (const auto& c : complaints) {
        auto found = store_->find(c.tracking_number);
        bool changed = found->version == 2;
        moved += changed;
        // A refused charge left neither the complaint nor its timeline changed.
        EXPECT_EQ(store_->events(c.id).size(), changed ? 2u : 1u);
    }
    EXPECT_EQ(moved, 2);
}

TEST_P(StoreTest, AProposalChangeOnlyAppliesFromItsExpectedStatus) {
    Complaint c = add().complaint;
    Proposal p;
    p.complaint_id = c.id;
    p.department = c.department;
    p.remedies = {"replacement", "apology"};
    p.amount = Money{1299'00, "CNY"};
    p.required_level = Role::Supervisor;
    p.steps = {
        PolicyStep{"goodwill", "proposed", "grant", 0, 1299'00, p.remedies, "", {"E: 全责"}}};
    p.source = "policies";
    p.created_by = "agent-li";
    p.created_at_ms = c.received_at_ms;
    auto step = [&](std::int64_t version, const UpdateEffects& fx) {
        Complaint next = *store_->find(c.tracking_number);
        next.version = version + 1;
        Event e;
        e.complaint_id = c.id;
        e.at_ms = c.received_at_ms + version;
        e.actor = "x";
        e.type = "transition";
        return store_->update(next, version, e, fx);
    };
    UpdateEffects add_it;
    add_it.add_proposal = p;
    ASSERT_EQ(step(1, add_it), UpdateOutcome::Applied);
    auto stored = store_->proposals(c.id);
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].steps[0].reasons[0], "E: 全责");
    EXPECT_EQ(stored[0].remedies, p.remedies);
    UpdateEffects approve;
    approve.change_proposal = UpdateEffects::ProposalChange{
        stored[0].id, ProposalStatus::Proposed, ProposalStatus::Approved, "主管-王", 5, "ok",
        "2026-11"};
    ASSERT_EQ(step(2, approve), UpdateOutcome::Applied);
    // The same change again finds it approved already: nothing is stored.
    EXPECT_EQ(step(3, approve), UpdateOutcome::StateChanged);
    EXPECT_EQ(store_->find(c.tracking_number)->version, 3);
    stored = store_->proposals(c.id);
    EXPECT_EQ(stored[0].status, ProposalStatus::Approved);
    EXPECT_EQ(stored[0].decided_by, "主管-王");
    EXPECT_EQ(stored[0].budget_month, "2026-11");
    // A new proposal withdraws the open one.
    ASSERT_EQ(step(3, add_it), UpdateOutcome::Applied);
    stored = store_->proposals(c.id);
    ASSERT_EQ(stored.size(), 2u);
    EXPECT_EQ(stored[0].status, ProposalStatus::Withdrawn);
    EXPECT_EQ(stored[1].status, ProposalStatus::Proposed);
}
