// goodwill then rules, as a department's chain (`policies = ["goodwill",
// "rules"]`), run by the host's run_policy_chain: both plugins' outputs pass
// the host's strict check, and they compose as their READMEs say.
#include "policy_test_support.hpp"

#include <gtest/gtest.h>
#include <redress/core/compensation/policy_chain.hpp>

using namespace redress::core;
using redress::test::LoadedPolicies;
using Strings = std::vector<std::string>;

namespace {

const char* rules_table = R"(
[[plugin.rules.rule]]
name = "late-reply-voucher"
reason = "We answered late: a voucher on top, whatever else is offered."
when = { sla_breached = true }
then = { decision = "extend", remedies = ["voucher"], amount_minor = 50_00 }

[[plugin.rules.rule]]
name = "department-limit"
reason = "The department's limit for a case without an SLA breach."
when = { sla_breached = false, loss_min = 1_000_00 }
then = { decision = "cap", cap_minor = 1_000_00, level = "manager" }
)";

PolicyChainResult run(const LoadedPolicies& p, const PolicyCase& c) {
    return run_policy_chain({{"goodwill", p["goodwill"]}, {"rules", p["rules"]}}, c);
}

// Fully at fault, a long-term customer, high word of mouth, a fair demand.
PolicyCase generous_case() {
    PolicyCase c;
    c.complaint.department = "d";
    c.complaint.category = "quality";
    c.complaint.severity = Severity::High;
    c.complaint.loss = Money{1200'00, "CNY"};
    c.currency = "CNY";
    c.factors.long_term = true;
    c.factors.word_of_mouth = "high";
    c.factors.demand_reasonable = true;
    c.factors.company_fault = "full";
    c.factors.ask_minor = 1500'00;
    c.factors.asked_remedies = {"refund"};
    return c;
}

} // namespace

TEST(ShippedPolicyChain, GoodwillProposesAndTheLateVoucherRaisesIt) {
    LoadedPolicies p({"goodwill", "rules"}, rules_table);
    ASSERT_TRUE(p.config_errors().empty()) << p.config_errors()[0];
    PolicyCase c = generous_case();
    c.sla_breaches = {"first_response"};
    PolicyChainResult r = run(p, c);
    // goodwill: 1,650.00 (see goodwill's README); rules: + voucher, + 50.00.
    EXPECT_EQ(r.decision, "grant");
    EXPECT_EQ(r.remedies, (Strings{"refund", "voucher", "apology", "senior_call", "plant_visit"}));
    EXPECT_EQ(r.amount_minor, 1700'00);
    ASSERT_EQ(r.steps.size(), 2u);
    EXPECT_EQ(r.steps[0].policy, "goodwill");
    EXPECT_EQ(r.steps[0].effect, "proposed");
    EXPECT_EQ(r.steps[0].amount_after, 1650'00);
    EXPECT_EQ(r.steps[0].reasons.back(),
              "SLA: a service target was breached (first_response); lateness is compensated by "
              "the department's rules, not here.");
    EXPECT_EQ(r.steps[1].policy, "rules");
    EXPECT_EQ(r.steps[1].effect, "raised");
    EXPECT_EQ(r.steps[1].amount_before, 1650'00);
    EXPECT_EQ(r.steps[1].amount_after, 1700'00);
}

TEST(ShippedPolicyChain, ARulesCapLowersGoodwillsAmountAndRaisesTheLevel) {
    LoadedPolicies p({"goodwill", "rules"}, rules_table);
    PolicyChainResult r = run(p, generous_case());
    EXPECT_EQ(r.decision, "grant");
    EXPECT_EQ(r.amount_minor, 1000'00); // 1,650.00 capped at 1,000.00
    EXPECT_EQ(r.remedies, (Strings{"refund", "apology", "senior_call", "plant_visit"}));
    EXPECT_EQ(r.level, "manager");
    ASSERT_EQ(r.steps.size(), 2u);
    EXPECT_EQ(r.steps[1].effect, "capped");
    EXPECT_EQ(r.steps[1].reasons,
              (Strings{"rule 'department-limit': The department's limit for a case without an SLA "
                       "breach.",
                       "rule 'department-limit': cap: 1,650.00 exceeds the cap of 1,000.00."}));
}

TEST(ShippedPolicyChain, GoodwillsRefusalStandsAgainstTheLateVoucher) {
    LoadedPolicies p({"goodwill", "rules"}, rules_table);
    PolicyCase c = generous_case();
    c.factors.long_term = false;
    c.factors.demand_reasonable = false; // excessive, no relationship, no purchase
    c.sla_breaches = {"resolution"};
    PolicyChainResult r = run(p, c);
    EXPECT_EQ(r.decision, "refuse");
    EXPECT_TRUE(r.remedies.empty());
    EXPECT_EQ(r.amount_minor, 0);
    EXPECT_EQ(r.level, "supervisor");
    ASSERT_EQ(r.steps.size(), 2u);
    EXPECT_EQ(r.steps[0].effect, "proposed");
    EXPECT_EQ(r.steps[1].effect, "abstained"); // extend on a refusal abstains
}
