// The goodwill config (defaults, every check, all problems at once) and the
// reading of its input record (absent factors, malformed values).
#include "goodwill_case.hpp"
#include "goodwill_config.hpp"
#include "goodwill_decision.hpp"
#include "goodwill_policy.hpp"
#include "policy_test_support.hpp"

#include <functional>
#include <gtest/gtest.h>
#include <limits>
#include <map>

using namespace redress::goodwill;
using redress::ConfigView;
using redress::test::Input;
using redress::test::Record;
using redress::test::view;

namespace {

GoodwillConfig from(const Record& section) {
    return GoodwillConfig::from(ConfigView(view(section)));
}

// The message of the Error that from(section) throws ("" if none).
std::string config_error(const Record& section) {
    try {
        from(section);
    } catch (const redress::Error& e) {
        EXPECT_EQ(e.status(), REDRESS_E_INVALID);
        return e.what();
    }
    return "";
}

std::string input_error(const Input& input) {
    try {
        read_case(input.view());
    } catch (const redress::Error& e) {
        EXPECT_EQ(e.status(), REDRESS_E_INVALID);
        return e.what();
    }
    return "";
}

} // namespace

TEST(GoodwillConfig, AnEmptySectionReadsAsTheDocumentedDefaults) {
    GoodwillConfig c = from(Record{});
    EXPECT_DOUBLE_EQ(c.fault_share.none, 0.0);
    EXPECT_DOUBLE_EQ(c.fault_share.partial, 0.5);
    EXPECT_DOUBLE_EQ(c.fault_share.full, 1.0);
    EXPECT_DOUBLE_EQ(c.long_term_bonus, 0.2);
    EXPECT_DOUBLE_EQ(c.buy_again_bonus, 0.1);
    EXPECT_DOUBLE_EQ(c.word_of_mouth_bonus.low, 0.0);
    EXPECT_DOUBLE_EQ(c.word_of_mouth_bonus.medium, 0.1);
    EXPECT_DOUBLE_EQ(c.word_of_mouth_bonus.high, 0.25);
    EXPECT_DOUBLE_EQ(c.generosity_when_at_fault, 0.1);
    EXPECT_EQ(c.gesture_minor, 5000);
    EXPECT_EQ(c.cap_minor, 2'000'000);
    EXPECT_DOUBLE_EQ(c.cap_share_of_loss, 1.5);
    EXPECT_EQ(c.default_material, "replacement");
    EXPECT_EQ(c.senior_call_from, Severity::High);
    EXPECT_EQ(c.senior_visit_from, Severity::Critical);
    EXPECT_TRUE(c.plant_visit);
}

TEST(GoodwillConfig, SchemaDefaultsMatchTheCodeDefaults) {
    // The host fills the declared defaults; they must say what the code does.
    std::map<std::string, std::string> defaults;
    for (const auto& k : GoodwillConfig::schema()) {
        EXPECT_FALSE(k.description.empty()) << k.path;
        defaults[k.path] = k.default_value;
    }
    EXPECT_EQ(defaults.size(), 18u);
    EXPECT_EQ(defaults["fault_share"], "{}");
    EXPECT_EQ(defaults["fault_share.partial"], "0.5");
    EXPECT_EQ(defaults["word_of_mouth_bonus"], "{}");
    EXPECT_EQ(defaults["word_of_mouth_bonus.high"], "0.25");
    EXPECT_EQ(defaults["gesture_minor"], "5000");
    EXPECT_EQ(defaults["cap_minor"], "2000000");
    EXPECT_EQ(defaults["default_material"], "\"replacement\"");
    EXPECT_EQ(defaults["senior_call_from"], "\"high\"");
    EXPECT_EQ(defaults["plant_visit"], "true");
}

TEST(GoodwillConfig, ReadsNestedTablesAndScalars) {
    Record s;
    s.add_record("fault_share").set("partial", 0.6);
    s.add_record("word_of_mouth_bonus").set("high", 0.5);
    s.set("cap_minor", std::int64_t{100'00});
    s.set("default_material", std::string("refund"));
    s.set("senior_visit_from", std::string("high"));
    s.set("plant_visit", false);
    GoodwillConfig c = from(s);
    EXPECT_DOUBLE_EQ(c.fault_share.partial, 0.6);
    EXPECT_DOUBLE_EQ(c.fault_share.full, 1.0); // left out of the table: default
    EXPECT_DOUBLE_EQ(c.word_of_mouth_bonus.high, 0.5);
    EXPECT_EQ(c.cap_minor, 100'00);
    EXPECT_EQ(c.default_material, "refund");
    EXPECT_EQ(c.senior_visit_from, Severity::High);
    EXPECT_FALSE(c.plant_visit);
}

TEST(GoodwillConfig, EachBadValueIsNamedByItsKey) {
    struct Bad {
        const char* what;
        std::function<void(Record&)> set;
        const char* message;
    };
    const Bad bad[] = {
        {"share above 10", [](Record& s) { s.add_record("fault_share").set("partial", 12.5); },
         "plugin.goodwill.fault_share.partial: expected a share from 0 to 10, got 12.5"},
        {"negative bonus", [](Record& s) { s.set("long_term_bonus", -0.1); },
         "plugin.goodwill.long_term_bonus: expected a share from 0 to 10, got -0.1"},
        {"NaN bonus",
         [](Record& s) {
             s.add_record("word_of_mouth_bonus")
                 .set("high", std::numeric_limits<double>::quiet_NaN());
         },
         "plugin.goodwill.word_of_mouth_bonus.high: expected a share from 0 to 10, got nan"},
        {"generosity", [](Record& s) { s.set("generosity_when_at_fault", 11.0); },
         "plugin.goodwill.generosity_when_at_fault: expected a share from 0 to 10, got 11"},
        {"cap share", [](Record& s) { s.set("cap_share_of_loss", -1.0); },
         "plugin.goodwill.cap_share_of_loss: expected a share from 0 to 10, got -1"},
        {"negative cap", [](Record& s) { s.set("cap_minor", std::int64_t{-1}); },
         "plugin.goodwill.cap_minor: expected an amount from 0 to 1000000000000 in minor units, "
         "got -1"},
        {"cap beyond what the host records",
         [](Record& s) { s.set("cap_minor", std::int64_t{1'000'000'000'001}); },
         "plugin.goodwill.cap_minor: expected an amount from 0 to 1000000000000 in minor units, "
         "got 1000000000001"},
        {"negative gesture", [](Record& s) { s.set("gesture_minor", std::int64_t{-500}); },
         "plugin.goodwill.gesture_minor: expected an amount from 0 to 1000000000000 in minor "
         "units, got -500"},
        {"non-material default",
         [](Record& s) { s.set("default_material", std::string("apology")); },
         "plugin.goodwill.default_material: expected a material remedy (\"replacement\", "
         "\"refund\", \"gift\" or \"voucher\"), got \"apology\""},
        {"unknown severity", [](Record& s) { s.set("senior_call_from", std::string("urgent")); },
         "plugin.goodwill.senior_call_from: expected \"low\", \"medium\", \"high\" or "
         "\"critical\", got \"urgent\""},
    };
    for (const Bad& b : bad) {
        Record s;
        b.set(s);
        EXPECT_EQ(config_error(s), b.message) << b.what;
    }
}

TEST(GoodwillConfig, EveryProblemIsListedOnePerLine) {
    Record s;
    s.add_record("fault_share").set("full", 20.0);
    s.set("cap_minor", std::int64_t{-5});
    s.set("senior_visit_from", std::string("never"));
    EXPECT_EQ(config_error(s),
              "plugin.goodwill.fault_share.full: expected a share from 0 to 10, got 20\n"
              "plugin.goodwill.cap_minor: expected an amount from 0 to 1000000000000 in minor "
              "units, got -5\n"
              "plugin.goodwill.senior_visit_from: expected \"low\", \"medium\", \"high\" or "
              "\"critical\", got \"never\"");
}

TEST(GoodwillConfig, ThePolicyRefusesToStartOnABadSection) {
    redress::test::TestHost host("goodwill");
    Record s;
    s.set("buy_again_bonus", 99.0);
    try {
        GoodwillPolicy policy(host.host(), ConfigView(view(s)));
        FAIL() << "accepted a bonus of 99";
    } catch (const redress::Error& e) {
        EXPECT_EQ(e.status(), REDRESS_E_INVALID);
        EXPECT_STREQ(e.what(), "plugin.goodwill.buy_again_bonus: expected a share from 0 to 10, "
                               "got 99");
    }
}

TEST(GoodwillInput, AbsentFactorsReadAsNothingToGoOn) {
    Case c = read_case(Input().view());
    EXPECT_FALSE(c.long_term);
    EXPECT_FALSE(c.will_buy_again);
    EXPECT_FALSE(c.demand_reasonable);
    EXPECT_EQ(c.word_of_mouth, WordOfMouth::Low);
    EXPECT_EQ(c.company_fault, Fault::None);
    EXPECT_FALSE(c.ask_minor);
    EXPECT_FALSE(c.loss_minor);
    EXPECT_FALSE(c.severity);
    EXPECT_FALSE(c.agitated);
    EXPECT_FALSE(c.sla_breached);
    EXPECT_FALSE(c.earlier_decision);
    // Nothing to go on is the handbook's no, not an exception.
    auto p = decide({}, c);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->decision, "refuse");
}

TEST(GoodwillInput, ReadsEveryField) {
    Input in;
    in.factor("long_term", true)
        .factor("will_buy_again", true)
        .factor("word_of_mouth", "medium")
        .factor("demand_reasonable", true)
        .factor("company_fault", "partial")
        .factor("customer_tier", "key")
        .factor("ask_minor", std::int64_t{300'00})
        .factor("loss_minor", std::int64_t{250'00})
        .asked("gift")
        .asked("apology")
        .complaint("severity", "critical")
        .customer_type("agitated")
        .sla_breached("resolution")
        .earlier("grant", {"voucher"}, 50'00);
    Case c = read_case(in.view());
    EXPECT_TRUE(c.long_term);
    EXPECT_TRUE(c.will_buy_again);
    EXPECT_EQ(c.word_of_mouth, WordOfMouth::Medium);
    EXPECT_TRUE(c.demand_reasonable);
    EXPECT_EQ(c.company_fault, Fault::Partial);
    EXPECT_EQ(c.ask_minor, 300'00);
    EXPECT_EQ(c.loss_minor, 250'00);
    EXPECT_EQ(c.asked_remedies, (std::vector<std::string>{"gift", "apology"}));
    EXPECT_EQ(c.severity, Severity::Critical);
    EXPECT_TRUE(c.agitated);
    EXPECT_TRUE(c.sla_breached);
    EXPECT_EQ(c.sla_breaches, (std::vector<std::string>{"resolution"}));
    EXPECT_EQ(c.earlier_decision, "grant");
}

TEST(GoodwillInput, MalformedValuesAreRefusedNamingTheField) {
    EXPECT_EQ(input_error(Input().factor("word_of_mouth", "huge")),
              "input.factors.word_of_mouth: expected \"low\", \"medium\" or \"high\", got "
              "\"huge\"");
    EXPECT_EQ(input_error(Input().factor("company_fault", "some")),
              "input.factors.company_fault: expected \"none\", \"partial\" or \"full\", got "
              "\"some\"");
    EXPECT_EQ(input_error(Input().factor("long_term", "yes")),
              "input.factors.long_term: expected true or false");
    EXPECT_EQ(input_error(Input().factor("ask_minor", std::int64_t{-1})),
              "input.factors.ask_minor: expected an amount >= 0, got -1");
    EXPECT_EQ(input_error(Input().factor("loss_minor", "12.00")),
              "input.factors.loss_minor: expected an integer amount in minor units");
    EXPECT_EQ(input_error(Input().asked("refund").asked("cash")),
              "input.factors.asked_remedies[1]: unknown remedy \"cash\"");
    EXPECT_EQ(input_error(Input().complaint("severity", "urgent")),
              "input.complaint.severity: expected \"low\", \"medium\", \"high\" or \"critical\", "
              "got \"urgent\"");
    EXPECT_EQ(input_error(Input().earlier("maybe")),
              "input.proposal.decision: expected \"grant\", \"refuse\" or \"abstain\", got "
              "\"maybe\"");
}

TEST(GoodwillInput, ReadsTheCatalogCitation) {
    Input in;
    in.catalog_verdict("not_provided");
    Record& cat = const_cast<Record&>(in.record()).add_record("catalog");
    cat.set("entry", std::string("lost-earnings"));
    cat.set("version", std::string("2026-H2"));
    cat.set("title", std::string("Compensation for lost earnings"));
    cat.append("alternatives", std::string("express-repair"));
    cat.append("alternative_titles", std::string("Express repair"));
    Case c = read_case(in.view());
    ASSERT_TRUE(c.catalog);
    EXPECT_EQ(c.catalog->verdict, "not_provided");
    EXPECT_EQ(c.catalog->entry, "lost-earnings");
    EXPECT_EQ(c.catalog->version, "2026-H2");
    EXPECT_EQ(c.catalog->title, "Compensation for lost earnings");
    EXPECT_EQ(c.catalog->alternative_titles, (std::vector<std::string>{"Express repair"}));
    EXPECT_FALSE(c.catalog->fee_minor);

    EXPECT_FALSE(read_case(Input().view()).catalog);
    EXPECT_EQ(input_error(Input().catalog_verdict("perhaps")),
              "input.catalog_verdict: expected \"provided\", \"not_provided\" or \"arrangeable\", "
              "got \"perhaps\"");
}
