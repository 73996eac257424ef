// The goodwill decision, table-driven: the handbook's two extremes, each
// limit lowering the amount (with its reason), the gesture, the apology, the
// agitated customer, the chain. Every figure is worked out by hand beside it,
// with the default config: fault shares 0 / 0.5 / 1, bonuses A 0.2, B 0.1,
// C 0 / 0.1 / 0.25, generosity 0.1, gesture 50.00, cap 20,000.00, cap 150% of
// the loss, default material replacement, senior call from high, senior visit
// from critical, plant visit on.
#include "goodwill_decision.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <limits>
#include <ostream>

using namespace redress::goodwill;

namespace {

// Builds a Case field by field (designated initializers would leave members
// out, which -Wextra reports).
class Given {
public:
#define GIVEN_FIELD(name)                                                                          \
    Given& name(decltype(Case::name) v) {                                                          \
        c_.name = std::move(v);                                                                    \
        return *this;                                                                              \
    }
    GIVEN_FIELD(long_term)
    GIVEN_FIELD(will_buy_again)
    GIVEN_FIELD(word_of_mouth)
    GIVEN_FIELD(demand_reasonable)
    GIVEN_FIELD(company_fault)
    GIVEN_FIELD(ask_minor)
    GIVEN_FIELD(loss_minor)
    GIVEN_FIELD(asked_remedies)
    GIVEN_FIELD(severity)
    GIVEN_FIELD(agitated)
    GIVEN_FIELD(sla_breached)
    GIVEN_FIELD(sla_breaches)
    GIVEN_FIELD(earlier_decision)
    GIVEN_FIELD(catalog)
#undef GIVEN_FIELD
    operator Case() const {
        return c_;
    }

private:
    Case c_;
};

struct Row {
    const char* name;
    Case input;
    std::string decision;
    std::vector<std::string> remedies;
    std::int64_t amount;
    std::string level;
    //! Reasons that must appear, in this order (others may come between).
    std::vector<std::string> reasons;
    GoodwillConfig config = {};
};

void PrintTo(const Row& r, std::ostream* os) {
    *os << r.name;
}

// True when every expected reason appears in actual, in order.
testing::AssertionResult has_in_order(const std::vector<std::string>& actual,
                                      const std::vector<std::string>& expected) {
    auto at = actual.begin();
    for (const std::string& e : expected) {
        at = std::find(at, actual.end(), e);
        if (at == actual.end()) {
            std::string all;
            for (const auto& a : actual)
                all += "\n  " + a;
            return testing::AssertionFailure()
                   << "missing (or out of order): \"" << e << "\"; reasons were:" << all;
        }
        ++at;
    }
    return testing::AssertionSuccess();
}

class GoodwillDecision : public testing::TestWithParam<Row> {};

TEST_P(GoodwillDecision, DecidesAsWorkedOut) {
    const Row& row = GetParam();
    auto p = decide(row.config, row.input);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->decision, row.decision);
    EXPECT_EQ(p->remedies, row.remedies);
    EXPECT_EQ(p->amount_minor, row.amount);
    EXPECT_EQ(p->level, row.level);
    EXPECT_TRUE(has_in_order(p->reasons, row.reasons));
    EXPECT_FALSE(p->reasons.empty());
}

GoodwillConfig cheap_gesture() {
    GoodwillConfig c;
    c.gesture_minor = 0;
    return c;
}

GoodwillConfig strict_fault() {
    GoodwillConfig c;
    c.fault_share.partial = 0.6;
    return c;
}

GoodwillConfig big_caps() {
    GoodwillConfig c;
    c.cap_minor = 1'000'000'000'000;
    c.cap_share_of_loss = 2.0;
    return c;
}

const Row rows[] = {
    // Handbook extreme 1: fully at fault, long-term, high word of mouth, fair.
    // 1,200.00 × 100% × (1 + 20% + 25%) = 1,740.00; the ask 1,500.00 + 10% =
    // 1,650.00 lowers it; 150% of the loss (1,800.00) and 20,000.00 do not.
    {"FullyAtFaultLongTermHighWordOfMouthIsGenerousUpToAskPlusTenPercent",
     Given()
         .long_term(true)
         .word_of_mouth(WordOfMouth::High)
         .demand_reasonable(true)
         .company_fault(Fault::Full)
         .ask_minor(1500'00)
         .loss_minor(1200'00)
         .asked_remedies({"refund"})
         .severity(Severity::High),
     "grant",
     {"refund", "apology", "senior_call", "plant_visit"},
     1650'00,
     "",
     {"ask: 1,740.00 exceeds the customer's ask of 1,500.00 plus 10% (1,650.00)."}},
    // The same with B too and a higher ask: 1,200.00 × 155% = 1,860.00; the ask
    // (2,000.00 + 10% = 2,200.00) does not lower it, 150% of the loss does.
    {"LossShareCapLowersTheAmount",
     Given()
         .long_term(true)
         .will_buy_again(true)
         .word_of_mouth(WordOfMouth::High)
         .demand_reasonable(true)
         .company_fault(Fault::Full)
         .ask_minor(2000'00)
         .loss_minor(1200'00)
         .severity(Severity::Low),
     "grant",
     {"replacement", "apology", "senior_call", "plant_visit"},
     1800'00,
     "",
     {"With +55% for A, B and C: 1,200.00 becomes 1,860.00.",
      "cap: 1,860.00 exceeds 150% of the stated loss (1,200.00 × 150% = 1,800.00).",
      "Remedies: replacement, the default, as the customer asked for no material remedy.",
      "Senior call (层次高一点): word of mouth high (C)."}},
    // 30,000.00 × 120% = 36,000.00; no ask; 150% of the loss is 45,000.00; the
    // absolute cap 20,000.00 lowers it.
    {"AbsoluteCapLowersTheAmount",
     Given()
         .long_term(true)
         .demand_reasonable(true)
         .company_fault(Fault::Full)
         .loss_minor(30'000'00),
     "grant",
     {"replacement", "apology", "plant_visit"},
     20'000'00,
     "",
     {"E: the company is fully at fault: 100% of the stated loss (30,000.00) is 30,000.00.",
      "A: a long-term relationship: +20%.", "With +20% for A: 30,000.00 becomes 36,000.00.",
      "cap: 36,000.00 exceeds the cap of 20,000.00."}},
    // 16,000.00 × 155% = 24,800.00; the ask (24,000.00 + 10% = 26,400.00) does
    // not lower it; 150% of the loss (24,000.00) does, then the 20,000.00 cap.
    {"TwoCapsBothLowerAndBothSaySo",
     Given()
         .long_term(true)
         .will_buy_again(true)
         .word_of_mouth(WordOfMouth::High)
         .demand_reasonable(true)
         .company_fault(Fault::Full)
         .ask_minor(24'000'00)
         .loss_minor(16'000'00),
     "grant",
     {"replacement", "apology", "senior_call", "plant_visit"},
     20'000'00,
     "",
     {"cap: 24,800.00 exceeds 150% of the stated loss (16,000.00 × 150% = 24,000.00).",
      "cap: 24,000.00 exceeds the cap of 20,000.00."}},
    // Partly at fault: 1,000.00 × 50% = 500.00, × (1 + 10%) = 550.00; not fully
    // at fault, so the ask (500.00) is the limit.
    {"PartlyAtFaultNeverMoreThanTheAsk",
     Given()
         .will_buy_again(true)
         .demand_reasonable(true)
         .company_fault(Fault::Partial)
         .ask_minor(500'00)
         .loss_minor(1000'00)
         .severity(Severity::Medium),
     "grant",
     {"replacement", "apology"},
     500'00,
     "",
     {"E: the company is partly at fault: 50% of the stated loss (1,000.00) is 500.00.",
      "B: the customer will buy again: +10%.", "With +10% for B: 500.00 becomes 550.00.",
      "ask: 550.00 exceeds the customer's ask of 500.00.",
      "Apology: the company is at fault (E)."}},
    // No loss stated: the ask is the basis. 400.00 × 50% = 200.00; C medium
    // adds 10%: 220.00, within the ask.
    {"WithoutALossTheAskIsTheBasis",
     Given()
         .word_of_mouth(WordOfMouth::Medium)
         .demand_reasonable(true)
         .company_fault(Fault::Partial)
         .ask_minor(400'00)
         .asked_remedies({"voucher", "apology"}),
     "grant",
     {"voucher", "apology"},
     220'00,
     "",
     {"E: the company is partly at fault: 50% of the customer's ask (400.00) is 200.00.",
      "C: word of mouth is medium: +10%.", "With +10% for C: 200.00 becomes 220.00.",
      "Remedies: voucher, as the customer asked."}},
    {"NeitherLossNorAskGrantsTheRemediesWithoutMoney",
     Given().demand_reasonable(true).company_fault(Fault::Partial),
     "grant",
     {"replacement", "apology"},
     0,
     "",
     {"E: the company is partly at fault; neither a loss nor an ask is stated, so there is no "
      "amount to share."}},
    // Excessive demand, but a long-term customer: no bonuses, the default
    // material instead of the refund asked for. 1,000.00 × 100% = 1,000.00.
    {"ExcessiveDemandFromALongTermCustomerGetsTheFaultShareOnly",
     Given()
         .long_term(true)
         .word_of_mouth(WordOfMouth::High)
         .demand_reasonable(false)
         .company_fault(Fault::Full)
         .ask_minor(5000'00)
         .loss_minor(1000'00)
         .asked_remedies({"refund"}),
     "grant",
     {"replacement", "apology", "senior_call", "plant_visit"},
     1000'00,
     "",
     {"E: the company is fully at fault: 100% of the stated loss (1,000.00) is 1,000.00.",
      "D: the demand is excessive, so only the fault share is offered, without the A–C "
      "bonuses; it is not a plain no because of the long-term relationship (A).",
      "Remedies: replacement rather than the refund asked for, as the demand is excessive (D)."}},
    // Not at fault, but a long-term customer with a fair demand: the 50.00
    // voucher (the ask 200.00 and 150% of 300.00 = 450.00 do not lower it).
    {"NotAtFaultButTheCustomerMattersGetsTheGestureVoucher",
     Given().long_term(true).demand_reasonable(true).ask_minor(200'00).loss_minor(300'00),
     "grant",
     {"voucher"},
     50'00,
     "",
     {"E: the company is not at fault: 0% of the stated loss (300.00) is 0.00.",
      "Gesture: the company is not at fault, but the customer matters (a long-term "
      "relationship (A)) and the demand is reasonable (D): a voucher of 50.00."}},
    // The gesture is still held to the ask: 30.00.
    {"TheGestureNeverExceedsTheAsk",
     Given().word_of_mouth(WordOfMouth::High).demand_reasonable(true).ask_minor(30'00),
     "grant",
     {"voucher", "senior_call"},
     30'00,
     "",
     {"ask: 50.00 exceeds the customer's ask of 30.00.",
      "Gesture: the company is not at fault, but the customer matters (high word of mouth "
      "(C)) and the demand is reasonable (D): a voucher of 30.00.",
      "Senior call (层次高一点): word of mouth high (C)."}},
    // ... and to 150% of a small loss: 20.00 × 150% = 30.00.
    {"TheGestureIsHeldToTheLossCap",
     Given().will_buy_again(true).demand_reasonable(true).loss_minor(20'00),
     "grant",
     {"voucher"},
     30'00,
     "",
     {"cap: 50.00 exceeds 150% of the stated loss (20.00 × 150% = 30.00)."}},
    {"NotAtFaultAndNobodyToKeepGetsAnApologyOnly",
     Given().word_of_mouth(WordOfMouth::Medium).demand_reasonable(true).loss_minor(800'00),
     "grant",
     {"apology"},
     0,
     "",
     {"D: the demand is reasonable, though the company is not at fault (E): an apology, "
      "without compensation."}},
    {"WithTheGestureTurnedOffTheCustomerWhoMattersGetsAnApology",
     Given().long_term(true).demand_reasonable(true),
     "grant",
     {"apology"},
     0,
     "",
     {"D: the demand is reasonable, though the company is not at fault (E): an apology, "
      "without compensation."},
     cheap_gesture()},
    {"NotAtFaultAndExcessiveIsANoWithCare",
     Given().will_buy_again(true).demand_reasonable(false).loss_minor(800'00),
     "refuse",
     {},
     0,
     "supervisor",
     {"D: the demand is excessive and the company is not at fault (E): the answer is no.",
      "Say no with care, to keep the purchases still expected (B)."}},
    // Agitated, not at fault: the apology comes from the customer type alone.
    {"AnAgitatedCustomerIsApologisedTo",
     Given().long_term(true).demand_reasonable(true).ask_minor(100'00).agitated(true),
     "grant",
     {"voucher", "apology"},
     50'00,
     "",
     {"Apology: the customer is agitated; acknowledge the feelings first."}},
    {"AtFaultAndAgitatedSaysBoth",
     Given().demand_reasonable(true).company_fault(Fault::Partial).agitated(true),
     "grant",
     {"replacement", "apology"},
     0,
     "",
     {"Apology: the company is at fault (E) and the customer is agitated."}},
    // Critical and long-term: a senior person calls and visits.
    // 600.00 × 50% × 120% = 360.00.
    {"CriticalComplaintOfALongTermCustomerGetsASeniorVisit",
     Given()
         .long_term(true)
         .demand_reasonable(true)
         .company_fault(Fault::Partial)
         .loss_minor(600'00)
         .severity(Severity::Critical),
     "grant",
     {"replacement", "apology", "senior_call", "senior_visit"},
     360'00,
     "",
     {"Senior call (层次高一点): severity critical (calls from high).",
      "Senior visit: severity critical (visits from critical) and a long-term relationship "
      "(A)."}},
    // Weights from config: partial 0.6 of 1,000.00 = 600.00.
    {"FaultShareComesFromConfig",
     Given().demand_reasonable(true).company_fault(Fault::Partial).loss_minor(1000'00),
     "grant",
     {"replacement", "apology"},
     600'00,
     "",
     {"E: the company is partly at fault: 60% of the stated loss (1,000.00) is 600.00."},
     strict_fault()},
    // Far beyond any real amount: computed without overflow, then capped.
    {"HugeLossDoesNotOverflow",
     Given()
         .long_term(true)
         .will_buy_again(true)
         .word_of_mouth(WordOfMouth::High)
         .demand_reasonable(true)
         .company_fault(Fault::Full)
         .loss_minor(std::numeric_limits<std::int64_t>::max()),
     "grant",
     {"replacement", "apology", "senior_call", "plant_visit"},
     20'000'00,
     "",
     {"cap: 92,233,720,368,547,758.07 exceeds the cap of 20,000.00."}},
    // 1,000,000,000.00 × 155% = 1,550,000,000.00 exactly, under a 10^12 cap.
    {"LargeAmountsAreExact",
     Given()
         .long_term(true)
         .will_buy_again(true)
         .word_of_mouth(WordOfMouth::High)
         .demand_reasonable(true)
         .company_fault(Fault::Full)
         .loss_minor(100'000'000'000),
     "grant",
     {"replacement", "apology", "senior_call", "plant_visit"},
     155'000'000'000,
     "",
     {"With +55% for A, B and C: 1,000,000,000.00 becomes 1,550,000,000.00."},
     big_caps()},
    {"AnEarlierGrantIsReplacedByGoodwillsOwnAnswer",
     Given()
         .demand_reasonable(true)
         .company_fault(Fault::Full)
         .loss_minor(100'00)
         .earlier_decision("grant"),
     "grant",
     {"replacement", "apology"},
     100'00,
     "",
     {}},
    {"ABreachedSlaIsMentionedNotPaid",
     Given()
         .demand_reasonable(true)
         .company_fault(Fault::Full)
         .loss_minor(100'00)
         .sla_breached(true)
         .sla_breaches({"first_response", "resolution"}),
     "grant",
     {"replacement", "apology"},
     100'00,
     "",
     {"SLA: a service target was breached (first_response and resolution); lateness is "
      "compensated by the department's rules, not here."}},
};

INSTANTIATE_TEST_SUITE_P(Goodwill, GoodwillDecision, testing::ValuesIn(rows),
                         [](const testing::TestParamInfo<Row>& info) {
                             return std::string(info.param.name);
                         });

} // namespace

TEST(GoodwillDecision, HandbookGenerousExtremeGivesEveryReason) {
    Case c = Given()
                 .long_term(true)
                 .word_of_mouth(WordOfMouth::High)
                 .demand_reasonable(true)
                 .company_fault(Fault::Full)
                 .ask_minor(1500'00)
                 .loss_minor(1200'00)
                 .asked_remedies({"refund"})
                 .severity(Severity::High);
    auto p = decide({}, c);
    ASSERT_TRUE(p);
    // Above the bare loss share (1,200.00), within ask × 1.1 and the caps.
    EXPECT_EQ(p->amount_minor, 1650'00);
    EXPECT_GT(p->amount_minor, *c.loss_minor);
    EXPECT_EQ(p->reasons,
              (std::vector<std::string>{
                  "E: the company is fully at fault: 100% of the stated loss (1,200.00) is "
                  "1,200.00.",
                  "A: a long-term relationship: +20%.",
                  "C: word of mouth is high: +25%.",
                  "With +45% for A and C: 1,200.00 becomes 1,740.00.",
                  "ask: 1,740.00 exceeds the customer's ask of 1,500.00 plus 10% (1,650.00).",
                  "补偿多一点: fully at fault, the company gives a little more than asked: "
                  "1,650.00 against an ask of 1,500.00.",
                  "Remedies: refund, as the customer asked.",
                  "Apology: the company is at fault (E).",
                  "Senior call (层次高一点): severity high (calls from high) and word of mouth "
                  "high (C).",
                  "Plant visit (办法多一点): a long-term customer (A) and the company fully at "
                  "fault (E).",
              }));
}

TEST(GoodwillDecision, HandbookNoNamesDAndAAndBAtSupervisorLevel) {
    // Excessive, no relationship, no future purchase: even high word of mouth
    // and partial fault do not change the handbook's answer.
    Case c = Given()
                 .word_of_mouth(WordOfMouth::High)
                 .demand_reasonable(false)
                 .company_fault(Fault::Partial)
                 .ask_minor(90'000'00)
                 .loss_minor(1000'00);
    auto p = decide({}, c);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->decision, "refuse");
    EXPECT_TRUE(p->remedies.empty());
    EXPECT_EQ(p->amount_minor, 0);
    EXPECT_EQ(p->level, "supervisor");
    EXPECT_EQ(p->reasons, (std::vector<std::string>{
                              "D: the demand is excessive, not reasonable.",
                              "A: there is no long-term relationship with this customer.",
                              "B: no further purchase is expected once this is solved.",
                              "The handbook's answer is a clear, polite no: tell the customer "
                              "plainly and courteously why the demand cannot be met.",
                          }));
}

TEST(GoodwillDecision, AnEarlierRefusalStandsSoGoodwillAbstains) {
    // Goodwill alone would grant (1,000.00, fully at fault) …
    Case c = Given().demand_reasonable(true).company_fault(Fault::Full).loss_minor(1000'00);
    ASSERT_TRUE(decide({}, c));
    // … but after a refusal it writes nothing.
    c.earlier_decision = "refuse";
    EXPECT_FALSE(decide({}, c));
    // An earlier abstention is no proposal at all: goodwill proposes.
    c.earlier_decision = "abstain";
    EXPECT_TRUE(decide({}, c));
}

TEST(GoodwillDecision, PlantVisitAndSeniorCallFollowTheConfig) {
    GoodwillConfig cfg;
    cfg.plant_visit = false;
    cfg.senior_call_from = Severity::Critical;
    Case c = Given()
                 .long_term(true)
                 .demand_reasonable(true)
                 .company_fault(Fault::Full)
                 .severity(Severity::High);
    auto p = decide(cfg, c);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->remedies, (std::vector<std::string>{"replacement", "apology"}));
    cfg.senior_call_from = Severity::Medium;
    EXPECT_EQ(decide(cfg, c)->remedies,
              (std::vector<std::string>{"replacement", "apology", "senior_call"}));
}

namespace {
CatalogCitation cited(const char* verdict) {
    CatalogCitation c;
    c.verdict = verdict;
    c.entry = "extended-warranty";
    c.version = "2026-H2";
    c.title = "Two-year extended warranty";
    if (std::string(verdict) == "arrangeable") {
        c.fee_minor = 349'00;
        c.currency = "CNY";
        c.lead_time_days = 3;
    } else {
        c.alternative_titles = {"Express repair within 24 hours", "Collection from your home"};
    }
    return c;
}
} // namespace

TEST(GoodwillDecision, AnArrangeableAskIsQuotedNotCompensated) {
    // Not at fault but reasonable, long-term, buys again: a gesture without the catalog.
    Case c = Given()
                 .long_term(true)
                 .will_buy_again(true)
                 .demand_reasonable(true)
                 .company_fault(Fault::None)
                 .loss_minor(1000'00)
                 .catalog(cited("arrangeable"));
    auto p = decide(GoodwillConfig{}, c);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->decision, "refuse");
    EXPECT_EQ(p->amount_minor, 0);
    EXPECT_EQ(p->level, "supervisor");
    ASSERT_EQ(p->reasons.size(), 1u);
    EXPECT_EQ(p->reasons[0],
              "The service catalog (version 2026-H2) lists \"Two-year extended warranty\" as "
              "arranged for a fee: quote 349.00 CNY, ready in 3 working days rather than "
              "compensate.");
}

TEST(GoodwillDecision, AnAskNotProvidedIsDeclinedWithTheAlternatives) {
    Case c = Given().demand_reasonable(true).catalog(cited("not_provided"));
    auto p = decide(GoodwillConfig{}, c);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->decision, "refuse");
    EXPECT_EQ(p->reasons.at(0),
              "The service catalog (version 2026-H2) says \"Two-year extended warranty\" is not "
              "provided: tell the customer plainly and offer instead: Express repair within 24 "
              "hours; Collection from your home.");
}

TEST(GoodwillDecision, FaultOutweighsTheCatalogWhichIsCited) {
    for (Fault fault : {Fault::Partial, Fault::Full}) {
        Case c = Given()
                     .long_term(true)
                     .demand_reasonable(true)
                     .company_fault(fault)
                     .loss_minor(1000'00)
                     .catalog(cited("arrangeable"));
        Case without = c;
        without.catalog.reset();
        auto p = decide(GoodwillConfig{}, c);
        auto q = decide(GoodwillConfig{}, without);
        ASSERT_TRUE(p && q);
        EXPECT_EQ(p->decision, "grant");
        EXPECT_EQ(p->amount_minor, q->amount_minor);
        EXPECT_EQ(p->remedies, q->remedies);
        EXPECT_EQ(p->reasons.back().rfind("The company is at fault (E), so the weighing above "
                                          "stands; for the ask itself the catalog says: The "
                                          "service catalog",
                                          0),
                  0u)
            << p->reasons.back();
    }
}

TEST(GoodwillDecision, AProvidedAskChangesNothing) {
    Case c = Given().demand_reasonable(true).company_fault(Fault::Partial).loss_minor(500'00);
    Case with = c;
    CatalogCitation provided = cited("provided");
    with.catalog = provided;
    auto p = decide(GoodwillConfig{}, c);
    auto q = decide(GoodwillConfig{}, with);
    ASSERT_TRUE(p && q);
    EXPECT_EQ(p->decision, q->decision);
    EXPECT_EQ(p->amount_minor, q->amount_minor);
    EXPECT_EQ(p->reasons, q->reasons);
}
