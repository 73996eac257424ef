// The desk channels end to end: complaints staff take down from a visit, a
// fax, a letter or a sales rep, through a real redressd with the shipped
// plugins on SQLite and PostgreSQL.
#include "../channel_fixture.hpp"

#include <Poco/JSON/Array.h>

using namespace redress::test;

namespace {

class DeskChannel : public ChannelFixture {
protected:
    std::string channels() const override {
        return R"(["phone","visit","fax","letter","sales_rep"])";
    }

    static std::string body(const std::string& channel, const std::string& data,
                            const std::string& department = "after-sales",
                            const std::string& extra = "") {
        return R"({"department":")" + department + R"(","channel":")" + channel +
               R"(","category":"quality","cause":"门店演示机漏水","request":"退货",)"
               R"("customer":{"company":"华东贸易公司","contact":"李女士","phone":"138 0000 0000"},)"
               R"("channel_data":)" +
               data + extra + "}";
    }

    std::size_t complaint_count() {
        auto r = call("GET", "/complaints", admin_);
        EXPECT_EQ(r.status, 200) << r.body;
        return parse(r.body)->getArray("items")->size();
    }
};

struct Case {
    std::string channel, data, kept;
};

} // namespace

TEST_P(DeskChannel, EachDeskChannelRegistersAComplaintSignedByTheSignedInUser) {
    const std::vector<Case> cases = {
        {"visit", R"({"location":"徐汇门店","visited_at":"2026-11-23T10:00:00+08:00"})",
         R"("visited_at":1795399200000)"},
        {"fax", R"({"fax_number":"+86 21 6666 0000","pages":3})", R"("pages":3)"},
        {"letter",
         R"({"received_at":"2026-11-20T09:00:00+08:00","sender_address":"北京市朝阳区建国路1号"})",
         R"("sender_address":"北京市朝阳区建国路1号")"},
        {"sales_rep", R"({"representative":"赵经理"})", R"("representative":"赵经理")"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.channel);
        auto r = call("POST", "/desk/complaints", agent_, body(c.channel, c.data));
        ASSERT_EQ(r.status, 201) << r.body;
        auto b = parse(r.body);
        std::string id = b->getValue<std::string>("id");
        EXPECT_EQ(b->getValue<std::string>("channel"), c.channel);
        EXPECT_EQ(b->getValue<std::string>("recorder"), "agent-li");
        EXPECT_EQ(r.header("Location"), "/complaints/" + id);

        auto got = call("GET", "/complaints/" + id, agent_);
        ASSERT_EQ(got.status, 200) << got.body;
        auto g = parse(got.body);
        EXPECT_EQ(g->getValue<std::string>("channel"), c.channel);
        EXPECT_EQ(g->getValue<std::string>("recorder"), "agent-li");
        EXPECT_EQ(g->getObject("customer")->getValue<std::string>("contact"), "李女士");
        std::string timeline = got.body.substr(got.body.find("\"timeline\""));
        EXPECT_NE(timeline.find(c.kept), std::string::npos) << got.body;
    }
    EXPECT_EQ(complaint_count(), 4u);
}

TEST_P(DeskChannel, TheSupervisorSignsWhatTheSupervisorTakesDown) {
    auto r = call("POST", "/desk/complaints", supervisor_,
                  body("sales_rep", R"({"representative":"赵经理"})"));
    ASSERT_EQ(r.status, 201) << r.body;
    auto got = call("GET", "/complaints/" + parse(r.body)->getValue<std::string>("id"), admin_);
    EXPECT_EQ(parse(got.body)->getValue<std::string>("recorder"), "主管-王");
}

TEST_P(DeskChannel, ARecorderInTheBodyIsRefusedAndNothingStored) {
    auto r = call("POST", "/desk/complaints", agent_,
                  body("sales_rep", R"({"representative":"赵经理"})", "after-sales",
                       R"(,"recorder":"someone-else")"));
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(error_field(r), "recorder");
    EXPECT_EQ(complaint_count(), 0u);
}

TEST_P(DeskChannel, AnIdempotencyKeyMakesARetryHarmless) {
    std::map<std::string, std::string> key{{"Idempotency-Key", "desk-form-7"}};
    auto first = call("POST", "/desk/complaints", agent_,
                      body("fax", R"({"fax_number":"1234","pages":1})"), key);
    ASSERT_EQ(first.status, 201) << first.body;
    auto again = call("POST", "/desk/complaints", agent_,
                      body("fax", R"({"fax_number":"1234","pages":1})"), key);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(parse(again.body)->getValue<std::string>("id"),
              parse(first.body)->getValue<std::string>("id"));
    EXPECT_EQ(complaint_count(), 1u);
}

TEST_P(DeskChannel, WithoutATokenItIs401) {
    auto r =
        call("POST", "/desk/complaints", "", body("sales_rep", R"({"representative":"赵经理"})"));
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(call("GET", "/desk/", "").status, 401);
    EXPECT_EQ(complaint_count(), 0u);
}

TEST_P(DeskChannel, AnotherDepartmentsAgentIsRefused) {
    auto r = call("POST", "/desk/complaints", cc_agent_,
                  body("visit", R"({"location":"徐汇门店","visited_at":1795399200000})"));
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_NE(r.body.find("after-sales"), std::string::npos) << r.body;
    EXPECT_EQ(complaint_count(), 0u);
}

TEST_P(DeskChannel, ADisabledChannelIsRefusedNamingDepartmentAndChannel) {
    auto off =
        call("PUT", "/departments/after-sales/channels/letter", admin_, R"({"enabled":false})");
    ASSERT_EQ(off.status, 200) << off.body;
    auto r = call("POST", "/desk/complaints", agent_,
                  body("letter", R"({"received_at":1795399200000,"sender_address":"北京"})"));
    EXPECT_EQ(r.status, 403) << r.body;
    std::string message = parse(r.body)->getObject("error")->getValue<std::string>("message");
    EXPECT_NE(message.find("after-sales"), std::string::npos) << message;
    EXPECT_NE(message.find("letter"), std::string::npos) << message;
    // the department's other desk channels still take complaints
    EXPECT_EQ(
        call("POST", "/desk/complaints", agent_, body("sales_rep", R"({"representative":"赵"})"))
            .status,
        201);
    EXPECT_EQ(complaint_count(), 1u);

    auto listed = parse(call("GET", "/desk/", agent_).body)->getArray("channels");
    for (unsigned i = 0; i < listed->size(); ++i) {
        auto c = listed->getObject(i);
        auto enabled = c->getArray("enabled_in");
        bool after_sales = false;
        for (unsigned j = 0; j < enabled->size(); ++j)
            after_sales |= enabled->getElement<std::string>(j) == "after-sales";
        EXPECT_EQ(after_sales, c->getValue<std::string>("name") != "letter")
            << c->getValue<std::string>("name");
    }
}

TEST_P(DeskChannel, ListsTheDeskChannelsAndTheirFields) {
    auto r = call("GET", "/desk/", cc_agent_);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.content_type.substr(0, 16), "application/json");
    auto channels = parse(r.body)->getArray("channels");
    ASSERT_EQ(channels->size(), 4u);
    auto visit = channels->getObject(0);
    EXPECT_EQ(visit->getValue<std::string>("name"), "visit");
    EXPECT_EQ(visit->getValue<std::string>("label"), "来访");
    EXPECT_EQ(visit->getArray("fields")->getObject(0)->getValue<std::string>("name"), "location");
    // only the caller's departments are named
    auto enabled = visit->getArray("enabled_in");
    ASSERT_EQ(enabled->size(), 1u);
    EXPECT_EQ(enabled->getElement<std::string>(0), "call-centre");
    EXPECT_EQ(call("POST", "/desk/", cc_agent_, "{}").status, 405);
    EXPECT_EQ(call("GET", "/desk/nothing", cc_agent_).status, 404);
}

TEST_P(DeskChannel, HostileBodiesAreRefusedNamingTheProblem) {
    auto huge =
        call("POST", "/desk/complaints", agent_,
             body("sales_rep", R"({"representative":")" + std::string(2 << 20, 'x') + "\"}"));
    EXPECT_EQ(huge.status, 413);
    auto big = call("POST", "/desk/complaints", agent_,
                    body("sales_rep", R"({"representative":")" + std::string(100000, 'x') + "\"}"));
    EXPECT_EQ(big.status, 413);
    EXPECT_EQ(error_code(big), "body_too_large");
    auto malformed = call("POST", "/desk/complaints", agent_, "{\"channel\":\"fax\"");
    EXPECT_EQ(malformed.status, 400);
    EXPECT_EQ(error_code(malformed), "malformed_json");
    auto wrong_channel = call("POST", "/desk/complaints", agent_, body("email", "{}"));
    EXPECT_EQ(wrong_channel.status, 422);
    EXPECT_EQ(error_field(wrong_channel), "channel");
    auto pages = call("POST", "/desk/complaints", agent_,
                      body("fax", R"({"fax_number":"1","pages":"three"})"));
    EXPECT_EQ(pages.status, 422);
    EXPECT_EQ(error_field(pages), "channel_data.pages");
    auto foreign = call("POST", "/desk/complaints", agent_,
                        body("fax", R"({"fax_number":"1","pages":1,"location":"x"})"));
    EXPECT_EQ(foreign.status, 422);
    EXPECT_EQ(error_field(foreign), "channel_data.location");
    auto long_field =
        call("POST", "/desk/complaints", agent_,
             body("sales_rep", R"({"representative":")" + std::string(101, 'x') + "\"}"));
    EXPECT_EQ(long_field.status, 422);
    EXPECT_EQ(error_field(long_field), "channel_data.representative");
    EXPECT_EQ(complaint_count(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, DeskChannel, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });
