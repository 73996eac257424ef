// The built rules.so through the real host: a decision table written in TOML
// (inline tables and sub-tables of an array of tables), validated by the
// config loader against the declared schema, checked by the plugin at create,
// and proposals crossing the C ABI.
#include "policy_test_support.hpp"

#include <gtest/gtest.h>

using namespace redress::core;
using redress::test::Input;
using redress::test::LoadedPolicies;
using redress::test::strings;
using Strings = std::vector<std::string>;

namespace {

const char* table = R"(
[plugin.rules]
mode = "first"

[[plugin.rules.rule]]
name = "late-reply-voucher"
reason = "We answered late: a voucher on top, whatever else is offered."
when = { sla_breached = true }
then = { decision = "extend", remedies = ["voucher"], amount_minor = 50_00 }

[[plugin.rules.rule]]
name = "critical-at-fault"
reason = "Critical and our fault: replace, visit, and cover the loss."
[plugin.rules.rule.when]
severity = ["critical"]
company_fault = ["full"]
[plugin.rules.rule.then]
remedies = ["senior_visit", "replacement"]
share_of_loss = 1
cap_minor = 10_000_00
level = "manager"
)";

Record propose(const LoadedPolicies& p, const Input& in) {
    Record out;
    p["rules"]->propose(in.record(), out);
    return out;
}

} // namespace

TEST(RulesPlugin, AnExtendCrossesTheBoundaryOnTopOfTheProposalSoFar) {
    LoadedPolicies p({"rules"}, table);
    ASSERT_TRUE(p.config_errors().empty()) << p.config_errors()[0];
    ASSERT_TRUE(p["rules"]) << p.refusals()[0];
    Input in;
    in.sla_breached("first_response").earlier("grant", {"replacement", "apology"}, 1200'00);
    Record out = propose(p, in);
    EXPECT_EQ(out.string("decision"), "grant");
    EXPECT_EQ(strings(out, "remedies"), (Strings{"replacement", "voucher", "apology"}));
    EXPECT_EQ(out.integer("amount_minor"), 1250'00); // 1,200.00 + 50.00
    EXPECT_EQ(out.count("level"), 0u);
    EXPECT_EQ(strings(out, "reasons"),
              (Strings{"rule 'late-reply-voucher': We answered late: a voucher on top, whatever "
                       "else is offered.",
                       "rule 'late-reply-voucher': added to the proposal so far: voucher; "
                       "1,200.00 + 50.00 = 1,250.00."}));
}

TEST(RulesPlugin, SubTablesAndAnIntegerShareAreReadAsDeclared) {
    LoadedPolicies p({"rules"}, table);
    Input in;
    in.complaint("severity", "critical")
        .factor("company_fault", "full")
        .factor("loss_minor", std::int64_t{3000'00});
    Record out = propose(p, in);
    // 0.00 + 100% of 3,000.00 = 3,000.00, under the 10,000.00 cap.
    EXPECT_EQ(out.string("decision"), "grant");
    EXPECT_EQ(strings(out, "remedies"), (Strings{"replacement", "senior_visit"}));
    EXPECT_EQ(out.integer("amount_minor"), 3000'00);
    EXPECT_EQ(out.string("level"), "manager");
    EXPECT_EQ(strings(out, "reasons")[1],
              "rule 'critical-at-fault': 100% of the stated loss (3,000.00) = 3,000.00.");
}

TEST(RulesPlugin, NoMatchingRuleWritesNothing) {
    LoadedPolicies p({"rules"}, table);
    Input in;
    in.complaint("severity", "critical").factor("company_fault", "partial");
    EXPECT_TRUE(propose(p, in).fields().empty());
}

TEST(RulesPlugin, AFalseConditionIsNotAnAbsentOne) {
    LoadedPolicies p({"rules"}, R"(
[[plugin.rules.rule]]
name = "on-time-and-fair"
reason = "On time and a fair demand: an apology."
when = { sla_breached = false, ask_min = 0 }
then = { remedies = ["apology"] }
)");
    ASSERT_TRUE(p["rules"]);
    // sla_breached = false and ask_min = 0 arrive as false and 0, not as "any":
    EXPECT_TRUE(propose(p, Input().sla_breached("resolution").factor("ask_minor", std::int64_t{0}))
                    .fields()
                    .empty());
    EXPECT_TRUE(propose(p, Input()).fields().empty()); // no ask stated
    Record out = propose(p, Input().factor("ask_minor", std::int64_t{0}));
    EXPECT_EQ(out.string("decision"), "grant");
    EXPECT_EQ(strings(out, "remedies"), Strings{"apology"});
}

TEST(RulesPlugin, BestModeFromTheFilePicksTheMostSpecificRule) {
    LoadedPolicies p({"rules"}, R"(
[plugin.rules]
mode = "best"
[[plugin.rules.rule]]
name = "excessive"
reason = "An excessive demand: a polite no."
when = { demand_reasonable = false }
then = { decision = "refuse", level = "supervisor" }
[[plugin.rules.rule]]
name = "excessive-but-key"
reason = "A key customer: a gift, even so."
when = { demand_reasonable = false, customer_tier = ["key"] }
then = { remedies = ["gift", "apology"], amount_minor = 30_00 }
)");
    ASSERT_TRUE(p["rules"]) << p.refusals()[0];
    EXPECT_EQ(propose(p, Input()).string("decision"), "refuse");
    Record key = propose(p, Input().factor("customer_tier", "key"));
    EXPECT_EQ(key.string("decision"), "grant");
    EXPECT_EQ(key.integer("amount_minor"), 30'00);
}

TEST(RulesPlugin, ABadTableRefusesThePluginListingEveryError) {
    LoadedPolicies p({"rules"}, R"(
[[plugin.rules.rule]]
name = "any"
reason = "Anything: an apology."
then = { remedies = ["apology"] }
[[plugin.rules.rule]]
name = "late"
reason = "Late: a voucher."
when = { sla_breached = true, severity = ["urgent"] }
then = { remedies = ["voucher"], amount_minor = -5 }
)");
    EXPECT_TRUE(p.config_errors().empty()); // well-typed: the plugin finds the rest
    EXPECT_FALSE(p["rules"]);
    EXPECT_EQ(p.refusals(),
              Strings{"create failed: rule 2 'late': when.severity: unknown value \"urgent\" "
                      "(expected low, medium, high or critical)\n"
                      "rule 2 'late': then.amount_minor is negative (-5)\n"
                      "rule 2 'late': unreachable: rule 1 'any' comes first and matches every "
                      "case this one matches"});
}

TEST(RulesPlugin, OverlapWarningsAreLoggedUnderThePluginsName) {
    LoadedPolicies p({"rules"}, table);
    ASSERT_TRUE(p["rules"]);
    // late-reply-voucher (sla_breached) and critical-at-fault (severity, fault) overlap.
    Strings logged = p.logged();
    EXPECT_NE(std::find(logged.begin(), logged.end(),
                        "rules: rules 'late-reply-voucher' and 'critical-at-fault' overlap; "
                        "'late-reply-voucher' decides where both match"),
              logged.end());
}

TEST(RulesPlugin, UnknownAndMissingKeysAreConfigErrorsWithTheirPosition) {
    LoadedPolicies p({"rules"}, R"(
[[plugin.rules.rule]]
reason = "No name."
when = { colour = ["red"] }
then = { remedies = ["apology"] }
)");
    // The file starts with 4 lines of [[department]], then an empty line.
    EXPECT_EQ(p.config_errors(),
              (Strings{"redress.toml:6:1: plugin.rules.rule[0].name: missing required key",
                       "redress.toml:8:10: plugin.rules.rule[0].when.colour: unknown key "
                       "(expected one of: ask_max, ask_min, catalog_verdict, category, "
                       "company_fault, customer_tier, customer_type, demand_reasonable, "
                       "long_term, loss_max, loss_min, severity, sla_breached, will_buy_again, "
                       "word_of_mouth)"}));
}

TEST(RulesPlugin, MalformedInputFailsTheCallWithThePreciseMessage) {
    LoadedPolicies p({"rules"}, table);
    try {
        propose(p, Input().catalog_verdict("perhaps"));
        FAIL() << "accepted catalog_verdict \"perhaps\"";
    } catch (const PluginCallError& e) {
        EXPECT_EQ(e.status(), REDRESS_E_INVALID);
        EXPECT_EQ(e.plugin_message(), "input.catalog_verdict: expected \"provided\", "
                                      "\"not_provided\" or \"arrangeable\", got \"perhaps\"");
    }
}
