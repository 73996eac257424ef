// The complaint service over a real store (SQLite and PostgreSQL) with a clock
// the test controls: intake times the SLA in business hours, the sweep records
// each breach once, visibility follows the actor's departments, concurrent
// transitions never lose an update.
#include "../support/test_database.hpp"

#include <Poco/JSON/Parser.h>
#include <atomic>
#include <gtest/gtest.h>
#include <redress/core/config/config_loader.hpp>
#include <redress/core/service/complaint_service.hpp>
#include <thread>

using namespace redress::core;
using redress::test::TestDatabase;

namespace {

// 2026-11-23 (a Monday) 09:00 Asia/Shanghai = 01:00 UTC.
constexpr std::int64_t monday_0900_shanghai = 1'795'395'600'000;
constexpr std::int64_t hour = 3'600'000;

Config company() {
    std::vector<ConfigError> errors;
    auto parsed = parse_config_text(R"(
[company.calendar]
timezone = "Asia/Shanghai"
[[department]]
id = "after-sales"
name = "售后服务部"
prefix = "AS"
sla = { first_response = "4h", resolution = "1d" }
[[department]]
id = "call-centre"
name = "客户服务中心"
prefix = "CC"
)",
                                    "company.toml", errors);
    EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].to_string());
    return parsed.config;
}

Complaint draft(const std::string& department = "after-sales") {
    Complaint c;
    c.department = department;
    c.channel = "phone";
    c.cause = "冰箱不制冷";
    c.customer.contact = "张女士";
    c.customer.phone = "13800000000";
    return c;
}

TransitionRequest request(const std::string& action, const std::string& data,
                          const std::string& reason = "") {
    TransitionRequest r;
    r.action = action;
    r.reason = reason;
    r.data = Poco::JSON::Parser().parse(data).extract<Poco::JSON::Object::Ptr>();
    return r;
}

const Actor agent{"agent-li", Role::Agent, {"after-sales"}};

class ServiceTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        db_ = std::make_unique<TestDatabase>(GetParam());
        if (!db_->available())
            GTEST_SKIP() << "no PostgreSQL test cluster (run through ctest)";
        store_ = open_store(db_->url());
        service_ =
            std::make_unique<ComplaintService>(*store_, config_, [this] { return now_.load(); });
    }
    std::unique_ptr<TestDatabase> db_;
    std::unique_ptr<Store> store_;
    Config config_ = company();
    std::atomic<std::int64_t> now_{monday_0900_shanghai};
    std::unique_ptr<ComplaintService> service_;
};

} // namespace

TEST_P(ServiceTest, IntakeNumbersAndTimesTheSlaInBusinessHours) {
    auto c = service_->submit(draft(), agent, {}).complaint;
    EXPECT_EQ(c.tracking_number, "AS-2026-000001");
    EXPECT_EQ(c.recorder, "agent-li");
    EXPECT_EQ(c.received_at_ms, monday_0900_shanghai);
    EXPECT_EQ(c.first_response_due_ms, monday_0900_shanghai + 4 * hour); // 13:00 the same day
    EXPECT_EQ(c.resolution_due_ms,
              monday_0900_shanghai + 9 * hour); // one 9h working day: Mon 18:00
    auto timeline = service_->get(c.tracking_number, agent).timeline;
    ASSERT_EQ(timeline.size(), 1u);
    EXPECT_EQ(timeline[0].type, "created");
}

TEST_P(ServiceTest, TrackingYearIsTheDepartmentsLocalYear) {
    // 2026-12-31 17:00 UTC is already 2027-01-01 01:00 in Shanghai.
    now_ = 1'798'736'400'000;
    EXPECT_EQ(service_->submit(draft(), agent, {}).complaint.tracking_number, "AS-2027-000001");
}

TEST_P(ServiceTest, RefusesUnknownDepartmentsAndForeignOnes) {
    try {
        service_->submit(draft("nowhere"), agent, {});
        FAIL();
    } catch (const ServiceError& e) {
        EXPECT_EQ(e.kind(), ServiceError::Kind::Invalid);
        EXPECT_EQ(e.field(), "department");
    }
    try {
        service_->submit(draft("call-centre"), agent, {});
        FAIL();
    } catch (const ServiceError& e) {
        EXPECT_EQ(e.kind(), ServiceError::Kind::Forbidden);
    }
}

TEST_P(ServiceTest, AnotherDepartmentsComplaintIsNotFoundNotForbidden) {
    Actor boss{"boss", Role::Executive, {"*"}};
    auto cc = service_->submit(draft("call-centre"), boss, {}).complaint;
    try {
        service_->get(cc.tracking_number, agent);
        FAIL();
    } catch (const ServiceError& e) {
        EXPECT_EQ(e.kind(), ServiceError::Kind::NotFound); // does not confirm it exists
    }
    EXPECT_TRUE(service_->list({}, agent).items.empty());
    EXPECT_EQ(service_->list({}, boss).items.size(), 1u);
}

TEST_P(ServiceTest, SweepRecordsEachBreachOnceAndSameDayReplyFollowsTheLocalDay) {
    auto late = service_->submit(draft(), agent, {}).complaint;
    auto prompt = service_->submit(draft(), agent, {}).complaint;
    now_ += 1 * hour; // 10:00: answer one of them the same day
    service_->transition(
        prompt.tracking_number, agent,
        request("contact",
                R"({"restated_problem":"不制冷","customer_confirmed":true,"method":"phone"})"));
    EXPECT_EQ(service_->sweep_breaches(), 0);
    now_ += 4 * hour; // 14:00: the other's first response (due 13:00) is late
    EXPECT_EQ(service_->sweep_breaches(), 1);
    EXPECT_EQ(service_->sweep_breaches(), 0); // exactly once
    now_ += 24 * hour; // Tuesday 14:00: both resolutions (due Mon 18:00) are late
    EXPECT_EQ(service_->sweep_breaches(), 2);
    EXPECT_EQ(service_->sweep_breaches(), 0);
    auto l = service_->get(late.tracking_number, agent);
    EXPECT_TRUE(l.complaint.first_response_breached);
    EXPECT_TRUE(l.complaint.resolution_breached);
    int breaches = 0;
    for (const auto& e : l.timeline)
        breaches += e.type == "sla_breach";
    EXPECT_EQ(breaches, 2);
    auto p = service_->get(prompt.tracking_number, agent).complaint;
    EXPECT_EQ(p.same_day_reply, true);
    EXPECT_FALSE(p.first_response_breached);
    // The late one answered on Tuesday: not a same-day reply.
    auto after = service_->transition(
        late.tracking_number, agent,
        request("contact",
                R"({"restated_problem":"x","customer_confirmed":true,"method":"phone"})"));
    EXPECT_EQ(after.complaint.same_day_reply, false);
}

TEST_P(ServiceTest, ConcurrentTransitionsNeverLoseAnUpdate) {
    auto c = service_->submit(draft(), agent, {}).complaint;
    // Many assigns race; each must land as its own event, version counts them all.
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int i = 0; i < 6; ++i)
        threads.emplace_back([&, i] {
            for (int j = 0; j < 5; ++j)
                try {
                    service_->transition(
                        c.tracking_number, agent,
                        request("assign", R"({"owner":"agent-)" + std::to_string(i) + R"("})"));
                    ++ok;
                } catch (const ServiceError& e) {
                    EXPECT_EQ(e.code(), "concurrent_change");
                }
        });
    for (auto& t : threads)
        t.join();
    auto after = service_->get(c.tracking_number, agent);
    EXPECT_EQ(after.complaint.version, 1 + ok.load());
    EXPECT_EQ(after.timeline.size(), 1u + static_cast<std::size_t>(ok.load()));
    EXPECT_GT(ok.load(), 0);
}

TEST_P(ServiceTest, IdempotencyKeyReusedForAnotherRequestIsAConflict) {
    auto first = service_->submit(draft(), agent, {"k1", "hash-a"});
    EXPECT_TRUE(first.created);
    auto replay = service_->submit(draft(), agent, {"k1", "hash-a"});
    EXPECT_FALSE(replay.created);
    EXPECT_EQ(replay.complaint.tracking_number, first.complaint.tracking_number);
    try {
        service_->submit(draft(), agent, {"k1", "hash-b"});
        FAIL();
    } catch (const ServiceError& e) {
        EXPECT_EQ(e.code(), "idempotency_key_reused");
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, ServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });
