// The built goodwill.so through the real host: its schema checked by the
// loader, its [plugin.goodwill] section validated and defaulted by the config
// loader, the instance created by PluginHost, proposals crossing the C ABI.
#include "policy_test_support.hpp"

#include <gtest/gtest.h>

using namespace redress::core;
using redress::test::Input;
using redress::test::shipped_plugin;
using redress::test::strings;

namespace {

// The goodwill plugin as redressd loads it, with [plugin.goodwill] from text.
class LoadedGoodwill {
public:
    explicit LoadedGoodwill(const std::string& config_text)
        : loaded_({"goodwill"}, config_text) {}
    std::shared_ptr<PluginInstance> instance() const { return loaded_["goodwill"]; }
    const std::vector<std::string>& config_errors() const { return loaded_.config_errors(); }
    std::vector<std::string> refusals() const { return loaded_.refusals(); }

private:
    redress::test::LoadedPolicies loaded_;
};

} // namespace

TEST(GoodwillPlugin, LoadsAsACompensationPolicyWithItsSchema) {
    auto lib = PluginLibrary::load(shipped_plugin("goodwill"));
    EXPECT_EQ(lib->name(), "goodwill");
    EXPECT_TRUE(lib->families() & REDRESS_FAMILY_COMPENSATION);
    EXPECT_EQ(lib->config_keys().size(), 18u);
}

TEST(GoodwillPlugin, HandbookGenerousCaseCrossesTheBoundaryIntact) {
    LoadedGoodwill g("");
    ASSERT_TRUE(g.config_errors().empty()) << g.config_errors()[0];
    ASSERT_TRUE(g.instance());
    Input in;
    in.factor("long_term", true)
        .factor("word_of_mouth", "high")
        .factor("demand_reasonable", true)
        .factor("company_fault", "full")
        .factor("ask_minor", std::int64_t{1500'00})
        .factor("loss_minor", std::int64_t{1200'00})
        .asked("refund")
        .complaint("severity", "high")
        .complaint("category", "质量")
        .customer_type("demanding");
    Record out;
    g.instance()->propose(in.record(), out);
    // 1,200.00 × 145% = 1,740.00, lowered to the ask 1,500.00 + 10%.
    EXPECT_EQ(out.string("decision"), "grant");
    EXPECT_EQ(strings(out, "remedies"),
              (std::vector<std::string>{"refund", "apology", "senior_call", "plant_visit"}));
    EXPECT_EQ(out.integer("amount_minor"), 1650'00);
    EXPECT_EQ(out.count("level"), 0u);
    auto reasons = strings(out, "reasons");
    ASSERT_EQ(reasons.size(), 10u);
    EXPECT_EQ(reasons[4], "ask: 1,740.00 exceeds the customer's ask of 1,500.00 plus 10% "
                          "(1,650.00).");
    EXPECT_EQ(reasons[8], "Senior call (层次高一点): severity high (calls from high) and word of "
                          "mouth high (C).");
}

TEST(GoodwillPlugin, HandbookNoCrossesTheBoundaryAsARefusal) {
    LoadedGoodwill g("");
    Input in;
    in.factor("demand_reasonable", false).factor("company_fault", "partial");
    Record out;
    g.instance()->propose(in.record(), out);
    EXPECT_EQ(out.string("decision"), "refuse");
    EXPECT_EQ(out.count("remedies"), 0u);
    EXPECT_EQ(out.count("amount_minor"), 0u); // the host refuses a refusal with an amount
    EXPECT_EQ(out.string("level"), "supervisor");
    EXPECT_EQ(strings(out, "reasons")[0], "D: the demand is excessive, not reasonable.");
}

TEST(GoodwillPlugin, TableKeysLeftOutOfTheFileTakeTheirDeclaredDefaults) {
    // Only fault_share.partial is set: the table's other keys, and the
    // word_of_mouth_bonus table left out entirely, are filled by the host.
    LoadedGoodwill g("[plugin.goodwill.fault_share]\npartial = 0.6\n");
    ASSERT_TRUE(g.config_errors().empty()) << g.config_errors()[0];
    Input in;
    in.factor("demand_reasonable", true)
        .factor("company_fault", "partial")
        .factor("word_of_mouth", "high")
        .factor("loss_minor", std::int64_t{1000'00});
    Record out;
    g.instance()->propose(in.record(), out);
    // 1,000.00 × 60% = 600.00, × (1 + 25%) = 750.00.
    EXPECT_EQ(out.integer("amount_minor"), 750'00);
}

TEST(GoodwillPlugin, ABadValueInTheFileRefusesThePluginNamingTheKey) {
    LoadedGoodwill g("[plugin.goodwill]\ncap_minor = 100\nfault_share = { full = 20 }\n");
    EXPECT_TRUE(g.config_errors().empty()); // the types are right; the value is not
    EXPECT_FALSE(g.instance());
    EXPECT_EQ(g.refusals(),
              std::vector<std::string>{"create failed: plugin.goodwill.fault_share."
                                       "full: expected a share from 0 to 10, got 20"});
}

TEST(GoodwillPlugin, AWrongTypeInTheFileIsAConfigErrorWithItsPosition) {
    LoadedGoodwill g("[plugin.goodwill]\nplant_visit = \"yes\"\n");
    ASSERT_EQ(g.config_errors().size(), 1u);
    EXPECT_NE(g.config_errors()[0].find("redress.toml:6:"), std::string::npos)
        << g.config_errors()[0];
    EXPECT_NE(g.config_errors()[0].find("plugin.goodwill.plant_visit"), std::string::npos)
        << g.config_errors()[0];
}

TEST(GoodwillPlugin, MalformedInputFailsTheCallWithThePreciseMessage) {
    LoadedGoodwill g("");
    Input in;
    in.factor("word_of_mouth", "huge");
    Record out;
    try {
        g.instance()->propose(in.record(), out);
        FAIL() << "accepted word_of_mouth \"huge\"";
    } catch (const PluginCallError& e) {
        EXPECT_EQ(e.status(), REDRESS_E_INVALID);
        EXPECT_EQ(e.plugin_message(), "input.factors.word_of_mouth: expected \"low\", \"medium\" "
                                      "or \"high\", got \"huge\"");
    }
}

TEST(GoodwillPlugin, AfterAnEarlierRefusalItWritesNothing) {
    LoadedGoodwill g("");
    Input in;
    in.factor("demand_reasonable", true)
        .factor("company_fault", "full")
        .factor("loss_minor", std::int64_t{100'00})
        .earlier("refuse", {}, 0, "supervisor");
    Record out;
    g.instance()->propose(in.record(), out);
    EXPECT_TRUE(out.fields().empty());
}
