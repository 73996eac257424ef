// Compensation through the real daemon with the shipped policies (goodwill,
// then rules): proposal with reasons, tiered approval and the monthly budget,
// the customer's agreement, the departments' tasks, and the follow-up call that
// closes the complaint — on SQLite and on PostgreSQL.
#include "../api/api_fixture.hpp"

#include <Poco/JSON/Array.h>
#include <thread>

namespace redress::test {
namespace {

class CompensationApi : public ApiFixture {
protected:
    void SetUp() override {
        ApiFixture::SetUp();
        if (IsSkipped())
            return;
        manager_ = token("经理-张", "manager", R"(["after-sales"])");
        warehouse_ = token("仓库-赵", "agent", R"(["warehouse"])");
        finance_ = token("财务-钱", "agent", R"(["finance"])");
    }

    std::string config_text() const override {
        // after-sales: limits agent 100.00, supervisor 2,000.00, manager 20,000.00;
        // a monthly budget of 3,000.00. Replacements go to the warehouse,
        // refunds to finance; a plant visit needs a manager.
        return "[server]\nport = 0\nthreads = 8\nmax_body = \"64KiB\"\n"
               "[storage]\nurl = \"" +
               db_->url() +
               "\"\n"
               "[plugins]\nbuiltin = true\n"
               "[[department]]\nid = \"after-sales\"\nname = \"售后服务部\"\nprefix = \"AS\"\n"
               "channels = [\"phone\", \"web\"]\n"
               "approval = { agent = 100_00, supervisor = 2000_00, manager = 20000_00 }\n"
               "policies = [\"goodwill\", \"rules\"]\n"
               "budget = { monthly = 3000_00 }\n"
               "[[department]]\nid = \"call-centre\"\nname = \"客户服务中心\"\nprefix = \"CC\"\n"
               "channels = [\"phone\"]\n"
               "[[department]]\nid = \"warehouse\"\nname = \"仓储物流部\"\nprefix = \"WH\"\n"
               "[[department]]\nid = \"finance\"\nname = \"财务部\"\nprefix = \"FI\"\n"
               "[remedies]\n"
               "replacement = { department = \"warehouse\", due = \"2d\" }\n"
               "refund = { department = \"finance\", due = \"3d\" }\n"
               "plant_visit = { due = \"10d\", approval = \"manager\" }\n"
               "[plugin.goodwill]\ncap_minor = 5000_00\n"
               "[plugin.rules]\nmode = \"first\"\n"
               "[[plugin.rules.rule]]\nname = \"late-reply-voucher\"\n"
               "reason = \"We answered late: a voucher on top.\"\n"
               "when = { sla_breached = true }\n"
               "then = { decision = \"extend\", remedies = [\"voucher\"], amount_minor = 50_00 }\n"
               "[[plugin.rules.rule]]\nname = \"standard-cap\"\n"
               "reason = \"Standard customers: at most 1,000.00.\"\n"
               "when = { customer_tier = [\"standard\"] }\n"
               "then = { decision = \"cap\", cap_minor = 1000_00 }\n";
    }

    // Contacted and analysed, ready for a proposal.
    std::string analysed(const std::string& fault, bool reasonable) {
        std::string id = create(agent_);
        EXPECT_EQ(
            act(id, agent_, "contact",
                R"({"restated_problem":"洗衣机漏水","customer_confirmed":true,"method":"phone"})")
                .status,
            200);
        auto r =
            act(id, agent_, "analyse",
                R"({"severity":"medium","company_fault":")" + fault + R"(","demand_reasonable":)" +
                    (reasonable ? "true" : "false") + R"(,"findings":"密封圈批次缺陷"})");
        EXPECT_EQ(r.status, 200) << r.body;
        return id;
    }

    HttpReply propose(const std::string& id, const std::string& factors,
                      const std::string& token = "") {
        return call("POST", "/complaints/" + id + "/proposal", token.empty() ? agent_ : token,
                    R"({"factors":)" + factors + "}");
    }
    HttpReply approval(const std::string& id, const std::string& token, const std::string& body) {
        return call("POST", "/complaints/" + id + "/approval", token, body);
    }
    Poco::JSON::Object::Ptr complaint(const std::string& id) {
        return parse(call("GET", "/complaints/" + id, agent_).body);
    }
    std::int64_t spent() {
        auto r = call("GET", "/departments/after-sales/budget", supervisor_);
        EXPECT_EQ(r.status, 200) << r.body;
        return parse(r.body)->getValue<Poco::Int64>("spent_minor");
    }

    std::string manager_, warehouse_, finance_;
};

std::vector<std::string> strings(const Poco::JSON::Array::Ptr& a) {
    std::vector<std::string> out;
    for (std::size_t i = 0; a && i < a->size(); ++i)
        out.push_back(a->getElement<std::string>(static_cast<unsigned>(i)));
    return out;
}

TEST_P(CompensationApi, TakesAComplaintFromReceivedToClosedWithTasks) {
    std::string id = analysed("full", true);
    // A: long-term, B: buys again, C: high → goodwill grants generously; the
    // stated loss is 1,299.00, so 100% + 20% + 10% + 25% = 155% → 2,013.45,
    // capped by the loss × 1.5 = 1,948.50. Nothing breached, no tier: rules abstain.
    auto r = propose(id, R"({"long_term":true,"will_buy_again":true,"word_of_mouth":"high"})");
    ASSERT_EQ(r.status, 201) << r.body;
    auto p = parse(r.body)->getObject("proposal");
    EXPECT_EQ(p->getValue<std::string>("decision"), "grant");
    EXPECT_EQ(p->getValue<Poco::Int64>("amount_minor"), 194850);
    auto remedies = strings(p->getArray("remedies"));
    EXPECT_EQ(remedies.front(), "replacement") << r.body;
    EXPECT_NE(std::find(remedies.begin(), remedies.end(), "apology"), remedies.end());
    EXPECT_NE(std::find(remedies.begin(), remedies.end(), "plant_visit"), remedies.end());
    // 1,948.50 is within the supervisor limit, but the plant visit needs a manager.
    EXPECT_EQ(p->getValue<std::string>("required_level"), "manager");
    auto level_reasons = strings(p->getArray("level_reasons"));
    ASSERT_EQ(level_reasons.size(), 2u) << r.body;
    EXPECT_EQ(level_reasons[1], "the remedy plant_visit needs a manager or higher");
    auto steps = p->getArray("steps");
    ASSERT_EQ(steps->size(), 2u);
    EXPECT_EQ(steps->getObject(0)->getValue<std::string>("policy"), "goodwill");
    EXPECT_EQ(steps->getObject(0)->getValue<std::string>("effect"), "proposed");
    EXPECT_FALSE(strings(steps->getObject(0)->getArray("reasons")).empty());
    EXPECT_EQ(steps->getObject(1)->getValue<std::string>("policy"), "rules");
    EXPECT_EQ(steps->getObject(1)->getValue<std::string>("effect"), "abstained");
    EXPECT_EQ(parse(r.body)->getObject("complaint")->getValue<std::string>("status"), "proposed");

    // Too low a level, then the right one.
    auto low = approval(id, supervisor_, R"({"decision":"approve"})");
    EXPECT_EQ(low.status, 403) << low.body;
    auto other = approval(id, cc_agent_, R"({"decision":"approve"})");
    EXPECT_EQ(other.status, 404) << "another department's complaint is not disclosed";
    auto ok = approval(id, manager_, R"({"decision":"approve","note":"同意"})");
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(parse(ok.body)->getObject("proposal")->getValue<std::string>("status"), "approved");
    EXPECT_EQ(spent(), 194850);

    auto agreed = call("POST", "/complaints/" + id + "/agreement", agent_, R"({"accepted":true})");
    ASSERT_EQ(agreed.status, 200) << agreed.body;
    auto body = parse(agreed.body);
    EXPECT_EQ(body->getObject("complaint")->getValue<std::string>("status"), "implementing");
    auto tasks = body->getArray("tasks");
    ASSERT_EQ(tasks->size(), remedies.size());
    std::map<std::string, Poco::JSON::Object::Ptr> by_remedy;
    for (std::size_t i = 0; i < tasks->size(); ++i)
        by_remedy[tasks->getObject(i)->getValue<std::string>("remedy")] = tasks->getObject(i);
    EXPECT_EQ(by_remedy["replacement"]->getValue<std::string>("department"), "warehouse");
    EXPECT_EQ(by_remedy["replacement"]->getValue<Poco::Int64>("amount_minor"), 194850);
    EXPECT_EQ(by_remedy["apology"]->getValue<std::string>("department"), "after-sales");

    // The warehouse sees its task, not the others; after-sales cannot do it.
    auto wh = parse(call("GET", "/tasks?department=warehouse", warehouse_).body)->getArray("items");
    ASSERT_EQ(wh->size(), 1u);
    auto wh_id = std::to_string(wh->getObject(0)->getValue<int>("id"));
    EXPECT_EQ(call("GET", "/tasks?department=after-sales", warehouse_).status, 403);
    EXPECT_EQ(call("POST", "/tasks/" + wh_id + "/done", agent_, "{}").status, 404);
    auto assigned =
        call("POST", "/tasks/" + wh_id + "/assign", warehouse_, R"({"assignee":"仓库-孙"})");
    ASSERT_EQ(assigned.status, 200) << assigned.body;
    EXPECT_EQ(parse(assigned.body)->getValue<std::string>("assignee"), "仓库-孙");

    // Every task done: the last one resolves, and a follow-up call is due.
    auto done = call("POST", "/tasks/" + wh_id + "/done", warehouse_, R"({"note":"已发货"})");
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(parse(done.body)->getValue<std::string>("complaint_status"), "implementing");
    EXPECT_EQ(call("POST", "/tasks/" + wh_id + "/done", warehouse_, "{}").status, 409);
    auto mine = parse(call("GET", "/tasks?complaint=" + id, agent_).body)->getArray("items");
    std::string last_status;
    for (std::size_t i = 0; i < mine->size(); ++i) {
        auto t = mine->getObject(i);
        auto r2 = call("POST", "/tasks/" + std::to_string(t->getValue<int>("id")) + "/done", agent_,
                       "{}");
        ASSERT_EQ(r2.status, 200) << r2.body;
        last_status = parse(r2.body)->getValue<std::string>("complaint_status");
    }
    EXPECT_EQ(last_status, "resolved");
    auto all = parse(call("GET", "/tasks?complaint=" + id + "&status=all", agent_).body);
    EXPECT_EQ(all->getArray("items")->size(), remedies.size() - 1)
        << "the warehouse's is not visible";

    // The follow-up call (phone channel) closes it.
    auto due = parse(call("GET", "/phone/callbacks?department=after-sales", agent_).body)
                   ->getArray("callbacks");
    ASSERT_EQ(due->size(), 1u);
    auto cb = std::to_string(due->getObject(0)->getValue<Poco::Int64>("id"));
    auto closed = call("POST", "/phone/callbacks/" + cb + "/outcome", agent_,
                       R"({"outcome":"satisfied","satisfaction":5})");
    ASSERT_EQ(closed.status, 200) << closed.body;
    EXPECT_EQ(complaint(id)->getValue<std::string>("status"), "closed");
    auto proposals = parse(call("GET", "/complaints/" + id + "/proposals", agent_).body);
    EXPECT_EQ(proposals->getArray("items")->getObject(0)->getValue<std::string>("status"),
              "agreed");
}

TEST_P(CompensationApi, AnExcessiveDemandWithNoFutureBusinessGetsAPoliteNo) {
    std::string id = analysed("none", false);
    auto r = propose(id, R"({"long_term":false,"will_buy_again":false,"word_of_mouth":"low"})");
    ASSERT_EQ(r.status, 201) << r.body;
    auto p = parse(r.body)->getObject("proposal");
    EXPECT_EQ(p->getValue<std::string>("decision"), "refuse");
    EXPECT_EQ(p->getArray("remedies")->size(), 0u);
    EXPECT_EQ(p->getValue<std::string>("required_level"), "supervisor");
    auto reasons = strings(p->getArray("steps")->getObject(0)->getArray("reasons"));
    std::string all;
    for (const auto& s : reasons)
        all += s + "\n";
    for (const char* factor : {"A", "B", "D"})
        EXPECT_NE(all.find(std::string(factor) + ":"), std::string::npos) << all;

    EXPECT_EQ(approval(id, agent_, R"({"decision":"approve","customer_told":true})").status, 403);
    auto untold = approval(id, supervisor_, R"({"decision":"approve"})");
    EXPECT_EQ(untold.status, 422);
    EXPECT_EQ(error_field(untold), "customer_told");
    auto ok = approval(id, supervisor_, R"({"decision":"approve","customer_told":true})");
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(parse(ok.body)->getObject("complaint")->getValue<std::string>("status"), "rejected");
    EXPECT_EQ(parse(ok.body)->getObject("proposal")->getValue<std::string>("status"), "refused");
    EXPECT_EQ(spent(), 0);
}

TEST_P(CompensationApi, RejectingAProposalNeedsAReasonAndSendsItBackToAnalysis) {
    std::string id = analysed("partial", true);
    ASSERT_EQ(propose(id, R"({"customer_tier":"standard"})").status, 201);
    auto no_reason = approval(id, supervisor_, R"({"decision":"reject"})");
    EXPECT_EQ(no_reason.status, 422);
    EXPECT_EQ(error_field(no_reason), "reason");
    auto r = approval(id, supervisor_, R"({"decision":"reject","reason":"先核实发票"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(parse(r.body)->getObject("complaint")->getValue<std::string>("status"), "analysed");
    EXPECT_EQ(parse(r.body)->getObject("proposal")->getValue<std::string>("status"), "declined");
    EXPECT_EQ(parse(r.body)->getObject("proposal")->getValue<std::string>("decision_note"),
              "先核实发票");
    // A second proposal may follow.
    EXPECT_EQ(propose(id, R"({"customer_tier":"standard"})").status, 201);
    auto list = parse(call("GET", "/complaints/" + id + "/proposals", agent_).body);
    EXPECT_EQ(list->getArray("items")->size(), 2u);
}

TEST_P(CompensationApi, TheRulesCapTheGoodwillAmount) {
    std::string id = analysed("full", true);
    // goodwill: 1,299.00 × 100% = 1,299.00; rules: standard tier → capped at 1,000.00.
    auto r = propose(id, R"({"customer_tier":"standard"})");
    ASSERT_EQ(r.status, 201) << r.body;
    auto p = parse(r.body)->getObject("proposal");
    EXPECT_EQ(p->getValue<Poco::Int64>("amount_minor"), 100000);
    auto step = p->getArray("steps")->getObject(1);
    EXPECT_EQ(step->getValue<std::string>("policy"), "rules");
    EXPECT_EQ(step->getValue<std::string>("effect"), "capped");
    EXPECT_EQ(step->getValue<Poco::Int64>("amount_before"), 129900);
    EXPECT_EQ(step->getValue<Poco::Int64>("amount_after"), 100000);
}

TEST_P(CompensationApi, ExhaustingTheMonthlyBudgetNeedsTheNextLevel) {
    // 3,000.00 a month. The first 1,299.00 fits; the second would make 2,598.00
    // (fits); the third would make 3,897.00: over, so a manager, not a supervisor.
    for (int n = 0; n < 3; ++n) {
        std::string id = analysed("full", true);
        auto r = propose(id, "{}");
        ASSERT_EQ(r.status, 201) << r.body;
        auto p = parse(r.body)->getObject("proposal");
        ASSERT_EQ(p->getValue<Poco::Int64>("amount_minor"), 129900);
        if (n < 2) {
            EXPECT_EQ(p->getValue<std::string>("required_level"), "supervisor");
            ASSERT_EQ(approval(id, supervisor_, R"({"decision":"approve"})").status, 200);
            continue;
        }
        EXPECT_EQ(p->getValue<std::string>("required_level"), "manager") << r.body;
        auto refused = approval(id, supervisor_, R"({"decision":"approve"})");
        EXPECT_EQ(refused.status, 403);
        auto ok = approval(id, manager_, R"({"decision":"approve"})");
        ASSERT_EQ(ok.status, 200) << ok.body;
        EXPECT_EQ(spent(), 3 * 129900);
        // The customer says no: the money goes back to the budget.
        auto no = call("POST", "/complaints/" + id + "/agreement", agent_,
                       R"({"accepted":false,"reason":"客户要求退款而不是换货"})");
        ASSERT_EQ(no.status, 200) << no.body;
        EXPECT_EQ(parse(no.body)->getObject("complaint")->getValue<std::string>("status"),
                  "analysed");
        EXPECT_EQ(spent(), 2 * 129900);
    }
}

TEST_P(CompensationApi, RefusesMalformedAndHostileRequests) {
    std::string id = analysed("full", true);
    EXPECT_EQ(propose(id, R"({"word_of_mouth":"viral"})").status, 422);
    EXPECT_EQ(propose(id, R"({"ask_minor":-5})").status, 422);
    EXPECT_EQ(propose(id, R"({"asked_remedies":["a pony"]})").status, 422);
    EXPECT_EQ(propose(id, R"({"colour":"red"})").status, 422);
    EXPECT_EQ(call("POST", "/complaints/" + id + "/proposal", agent_, "{not json").status, 400);
    EXPECT_EQ(call("POST", "/complaints/" + id + "/proposal", agent_,
                   R"({"note":")" + std::string(5000, 'x') + R"("})")
                  .status,
              422);
    EXPECT_EQ(
        call("POST", "/complaints/" + id + "/approval", supervisor_, R"({"decision":"maybe"})")
            .status,
        422);
    EXPECT_EQ(
        call("POST", "/complaints/" + id + "/approval", supervisor_, R"({"decision":"approve"})")
            .status,
        409)
        << "nothing proposed yet";
    EXPECT_EQ(call("POST", "/tasks/abc/done", agent_, "{}").status, 404);
    EXPECT_EQ(call("POST", "/tasks/99999999999999999999/done", agent_, "{}").status, 404);
    EXPECT_EQ(call("GET", "/tasks?status=late", agent_).status, 400);
    EXPECT_EQ(call("GET", "/departments/after-sales/budget?month=2026-13", supervisor_).status,
              422);
    // Not analysed: no proposal, and the dry run stores nothing.
    std::string fresh = create(agent_);
    EXPECT_EQ(propose(fresh, "{}").status, 409);
    auto dry = call("POST", "/complaints/" + id + "/proposal", agent_, R"({"dry_run":true})");
    ASSERT_EQ(dry.status, 200) << dry.body;
    EXPECT_EQ(complaint(id)->getValue<std::string>("status"), "analysed");
    EXPECT_EQ(parse(call("GET", "/complaints/" + id + "/proposals", agent_).body)
                  ->getArray("items")
                  ->size(),
              0u);
}

TEST_P(CompensationApi, TasksFinishedAtOnceStillResolveTheComplaint) {
    // Two departments finish the last two tasks at the same moment: whichever
    // commits second must see it was last, or the complaint would never resolve.
    for (int round = 0; round < 4; ++round) {
        std::string id = analysed("partial", true); // replacement (warehouse) + apology
        ASSERT_EQ(propose(id, "{}").status, 201);
        ASSERT_EQ(approval(id, supervisor_, R"({"decision":"approve"})").status, 200);
        auto agreed =
            call("POST", "/complaints/" + id + "/agreement", agent_, R"({"accepted":true})");
        ASSERT_EQ(agreed.status, 200) << agreed.body;
        auto tasks = parse(agreed.body)->getArray("tasks");
        ASSERT_EQ(tasks->size(), 2u) << agreed.body;
        std::vector<std::thread> workers;
        std::vector<int> statuses(2);
        for (unsigned i = 0; i < 2; ++i) {
            auto t = tasks->getObject(i);
            std::string token =
                t->getValue<std::string>("department") == "warehouse" ? warehouse_ : agent_;
            std::string path = "/tasks/" + std::to_string(t->getValue<int>("id")) + "/done";
            workers.emplace_back(
                [&, i, token, path] { statuses[i] = call("POST", path, token, "{}").status; });
        }
        for (auto& w : workers)
            w.join();
        EXPECT_EQ(statuses[0], 200);
        EXPECT_EQ(statuses[1], 200);
        EXPECT_EQ(complaint(id)->getValue<std::string>("status"), "resolved") << "round " << round;
    }
}

TEST_P(CompensationApi, AnsweringTwiceAndAnsweringTooEarlyAreClear) {
    std::string id = analysed("partial", true);
    ASSERT_EQ(propose(id, "{}").status, 201);
    // Not approved yet: the customer has nothing to answer.
    auto early = call("POST", "/complaints/" + id + "/agreement", agent_,
                      R"({"accepted":false,"reason":"太少"})");
    EXPECT_EQ(early.status, 409);
    ASSERT_EQ(approval(id, supervisor_, R"({"decision":"approve"})").status, 200);
    ASSERT_EQ(
        call("POST", "/complaints/" + id + "/agreement", agent_, R"({"accepted":true})").status,
        200);
    EXPECT_EQ(
        call("POST", "/complaints/" + id + "/agreement", agent_, R"({"accepted":true})").status,
        409);
}

INSTANTIATE_TEST_SUITE_P(Backends, CompensationApi, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

} // namespace
} // namespace redress::test
