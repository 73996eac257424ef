// Two redressd on one PostgreSQL behind HAProxy (round robin, health checks
// on GET /health): the hosts are interchangeable. Creates spread over both,
// everything written through one is read through the other, an
// Idempotency-Key holds across hosts, a revoked token is refused everywhere
// at once, and with one host killed the balancer serves from the other.
#include "cluster.hpp"
#include "haproxy.hpp"

#include <atomic>
#include <set>
#include <thread>

using namespace redress::test;

namespace {

const std::string created_series =
    R"(redress_http_requests_total{route="/complaints",method="POST",status="201"})";

class LoadBalancer : public ScaleOut {
protected:
    void SetUp() override {
        ScaleOut::SetUp();
        if (IsSkipped())
            return;
        start_hosts(2);
        if (HasFatalFailure())
            return;
        agent_ = token("agent-li", "agent", R"(["after-sales"])");
        balancer_ = std::make_unique<HaProxy>(
            dir_.path() / "haproxy", std::vector<int>{hosts_[0]->port(), hosts_[1]->port()});
    }

    HttpReply through_balancer(const std::string& method, const std::string& path,
                               const std::string& body = {},
                               std::map<std::string, std::string> headers = {}) {
        headers["Authorization"] = "Bearer " + agent_;
        return balancer_->request(method, path, body, headers);
    }

    std::string agent_;
    std::unique_ptr<HaProxy> balancer_;
};

} // namespace

TEST_F(LoadBalancer, CreatesSpreadOverBothHostsAndEveryComplaintIsVisibleEverywhere) {
    std::set<std::string> created;
    for (int i = 0; i < 20; ++i) {
        auto r = through_balancer("POST", "/complaints",
                                  complaint_body("after-sales", "漏水 #" + std::to_string(i)));
        ASSERT_EQ(r.status, 201) << r.body;
        created.insert(parse(r.body)->getValue<std::string>("id"));
    }
    ASSERT_EQ(created.size(), 20u) << "tracking numbers are unique across hosts";

    // Each host counted the creates it answered itself.
    long on0 = metric(metrics(0), created_series), on1 = metric(metrics(1), created_series);
    EXPECT_EQ(on0 + on1, 20);
    EXPECT_GE(on0, 5) << "round robin gave host 0 almost nothing";
    EXPECT_GE(on1, 5) << "round robin gave host 1 almost nothing";

    for (std::size_t host = 0; host < 2; ++host) {
        auto ids = listed(host, agent_);
        EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), created) << "host " << host;
        for (const auto& id : created) {
            auto r = call(host, "GET", "/complaints/" + id, agent_);
            EXPECT_EQ(r.status, 200) << "host " << host << ": " << id << ": " << r.body;
        }
    }
    for (const auto& id : created)
        EXPECT_EQ(through_balancer("GET", "/complaints/" + id).status, 200) << id;
}

TEST_F(LoadBalancer, AnIdempotencyKeyReplayedOnAnotherHostReturnsTheSameComplaint) {
    const std::string body = complaint_body();
    auto first = call(0, "POST", "/complaints", agent_, body, {{"Idempotency-Key", "order-1"}});
    ASSERT_EQ(first.status, 201) << first.body;
    const std::string id = parse(first.body)->getValue<std::string>("id");

    auto replay = call(1, "POST", "/complaints", agent_, body, {{"Idempotency-Key", "order-1"}});
    EXPECT_EQ(replay.status, 200) << replay.body;
    EXPECT_EQ(replay.header("Idempotent-Replayed"), "true");
    EXPECT_EQ(parse(replay.body)->getValue<std::string>("id"), id);
    for (int i = 0; i < 4; ++i) {
        auto r = through_balancer("POST", "/complaints", body, {{"Idempotency-Key", "order-1"}});
        EXPECT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(parse(r.body)->getValue<std::string>("id"), id);
    }

    // The same key with another request is refused alike by both hosts.
    const std::string other = complaint_body("after-sales", "另一件事");
    auto a = call(0, "POST", "/complaints", agent_, other, {{"Idempotency-Key", "order-1"}});
    auto b = call(1, "POST", "/complaints", agent_, other, {{"Idempotency-Key", "order-1"}});
    EXPECT_GE(a.status, 400) << a.body;
    EXPECT_EQ(a.status, b.status) << a.body << "\n" << b.body;
    EXPECT_EQ(error_code(a), error_code(b));

    // One new key sent to both hosts at once: one complaint, one 201.
    std::vector<HttpReply> replies(8);
    std::vector<std::thread> senders;
    std::atomic<bool> go{false};
    for (std::size_t i = 0; i < replies.size(); ++i)
        senders.emplace_back([&, i] {
            while (!go)
                std::this_thread::yield();
            replies[i] =
                call(i % 2, "POST", "/complaints", agent_, body, {{"Idempotency-Key", "order-2"}});
        });
    go = true;
    for (auto& t : senders)
        t.join();
    std::set<std::string> ids;
    int created = 0;
    for (const auto& r : replies) {
        ASSERT_TRUE(r.status == 201 || r.status == 200) << r.status << " " << r.body;
        created += r.status == 201;
        ids.insert(parse(r.body)->getValue<std::string>("id"));
    }
    EXPECT_EQ(created, 1);
    EXPECT_EQ(ids.size(), 1u);
    EXPECT_EQ(listed(1, agent_).size(), 2u) << "order-1 and order-2, nothing else";
}

TEST_F(LoadBalancer, ATokenRevokedOnOneHostIsRefusedByTheOtherAtOnce) {
    auto made = call(0, "POST", "/tokens", admin_,
                     R"({"name":"temp","role":"agent","departments":["after-sales"]})");
    ASSERT_EQ(made.status, 201) << made.body;
    auto t = parse(made.body);
    const std::string secret = t->getValue<std::string>("secret");
    const std::string id = t->getValue<std::string>("id");
    ASSERT_EQ(call(1, "GET", "/complaints", secret).status, 200);

    ASSERT_EQ(call(0, "DELETE", "/tokens/" + id, admin_).status / 100, 2);
    EXPECT_EQ(call(1, "GET", "/complaints", secret).status, 401) << "no cache to expire";
    EXPECT_EQ(call(0, "GET", "/complaints", secret).status, 401);
}

TEST_F(LoadBalancer, WithOneHostKilledTheBalancerServesFromTheOther) {
    std::set<std::string> before;
    for (int i = 0; i < 4; ++i) {
        auto r = through_balancer("POST", "/complaints", complaint_body());
        ASSERT_EQ(r.status, 201) << r.body;
        before.insert(parse(r.body)->getValue<std::string>("id"));
    }

    const long on0_before = metric(metrics(0), created_series);
    hosts_[1]->signal(SIGKILL);
    hosts_[1]->wait();
    const auto killed = std::chrono::steady_clock::now();

    // At once, before any health check noticed: a refused connection is
    // retried on the live host, so no request fails.
    std::set<std::string> after;
    for (int i = 0; i < 20; ++i) {
        auto r = through_balancer("POST", "/complaints", complaint_body());
        ASSERT_EQ(r.status, 201) << "request " << i << " after the kill: " << r.body;
        after.insert(parse(r.body)->getValue<std::string>("id"));
        ASSERT_EQ(through_balancer("GET", "/complaints/" + *after.rbegin()).status, 200);
    }
    RecordProperty("first_20_creates_after_kill_ms",
                   static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::steady_clock::now() - killed)
                                        .count()));
    EXPECT_EQ(metric(metrics(0), created_series), on0_before + 20)
        << "every create after the kill was answered by host 0";

    auto ids = listed(0, agent_);
    std::set<std::string> all(before);
    all.insert(after.begin(), after.end());
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), all)
        << "what the killed host committed is served by the other";
}
