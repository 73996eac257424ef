// The complaint state machine: every (status, action) pair, who may act, what
// each step requires, and what it changes.
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>
#include <redress/core/lifecycle/lifecycle.hpp>

using namespace redress::core;

namespace {

Config company() {
    Config c;
    Department as;
    as.id = "after-sales";
    as.prefix = "AS";
    as.currency = "CNY";
    as.approval = {200'00, 2000'00, 20000'00};
    Department cc = as;
    cc.id = "call-centre";
    cc.prefix = "CC";
    c.departments = {as, cc};
    return c;
}

Poco::JSON::Object::Ptr json(const std::string& text) {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

// A request that satisfies each action's requirements.
TransitionRequest valid(const std::string& action) {
    static const std::map<std::string, std::pair<std::string, std::string>> data{
        {"contact",
         {"", R"({"restated_problem":"洗衣机漏水","customer_confirmed":true,"method":"phone"})"}},
        {"analyse",
         {"",
          R"({"severity":"high","company_fault":"full","demand_reasonable":true,"findings":"密封圈缺陷"})"}},
        {"propose", {"", R"({"remedies":["replacement","apology"],"amount_minor":150000})"}},
        {"approve", {"", R"({})"}},
        {"agree", {"", R"({"customer_accepted":true})"}},
        {"implement", {"", R"({"plan":"仓库发货"})"}},
        {"resolve", {"", R"({"resolution":"已换新机"})"}},
        {"close", {"", R"({"satisfaction":5})"}},
        {"escalate", {"需要上级处理", R"({"to_level":"manager"})"}},
        {"reject", {"要求不合理", R"({"customer_told":true})"}},
        {"reopen", {"客户不满意", R"({})"}},
        {"assign", {"", R"({"owner":"agent-wang"})"}},
    };
    TransitionRequest r;
    r.action = action;
    r.reason = data.at(action).first;
    r.data = json(data.at(action).second);
    return r;
}

Complaint in_status(Status s) {
    Complaint c;
    c.id = 7;
    c.tracking_number = "AS-2026-000007";
    c.department = "after-sales";
    c.status = s;
    c.received_at_ms = 1000;
    c.version = 3;
    if (s == Status::Proposed) {
        c.proposed = Money{150000, "CNY"};
        c.required_level = Role::Supervisor;
    }
    return c;
}

Actor boss() {
    return {"boss", Role::Executive, {"*"}};
}
Actor agent(const std::string& dept = "after-sales") {
    return {"agent-li", Role::Agent, {dept}};
}

struct Fixture {
    Config config = company();
    TransitionContext ctx{config, 5000, [](std::int64_t, std::int64_t) {
                              return true;
                          }};
};

std::string code_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const TransitionError& e) {
        return e.code();
    }
    return "ok";
}

} // namespace

TEST(Lifecycle, EveryStatusActionPairIsAllowedExactlyAsTheRulesSay) {
    Fixture fx;
    const std::map<std::string, std::pair<std::set<Status>, std::optional<Status>>> expected{
        {"contact", {{Status::Received, Status::Escalated, Status::Reopened}, Status::Contacted}},
        {"analyse", {{Status::Contacted}, Status::Analysed}},
        {"propose", {{Status::Analysed}, Status::Proposed}},
        {"approve", {{Status::Proposed}, Status::Approved}},
        {"agree", {{Status::Approved}, Status::Agreed}},
        {"implement", {{Status::Agreed}, Status::Implementing}},
        {"resolve", {{Status::Implementing}, Status::Resolved}},
        {"close", {{Status::Resolved}, Status::Closed}},
        {"escalate",
         {{Status::Received, Status::Contacted, Status::Analysed, Status::Proposed},
          Status::Escalated}},
        {"reject", {{Status::Contacted, Status::Analysed, Status::Proposed}, Status::Rejected}},
        {"reopen", {{Status::Resolved, Status::Closed, Status::Rejected}, Status::Reopened}},
        {"assign",
         {{Status::Received, Status::Contacted, Status::Analysed, Status::Proposed,
           Status::Approved, Status::Agreed, Status::Implementing, Status::Resolved,
           Status::Escalated, Status::Reopened},
          std::nullopt}},
    };
    int legal = 0, illegal = 0;
    for (Status s : all_statuses())
        for (const auto& [action, rule] : expected) {
            Complaint c = in_status(s);
            if (rule.first.count(s)) {
                auto r = Lifecycle::apply(c, boss(), valid(action), fx.ctx);
                EXPECT_EQ(r.complaint.status, rule.second.value_or(s))
                    << action << " from " << to_string(s);
                EXPECT_EQ(r.complaint.version, 4);
                EXPECT_EQ(r.event.actor, "boss");
                EXPECT_EQ(r.event.from_status, rule.second ? std::string(to_string(s)) : "");
                ++legal;
            } else {
                try {
                    Lifecycle::apply(c, boss(), valid(action), fx.ctx);
                    ADD_FAILURE() << action << " allowed from " << to_string(s);
                } catch (const TransitionError& e) {
                    EXPECT_EQ(e.code(), "illegal_transition");
                    std::string msg = e.what();
                    EXPECT_NE(msg.find("in state '" + std::string(to_string(s)) + "'"),
                              std::string::npos)
                        << msg;
                    for (const auto& a : Lifecycle::allowed_actions(s))
                        EXPECT_NE(msg.find(a), std::string::npos) << msg;
                }
                ++illegal;
            }
        }
    EXPECT_EQ(legal + illegal, 12 * 12);
    EXPECT_EQ(legal, 30);
}

TEST(Lifecycle, IllegalTransitionMessageNamesStateAndAllowedActions) {
    Fixture fx;
    try {
        Lifecycle::apply(in_status(Status::Received), boss(), valid("approve"), fx.ctx);
        FAIL();
    } catch (const TransitionError& e) {
        EXPECT_STREQ(e.what(),
                     "cannot 'approve' complaint AS-2026-000007 in state 'received'; allowed "
                     "from 'received': contact, escalate, assign");
    }
}

TEST(Lifecycle, RejectNeedsASupervisor) {
    Fixture fx;
    EXPECT_EQ(code_of([&] {
                  Lifecycle::apply(in_status(Status::Contacted), agent(), valid("reject"), fx.ctx);
              }),
              "forbidden");
    Actor sup{"sup", Role::Supervisor, {"after-sales"}};
    EXPECT_EQ(code_of([&] {
                  Lifecycle::apply(in_status(Status::Contacted), sup, valid("reject"), fx.ctx);
              }),
              "ok");
}

TEST(Lifecycle, ApprovalNeedsTheLevelTheProposalRequires) {
    Fixture fx;
    Complaint c = in_status(Status::Proposed);
    c.proposed = Money{5000'00, "CNY"};
    c.required_level = Role::Manager;
    Actor sup{"sup", Role::Supervisor, {"after-sales"}};
    Actor mgr{"mgr", Role::Manager, {"after-sales"}};
    try {
        Lifecycle::apply(c, sup, valid("approve"), fx.ctx);
        FAIL();
    } catch (const TransitionError& e) {
        EXPECT_EQ(e.code(), "forbidden");
        EXPECT_STREQ(e.what(), "the proposal of 5,000.00 CNY needs approval by a manager or "
                               "higher; sup is supervisor");
    }
    EXPECT_EQ(Lifecycle::apply(c, mgr, valid("approve"), fx.ctx).complaint.status,
              Status::Approved);
}

TEST(Lifecycle, RequiredLevelFollowsTheDepartmentLimitsAndNeverFalls) {
    ApprovalLimits l{200'00, 2000'00, 20000'00};
    EXPECT_EQ(Lifecycle::required_level(l, 0), Role::Agent);
    EXPECT_EQ(Lifecycle::required_level(l, 200'00), Role::Agent);
    EXPECT_EQ(Lifecycle::required_level(l, 200'01), Role::Supervisor);
    EXPECT_EQ(Lifecycle::required_level(l, 2000'01), Role::Manager);
    EXPECT_EQ(Lifecycle::required_level(l, 20000'01), Role::Executive);
    Role previous = Role::Agent;
    for (std::int64_t amount = 0; amount < 3'000'000; amount += 997) {
        Role r = Lifecycle::required_level(l, amount);
        EXPECT_GE(static_cast<int>(r), static_cast<int>(previous));
        previous = r;
    }
}

TEST(Lifecycle, ActorOfAnotherDepartmentIsForbidden) {
    Fixture fx;
    EXPECT_EQ(code_of([&] {
                  Lifecycle::apply(in_status(Status::Received), agent("call-centre"),
                                   valid("contact"), fx.ctx);
              }),
              "forbidden");
}

TEST(Lifecycle, EachStepRequiresWhatTheHandbookSays) {
    Fixture fx;
    auto attempt = [&](Status s, const std::string& action, const std::string& data,
                       const std::string& reason = "") {
        TransitionRequest r;
        r.action = action;
        r.reason = reason;
        r.data = json(data);
        try {
            Lifecycle::apply(in_status(s), boss(), r, fx.ctx);
        } catch (const TransitionError& e) {
            return e.code() + " " + e.field();
        }
        return std::string("ok");
    };
    EXPECT_EQ(attempt(Status::Received, "contact", R"({"restated_problem":"x","method":"phone"})"),
              "missing_field data.customer_confirmed");
    EXPECT_EQ(attempt(Status::Received, "contact",
                      R"({"restated_problem":"x","customer_confirmed":false,"method":"phone"})"),
              "invalid_field data.customer_confirmed");
    EXPECT_EQ(attempt(Status::Received, "contact",
                      R"({"restated_problem":"  ","customer_confirmed":true,"method":"phone"})"),
              "missing_field data.restated_problem");
    EXPECT_EQ(attempt(Status::Received, "contact",
                      R"({"restated_problem":"x","customer_confirmed":true,"method":"pigeon"})"),
              "invalid_field data.method");
    EXPECT_EQ(
        attempt(
            Status::Contacted, "analyse",
            R"({"severity":"huge","company_fault":"full","demand_reasonable":true,"findings":"x"})"),
        "invalid_field data.severity");
    EXPECT_EQ(attempt(Status::Analysed, "propose", R"({"remedies":[],"amount_minor":1})"),
              "invalid_field data.remedies");
    EXPECT_EQ(attempt(Status::Analysed, "propose", R"({"remedies":["yacht"],"amount_minor":1})"),
              "invalid_field data.remedies[0]");
    EXPECT_EQ(attempt(Status::Analysed, "propose", R"({"remedies":["voucher"],"amount_minor":-5})"),
              "invalid_field data.amount_minor");
    EXPECT_EQ(attempt(Status::Analysed, "propose",
                      R"({"remedies":["voucher"],"amount_minor":5,"currency":"USD"})"),
              "invalid_field data.currency");
    EXPECT_EQ(attempt(Status::Approved, "agree", R"({})"), "missing_field data.customer_accepted");
    EXPECT_EQ(attempt(Status::Resolved, "close", R"({"satisfaction":0})"),
              "invalid_field data.satisfaction");
    EXPECT_EQ(attempt(Status::Resolved, "close", R"({"satisfaction":6})"),
              "invalid_field data.satisfaction");
    EXPECT_EQ(attempt(Status::Resolved, "close", R"({"satisfaction":"5"})"),
              "invalid_field data.satisfaction");
    EXPECT_EQ(attempt(Status::Contacted, "reject", R"({"customer_told":true})"),
              "missing_field reason");
    EXPECT_EQ(attempt(Status::Contacted, "reject", R"({"customer_told":false})", "理由"),
              "invalid_field data.customer_told");
    EXPECT_EQ(attempt(Status::Received, "escalate", R"({})", "理由"),
              "missing_field data.to_department");
    EXPECT_EQ(attempt(Status::Received, "escalate", R"({"to_department":"nowhere"})", "理由"),
              "invalid_field data.to_department");
    EXPECT_EQ(attempt(Status::Closed, "reopen", R"({})"), "missing_field reason");
    EXPECT_EQ(
        attempt(
            Status::Received, "contact",
            R"({"restated_problem":"x","customer_confirmed":true,"method":"phone","custmer_confirmed":true})"),
        "invalid_field data.custmer_confirmed");
    EXPECT_EQ(attempt(Status::Received, "teleport", R"({})"), "invalid_field action");
}

TEST(Lifecycle, FirstContactStartsTheClockOnceAndSetsSameDayReply) {
    Config config = company();
    bool same_day = false;
    TransitionContext ctx{config, 9000, [&](std::int64_t a, std::int64_t b) {
                              EXPECT_EQ(a, 1000);
                              EXPECT_EQ(b, 9000);
                              return same_day;
                          }};
    auto r = Lifecycle::apply(in_status(Status::Received), agent(), valid("contact"), ctx);
    EXPECT_EQ(r.complaint.first_responded_at_ms, 9000);
    EXPECT_EQ(r.complaint.same_day_reply, false);
    EXPECT_NE(r.event.data_json.find("\"same_day_reply\":false"), std::string::npos)
        << r.event.data_json;
    // A second contact (after reopening) keeps the first response time.
    Complaint reopened = r.complaint;
    reopened.status = Status::Reopened;
    ctx.now_ms = 20000;
    EXPECT_EQ(
        Lifecycle::apply(reopened, agent(), valid("contact"), ctx).complaint.first_responded_at_ms,
        9000);
}

TEST(Lifecycle, ProposalRecordsAmountAndRequiredLevel) {
    Fixture fx;
    auto r = Lifecycle::apply(in_status(Status::Analysed), agent(), valid("propose"), fx.ctx);
    EXPECT_EQ(r.complaint.proposed, (Money{150000, "CNY"}));
    EXPECT_EQ(r.complaint.required_level, Role::Supervisor);
    EXPECT_NE(r.event.data_json.find("\"required_level\":\"supervisor\""), std::string::npos);
}

TEST(Lifecycle, EscalationToAnotherDepartmentMovesTheComplaint) {
    Fixture fx;
    TransitionRequest r = valid("escalate");
    r.data = json(R"({"to_department":"call-centre"})");
    auto out = Lifecycle::apply(in_status(Status::Contacted), agent(), r, fx.ctx);
    EXPECT_EQ(out.complaint.department, "call-centre");
    EXPECT_EQ(out.event.reason, "需要上级处理");
    EXPECT_NE(out.event.data_json.find("\"from_department\":\"after-sales\""), std::string::npos);
}

TEST(Lifecycle, CloseRecordsSatisfactionAndReopenClearsTheOutcome) {
    Fixture fx;
    Complaint resolved = in_status(Status::Resolved);
    resolved.resolved_at_ms = 4000;
    auto closed = Lifecycle::apply(resolved, agent(), valid("close"), fx.ctx).complaint;
    EXPECT_EQ(closed.satisfaction, 5);
    EXPECT_EQ(closed.closed_at_ms, 5000);
    auto reopened = Lifecycle::apply(closed, agent(), valid("reopen"), fx.ctx).complaint;
    EXPECT_EQ(reopened.status, Status::Reopened);
    EXPECT_FALSE(reopened.satisfaction);
    EXPECT_FALSE(reopened.closed_at_ms);
    EXPECT_FALSE(reopened.resolved_at_ms);
}

TEST(Lifecycle, AssignChangesOwnerWithoutChangingStatus) {
    Fixture fx;
    Complaint c = in_status(Status::Analysed);
    c.owner = "agent-li";
    auto r = Lifecycle::apply(c, agent(), valid("assign"), fx.ctx);
    EXPECT_EQ(r.complaint.owner, "agent-wang");
    EXPECT_EQ(r.complaint.status, Status::Analysed);
    EXPECT_EQ(r.event.type, "assigned");
    EXPECT_NE(r.event.data_json.find("\"previous_owner\":\"agent-li\""), std::string::npos);
}
