// Properties of the shipped chain (goodwill, then rules) over thousands of
// generated cases: amounts never pass their caps, the approval level never
// falls as the amount rises, and the same case always gets the same decision.
#include "policy_test_support.hpp"

#include <gtest/gtest.h>
#include <random>
#include <redress/core/compensation/approval_level.hpp>
#include <redress/core/compensation/policy_chain.hpp>
#include <redress/core/service/service_error.hpp>

using namespace redress::core;
using redress::test::LoadedPolicies;

namespace {

constexpr std::int64_t goodwill_cap = 5000'00;
constexpr std::int64_t tier_cap = 1000'00;
constexpr std::int64_t late_voucher = 50'00;

const char* config = R"(
[plugin.goodwill]
cap_minor = 5000_00
cap_share_of_loss = 1.5
generosity_when_at_fault = 0.1
[plugin.rules]
mode = "first"
[[plugin.rules.rule]]
name = "standard-cap"
reason = "Standard customers: at most 1,000.00."
when = { customer_tier = ["standard"] }
then = { decision = "cap", cap_minor = 1000_00 }
[[plugin.rules.rule]]
name = "late-reply-voucher"
reason = "We answered late: a voucher on top."
when = { sla_breached = true }
then = { decision = "extend", remedies = ["voucher"], amount_minor = 50_00 }
)";

template <class T>
const T& pick(std::mt19937_64& rng, const std::vector<T>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}

PolicyCase generate(std::mt19937_64& rng) {
    auto coin = [&] {
        return std::bernoulli_distribution(0.5)(rng);
    };
    PolicyCase c;
    c.complaint.department = "d";
    c.complaint.category = pick(rng, std::vector<std::string>{"quality", "delivery", "service"});
    c.complaint.severity =
        pick(rng, std::vector{Severity::Low, Severity::Medium, Severity::High, Severity::Critical});
    c.complaint.customer.type =
        pick(rng, std::vector{CustomerType::Unknown, CustomerType::Demanding,
                              CustomerType::Confused, CustomerType::Agitated});
    if (coin())
        c.complaint.loss =
            Money{std::uniform_int_distribution<std::int64_t>(0, 50'000'00)(rng), "CNY"};
    c.currency = "CNY";
    c.factors.long_term = coin();
    c.factors.will_buy_again = coin();
    c.factors.word_of_mouth = pick(rng, std::vector<std::string>{"low", "medium", "high"});
    c.factors.demand_reasonable = coin();
    c.factors.company_fault = pick(rng, std::vector<std::string>{"none", "partial", "full"});
    c.factors.customer_tier = pick(rng, std::vector<std::string>{"", "standard", "key"});
    if (coin())
        c.factors.ask_minor = std::uniform_int_distribution<std::int64_t>(0, 80'000'00)(rng);
    if (coin())
        c.factors.asked_remedies = {
            pick(rng, std::vector<std::string>{"refund", "replacement", "gift", "voucher"})};
    if (coin())
        c.sla_breaches = {"first_response"};
    return c;
}

PolicyChainResult run(const LoadedPolicies& p, const PolicyCase& c) {
    try {
        return run_policy_chain({{"goodwill", p["goodwill"]}, {"rules", p["rules"]}}, c);
    } catch (const ServiceError& e) {
        ADD_FAILURE() << e.code() << ": " << e.what();
        throw;
    }
}

} // namespace

TEST(PolicyProperties, AmountsStayWithinTheirCapsOverGeneratedCases) {
    LoadedPolicies p({"goodwill", "rules"}, config);
    ASSERT_TRUE(p.config_errors().empty()) << p.config_errors()[0];
    ASSERT_TRUE(p["goodwill"] && p["rules"]);
    std::mt19937_64 rng(20261123);
    int grants = 0, refusals = 0, capped = 0;
    for (int i = 0; i < 4000; ++i) {
        PolicyCase c = generate(rng);
        PolicyChainResult r = run(p, c);
        ASSERT_FALSE(r.steps.empty());
        const PolicyStep& goodwill = r.steps[0];
        std::int64_t g = goodwill.amount_after;
        SCOPED_TRACE("case " + std::to_string(i) + ": " + r.factors_json);
        EXPECT_GE(g, 0);
        EXPECT_LE(g, goodwill_cap);
        if (c.complaint.loss) {
            EXPECT_LE(static_cast<double>(g),
                      1.5 * static_cast<double>(c.complaint.loss->amount_minor) + 1);
        }
        if (c.factors.ask_minor) {
            EXPECT_LE(static_cast<double>(g), 1.1 * static_cast<double>(*c.factors.ask_minor) + 1);
        }
        // The chain as a whole: goodwill's cap plus the late-reply voucher at most,
        // and the standard tier's cap where that rule decided.
        EXPECT_LE(r.amount_minor, goodwill_cap + late_voucher);
        if (c.factors.customer_tier == "standard" && goodwill.decision == "grant") {
            EXPECT_LE(r.amount_minor, tier_cap);
            capped += r.steps[1].effect == "capped";
        }
        if (r.decision == "refuse") {
            ++refusals;
            EXPECT_EQ(r.amount_minor, 0);
            EXPECT_TRUE(r.remedies.empty());
        } else {
            ++grants;
            EXPECT_FALSE(r.remedies.empty());
        }
        for (const auto& step : r.steps)
            if (step.effect != "abstained") {
                EXPECT_FALSE(step.reasons.empty()) << step.policy;
            }
    }
    // The generator reaches every branch that matters.
    EXPECT_GT(grants, 1000);
    EXPECT_GT(refusals, 100);
    EXPECT_GT(capped, 100);
}

TEST(PolicyProperties, TheRequiredLevelNeverFallsAsTheAmountRises) {
    Department d;
    d.id = "d";
    d.currency = "CNY";
    d.approval = {200'00, 2000'00, 20000'00};
    Config config;
    config.remedies["senior_visit"] = RemedyDispatch{"", {5, 0}, "manager"};
    std::mt19937_64 rng(7);
    std::vector<std::vector<std::string>> remedy_sets{
        {"replacement"}, {"refund", "apology"}, {"voucher", "senior_visit"}, {}};
    for (int i = 0; i < 5000; ++i) {
        std::int64_t a = std::uniform_int_distribution<std::int64_t>(0, 100'000'00)(rng);
        std::int64_t b = a + std::uniform_int_distribution<std::int64_t>(0, 50'000'00)(rng);
        const auto& remedies = pick(rng, remedy_sets);
        std::string decision = remedies.empty() ? "refuse" : "grant";
        std::string policy_level = pick(rng, std::vector<std::string>{"", "agent", "manager"});
        Role la = base_approval_level(d, config, decision, a, remedies, policy_level).level;
        Role lb = base_approval_level(d, config, decision, b, remedies, policy_level).level;
        ASSERT_LE(static_cast<int>(la), static_cast<int>(lb)) << a << " vs " << b;
        // And the budget's step up never lowers it.
        ASSERT_GE(static_cast<int>(next_level(lb)), static_cast<int>(lb));
    }
}

TEST(PolicyProperties, TheSameCaseGetsTheSameDecision) {
    LoadedPolicies p({"goodwill", "rules"}, config);
    std::mt19937_64 rng(42);
    std::vector<PolicyCase> cases;
    for (int i = 0; i < 1000; ++i)
        cases.push_back(generate(rng));
    std::vector<PolicyChainResult> first;
    for (const auto& c : cases)
        first.push_back(run(p, c));
    // Again, in reverse order: no state carries from one case to the next.
    for (std::size_t i = cases.size(); i-- > 0;) {
        PolicyChainResult again = run(p, cases[i]);
        ASSERT_EQ(again.decision, first[i].decision) << i;
        ASSERT_EQ(again.remedies, first[i].remedies) << i;
        ASSERT_EQ(again.amount_minor, first[i].amount_minor) << i;
        ASSERT_EQ(steps_to_json(again.steps), steps_to_json(first[i].steps)) << i;
    }
}
