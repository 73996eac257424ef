// Reading [plugin.rules] from the validated section: absent keys stay absent
// (distinct from false and 0), null reads as an empty list, the mode, and the
// declared schema.
#include "policy_test_support.hpp"
#include "rules_config.hpp"
#include "rules_policy.hpp"

#include <gtest/gtest.h>
#include <map>

using namespace redress::rules;
using redress::ConfigType;
using redress::ConfigView;
using redress::test::Record;
using redress::test::view;

namespace {

RulesConfig from(const Record& section) {
    return RulesConfig::from(ConfigView(view(section)));
}

} // namespace

TEST(RulesConfig, ReadsRulesWithConditionsAndActions) {
    Record s;
    s.set("mode", std::string("best"));
    Record& r = s.add_record("rule");
    r.set("name", std::string("late")).set("reason", std::string("We were late."));
    Record& when = r.add_record("when");
    when.set("sla_breached", false);
    when.append("severity", std::string("high")).append("severity", std::string("critical"));
    when.set("loss_min", std::int64_t{0});
    Record& then = r.add_record("then");
    then.set("decision", std::string("extend"));
    then.append("remedies", std::string("voucher"));
    then.set("amount_minor", std::int64_t{0});
    then.set("share_of_loss", 0.25);
    then.set("level", std::string("manager"));
    s.add_record("rule").set("name", std::string("bare")).set("reason", std::string("b"));

    RulesConfig c = from(s);
    EXPECT_EQ(c.mode, Mode::Best);
    ASSERT_EQ(c.rules.size(), 2u);
    const Rule& late = c.rules[0];
    EXPECT_EQ(late.name, "late");
    EXPECT_EQ(late.reason, "We were late.");
    EXPECT_EQ(late.when.sla_breached, false); // present and false …
    EXPECT_FALSE(late.when.long_term);        // … is not absent
    EXPECT_EQ(late.when.severity, (std::vector<std::string>{"high", "critical"}));
    EXPECT_FALSE(late.when.category);
    EXPECT_EQ(late.when.loss.min, 0); // present and 0 …
    EXPECT_FALSE(late.when.loss.max); // … is not absent
    EXPECT_EQ(late.when.specificity(), 3);
    EXPECT_EQ(late.then.decision, "extend");
    EXPECT_EQ(late.then.remedies, std::vector<std::string>{"voucher"});
    EXPECT_EQ(late.then.amount_minor, 0);
    EXPECT_EQ(late.then.share_of_loss, 0.25);
    EXPECT_FALSE(late.then.cap_minor);
    EXPECT_EQ(late.then.level, "manager");
    const Rule& bare = c.rules[1];
    EXPECT_EQ(bare.when.specificity(), 0);
    EXPECT_EQ(bare.then.decision, "grant");
    EXPECT_TRUE(bare.then.remedies.empty());
    EXPECT_FALSE(bare.then.amount_minor);
}

TEST(RulesConfig, ANullListIsAnEmptyListForTheValidatorToFlag) {
    Record s;
    Record& r = s.add_record("rule");
    r.set("name", std::string("x")).set("reason", std::string("x"));
    // What a host that keeps `customer_type = []` would pass: present, null.
    redress::test::writer(r.add_record("when")).set_null("customer_type");
    RulesConfig c = from(s);
    ASSERT_TRUE(c.rules[0].when.customer_type);
    EXPECT_TRUE(c.rules[0].when.customer_type->empty());
}

TEST(RulesConfig, DefaultsToFirstModeAndNoRules) {
    RulesConfig c = from(Record{});
    EXPECT_EQ(c.mode, Mode::First);
    EXPECT_TRUE(c.rules.empty());
}

TEST(RulesConfig, AnUnknownModeIsRefused) {
    Record s;
    s.set("mode", std::string("random"));
    try {
        from(s);
        FAIL() << "accepted mode \"random\"";
    } catch (const redress::Error& e) {
        EXPECT_EQ(e.status(), REDRESS_E_INVALID);
        EXPECT_STREQ(e.what(), "plugin.rules.mode: expected \"first\" or \"best\", got \"random\"");
    }
}

TEST(RulesConfig, ConditionAndActionKeysHaveNoDefaultSoAbsentStaysAbsent) {
    std::map<std::string, redress::ConfigKey> keys;
    for (const auto& k : RulesConfig::schema())
        keys[k.path] = k;
    EXPECT_EQ(keys.size(), 27u);
    EXPECT_EQ(keys["mode"].default_value, "\"first\"");
    EXPECT_EQ(keys["rule"].type, ConfigType::TableList);
    EXPECT_TRUE(keys["rule.name"].required);
    EXPECT_TRUE(keys["rule.reason"].required);
    EXPECT_TRUE(keys["rule.then"].required);
    EXPECT_FALSE(keys["rule.when"].required);
    EXPECT_EQ(keys["rule.then.decision"].default_value, "\"grant\"");
    for (const char* k : {"rule.when.severity", "rule.when.sla_breached", "rule.when.loss_min",
                          "rule.when.ask_max", "rule.then.amount_minor", "rule.then.cap_minor",
                          "rule.then.share_of_loss", "rule.then.remedies", "rule.then.level"}) {
        ASSERT_TRUE(keys.count(k)) << k;
        EXPECT_EQ(keys[k].default_value, "") << k;
        EXPECT_FALSE(keys[k].required) << k;
    }
    EXPECT_EQ(keys["rule.when.customer_type"].type, ConfigType::StringList);
    EXPECT_EQ(keys["rule.when.will_buy_again"].type, ConfigType::Boolean);
    EXPECT_EQ(keys["rule.then.share_of_loss"].type, ConfigType::Float);
}

TEST(RulesConfig, ThePolicyRefusesABadTableListingEveryErrorAndLogsWarnings) {
    redress::test::TestHost host("rules");
    Record bad;
    Record& a = bad.add_record("rule");
    a.set("name", std::string("a")).set("reason", std::string("a"));
    a.add_record("then").set("decision", std::string("cap"));
    Record& b = bad.add_record("rule");
    b.set("name", std::string("a")).set("reason", std::string("b"));
    b.add_record("then").append("remedies", std::string("apology"));
    try {
        RulesPolicy policy(host.host(), ConfigView(view(bad)));
        FAIL() << "accepted a bad table";
    } catch (const redress::Error& e) {
        EXPECT_EQ(e.status(), REDRESS_E_INVALID);
        EXPECT_STREQ(e.what(),
                     "rule 1 'a': a cap needs then.cap_minor\n"
                     "rule 2 'a': the name is already used by rule 1\n"
                     "rule 2 'a': the same conditions as rule 1 'a'; only one of them can ever "
                     "decide");
    }

    Record good;
    Record& x = good.add_record("rule");
    x.set("name", std::string("x")).set("reason", std::string("x"));
    x.add_record("when").set("long_term", true);
    x.add_record("then").append("remedies", std::string("gift"));
    Record& y = good.add_record("rule");
    y.set("name", std::string("y")).set("reason", std::string("y"));
    y.add_record("when").set("sla_breached", true);
    y.add_record("then").append("remedies", std::string("voucher"));
    RulesPolicy policy(host.host(), ConfigView(view(good)));
    EXPECT_EQ(host.logged(),
              std::vector<std::string>{"rules: rules 'x' and 'y' overlap; 'x' decides where both "
                                       "match"});
}
