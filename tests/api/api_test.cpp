// The REST API through the real redressd, against SQLite and PostgreSQL:
// intake, idempotency, the whole procedure, authorization, hostile input,
// listing, comments, departments and metrics.
#include "api_fixture.hpp"

#include <Poco/JSON/Array.h>

using namespace redress::test;

namespace {
using ApiTest = ApiFixture;
} // namespace

TEST_P(ApiTest, RegistersAComplaintAndReturnsItWithItsTimeline) {
    auto r = call("POST", "/complaints", agent_, complaint_body());
    ASSERT_EQ(r.status, 201) << r.body;
    auto c = parse(r.body);
    std::string id = c->getValue<std::string>("id");
    EXPECT_EQ(id.substr(0, 8), "AS-2026-"); // tests run in 2026 by the machine's clock
    EXPECT_EQ(r.header("Location"), "/complaints/" + id);
    EXPECT_EQ(c->getValue<std::string>("status"), "received");
    EXPECT_EQ(c->getValue<std::string>("recorder"), "agent-li");
    EXPECT_EQ(c->getObject("customer")->getValue<std::string>("contact"), "王先生");
    EXPECT_EQ(c->getObject("product")->getValue<std::string>("previous_brand"), "海尔");
    EXPECT_EQ(c->getObject("loss")->getValue<Poco::Int64>("amount_minor"), 129900);

    auto g = call("GET", "/complaints/" + id, agent_);
    ASSERT_EQ(g.status, 200);
    auto got = parse(g.body);
    EXPECT_EQ(got->getValue<std::string>("cause"), "洗衣机漏水，用了三天就坏了");
    auto timeline = got->getArray("timeline");
    ASSERT_EQ(timeline->size(), 1u);
    EXPECT_EQ(timeline->getObject(0)->getValue<std::string>("type"), "created");
    auto actions = got->getArray("allowed_actions");
    EXPECT_EQ(actions->getElement<std::string>(0), "contact");
}

TEST_P(ApiTest, IdempotencyKeyGivesTheSameComplaintNeverADuplicate) {
    std::map<std::string, std::string> key{{"Idempotency-Key", "retry-7"}};
    auto first = call("POST", "/complaints", agent_, complaint_body(), key);
    auto again = call("POST", "/complaints", agent_, complaint_body(), key);
    ASSERT_EQ(first.status, 201);
    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(again.header("Idempotent-Replayed"), "true");
    EXPECT_EQ(parse(again.body)->getValue<std::string>("id"),
              parse(first.body)->getValue<std::string>("id"));
    auto other =
        call("POST", "/complaints", agent_, complaint_body("after-sales", "另一件事"), key);
    EXPECT_EQ(other.status, 409);
    EXPECT_EQ(error_code(other), "idempotency_key_reused");
    auto list = parse(call("GET", "/complaints", agent_).body);
    EXPECT_EQ(list->getArray("items")->size(), 1u);
}

TEST_P(ApiTest, TakesAComplaintFromReceivedToClosed) {
    std::string id = create(agent_);
    EXPECT_EQ(act(id, agent_, "contact",
                  R"({"restated_problem":"洗衣机漏水","customer_confirmed":true,"method":"phone"})")
                  .status,
              200);
    EXPECT_EQ(
        act(id, agent_, "analyse",
            R"({"severity":"high","company_fault":"full","demand_reasonable":true,"findings":"密封圈批次缺陷"})")
            .status,
        200);
    auto proposed = act(id, agent_, "propose",
                        R"({"remedies":["replacement","apology"],"amount_minor":129900})");
    ASSERT_EQ(proposed.status, 200) << proposed.body;
    EXPECT_EQ(parse(proposed.body)
                  ->getObject("complaint")
                  ->getObject("proposal")
                  ->getValue<std::string>("required_level"),
              "supervisor");
    auto refused = act(id, agent_, "approve");
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(error_code(refused), "forbidden");
    EXPECT_EQ(act(id, supervisor_, "approve").status, 200);
    EXPECT_EQ(act(id, agent_, "agree", R"({"customer_accepted":true})").status, 200);
    EXPECT_EQ(act(id, agent_, "implement", R"({"plan":"仓库发新机"})").status, 200);
    // The agreed remedies became tasks; resolving by hand waits for them.
    auto early = act(id, agent_, "resolve", R"({"resolution":"已换新机"})");
    EXPECT_EQ(early.status, 409);
    EXPECT_EQ(error_code(early), "tasks_open");
    auto tasks = parse(call("GET", "/tasks?complaint=" + id, agent_).body)->getArray("items");
    ASSERT_EQ(tasks->size(), 2u);
    for (std::size_t i = 0; i < tasks->size(); ++i) {
        auto done = call(
            "POST", "/tasks/" + std::to_string(tasks->getObject(i)->getValue<int>("id")) + "/done",
            agent_, R"({"note":"已换新机"})");
        ASSERT_EQ(done.status, 200) << done.body;
        EXPECT_EQ(parse(done.body)->getValue<std::string>("complaint_status"),
                  i + 1 < tasks->size() ? "implementing" : "resolved");
    }
    auto closed = act(id, agent_, "close", R"({"satisfaction":5})");
    ASSERT_EQ(closed.status, 200);
    auto c = parse(closed.body)->getObject("complaint");
    EXPECT_EQ(c->getValue<std::string>("status"), "closed");
    EXPECT_EQ(c->getValue<int>("satisfaction"), 5);
    auto timeline = parse(call("GET", "/complaints/" + id, agent_).body)->getArray("timeline");
    EXPECT_EQ(timeline->size(), 10u); // created + 8 transitions + the first task done
    EXPECT_EQ(timeline->getObject(4)->getValue<std::string>("actor"), "主管-王");
}

TEST_P(ApiTest, IllegalTransitionIs409NamingTheAllowedActions) {
    std::string id = create(agent_);
    auto r = act(id, supervisor_, "approve");
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(error_code(r), "illegal_transition");
    EXPECT_NE(
        r.body.find("in state 'received'; allowed from 'received': contact, escalate, assign"),
        std::string::npos)
        << r.body;
    auto missing = act(id, agent_, "contact", R"({"restated_problem":"x","method":"phone"})");
    EXPECT_EQ(missing.status, 422);
    EXPECT_EQ(error_field(missing), "data.customer_confirmed");
    auto unknown = call("POST", "/complaints/" + id + "/transitions", agent_,
                        R"({"action":"contact","dta":{}})");
    EXPECT_EQ(unknown.status, 422);
    EXPECT_EQ(error_field(unknown), "dta");
}

TEST_P(ApiTest, TokensAreRequiredCheckedAndRevocable) {
    EXPECT_EQ(call("GET", "/complaints", "").status, 401);
    EXPECT_EQ(call("GET", "/complaints", "rdr_not-a-real-token").status, 401);
    auto wrong_scheme =
        daemon_->request("GET", "/complaints", "", {{"Authorization", "Basic dXNlcjpwYXNz"}});
    EXPECT_EQ(wrong_scheme.status, 401);
    EXPECT_EQ(wrong_scheme.header("WWW-Authenticate"), "Bearer");

    std::string temp = token("temp", "agent", R"(["after-sales"])");
    EXPECT_EQ(call("GET", "/complaints", temp).status, 200);
    auto tokens = parse(call("GET", "/tokens", admin_).body)->getArray("items");
    std::string temp_id;
    for (std::size_t i = 0; i < tokens->size(); ++i)
        if (tokens->getObject(i)->getValue<std::string>("name") == "temp")
            temp_id = tokens->getObject(i)->getValue<std::string>("id");
    EXPECT_EQ(call("DELETE", "/tokens/" + temp_id, admin_).status, 204);
    EXPECT_EQ(call("GET", "/complaints", temp).status, 401);
    EXPECT_EQ(call("DELETE", "/tokens/" + temp_id, admin_).status, 404);
    EXPECT_EQ(call("GET", "/tokens", agent_).status, 403);
    EXPECT_EQ(call("POST", "/tokens", agent_, R"({"name":"x","role":"admin","departments":["*"]})")
                  .status,
              403);
    EXPECT_EQ(tokens->getObject(0)->has("secret"), false); // secrets are never listed
    // An admin limited to one department cannot mint a broader token.
    std::string local_admin = token("local-admin", "admin", R"(["after-sales"])");
    auto escalate = call("POST", "/tokens", local_admin,
                         R"({"name":"x","role":"executive","departments":["*"]})");
    EXPECT_EQ(escalate.status, 403);
    EXPECT_EQ(call("GET", "/tokens", local_admin).status, 403);
}

TEST_P(ApiTest, HugeNumbersAndNulInTransitionDataAre422) {
    std::string id = create(agent_);
    EXPECT_EQ(act(id, agent_, "assign", R"({"owner":"li\u0000admin"})").status, 422);
    act(id, agent_, "contact",
        R"({"restated_problem":"x","customer_confirmed":true,"method":"phone"})");
    act(id, agent_, "analyse",
        R"({"severity":"low","company_fault":"none","demand_reasonable":true,"findings":"x"})");
    auto r = act(id, agent_, "propose",
                 R"({"remedies":["refund"],"amount_minor":18446744073709551615})");
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(error_field(r), "data.amount_minor");
}

TEST_P(ApiTest, AnotherDepartmentsComplaintsAreNeitherShownNorListed) {
    std::string ours = create(agent_);
    std::string theirs = create(cc_agent_, "call-centre");
    EXPECT_EQ(theirs.substr(0, 3), "CC-");
    auto g = call("GET", "/complaints/" + theirs, agent_);
    EXPECT_EQ(g.status, 404);
    EXPECT_EQ(act(theirs, agent_, "contact",
                  R"({"restated_problem":"x","customer_confirmed":true,"method":"phone"})")
                  .status,
              404);
    auto list = parse(call("GET", "/complaints", agent_).body)->getArray("items");
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ(list->getObject(0)->getValue<std::string>("id"), ours);
    EXPECT_EQ(call("GET", "/complaints?department=call-centre", agent_).status, 403);
    EXPECT_EQ(call("POST", "/complaints", agent_, complaint_body("call-centre")).status, 403);
    auto depts = parse(call("GET", "/departments", agent_).body)->getArray("items");
    ASSERT_EQ(depts->size(), 1u);
    EXPECT_EQ(depts->getObject(0)->getValue<std::string>("name"), "售后服务部");
}

TEST_P(ApiTest, BadInputGetsAClearErrorAndStoresNothing) {
    struct Case {
        std::string body;
        int status;
        std::string code;
        std::string field;
    };
    std::string valid = complaint_body();
    std::vector<Case> cases{
        {"{\"department\": ", 400, "malformed_json", ""},
        {"", 400, "malformed_json", ""},
        {"[1,2,3]", 400, "malformed_json", ""},
        {"{\"cause\": \"\xff\xfe\"}", 400, "invalid_utf8", ""},
        {"{\"cause\": \"\xed\xa0\x80\"}", 400, "invalid_utf8", ""}, // a UTF-8 encoded surrogate
        {R"({"department":"after-sales","channel":"phone","cause":"x","customer":{"contact":"a","phone":"1"},"loss":{"amount_minor":"lots","currency":"CNY"}})",
         422, "invalid_field", "loss.amount_minor"},
        {R"({"department":"after-sales","channel":"phone","cause":"x","customer":{"contact":"a","phone":"1","fax":"2"}})",
         422, "unknown_field", "customer.fax"},
        {R"({"department":"after-sales","channel":"phone","cause":"x","customer":{"contact":"a","phone":"1"},"priority":"high"})",
         422, "unknown_field", "priority"},
        {R"({"department":"after-sales","channel":"phone","customer":{"contact":"a","phone":"1"}})",
         422, "missing_field", "cause"},
        {R"({"department":"after-sales","channel":"phone","cause":"   ","customer":{"contact":"a","phone":"1"}})",
         422, "missing_field", "cause"},
        {R"({"department":"after-sales","channel":"phone","cause":"x","customer":{"contact":"a"}})",
         422, "missing_field", "customer.phone"},
        {R"({"department":"after-sales","channel":"Phone Call","cause":"x","customer":{"contact":"a","phone":"1"}})",
         422, "invalid_field", "channel"},
        {R"({"department":"after-sales","channel":"phone","cause":"a\u0000b","customer":{"contact":"a","phone":"1"}})",
         422, "invalid_field", "cause"},
        {R"({"department":"after-sales","channel":"phone","cause":"x","customer":{"contact":"a","phone":"1"},"loss":{"amount_minor":1,"currency":"yuan"}})",
         422, "invalid_field", "loss.currency"},
        {R"({"department":"after-sales","channel":"phone","cause":"x","customer":{"contact":"a","phone":"1"},"loss":{"amount_minor":1,"currency":"USD"}})",
         422, "invalid_field", "loss.currency"},
        {R"({"department":"nowhere","channel":"phone","cause":"x","customer":{"contact":"a","phone":"1"}})",
         422, "invalid_field", "department"},
        {R"({"department":"after-sales","channel":"phone","cause":")" + std::string(5000, 'x') +
             R"(","customer":{"contact":"a","phone":"1"}})",
         422, "invalid_field", "cause"},
    };
    for (const auto& c : cases) {
        auto r = call("POST", "/complaints", agent_, c.body);
        EXPECT_EQ(r.status, c.status) << c.body.substr(0, 120) << " → " << r.body;
        EXPECT_EQ(error_code(r), c.code) << r.body;
        EXPECT_EQ(error_field(r), c.field) << r.body;
    }
    auto big = call("POST", "/complaints", agent_, std::string(100 * 1024, ' ') + valid);
    EXPECT_EQ(big.status, 413);
    EXPECT_EQ(error_code(big), "body_too_large");
    EXPECT_EQ(parse(call("GET", "/complaints", agent_).body)->getArray("items")->size(), 0u);
    // Still serving, and a valid request works.
    EXPECT_EQ(call("POST", "/complaints", agent_, valid).status, 201);
}

TEST_P(ApiTest, SqlLookingTextIsStoredVerbatim) {
    std::string nasty = "'); DROP TABLE complaints; -- \\\" 漏水 %_";
    auto r = call("POST", "/complaints", agent_, complaint_body("after-sales", nasty));
    ASSERT_EQ(r.status, 201) << r.body;
    std::string id = parse(r.body)->getValue<std::string>("id");
    EXPECT_EQ(parse(call("GET", "/complaints/" + id, agent_).body)->getValue<std::string>("cause"),
              "'); DROP TABLE complaints; -- \" 漏水 %_");
    auto found = parse(call("GET", "/complaints?customer=%E5%8D%8E%E4%B8%9C", agent_).body)
                     ->getArray("items");
    EXPECT_EQ(found->size(), 1u); // customer search: 华东
}

TEST_P(ApiTest, ListsWithFiltersAndStableCursorPaging) {
    std::vector<std::string> ids;
    for (int i = 0; i < 5; ++i)
        ids.push_back(create(agent_));
    act(ids[1], agent_, "contact",
        R"({"restated_problem":"x","customer_confirmed":true,"method":"phone"})");
    auto contacted =
        parse(call("GET", "/complaints?status=contacted", agent_).body)->getArray("items");
    ASSERT_EQ(contacted->size(), 1u);
    EXPECT_EQ(contacted->getObject(0)->getValue<std::string>("id"), ids[1]);

    std::vector<std::string> seen;
    std::string cursor;
    for (int page = 0; page < 5; ++page) {
        auto r = parse(
            call("GET", "/complaints?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), agent_)
                .body);
        auto items = r->getArray("items");
        for (std::size_t i = 0; i < items->size(); ++i)
            seen.push_back(items->getObject(i)->getValue<std::string>("id"));
        if (r->isNull("next_cursor"))
            break;
        cursor = r->getValue<std::string>("next_cursor");
    }
    EXPECT_EQ(seen, ids);
    EXPECT_EQ(call("GET", "/complaints?status=lost", agent_).status, 400);
    EXPECT_EQ(call("GET", "/complaints?limit=0", agent_).status, 400);
    EXPECT_EQ(call("GET", "/complaints?cursor=abc", agent_).status, 400);
    auto unknown = call("GET", "/complaints?colour=red", agent_);
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(error_code(unknown), "unknown_parameter");
    EXPECT_EQ(call("GET", "/complaints?received_from=yesterday", agent_).status, 400);
    EXPECT_EQ(
        parse(
            call("GET", "/complaints?received_from=2000-01-01&received_to=2000-01-02", agent_).body)
            ->getArray("items")
            ->size(),
        0u);
}

TEST_P(ApiTest, CommentsJoinTheTimeline) {
    std::string id = create(agent_);
    auto r = call("POST", "/complaints/" + id + "/comments", agent_,
                  R"({"text":"客户来电补充：水从底部漏出"})");
    ASSERT_EQ(r.status, 201);
    auto timeline = parse(call("GET", "/complaints/" + id, agent_).body)->getArray("timeline");
    ASSERT_EQ(timeline->size(), 2u);
    EXPECT_EQ(timeline->getObject(1)->getValue<std::string>("type"), "comment");
    EXPECT_EQ(timeline->getObject(1)->getValue<std::string>("reason"),
              "客户来电补充：水从底部漏出");
    EXPECT_EQ(call("POST", "/complaints/" + id + "/comments", agent_, R"({"text":""})").status,
              422);
    EXPECT_EQ(call("POST", "/complaints/AS-2026-999999/comments", agent_, R"({"text":"x"})").status,
              404);
}

TEST_P(ApiTest, MetricsCountRequestsAndComplaints) {
    create(agent_);
    call("GET", "/complaints/AS-1999-000001", agent_);
    auto m = daemon_->request("GET", "/metrics");
    ASSERT_EQ(m.status, 200);
    EXPECT_NE(
        m.body.find(
            R"(redress_http_requests_total{route="/complaints",method="POST",status="201"} 1)"),
        std::string::npos)
        << m.body;
    EXPECT_NE(
        m.body.find(
            R"(redress_http_requests_total{route="/complaints/{id}",method="GET",status="404"} 1)"),
        std::string::npos);
    EXPECT_NE(
        m.body.find(
            R"(redress_complaints_registered_total{department="after-sales",channel="phone"} 1)"),
        std::string::npos);
    EXPECT_NE(m.body.find("# TYPE redress_plugin_call_errors_total counter"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });
