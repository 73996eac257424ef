// PostgreSQL goes away under load and comes back: redressd answers 503 with a
// JSON error meanwhile (never 500, never a hang), reconnects by itself, and
// every complaint it acknowledged is stored exactly once. The test runs its own
// throwaway cluster (tests/support/pg_cluster.sh), never the shared one.
#include "fault_fixture.hpp"

#include <atomic>
#include <fstream>
#include <mutex>
#include <set>

using namespace redress::test;

namespace {

class PostgresRestart : public FaultFixture {
protected:
    void SetUp() override {
        script_ = std::filesystem::path(REDRESS_SOURCE_DIR) / "tests/support/pg_cluster.sh";
        url_file_ = dir_ / "postgres-url";
        if (run(script_.string() + " start " + url_file_.string() + " >/dev/null") != 0)
            GTEST_SKIP() << "cannot start a PostgreSQL cluster of this test's own "
                            "(PostgreSQL server binaries missing?)";
        std::ifstream in(url_file_);
        std::getline(in, url_);
        ASSERT_FALSE(url_.empty());
        start_daemon(url_);
    }
    void TearDown() override {
        daemon_.reset();
        if (!url_.empty())
            run(script_.string() + " stop " + url_file_.string());
    }
    void down() { ASSERT_EQ(run(script_.string() + " down " + url_file_.string()), 0); }
    void up() { ASSERT_EQ(run(script_.string() + " up " + url_file_.string()), 0); }

    std::filesystem::path script_, url_file_;
    std::string url_;
};

// What the clients saw, shared between their threads.
struct Outcomes {
    std::mutex m;
    std::map<std::string, std::string> acked; // idempotency key -> tracking number
    std::vector<std::string> sent;
    int unavailable = 0;            // 503 with a store_unavailable error
    std::vector<std::string> wrong; // anything else: status and body
    int count_acked() {
        std::lock_guard lock(m);
        return static_cast<int>(acked.size());
    }
    int count_unavailable() {
        std::lock_guard lock(m);
        return unavailable;
    }
};

} // namespace

TEST_F(PostgresRestart, OutageGets503ThenRecoversAndLosesOrDuplicatesNothing) {
    Outcomes out;
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int t = 0; t < 4; ++t)
        clients.emplace_back([&, t] {
            for (int i = 0; !stop && i < 100000; ++i) {
                std::string key = "pg-" + std::to_string(t) + "-" + std::to_string(i);
                {
                    std::lock_guard lock(out.m);
                    out.sent.push_back(key);
                }
                std::string problem;
                try {
                    auto r = create(key);
                    std::lock_guard lock(out.m);
                    if (r.status == 201)
                        out.acked[key] = parse(r.body)->getValue<std::string>("id");
                    else if (r.status == 503 && error_code(r) == "store_unavailable" &&
                             r.body.find("postgresql") != std::string::npos)
                        ++out.unavailable;
                    else
                        problem = std::to_string(r.status) + " " + r.body;
                } catch (const Poco::Exception& e) {
                    problem = "no answer: " + e.displayText();
                }
                if (!problem.empty()) {
                    std::lock_guard lock(out.m);
                    out.wrong.push_back(key + ": " + problem);
                }
                if (out.count_unavailable() > 0 && !stop) // no spinning through keys while down
                    std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
        });

    ASSERT_TRUE(eventually([&] { return out.count_acked() >= 50; }))
        << "too few creates before the outage";
    down();
    // The outage lasts until requests have visibly failed, however long that takes.
    bool saw_failures = eventually([&] { return out.count_unavailable() >= 20; });
    int acked_before_up = out.count_acked();
    up();
    bool recovered = eventually([&] { return out.count_acked() >= acked_before_up + 50; },
                                std::chrono::seconds(30));
    stop = true;
    for (auto& c : clients)
        c.join();

    EXPECT_TRUE(saw_failures) << "requests kept succeeding with the database down";
    EXPECT_TRUE(recovered) << "redressd did not reconnect: creates kept failing after the "
                              "database came back";
    EXPECT_TRUE(out.wrong.empty()) << out.wrong.size() << " answers were neither 201 nor 503 "
                                   << "store_unavailable, e.g. " << out.wrong.front();

    // Every acknowledged complaint is there.
    for (const auto& [key, id] : out.acked)
        EXPECT_EQ(call("GET", "/complaints/" + id, agent_).status, 200) << id << " was lost";
    // Retrying every request: acknowledged ones are replays of the same
    // complaint; failed ones are stored now (or replayed, if their commit
    // reached the database before the connection broke) — once.
    std::set<std::string> ids;
    for (const auto& key : out.sent) {
        auto r = create(key);
        ASSERT_TRUE(r.status == 200 || r.status == 201) << key << ": " << r.status << " " << r.body;
        std::string id = parse(r.body)->getValue<std::string>("id");
        if (auto it = out.acked.find(key); it != out.acked.end()) {
            EXPECT_EQ(r.status, 200) << key << " was stored twice";
            EXPECT_EQ(id, it->second);
        }
        ids.insert(id);
    }
    EXPECT_EQ(ids.size(), out.sent.size());
    EXPECT_EQ(all_ids().size(), out.sent.size()) << "the store holds duplicates or strays";
}

// Connections the server closed while redressd was idle look alive until
// used; not one request may fail on them once the database is back.
TEST_F(PostgresRestart, ConnectionsClosedWhileIdleAreReplacedWithoutAFailedRequest) {
    // Several requests at once, so the pool holds several connections.
    std::vector<std::thread> clients;
    std::atomic<int> created{0};
    for (int t = 0; t < 8; ++t)
        clients.emplace_back([&, t] {
            for (int i = 0; i < 5; ++i)
                if (create("warm-" + std::to_string(t) + "-" + std::to_string(i)).status == 201)
                    ++created;
        });
    for (auto& c : clients)
        c.join();
    ASSERT_EQ(created, 40);

    down();
    up();
    for (int i = 0; i < 40; ++i) {
        auto r = create("after-" + std::to_string(i));
        EXPECT_EQ(r.status, 201) << "request " << i << " after the restart: " << r.body;
        auto g = call("GET", "/complaints?limit=1", agent_);
        EXPECT_EQ(g.status, 200) << "read " << i << " after the restart: " << g.body;
    }
    EXPECT_EQ(all_ids().size(), 80u);
}
