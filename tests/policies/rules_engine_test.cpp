// The rules engine: which rule decides (first or best), what each decision
// does to the proposal so far, the figures in the reasons, and how the case is
// read from the input record.
#include "policy_test_support.hpp"
#include "rules_case.hpp"
#include "rules_engine.hpp"
#include "rules_test_support.hpp"

#include <gtest/gtest.h>

using namespace redress::rules;
using redress::test::Input;
using redress::test::R;
using Strings = std::vector<std::string>;

namespace {

RuleCase read(const Input& in) {
    return read_case(in.view());
}

// The outcome of one rule on a case; fails the test when it abstains.
Outcome outcome(const Rule& rule, const Input& in) {
    auto o = apply(rule, read(in));
    EXPECT_TRUE(o.has_value()) << "rule '" << rule.name << "' abstained";
    return o.value_or(Outcome{});
}

// The name of the rule that decides, or "" when none matches.
std::string decider(const std::vector<Rule>& rules, Mode mode, const Input& in) {
    const Rule* r = select(rules, mode, read(in));
    return r ? r->name : "";
}

} // namespace

TEST(RulesEngine, FirstModeTakesTheFirstMatchBestModeTheMostSpecific) {
    std::vector<Rule> rules{
        R("late").sla_breached(true).extend({"voucher"}).amount(50'00),
        R("late-and-at-fault").sla_breached(true).company_fault({"full"}).grant({"refund"}),
        R("key-customer").customer_tier({"key"}).grant({"gift"}),
    };
    Input late_full;
    late_full.sla_breached("first_response").factor("company_fault", "full");
    EXPECT_EQ(decider(rules, Mode::First, late_full), "late");
    EXPECT_EQ(decider(rules, Mode::Best, late_full), "late-and-at-fault");
    Input key;
    key.factor("customer_tier", "key");
    EXPECT_EQ(decider(rules, Mode::First, key), "key-customer");
    EXPECT_EQ(decider(rules, Mode::Best, key), "key-customer");
    EXPECT_EQ(decider(rules, Mode::First, Input()), "");
    EXPECT_EQ(decider(rules, Mode::Best, Input()), "");
}

TEST(RulesEngine, ConditionsMatchAsDocumented) {
    struct Check {
        const char* what;
        R rule;
        Input input;
        bool matches;
    };
    Input high_medium_loss;
    high_medium_loss.complaint("severity", "high").factor("loss_minor", std::int64_t{500'00});
    const Check checks[] = {
        {"no conditions match anything", R("r"), Input(), true},
        {"absent company_fault reads as none", R("r").company_fault({"none"}), Input(), true},
        {"absent word_of_mouth reads as low", R("r").word_of_mouth({"low"}), Input(), true},
        {"absent severity matches no severity list",
         R("r").severity({"low", "medium", "high", "critical"}), Input(), false},
        {"absent booleans read as false", R("r").long_term(false).sla_breached(false), Input(),
         true},
        {"a true condition needs a true factor", R("r").demand_reasonable(true), Input(), false},
        {"absent loss matches no loss range", R("r").loss(0, std::nullopt), Input(), false},
        {"bounds are inclusive (min)", R("r").loss(500'00, 600'00), high_medium_loss, true},
        {"bounds are inclusive (max)", R("r").loss(100'00, 500'00), high_medium_loss, true},
        {"outside the bounds", R("r").loss(500'01, std::nullopt), high_medium_loss, false},
        {"every condition must hold", R("r").severity({"high"}).loss(0, 100'00), high_medium_loss,
         false},
        {"category is compared exactly", R("r").category({"质量"}),
         Input().complaint("category", "质量"), true},
        {"customer type", R("r").customer_type({"agitated", "confused"}),
         Input().customer_type("agitated"), true},
        {"absent catalog verdict matches no verdict list",
         R("r").catalog_verdict({"provided", "not_provided", "arrangeable"}), Input(), false},
        {"catalog verdict", R("r").catalog_verdict({"not_provided"}),
         Input().catalog_verdict("not_provided"), true},
        {"ask range", R("r").ask(std::nullopt, 100'00),
         Input().factor("ask_minor", std::int64_t{99'99}), true},
        {"tier", R("r").customer_tier({"key", "vip"}), Input().factor("customer_tier", "vip"),
         true},
    };
    for (const Check& c : checks)
        EXPECT_EQ(matches(static_cast<Rule>(c.rule).when, read(c.input)), c.matches) << c.what;
}

TEST(RulesEngine, GrantAddsTheShareOfTheLossThenCaps) {
    // 100.00 + 30% × 1,200.00 = 460.00, capped at 400.00.
    Rule r = R("g", "Fully at fault: refund with a share of the loss.")
                 .grant({"refund", "apology"})
                 .amount(100'00)
                 .share(0.3)
                 .cap_minor(400'00);
    Outcome o = outcome(r, Input().factor("loss_minor", std::int64_t{1200'00}));
    EXPECT_EQ(o.decision, "grant");
    EXPECT_EQ(o.remedies, (Strings{"refund", "apology"}));
    EXPECT_EQ(o.amount_minor, 400'00);
    EXPECT_EQ(o.level, "");
    EXPECT_EQ(o.reasons, (Strings{"rule 'g': Fully at fault: refund with a share of the loss.",
                                  "rule 'g': 100.00 + 30% of the stated loss (1,200.00) = 460.00.",
                                  "rule 'g': cap: 460.00 exceeds the cap of 400.00."}));
}

TEST(RulesEngine, AShareWithoutAStatedLossAddsNothingAndSaysSo) {
    Outcome o = outcome(R("g").grant({"voucher"}).amount(20'00).share(0.5), Input());
    EXPECT_EQ(o.amount_minor, 20'00);
    EXPECT_EQ(o.reasons[1], "rule 'g': no loss is stated, so the 50% share of the loss adds "
                            "nothing.");
}

TEST(RulesEngine, GrantReplacesTheProposalSoFarEvenARefusalKeepingTheHigherLevel) {
    Rule r = R("g").grant({"plant_visit", "replacement"}).level("agent");
    Outcome o = outcome(r, Input().earlier("refuse", {}, 0, "supervisor"));
    EXPECT_EQ(o.decision, "grant");
    EXPECT_EQ(o.remedies, (Strings{"replacement", "plant_visit"})); // catalogue order
    EXPECT_EQ(o.amount_minor, 0);
    EXPECT_EQ(o.level, "supervisor");
    EXPECT_EQ(o.reasons, Strings{"rule 'g': because"});
}

TEST(RulesEngine, ExtendAddsToAnEarlierGrant) {
    Rule r =
        R("late-reply-voucher", "We answered late: a voucher on top, whatever else is offered.")
            .sla_breached(true)
            .extend({"voucher"})
            .amount(50'00);
    Input in;
    in.sla_breached("first_response").earlier("grant", {"replacement", "apology"}, 1200'00);
    Outcome o = outcome(r, in);
    EXPECT_EQ(o.decision, "grant");
    EXPECT_EQ(o.remedies, (Strings{"replacement", "voucher", "apology"}));
    EXPECT_EQ(o.amount_minor, 1250'00); // 1,200.00 + 50.00
    EXPECT_EQ(o.reasons,
              (Strings{"rule 'late-reply-voucher': We answered late: a voucher on top, whatever "
                       "else is offered.",
                       "rule 'late-reply-voucher': added to the proposal so far: voucher; "
                       "1,200.00 + 50.00 = 1,250.00."}));
}

TEST(RulesEngine, ExtendCapsTheTotal) {
    // 1,900.00 + 150.00 = 2,050.00, capped at 2,000.00; voucher was there already.
    Rule r = R("x").extend({"voucher"}).amount(150'00).cap_minor(2000'00);
    Outcome o = outcome(r, Input().earlier("grant", {"voucher"}, 1900'00, "manager"));
    EXPECT_EQ(o.remedies, Strings{"voucher"});
    EXPECT_EQ(o.amount_minor, 2000'00);
    EXPECT_EQ(o.level, "manager");
    EXPECT_EQ(o.reasons, (Strings{"rule 'x': because",
                                  "rule 'x': added to the proposal so far: 1,900.00 + 150.00 = "
                                  "2,050.00.",
                                  "rule 'x': cap: 2,050.00 exceeds the cap of 2,000.00."}));
}

TEST(RulesEngine, ExtendWithNothingSoFarGrantsOnItsOwn) {
    Outcome o = outcome(R("x").extend({"voucher"}).amount(50'00), Input());
    EXPECT_EQ(o.decision, "grant");
    EXPECT_EQ(o.remedies, Strings{"voucher"});
    EXPECT_EQ(o.amount_minor, 50'00);
    EXPECT_EQ(o.reasons[1], "rule 'x': there is no proposal so far, so this extension is the "
                            "grant.");
    // An earlier abstention is nothing so far too.
    EXPECT_EQ(
        outcome(R("x").extend({"voucher"}).amount(50'00), Input().earlier("abstain")).amount_minor,
        50'00);
}

TEST(RulesEngine, ARefusalStandsAgainstAnExtend) {
    EXPECT_FALSE(apply(R("x").extend({"voucher"}).amount(50'00),
                       read(Input().earlier("refuse", {}, 0, "supervisor"))));
}

TEST(RulesEngine, CapLowersAnEarlierGrantKeepingItsRemedies) {
    Rule r = R("c", "Department limit.").cap(2000'00).level("manager");
    Outcome o = outcome(r, Input().earlier("grant", {"refund", "senior_call"}, 3000'00));
    EXPECT_EQ(o.decision, "grant");
    EXPECT_EQ(o.remedies, (Strings{"refund", "senior_call"}));
    EXPECT_EQ(o.amount_minor, 2000'00);
    EXPECT_EQ(o.level, "manager");
    EXPECT_EQ(o.reasons, (Strings{"rule 'c': Department limit.",
                                  "rule 'c': cap: 3,000.00 exceeds the cap of 2,000.00."}));
    // Within the cap: the proposal stands, and the reason says it was checked.
    Outcome within = outcome(r, Input().earlier("grant", {"refund"}, 1000'00));
    EXPECT_EQ(within.amount_minor, 1000'00);
    EXPECT_EQ(within.reasons[1], "rule 'c': 1,000.00 is within the cap of 2,000.00.");
    // Nothing to cap: abstain.
    EXPECT_FALSE(apply(r, read(Input())));
    EXPECT_FALSE(apply(r, read(Input().earlier("refuse"))));
}

TEST(RulesEngine, RefuseVetoesAnEarlierGrant) {
    Rule r = R("no", "Not provided under the service agreement.")
                 .catalog_verdict({"not_provided"})
                 .refuse()
                 .level("supervisor");
    Outcome o = outcome(
        r, Input().catalog_verdict("not_provided").earlier("grant", {"refund"}, 500'00, "manager"));
    EXPECT_EQ(o.decision, "refuse");
    EXPECT_TRUE(o.remedies.empty());
    EXPECT_EQ(o.amount_minor, 0);
    EXPECT_EQ(o.level, "manager"); // the higher of the two
    EXPECT_EQ(o.reasons, Strings{"rule 'no': Not provided under the service agreement."});
}

TEST(RulesEngine, TheTotalNeverExceedsWhatTheHostRecords) {
    // 9,999,999,999.50 + 100.00 = 10,000,000,099.50, over the host's 10^12 minor units.
    Outcome o = outcome(R("x").extend({"voucher"}).amount(100'00),
                        Input().earlier("grant", {"refund"}, 999'999'999'950));
    EXPECT_EQ(o.amount_minor, 1'000'000'000'000);
    EXPECT_EQ(o.reasons.back(), "rule 'x': 10,000,000,099.50 exceeds the largest amount the host "
                                "records (10,000,000,000.00).");
}

TEST(RulesEngine, WriteOmitsTheAmountOfARefusal) {
    redress::test::Record out;
    auto w = redress::test::writer(out);
    write(Outcome{"refuse", {}, 0, "supervisor", {"rule 'no': no"}}, w);
    EXPECT_EQ(out.string("decision"), "refuse");
    EXPECT_EQ(out.count("amount_minor"), 0u);
    EXPECT_EQ(out.count("remedies"), 0u);
    EXPECT_EQ(out.string("level"), "supervisor");
    redress::test::Record granted;
    auto g = redress::test::writer(granted);
    write(Outcome{"grant", {"voucher", "apology"}, 0, "", {"rule 'g': g"}}, g);
    EXPECT_EQ(granted.integer("amount_minor"), 0);
    EXPECT_EQ(redress::test::strings(granted, "remedies"), (Strings{"voucher", "apology"}));
    EXPECT_EQ(granted.count("level"), 0u);
}

TEST(RulesInput, MalformedValuesAreRefusedNamingTheField) {
    auto message = [](const Input& in) -> std::string {
        try {
            read_case(in.view());
        } catch (const redress::Error& e) {
            EXPECT_EQ(e.status(), REDRESS_E_INVALID);
            return e.what();
        }
        return "";
    };
    EXPECT_EQ(message(Input().factor("word_of_mouth", "huge")),
              "input.factors.word_of_mouth: expected \"low\", \"medium\" or \"high\", got "
              "\"huge\"");
    EXPECT_EQ(message(Input().catalog_verdict("maybe")),
              "input.catalog_verdict: expected \"provided\", \"not_provided\" or \"arrangeable\", "
              "got \"maybe\"");
    EXPECT_EQ(message(Input().factor("loss_minor", std::int64_t{-1})),
              "input.factors.loss_minor: expected an amount >= 0, got -1");
    EXPECT_EQ(message(Input().earlier("grant", {"cash"})),
              "input.proposal.remedies[0]: unknown remedy \"cash\"");
    EXPECT_EQ(message(Input().earlier("grant", {}, 0, "boss")),
              "input.proposal.level: expected \"agent\", \"supervisor\", \"manager\" or "
              "\"executive\", got \"boss\"");
    EXPECT_EQ(message(Input().factor("demand_reasonable", std::int64_t{1})),
              "input.factors.demand_reasonable: expected true or false");
}
