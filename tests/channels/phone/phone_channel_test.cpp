// The hotline end to end: a real redressd with the shipped plugins on SQLite
// and PostgreSQL, driven over HTTP as a telephony system and its agents would.
#include "../channel_fixture.hpp"

#include <Poco/JSON/Array.h>

using namespace redress::test;

namespace {

const std::string number = "+86 21 5555 0101";

class PhoneChannel : public ChannelFixture {
protected:
    std::string channels() const override {
        return R"(["phone","visit","fax","letter","sales_rep"])";
    }

    static std::string complaint_json(const std::string& call_id, const std::string& phone = number,
                                      const std::string& department = "after-sales",
                                      const std::string& extra = "") {
        return R"({"department":")" + department +
               R"(","category":"quality","severity":"high","cause":"洗衣机漏水，用了三天就坏了",)"
               R"("request":"换一台新的","customer":{"contact":"王先生","phone":")" +
               phone + R"(","type":"agitated"},"call_id":")" + call_id + R"(","duration_s":310)" +
               extra + "}";
    }

    HttpReply phone_complaint(const std::string& token, const std::string& call_id,
                              const std::string& phone = number,
                              const std::string& department = "after-sales") {
        return call("POST", "/phone/complaints", token, complaint_json(call_id, phone, department));
    }

    std::string registered(const std::string& call_id, const std::string& phone = number) {
        auto r = phone_complaint(agent_, call_id, phone);
        EXPECT_EQ(r.status, 201) << r.body;
        return parse(r.body)->getValue<std::string>("id");
    }

    HttpReply call_event(const std::string& token, const std::string& call_id,
                         const std::string& caller = number) {
        return call("POST", "/phone/calls", token,
                    R"({"call_id":")" + call_id + R"(","caller":")" + caller +
                        R"(","agent":"agent-li","started_at":"2026-11-23T17:30:00+08:00",)"
                        R"("ended_at":1795426395000})");
    }

    std::size_t complaint_count() {
        auto r = call("GET", "/complaints", admin_);
        EXPECT_EQ(r.status, 200) << r.body;
        return parse(r.body)->getArray("items")->size();
    }

    Poco::JSON::Object::Ptr complaint(const std::string& id) {
        auto r = call("GET", "/complaints/" + id, admin_);
        EXPECT_EQ(r.status, 200) << r.body;
        return parse(r.body);
    }

    // Takes a complaint through the REST API's procedure to "resolved".
    void resolve(const std::string& id) {
        ASSERT_EQ(
            act(id, agent_, "contact",
                R"({"restated_problem":"洗衣机漏水","customer_confirmed":true,"method":"phone"})")
                .status,
            200);
        ASSERT_EQ(
            act(id, agent_, "analyse",
                R"({"severity":"high","company_fault":"full","demand_reasonable":true,"findings":"密封圈批次缺陷"})")
                .status,
            200);
        auto proposed = act(id, agent_, "propose", R"({"remedies":["apology"],"amount_minor":0})");
        ASSERT_EQ(proposed.status, 200) << proposed.body;
        ASSERT_EQ(act(id, supervisor_, "approve").status, 200);
        ASSERT_EQ(act(id, agent_, "agree", R"({"customer_accepted":true})").status, 200);
        ASSERT_EQ(act(id, agent_, "implement", R"({"plan":"上门更换密封圈"})").status, 200);
        // The apology is the one task; doing it resolves the complaint.
        auto tasks = parse(call("GET", "/tasks?complaint=" + id, agent_).body)->getArray("items");
        ASSERT_EQ(tasks->size(), 1u);
        auto done = call(
            "POST", "/tasks/" + std::to_string(tasks->getObject(0)->getValue<int>("id")) + "/done",
            agent_, R"({"note":"已更换密封圈"})");
        ASSERT_EQ(done.status, 200) << done.body;
        ASSERT_EQ(parse(done.body)->getValue<std::string>("complaint_status"), "resolved");
    }

    // The open follow-up calls of one complaint, as GET /phone/callbacks lists them.
    std::vector<Poco::JSON::Object::Ptr> callbacks_of(const std::string& id,
                                                      const std::string& token = "") {
        auto r =
            call("GET", "/phone/callbacks?department=after-sales", token.empty() ? agent_ : token);
        EXPECT_EQ(r.status, 200) << r.body;
        std::vector<Poco::JSON::Object::Ptr> out;
        if (r.status != 200)
            return out;
        auto items = parse(r.body)->getArray("callbacks");
        for (unsigned i = 0; i < items->size(); ++i)
            if (items->getObject(i)->getValue<std::string>("tracking_number") == id)
                out.push_back(items->getObject(i));
        return out;
    }

    // Resolves a new complaint and returns it with the id of the follow-up
    // call the host put on the queue for it.
    std::pair<std::string, Poco::Int64> resolved_with_callback(const std::string& call_id) {
        std::string id = registered(call_id);
        resolve(id);
        auto due = callbacks_of(id);
        EXPECT_EQ(due.size(), 1u) << "resolving " << id << " puts one follow-up call on the queue";
        if (due.empty())
            return {id, 0};
        return {id, due[0]->getValue<Poco::Int64>("id")};
    }

    HttpReply outcome(Poco::Int64 callback, const std::string& body,
                      const std::string& token = "") {
        return call("POST", "/phone/callbacks/" + std::to_string(callback) + "/outcome",
                    token.empty() ? agent_ : token, body);
    }
};

} // namespace

TEST_P(PhoneChannel, ACallFromANewNumberShowsNoHistory) {
    auto r = call_event(agent_, "evt-1");
    ASSERT_EQ(r.status, 200) << r.body;
    auto b = parse(r.body);
    EXPECT_EQ(b->getValue<std::string>("call_id"), "evt-1");
    EXPECT_EQ(b->getValue<std::string>("caller"), number);
    EXPECT_FALSE(b->getValue<bool>("repeat_complainant"));
    EXPECT_EQ(b->getArray("open")->size(), 0u);
    EXPECT_EQ(b->getArray("history")->size(), 0u);
    EXPECT_EQ(b->getValue<int>("duration_s"), 195);
    EXPECT_EQ(b->getValue<std::string>("started_at"), "2026-11-23T09:30:00.000Z");
}

TEST_P(PhoneChannel, ACallFromAKnownCallerShowsOpenComplaintsHistoryAndTheRepeatFlag) {
    std::string open = registered("c-open");
    std::string done = registered("c-done");
    ASSERT_EQ(act(done, agent_, "contact",
                  R"({"restated_problem":"漏水","customer_confirmed":true,"method":"phone"})")
                  .status,
              200);
    ASSERT_EQ(act(done, supervisor_, "reject", R"({"customer_told":true})", "保修期外").status,
              200);
    registered("c-other", "+86 10 6666 0000");

    auto r = call_event(agent_, "evt-2");
    ASSERT_EQ(r.status, 200) << r.body;
    auto b = parse(r.body);
    EXPECT_TRUE(b->getValue<bool>("repeat_complainant"));
    EXPECT_EQ(b->getValue<int>("complaint_count"), 2);
    auto o = b->getArray("open");
    ASSERT_EQ(o->size(), 1u);
    EXPECT_EQ(o->getObject(0)->getValue<std::string>("id"), open);
    EXPECT_EQ(o->getObject(0)->getValue<std::string>("status"), "received");
    EXPECT_EQ(o->getObject(0)->getValue<std::string>("cause"), "洗衣机漏水，用了三天就坏了");
    auto h = b->getArray("history");
    ASSERT_EQ(h->size(), 1u);
    EXPECT_EQ(h->getObject(0)->getValue<std::string>("id"), done);
    EXPECT_EQ(h->getObject(0)->getValue<std::string>("status"), "rejected");
}

TEST_P(PhoneChannel, ACallerOutsideTheTokensDepartmentsIsNotDisclosed) {
    registered("c-1");
    auto r = call_event(cc_agent_, "evt-3");
    ASSERT_EQ(r.status, 200) << r.body;
    auto b = parse(r.body);
    EXPECT_FALSE(b->getValue<bool>("repeat_complainant"));
    EXPECT_EQ(b->getArray("open")->size(), 0u);
    EXPECT_EQ(r.body.find("洗衣机"), std::string::npos) << r.body;
    EXPECT_TRUE(parse(call_event(admin_, "evt-4").body)->getValue<bool>("repeat_complainant"));
}

TEST_P(PhoneChannel, AnAgentsComplaintCarriesTheCallAndTheAgentSignsIt) {
    auto r = phone_complaint(agent_, "c-42");
    ASSERT_EQ(r.status, 201) << r.body;
    auto b = parse(r.body);
    std::string id = b->getValue<std::string>("id");
    EXPECT_EQ(id.substr(0, 3), "AS-");
    EXPECT_TRUE(b->getValue<bool>("created"));
    EXPECT_EQ(b->getValue<std::string>("channel"), "phone");
    EXPECT_EQ(b->getValue<std::string>("recorder"), "agent-li");
    EXPECT_EQ(r.header("Location"), "/complaints/" + id);

    auto got = call("GET", "/complaints/" + id, agent_);
    ASSERT_EQ(got.status, 200) << got.body;
    auto c = parse(got.body);
    EXPECT_EQ(c->getValue<std::string>("channel"), "phone");
    EXPECT_EQ(c->getValue<std::string>("recorder"), "agent-li");
    EXPECT_EQ(c->getObject("customer")->getValue<std::string>("phone"), number);
    // channel_data is kept with the complaint and shown in its "created" event
    std::string created = got.body.substr(got.body.find("\"timeline\""));
    EXPECT_NE(created.find(R"("call_id":"c-42")"), std::string::npos) << got.body;
    EXPECT_NE(created.find(R"("duration_s":310)"), std::string::npos) << got.body;
    EXPECT_NE(created.find(R"("caller_number":"+86 21 5555 0101")"), std::string::npos) << got.body;
}

TEST_P(PhoneChannel, ARetriedWebhookGivesTheFirstComplaintNeverASecond) {
    auto first = phone_complaint(agent_, "c-retry");
    ASSERT_EQ(first.status, 201) << first.body;
    auto again = phone_complaint(agent_, "c-retry");
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_FALSE(parse(again.body)->getValue<bool>("created"));
    EXPECT_EQ(parse(again.body)->getValue<std::string>("id"),
              parse(first.body)->getValue<std::string>("id"));
    EXPECT_EQ(complaint_count(), 1u);
}

// A ref is unique within a department and channel: the same call id in two
// departments is two complaints, and a REST Idempotency-Key cannot take it first.
TEST_P(PhoneChannel, TheSameCallIdInTwoDepartmentsIsTwoComplaints) {
    auto taken = call("POST", "/complaints", admin_, complaint_body(),
                      {{"Idempotency-Key", "phone:c-shared"}});
    ASSERT_EQ(taken.status, 201) << taken.body;
    auto as = phone_complaint(admin_, "c-shared", number, "after-sales");
    ASSERT_EQ(as.status, 201) << as.body;
    auto cc = phone_complaint(admin_, "c-shared", number, "call-centre");
    ASSERT_EQ(cc.status, 201) << cc.body;
    EXPECT_NE(parse(as.body)->getValue<std::string>("id"),
              parse(cc.body)->getValue<std::string>("id"));
    EXPECT_EQ(phone_complaint(admin_, "c-shared", number, "call-centre").status, 200);
}

TEST_P(PhoneChannel, StartAndEndGiveTheDurationAndAreKeptWithTheCall) {
    auto r = call(
        "POST", "/phone/complaints", agent_,
        R"({"department":"after-sales","cause":"漏水","customer":{"contact":"王先生","phone":"13800000000"},)"
        R"("call_id":"c-se","started_at":"2026-11-23T09:30:00Z","ended_at":"2026-11-23T09:35:10Z"})");
    ASSERT_EQ(r.status, 201) << r.body;
    auto got = call("GET", "/complaints/" + parse(r.body)->getValue<std::string>("id"), agent_);
    EXPECT_NE(got.body.find(R"("started_at":1795426200000)"), std::string::npos) << got.body;
    EXPECT_NE(got.body.find(R"("duration_s":310)"), std::string::npos) << got.body;
}

TEST_P(PhoneChannel, AResolvedComplaintGetsAFollowUpCallAndSatisfiedClosesIt) {
    auto [id, callback] = resolved_with_callback("c-sat");
    ASSERT_GT(callback, 0);
    auto due = callbacks_of(id)[0];
    EXPECT_EQ(due->getValue<std::string>("status"), "resolved");
    EXPECT_EQ(due->getObject("customer")->getValue<std::string>("phone"), number);
    EXPECT_FALSE(due->getValue<std::string>("due_at").empty());

    auto r = outcome(callback, R"({"outcome":"satisfied","satisfaction":4,"notes":"客户很满意"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(parse(r.body)->getValue<std::string>("status"), "closed");
    auto c = complaint(id);
    EXPECT_EQ(c->getValue<std::string>("status"), "closed");
    EXPECT_EQ(c->getValue<int>("satisfaction"), 4);
    EXPECT_TRUE(callbacks_of(id).empty()); // done calls leave the queue
    // the same call cannot be recorded twice
    auto twice = outcome(callback, R"({"outcome":"satisfied","satisfaction":5})");
    EXPECT_GE(twice.status, 400) << twice.body;
    EXPECT_EQ(complaint(id)->getValue<int>("satisfaction"), 4);
}

TEST_P(PhoneChannel, UnsatisfiedReopensTheComplaint) {
    auto [id, callback] = resolved_with_callback("c-unsat");
    ASSERT_GT(callback, 0);
    auto r = outcome(callback, R"({"outcome":"unsatisfied","satisfaction":2,"notes":"还是漏水"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(parse(r.body)->getValue<std::string>("status"), "reopened");
    auto c = complaint(id);
    EXPECT_EQ(c->getValue<std::string>("status"), "reopened");
    auto timeline = c->getArray("timeline");
    auto last = timeline->getObject(static_cast<unsigned>(timeline->size() - 1));
    EXPECT_NE(last->optValue<std::string>("reason", "").find("还是漏水"), std::string::npos)
        << call("GET", "/complaints/" + id, admin_).body;
}

TEST_P(PhoneChannel, UnreachableReschedulesTheCall) {
    auto [id, callback] = resolved_with_callback("c-unreach");
    ASSERT_GT(callback, 0);
    std::string first_due = callbacks_of(id)[0]->getValue<std::string>("due_at");
    auto r = outcome(callback, R"({"outcome":"unreachable","notes":"无人接听"})");
    ASSERT_EQ(r.status, 200) << r.body;
    auto b = parse(r.body);
    EXPECT_EQ(b->getValue<std::string>("status"), "resolved");
    ASSERT_TRUE(b->has("next_callback_id")) << r.body;
    Poco::Int64 next = b->getValue<Poco::Int64>("next_callback_id");
    EXPECT_NE(next, callback);
    auto due = callbacks_of(id);
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0]->getValue<Poco::Int64>("id"), next);
    EXPECT_GT(due[0]->getValue<std::string>("due_at"), first_due); // ISO 8601 UTC sorts as time
    EXPECT_EQ(complaint(id)->getValue<std::string>("status"), "resolved");

    auto at = outcome(next, R"({"outcome":"unreachable","due_at":"2030-01-02T10:00:00+08:00"})");
    ASSERT_EQ(at.status, 200) << at.body;
    auto later = callbacks_of(id);
    ASSERT_EQ(later.size(), 1u);
    EXPECT_EQ(later[0]->getValue<std::string>("due_at"), "2030-01-02T02:00:00.000Z");
}

TEST_P(PhoneChannel, AFollowUpCallIsScheduledOnRequestAndFiltered) {
    std::string id = registered("c-req");
    auto r = call(
        "POST", "/phone/callbacks", agent_,
        R"({"tracking_number":")" + id +
            R"(","due_at":"2030-01-01T10:00:00+08:00","assignee":"agent-li","reason":"客户要求下周回电"})");
    ASSERT_EQ(r.status, 201) << r.body;
    Poco::Int64 cb = parse(r.body)->getValue<Poco::Int64>("id");
    auto mine = call("GET", "/phone/callbacks?assignee=agent-li", agent_);
    ASSERT_EQ(mine.status, 200) << mine.body;
    auto items = parse(mine.body)->getArray("callbacks");
    ASSERT_EQ(items->size(), 1u) << mine.body;
    EXPECT_EQ(items->getObject(0)->getValue<Poco::Int64>("id"), cb);
    EXPECT_EQ(items->getObject(0)->getValue<std::string>("reason"), "客户要求下周回电");
    EXPECT_EQ(items->getObject(0)->getValue<std::string>("due_at"), "2030-01-01T02:00:00.000Z");
    auto before = call("GET", "/phone/callbacks?due_before=2029-12-31T00:00:00Z", agent_);
    ASSERT_EQ(before.status, 200) << before.body;
    EXPECT_EQ(parse(before.body)->getArray("callbacks")->size(), 0u) << before.body;
    EXPECT_EQ(parse(call("GET", "/phone/callbacks?assignee=someone-else", agent_).body)
                  ->getArray("callbacks")
                  ->size(),
              0u);
    // the call-centre's agent does not see after-sales' queue
    EXPECT_EQ(parse(call("GET", "/phone/callbacks", cc_agent_).body)->getArray("callbacks")->size(),
              0u);

    auto defaulted =
        call("POST", "/phone/callbacks", agent_, R"({"tracking_number":")" + id + R"("})");
    ASSERT_EQ(defaulted.status, 201) << defaulted.body;
    EXPECT_EQ(parse(defaulted.body)->getValue<std::string>("reason"), "on request");
}

TEST_P(PhoneChannel, FollowUpCallsOfUnknownComplaintsOrCallsAre404) {
    auto r = call("POST", "/phone/callbacks", agent_, R"({"tracking_number":"AS-2026-999999"})");
    EXPECT_EQ(r.status, 404) << r.body;
    auto o = call("POST", "/phone/callbacks/999999/outcome", agent_,
                  R"({"outcome":"satisfied","satisfaction":5})");
    EXPECT_EQ(o.status, 404) << o.body;
    EXPECT_EQ(call("POST", "/phone/callbacks/abc/outcome", agent_, "{}").status, 404);
}

TEST_P(PhoneChannel, AnotherDepartmentsAgentCannotRecordAnOutcome) {
    auto [id, callback] = resolved_with_callback("c-scope");
    ASSERT_GT(callback, 0);
    auto r = outcome(callback, R"({"outcome":"satisfied","satisfaction":5})", cc_agent_);
    EXPECT_TRUE(r.status == 403 || r.status == 404) << r.status << " " << r.body;
    EXPECT_EQ(complaint(id)->getValue<std::string>("status"), "resolved");
}

TEST_P(PhoneChannel, EveryEndpointRequiresAToken) {
    for (auto [method, path] :
         std::vector<std::pair<std::string, std::string>>{{"POST", "/phone/calls"},
                                                          {"POST", "/phone/complaints"},
                                                          {"GET", "/phone/callbacks"},
                                                          {"POST", "/phone/callbacks"},
                                                          {"POST", "/phone/callbacks/1/outcome"}}) {
        auto r = call(method, path, "", complaint_json("c-anon"));
        EXPECT_EQ(r.status, 401) << method << " " << path << ": " << r.body;
    }
    EXPECT_EQ(complaint_count(), 0u);
}

TEST_P(PhoneChannel, AnotherDepartmentsAgentIsRefused) {
    auto r = phone_complaint(cc_agent_, "c-cc");
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_NE(r.body.find("after-sales"), std::string::npos) << r.body;
    EXPECT_EQ(complaint_count(), 0u);
    auto own = phone_complaint(cc_agent_, "c-cc", number, "call-centre");
    EXPECT_EQ(own.status, 201) << own.body;
    EXPECT_EQ(parse(own.body)->getValue<std::string>("id").substr(0, 3), "CC-");
}

TEST_P(PhoneChannel, ADisabledChannelIsRefusedNamingDepartmentAndChannel) {
    auto off =
        call("PUT", "/departments/after-sales/channels/phone", admin_, R"({"enabled":false})");
    ASSERT_EQ(off.status, 200) << off.body;
    auto r = phone_complaint(agent_, "c-off");
    EXPECT_EQ(r.status, 403) << r.body;
    std::string message = parse(r.body)->getObject("error")->getValue<std::string>("message");
    EXPECT_NE(message.find("after-sales"), std::string::npos) << message;
    EXPECT_NE(message.find("phone"), std::string::npos) << message;
    EXPECT_EQ(complaint_count(), 0u);
    // the other department still takes calls
    EXPECT_EQ(phone_complaint(admin_, "c-on", number, "call-centre").status, 201);
}

TEST_P(PhoneChannel, HostileBodiesAreRefusedNamingTheProblem) {
    auto huge = call("POST", "/phone/complaints", agent_,
                     complaint_json("c-huge", number, "after-sales",
                                    R"(,"caller_number":")" + std::string(2 << 20, '1') + "\""));
    EXPECT_EQ(huge.status, 413) << huge.body.substr(0, 200); // the host's limit
    auto big = call("POST", "/phone/complaints", agent_,
                    complaint_json("c-big", number, "after-sales",
                                   R"(,"padding":")" + std::string(100000, ' ') + "\""));
    EXPECT_EQ(big.status, 413) << big.body.substr(0, 200); // the plugin's limit
    EXPECT_EQ(error_code(big), "body_too_large");

    auto malformed = call("POST", "/phone/calls", agent_, R"({"call_id":"x",)");
    EXPECT_EQ(malformed.status, 400);
    EXPECT_EQ(error_code(malformed), "malformed_json");
    auto utf8 = call("POST", "/phone/complaints", agent_,
                     complaint_json("c-utf8", number, "after-sales", ",\"x\":\"\xC3\x28\""));
    EXPECT_EQ(utf8.status, 400);
    EXPECT_EQ(error_code(utf8), "invalid_utf8");
    auto unknown = call("POST", "/phone/complaints", agent_,
                        complaint_json("c-unknown", number, "after-sales", R"(,"costomer":{})"));
    EXPECT_EQ(unknown.status, 422);
    EXPECT_EQ(error_field(unknown), "costomer");
    auto recorder = call("POST", "/phone/complaints", agent_,
                         complaint_json("c-rec", number, "after-sales", R"(,"recorder":"boss")"));
    EXPECT_EQ(recorder.status, 422);
    EXPECT_EQ(error_field(recorder), "recorder");
    auto type = call("POST", "/phone/calls", agent_,
                     R"({"call_id":"x","caller":"13800000000","started_at":"yesterday"})");
    EXPECT_EQ(type.status, 422);
    EXPECT_EQ(error_field(type), "started_at");
    auto param = call("GET", "/phone/callbacks?dept=after-sales", agent_);
    EXPECT_EQ(param.status, 400) << param.body;
    EXPECT_EQ(error_field(param), "dept");
    EXPECT_EQ(complaint_count(), 0u);
}

TEST_P(PhoneChannel, TheHostsFormErrorsAre422WithTheHostsMessage) {
    // no way to reach the customer: a rule the host enforces, not the plugin
    auto r = call(
        "POST", "/phone/complaints", agent_,
        R"({"department":"after-sales","cause":"漏水","customer":{"contact":"王先生"},"call_id":"c-noway","duration_s":5})");
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(error_code(r), "invalid");
    auto dept =
        call("POST", "/phone/complaints", agent_, complaint_json("c-nodept", number, "nowhere"));
    EXPECT_TRUE(dept.status == 403 || dept.status == 422) << dept.body;
    EXPECT_EQ(complaint_count(), 0u);
}

TEST_P(PhoneChannel, UnknownPathsAndMethodsAreRefused) {
    EXPECT_EQ(call("GET", "/phone/nothing", agent_).status, 404);
    EXPECT_EQ(call("GET", "/phone/calls", agent_).status, 405);
    EXPECT_EQ(call("DELETE", "/phone/callbacks", agent_).status, 405);
}

INSTANTIATE_TEST_SUITE_P(Backends, PhoneChannel, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });
