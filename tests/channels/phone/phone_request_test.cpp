// The hotline's request bodies: call events, agent-entered complaints,
// follow-up calls and their outcomes; and what a call shows the agent.
#include "call_event.hpp"
#include "callback_request.hpp"
#include "caller_history.hpp"
#include "phone_complaint.hpp"

#include <gtest/gtest.h>

using namespace redress::phone;
using redress::intake::RequestError;

namespace {

template <class F>
RequestError error_of(F&& f) {
    try {
        f();
    } catch (const RequestError& e) {
        return e;
    }
    ADD_FAILURE() << "expected a RequestError";
    return RequestError(0, "", "");
}

std::string event_field(const std::string& json) {
    return error_of([&] { read_call_event(json, 65536); }).field();
}

const std::string form =
    R"("department":"after-sales","cause":"洗衣机漏水","customer":{"contact":"王先生","phone":"+86 21 5555 0101"})";

PhoneComplaint complaint(const std::string& extra) {
    return read_phone_complaint("{" + form + "," + extra + "}", 65536);
}
std::string complaint_field(const std::string& extra) {
    return error_of([&] { complaint(extra); }).field();
}

} // namespace

TEST(CallEvent, ReadsAnEventWithIsoOrMillisecondTimes) {
    auto e = read_call_event(
        R"({"call_id":"1700000000.123","caller":"+86 21 5555 0101","agent":"agent-li",)"
        R"("started_at":"2026-11-23T17:30:00+08:00","ended_at":1795426395000})",
        65536);
    EXPECT_EQ(e.call_id, "1700000000.123");
    EXPECT_EQ(e.caller, "+86 21 5555 0101");
    EXPECT_EQ(e.agent, "agent-li");
    EXPECT_EQ(e.started_at_ms, 1795426200000);
    EXPECT_EQ(e.duration_s(), 195);
}

TEST(CallEvent, ARingingCallHasNoEndYet) {
    auto e = read_call_event(
        R"({"call_id":"c-1","caller":"13800000000","started_at":1795426200000})", 65536);
    EXPECT_FALSE(e.ended_at_ms);
    EXPECT_FALSE(e.duration_s());
    EXPECT_EQ(e.agent, "");
}

TEST(CallEvent, NamesTheFieldOfEveryBadEvent) {
    EXPECT_EQ(event_field(R"({"caller":"13800000000","started_at":1795426200000})"), "call_id");
    EXPECT_EQ(event_field(R"({"call_id":"a b","caller":"13800000000","started_at":1795426200000})"),
              "call_id");
    EXPECT_EQ(event_field(R"({"call_id":7,"caller":"13800000000","started_at":1795426200000})"),
              "call_id");
    EXPECT_EQ(event_field(R"({"call_id":"c","caller":"anonymous","started_at":1795426200000})"),
              "caller");
    EXPECT_EQ(
        event_field(R"({"call_id":"c","caller":"'; DROP TABLE--","started_at":1795426200000})"),
        "caller");
    EXPECT_EQ(event_field(R"({"call_id":"c","caller":"13800000000"})"), "started_at");
    EXPECT_EQ(event_field(R"({"call_id":"c","caller":"13800000000","started_at":"9:30"})"),
              "started_at");
    EXPECT_EQ(
        event_field(
            R"({"call_id":"c","caller":"13800000000","started_at":1795426200000,"ended_at":1795426100000})"),
        "ended_at");
    EXPECT_EQ(
        event_field(
            R"({"call_id":"c","caller":"13800000000","started_at":1795426200000,"direction":"in"})"),
        "direction");
    EXPECT_EQ(event_field(R"({"call_id":")" + std::string(129, 'x') +
                          R"(","caller":"13800000000","started_at":1795426200000})"),
              "call_id");
}

TEST(CallEvent, RefusesOversizeAndMalformedBodies) {
    EXPECT_EQ(error_of([] { read_call_event(std::string(70000, ' '), 65536); }).http_status(), 413);
    EXPECT_EQ(error_of([] { read_call_event("call_id=1", 65536); }).http_status(), 400);
    EXPECT_EQ(error_of([] { read_call_event("{\"call_id\":\"\xC3\"}", 65536); }).code(),
              "invalid_utf8");
}

TEST(PhoneComplaint, CarriesTheCallAndTakesTheCallerFromTheCustomer) {
    auto c = complaint(R"("call_id":"c-42","duration_s":310)");
    EXPECT_EQ(c.call_id, "c-42");
    EXPECT_EQ(c.duration_s, 310);
    EXPECT_EQ(c.caller_number, "+86 21 5555 0101");
    EXPECT_FALSE(c.started_at_ms);
}

TEST(PhoneComplaint, ComputesTheDurationFromStartAndEndAndKeepsTheStart) {
    auto c = complaint(
        R"("call_id":"c-42","started_at":"2026-11-23T09:30:00Z","ended_at":"2026-11-23T09:35:10Z","caller_number":"021 5555 0101","channel":"phone")");
    EXPECT_EQ(c.duration_s, 310);
    EXPECT_EQ(c.caller_number, "021 5555 0101");
    EXPECT_EQ(c.started_at_ms, 1795426200000);
}

TEST(PhoneComplaint, NamesWhatIsMissingOrContradictory) {
    EXPECT_EQ(complaint_field(R"("duration_s":10)"), "call_id");
    EXPECT_EQ(complaint_field(R"("call_id":"c")"), "duration_s");
    EXPECT_EQ(complaint_field(R"("call_id":"c","duration_s":-1)"), "duration_s");
    EXPECT_EQ(complaint_field(R"("call_id":"c","duration_s":86401)"), "duration_s");
    EXPECT_EQ(complaint_field(R"("call_id":"c","duration_s":1.5)"), "duration_s");
    EXPECT_EQ(complaint_field(R"("call_id":"c","started_at":1795426200000)"), "ended_at");
    EXPECT_EQ(complaint_field(R"("call_id":"c","duration_s":5,"started_at":1795426200000)"),
              "started_at");
    EXPECT_EQ(
        complaint_field(R"("call_id":"c","started_at":1795426200000,"ended_at":1795426100000)"),
        "ended_at");
    EXPECT_EQ(complaint_field(R"("call_id":"c","duration_s":5,"channel":"web")"), "channel");
    EXPECT_EQ(complaint_field(R"("call_id":"c","duration_s":5,"recorder":"boss")"), "recorder");
    EXPECT_EQ(complaint_field(R"("call_id":"c","duration_s":5,"caller_number":"n/a")"),
              "caller_number");
    EXPECT_EQ(complaint_field(R"("call_id":"c","duration_s":5,"callid":"c")"), "callid");
}

TEST(CallbackQuery, ReadsFiltersAndRefusesUnknownOrMalformedParameters) {
    auto q = read_callback_query({{"department", "after-sales"},
                                  {"assignee", "agent-li"},
                                  {"due_before", "2026-11-23T09:30:00Z"},
                                  {"limit", "20"}});
    EXPECT_EQ(q.department, "after-sales");
    EXPECT_EQ(q.due_before_ms, 1795426200000);
    EXPECT_EQ(q.limit, 20);
    EXPECT_EQ(read_callback_query({{"due_before", "1795426200000"}}).due_before_ms, 1795426200000);
    EXPECT_FALSE(read_callback_query({}).limit);

    auto unknown = error_of([] { read_callback_query({{"dept", "x"}}); });
    EXPECT_EQ(unknown.http_status(), 400);
    EXPECT_EQ(unknown.field(), "dept");
    EXPECT_EQ(error_of([] { read_callback_query({{"limit", "0"}}); }).field(), "limit");
    EXPECT_EQ(error_of([] { read_callback_query({{"limit", "9x"}}); }).field(), "limit");
    EXPECT_EQ(error_of([] {
                  read_callback_query({{"due_before", "tomorrow"}});
              }).field(),
              "due_before");
    // '+' decoded to a space by URL rules: refused, with the hint
    auto plus = error_of([] {
        read_callback_query({{"due_before", "2026-11-23T17:30:00 08:00"}});
    });
    EXPECT_NE(std::string(plus.what()).find("%2B"), std::string::npos);
    EXPECT_EQ(error_of([] { read_callback_query({{"assignee", "a\x01"}}); }).field(), "assignee");
}

TEST(ScheduleRequest, DefaultsTheReasonAndChecksTheTrackingNumber) {
    auto s = read_schedule_request(R"({"tracking_number":"AS-2026-000001"})", 65536);
    EXPECT_EQ(s.reason, "on request");
    EXPECT_FALSE(s.due_at_ms);
    auto full = read_schedule_request(
        R"({"tracking_number":"AS-2026-000001","due_at":"2026-11-24T10:00:00+08:00","assignee":"agent-li","reason":"客户要求周二回电"})",
        65536);
    EXPECT_EQ(full.due_at_ms, 1795485600000);
    EXPECT_EQ(full.reason, "客户要求周二回电");
    EXPECT_EQ(
        error_of([] { read_schedule_request(R"({"tracking_number":"../etc"})", 65536); }).field(),
        "tracking_number");
    EXPECT_EQ(error_of([] {
                  read_schedule_request(R"({"tracking_number":"AS-1","when":"x"})", 65536);
              }).field(),
              "when");
}

TEST(OutcomeRequest, EachOutcomeTakesItsOwnFields) {
    auto ok =
        read_outcome_request(R"({"outcome":"satisfied","satisfaction":5,"notes":"很满意"})", 65536);
    EXPECT_EQ(ok.outcome, Outcome::Satisfied);
    EXPECT_EQ(ok.satisfaction, 5);
    auto no = read_outcome_request(R"({"outcome":"unsatisfied","notes":"还是漏水"})", 65536);
    EXPECT_EQ(no.outcome, Outcome::Unsatisfied);
    auto later = read_outcome_request(
        R"({"outcome":"unreachable","due_at":"2026-11-24T10:00:00+08:00"})", 65536);
    EXPECT_EQ(later.due_at_ms, 1795485600000);

    auto field = [](const std::string& json) {
        return error_of([&] { read_outcome_request(json, 65536); }).field();
    };
    EXPECT_EQ(field(R"({"outcome":"happy"})"), "outcome");
    EXPECT_EQ(field(R"({"outcome":"satisfied"})"), "satisfaction");
    EXPECT_EQ(field(R"({"outcome":"satisfied","satisfaction":6})"), "satisfaction");
    EXPECT_EQ(field(R"({"outcome":"satisfied","satisfaction":0})"), "satisfaction");
    EXPECT_EQ(field(R"({"outcome":"satisfied","satisfaction":"5"})"), "satisfaction");
    EXPECT_EQ(field(R"({"outcome":"unsatisfied"})"), "notes");
    EXPECT_EQ(field(R"({"outcome":"unreachable","satisfaction":3})"), "satisfaction");
    EXPECT_EQ(field(R"({"outcome":"satisfied","satisfaction":4,"due_at":1795485600000})"),
              "due_at");
}

TEST(OutcomePath, TakesOnlyAPositiveDecimalId) {
    EXPECT_EQ(outcome_path_id("/callbacks/17/outcome"), 17);
    EXPECT_FALSE(outcome_path_id("/callbacks//outcome"));
    EXPECT_FALSE(outcome_path_id("/callbacks/0/outcome"));
    EXPECT_FALSE(outcome_path_id("/callbacks/-1/outcome"));
    EXPECT_FALSE(outcome_path_id("/callbacks/1x/outcome"));
    EXPECT_FALSE(outcome_path_id("/callbacks/99999999999999999999/outcome"));
    EXPECT_FALSE(outcome_path_id("/callbacks/17"));
    EXPECT_FALSE(outcome_path_id("/callbacks/17/outcome/x"));
}

TEST(CallerHistory, SplitsOpenFromFinishedAndFlagsARepeatComplainant) {
    EXPECT_FALSE(classify({}).repeat_complainant());
    auto h = classify({{"AS-3", "after-sales", "phone", "received", "", "", "", 3},
                       {"AS-2", "after-sales", "web", "closed", "", "", "", 2},
                       {"AS-1", "after-sales", "phone", "rejected", "", "", "", 1},
                       {"AS-0", "after-sales", "phone", "resolved", "", "", "", 0}});
    EXPECT_TRUE(h.repeat_complainant());
    ASSERT_EQ(h.open.size(), 2u);
    EXPECT_EQ(h.open[0].tracking_number, "AS-3");
    EXPECT_EQ(h.open[1].tracking_number, "AS-0"); // resolved waits for its follow-up call
    ASSERT_EQ(h.history.size(), 2u);
    EXPECT_EQ(h.history[0].tracking_number, "AS-2");
    EXPECT_TRUE(
        classify({{"AS-2", "after-sales", "web", "closed", "", "", "", 2}}).repeat_complainant());
}
