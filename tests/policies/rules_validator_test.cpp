// The rules validator: every error with its exact message, and the pairwise
// checks (identical, unreachable in first mode, overlap warnings, ambiguous
// in best mode).
#include "rules_test_support.hpp"
#include "rules_validator.hpp"

#include <gtest/gtest.h>

using namespace redress::rules;
using redress::test::R;
using Strings = std::vector<std::string>;

namespace {

Strings errors(std::vector<Rule> rules, Mode mode = Mode::First) {
    return validate_rules(rules, mode).errors;
}
Strings warnings(std::vector<Rule> rules, Mode mode = Mode::First) {
    return validate_rules(rules, mode).warnings;
}

// The errors of one rule given alone.
Strings alone(const Rule& r) {
    return errors({r});
}

} // namespace

TEST(RulesValidator, AGoodTableHasNoErrors) {
    std::vector<Rule> table{
        R("critical-full")
            .severity({"critical"})
            .company_fault({"full"})
            .grant({"replacement", "senior_visit"}),
        R("late").sla_breached(true).extend({"voucher"}).amount(50'00),
        R("big-loss")
            .loss(1'000'000, std::nullopt)
            .severity({"low", "medium"})
            .long_term(true)
            .cap(500'000)
            .level("manager"),
        R("excessive")
            .severity({"low", "medium"})
            .demand_reasonable(false)
            .long_term(false)
            .refuse(),
    };
    // Specificities 2, 1, 3, 3; the two 3s exclude each other (long_term).
    Report first = validate_rules(table, Mode::First);
    EXPECT_TRUE(first.errors.empty()) << first.errors[0];
    Report best = validate_rules(table, Mode::Best);
    EXPECT_TRUE(best.errors.empty()) << best.errors[0];
}

TEST(RulesValidator, NoRulesIsAWarning) {
    EXPECT_TRUE(errors({}).empty());
    EXPECT_EQ(warnings({}), Strings{"no rules: the policy abstains on every case"});
}

TEST(RulesValidator, NamesAndReasons) {
    EXPECT_EQ(errors({R("a").severity({"low"}).grant({"apology"}),
                      R("a").severity({"high"}).grant({"apology"})}),
              Strings{"rule 2 'a': the name is already used by rule 1"});
    EXPECT_EQ(alone(R("").grant({"apology"})), Strings{"rule 1 '': the name is empty"});
    EXPECT_EQ(alone(R("x", "").grant({"apology"})),
              Strings{"rule 1 'x': the reason is empty; a supervisor reads it"});
    EXPECT_EQ(
        alone(R(std::string(101, 'n')).grant({"apology"})),
        Strings{"rule 1 '" + std::string(101, 'n') + "': the name has 101 bytes, at most 100"});
    // "rule 'x': " is 10 bytes: 9 + name (1) + 1991 = 2001.
    EXPECT_EQ(alone(R("x", std::string(1991, 'r')).grant({"apology"})),
              Strings{"rule 1 'x': the reason is too long: with the rule's name it has 2001 bytes, "
                      "at most 2000"});
    EXPECT_TRUE(alone(R("x", std::string(1990, 'r')).grant({"apology"})).empty());
}

TEST(RulesValidator, UnknownValuesInConditionListsNameTheKeyAndTheChoices) {
    struct Bad {
        R rule;
        std::string message;
    };
    const Bad bad[] = {
        {R("s").severity({"high", "urgent"}),
         "rule 1 's': when.severity: unknown value \"urgent\" (expected low, medium, high or "
         "critical)"},
        {R("s").company_fault({"most"}),
         "rule 1 's': when.company_fault: unknown value \"most\" (expected none, partial or full)"},
        {R("s").word_of_mouth({"huge"}),
         "rule 1 's': when.word_of_mouth: unknown value \"huge\" (expected low, medium or high)"},
        {R("s").catalog_verdict({"maybe"}),
         "rule 1 's': when.catalog_verdict: unknown value \"maybe\" (expected provided, "
         "not_provided or arrangeable)"},
        {R("s").customer_type({"angry"}),
         "rule 1 's': when.customer_type: unknown value \"angry\" (expected demanding, confused "
         "or agitated)"},
        {R("s").category({"质量", ""}), "rule 1 's': when.category: an empty value never matches"},
        {R("s").customer_tier({""}),
         "rule 1 's': when.customer_tier: an empty value never matches"},
        {R("s").severity({}), "rule 1 's': when.severity is an empty list and can never match"},
        {R("s").category({}), "rule 1 's': when.category is an empty list and can never match"},
    };
    for (const Bad& b : bad)
        EXPECT_EQ(alone(R(b.rule).grant({"apology"})), Strings{b.message});
    // Free text is free: any non-empty category or tier is fine.
    EXPECT_TRUE(
        alone(R("t").category({"交付", "quality"}).customer_tier({"key"}).grant({"gift"})).empty());
}

TEST(RulesValidator, Ranges) {
    EXPECT_EQ(alone(R("r").loss(500'00, 100'00).grant({"apology"})),
              Strings{"rule 1 'r': when.loss_min (50000) is greater than when.loss_max (10000), "
                      "so the rule can never match"});
    EXPECT_EQ(alone(R("r").ask(-1, std::nullopt).grant({"apology"})),
              Strings{"rule 1 'r': when.ask_min is negative (-1)"});
    EXPECT_EQ(alone(R("r").ask(std::nullopt, -5).grant({"apology"})),
              Strings{"rule 1 'r': when.ask_max is negative (-5)"});
    EXPECT_TRUE(alone(R("r").loss(100, 100).grant({"apology"})).empty()); // inclusive: one value
}

TEST(RulesValidator, ActionErrors) {
    struct Bad {
        R rule;
        Strings messages;
    };
    const Bad bad[] = {
        {R("a").decision("maybe"),
         {"rule 1 'a': then.decision: unknown decision \"maybe\" (expected grant, extend, cap or "
          "refuse)"}},
        {R("a").grant({"apology"}).level("boss"),
         {"rule 1 'a': then.level: unknown level \"boss\" (expected agent, supervisor, manager or "
          "executive)"}},
        {R("a").grant({"refund", "cash"}),
         {"rule 1 'a': then.remedies: unknown remedy \"cash\" (expected replacement, refund, gift, "
          "voucher, apology, senior_call, senior_visit or plant_visit)"}},
        {R("a").grant({}), {"rule 1 'a': a grant names at least one remedy (then.remedies)"}},
        {R("a").extend({}).amount(10'00),
         {"rule 1 'a': an extend names at least one remedy (then.remedies)"}},
        {R("a").grant({"apology"}).amount(10'00),
         {"rule 1 'a': a grant with an amount names a material remedy to carry it (replacement, "
          "refund, gift or voucher)"}},
        {R("a").extend({"senior_call"}).share(0.1),
         {"rule 1 'a': an extend with an amount names a material remedy to carry it (replacement, "
          "refund, gift or voucher)"}},
        {R("a").grant({"refund"}).amount(-1), {"rule 1 'a': then.amount_minor is negative (-1)"}},
        {R("a").grant({"refund"}).amount(1'000'000'000'001),
         {"rule 1 'a': then.amount_minor is 1000000000001, over 1000000000000, the largest "
          "amount the host records"}},
        {R("a").grant({"refund"}).cap_minor(-2), {"rule 1 'a': then.cap_minor is negative (-2)"}},
        {R("a").grant({"refund"}).share(12),
         {"rule 1 'a': then.share_of_loss is 12, outside 0 to 10"}},
        {R("a").grant({"refund"}).share(-0.5),
         {"rule 1 'a': then.share_of_loss is -0.5, outside 0 to 10"}},
        {R("a").decision("cap"), {"rule 1 'a': a cap needs then.cap_minor"}},
        {R("a").cap(100).remedies({"voucher"}).amount(5).share(0.5),
         {"rule 1 'a': a cap keeps the proposal's remedies and only lowers its amount; "
          "then.remedies is not allowed",
          "rule 1 'a': a cap keeps the proposal's remedies and only lowers its amount; "
          "then.amount_minor is not allowed",
          "rule 1 'a': a cap keeps the proposal's remedies and only lowers its amount; "
          "then.share_of_loss is not allowed"}},
        {R("a").refuse().remedies({"apology"}).amount(0).share(0).cap_minor(1),
         {"rule 1 'a': a refusal grants nothing; then.remedies is not allowed",
          "rule 1 'a': a refusal grants nothing; then.amount_minor is not allowed",
          "rule 1 'a': a refusal grants nothing; then.share_of_loss is not allowed",
          "rule 1 'a': a refusal grants nothing; then.cap_minor is not allowed"}},
    };
    for (const Bad& b : bad)
        EXPECT_EQ(alone(b.rule), b.messages);
}

TEST(RulesValidator, EveryProblemOfEveryRuleIsListedInOrder) {
    EXPECT_EQ(
        errors({R("a").severity({"urgent"}).grant({}), R("b").sla_breached(true).decision("cap"),
                R("a").long_term(true).refuse().amount(5)}),
        (Strings{
            "rule 1 'a': when.severity: unknown value \"urgent\" (expected low, medium, "
            "high or critical)",
            "rule 1 'a': a grant names at least one remedy (then.remedies)",
            "rule 2 'b': a cap needs then.cap_minor",
            "rule 3 'a': the name is already used by rule 1",
            "rule 3 'a': a refusal grants nothing; then.amount_minor is not allowed",
        }));
}

TEST(RulesValidator, FirstModeFindsARuleThatCanNeverDecide) {
    // A catch-all first: everything after it is unreachable.
    EXPECT_EQ(
        errors({R("any").grant({"apology"}), R("late").sla_breached(true).grant({"voucher"})}),
        Strings{"rule 2 'late': unreachable: rule 1 'any' comes first and matches every "
                "case this one matches"});
    // List ⊇ list, range ⊇ range, absent ⊇ present, on every key.
    EXPECT_EQ(errors({R("wide").severity({"high", "critical"}).loss(0, 1000'00).grant({"refund"}),
                      R("narrow")
                          .severity({"critical"})
                          .loss(100'00, 500'00)
                          .customer_tier({"key"})
                          .grant({"replacement"})}),
              Strings{"rule 2 'narrow': unreachable: rule 1 'wide' comes first and matches every "
                      "case this one matches"});
    // The specific rule first, the general after: both can decide.
    EXPECT_TRUE(errors({R("narrow").severity({"critical"}).grant({"replacement"}),
                        R("wide").severity({"high", "critical"}).grant({"refund"})})
                    .empty());
    // A range open on one side does not cover one that is open on the other.
    EXPECT_TRUE(errors({R("from-100").loss(100, std::nullopt).grant({"refund"}),
                        R("to-500").loss(std::nullopt, 500).grant({"refund"})})
                    .empty());
    // A present range does not cover an absent one (cases without a loss).
    EXPECT_TRUE(errors({R("any-loss").loss(0, std::nullopt).grant({"refund"}),
                        R("no-condition").grant({"apology"})})
                    .empty());
}

TEST(RulesValidator, IdenticalConditionsAreAnErrorInBothModes) {
    std::vector<Rule> table{R("a").severity({"high", "low"}).grant({"apology"}),
                            R("b").severity({"low", "high"}).refuse()};
    const Strings expected{
        "rule 2 'b': the same conditions as rule 1 'a'; only one of them can ever decide"};
    EXPECT_EQ(errors(table, Mode::First), expected);
    EXPECT_EQ(errors(table, Mode::Best), expected);
}

TEST(RulesValidator, FirstModeWarnsOfOverlapsNamingWhoDecides) {
    std::vector<Rule> table{R("a").severity({"high", "critical"}).grant({"refund"}),
                            R("b").sla_breached(true).extend({"voucher"}),
                            R("c").severity({"low"}).sla_breached(false).grant({"apology"})};
    Report r = validate_rules(table, Mode::First);
    EXPECT_TRUE(r.errors.empty());
    // a and c cannot both match (severity), nor b and c (sla_breached).
    EXPECT_EQ(r.warnings, Strings{"rules 'a' and 'b' overlap; 'a' decides where both match"});
    // Disjoint ranges and opposite flags do not overlap.
    EXPECT_TRUE(warnings({R("small").loss(0, 100'00).grant({"voucher"}),
                          R("large").loss(100'01, std::nullopt).grant({"refund"})})
                    .empty());
}

TEST(RulesValidator, BestModeRefusesOverlapsOfEqualSpecificity) {
    EXPECT_EQ(errors({R("a").severity({"high"}).grant({"refund"}),
                      R("b").sla_breached(true).extend({"voucher"})},
                     Mode::Best),
              Strings{"rule 2 'b': ambiguous: rule 1 'a' can match the same cases with as many "
                      "conditions (1)"});
    // A range's two bounds count as two conditions: 2 against 2.
    EXPECT_EQ(errors({R("a").severity({"high"}).long_term(true).grant({"refund"}),
                      R("b").loss(0, 500'00).grant({"voucher"})},
                     Mode::Best),
              Strings{"rule 2 'b': ambiguous: rule 1 'a' can match the same cases with as many "
                      "conditions (2)"});
    // More conditions win, so a general rule after a specific one is fine,
    // and so is an earlier general one (best mode has no order).
    std::vector<Rule> ranked{
        R("general").sla_breached(true).extend({"voucher"}),
        R("specific").sla_breached(true).company_fault({"full"}).grant({"refund"})};
    Report r = validate_rules(ranked, Mode::Best);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_TRUE(r.warnings.empty());
    // Equal specificity that cannot overlap is fine.
    EXPECT_TRUE(errors({R("low").severity({"low"}).grant({"apology"}),
                        R("high").severity({"high"}).grant({"refund"})},
                       Mode::Best)
                    .empty());
}

TEST(RulesValidator, ARuleThatCanNeverMatchIsNotComparedWithOthers) {
    EXPECT_EQ(errors({R("any").grant({"apology"}), R("never").severity({}).grant({"refund"})}),
              Strings{"rule 2 'never': when.severity is an empty list and can never match"});
}

TEST(RulesValidator, RulesCompareInPairsOnly) {
    // c is covered by a and b together, which the validator does not see: it
    // warns of both overlaps instead.
    Report r = validate_rules({R("a").severity({"high"}).grant({"refund"}),
                               R("b").severity({"low"}).grant({"apology"}),
                               R("c").severity({"high", "low"}).grant({"voucher"})},
                              Mode::First);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(r.warnings, (Strings{"rules 'a' and 'c' overlap; 'a' decides where both match",
                                   "rules 'b' and 'c' overlap; 'b' decides where both match"}));
}

TEST(RulesValidator, CoversAndOverlapAreWhatTheirNamesSay) {
    Conditions any;
    Conditions high = static_cast<Rule>(R("h").severity({"high"})).when;
    EXPECT_TRUE(covers(any, high));
    EXPECT_FALSE(covers(high, any));
    EXPECT_TRUE(overlap(any, high));
    EXPECT_TRUE(covers(high, high));
}
