// Free-text lookup in the example catalog: Chinese and English, exact,
// partial and none, and the scope filters.
#include "catalog/catalog_test_support.hpp"
#include "catalog_loader.hpp"
#include "catalog_search.hpp"
#include "text_terms.hpp"

#include <gtest/gtest.h>

using namespace redress::catalog_plugin;

namespace {

const Catalog& example() {
    static const Catalog c = load_catalog(redress::test::example_catalog(), LoadOptions{});
    return c;
}

const Version& h2() {
    return *example().find("2026-H2");
}

// The ids matched for q, best first.
std::vector<std::string> ids(std::string_view q, Scope scope = {}) {
    std::vector<std::string> out;
    for (const auto& m : search(h2(), q, scope, 0.35, 5))
        out.push_back(m.entry->id);
    return out;
}

std::string best(std::string_view q, Scope scope = {}) {
    auto found = ids(q, scope);
    return found.empty() ? "" : found.front();
}

} // namespace

TEST(TextTerms, ChineseBecomesCharacterBigramsAndLatinLowerCaseWords) {
    EXPECT_EQ(terms_of("上门安装空调"), (Terms{"上门", "门安", "安装", "装空", "空调"}));
    EXPECT_EQ(terms_of("Installation, PLEASE!"), (Terms{"installation"})); // "please": a stop word
    EXPECT_EQ(terms_of("修"), (Terms{"修"}));
    EXPECT_EQ(terms_of("空调A3型号"), (Terms{"空调", "a3", "型号"}));
    EXPECT_TRUE(terms_of("，。！ ...").empty());
}

TEST(TextTerms, InvalidUtf8SeparatesTermsAndNeverThrows) {
    EXPECT_EQ(terms_of("repair\xff\xfewarranty"), (Terms{"repair", "warranty"}));
    // A cut multi-byte character may take the next byte with it, never more.
    Terms cut = terms_of("维修" + std::string("\xe5\xae", 2) + "上门安装");
    EXPECT_TRUE(cut.count("维修"));
    EXPECT_TRUE(cut.count("安装"));
}

TEST(TextTerms, StopWordsAndOverlongWordsAreLeftOutOrCut) {
    EXPECT_EQ(terms_of("I am not happy with the service"), (Terms{"happy", "service"}));
    Terms huge = terms_of(std::string(4000, 'a') + " repair");
    ASSERT_EQ(huge.size(), 2u);
    EXPECT_EQ(huge.begin()->size(), 32u); // cut, so prefix matching stays cheap
    EXPECT_TRUE(huge.count("repair"));
}

TEST(CatalogSearch, UnhappyWordsAloneMatchNothing) {
    EXPECT_TRUE(ids("I am not happy with the service").empty());
}

TEST(CatalogSearch, StrictScopeLeavesOutEntriesForUnnamedLinesAndTiers) {
    // Intake knows neither the product line nor the tier.
    Scope strict{"after-sales", "", "", true};
    EXPECT_NE(best("专属工程师", strict), "dedicated-engineer");
    EXPECT_NE(best("冰箱有异味", strict), "deep-cleaning");
    EXPECT_EQ(best("冰箱有异味"), "deep-cleaning"); // not strict: a browsing agent sees it
    EXPECT_EQ(best("要求赔偿误工费", strict), "lost-earnings"); // unscoped entries stay
}

TEST(TextTerms, LatinWordsMatchByPrefixBothWays) {
    Terms entry{"installation", "warranty"};
    EXPECT_DOUBLE_EQ(term_match("warranty", entry), 1.0);
    EXPECT_DOUBLE_EQ(term_match("install", entry), 0.7);
    EXPECT_DOUBLE_EQ(term_match("ins", entry), 0.0); // too short to be a prefix
    EXPECT_DOUBLE_EQ(term_match("warranties", Terms{"warrant"}), 0.7);
    EXPECT_DOUBLE_EQ(term_match("安装", entry), 0.0);
}

TEST(CatalogSearch, ChineseExactKeyword) {
    EXPECT_EQ(best("上门安装"), "standard-install");
    EXPECT_EQ(best("延保"), "extended-warranty");
    EXPECT_EQ(best("移机"), "relocation-install");
}

TEST(CatalogSearch, ChineseAskInsideALongComplaint) {
    EXPECT_EQ(best("空调坏了等了三天，要求你们赔偿我的误工费和交通费"), "lost-earnings");
    EXPECT_EQ(best("我家在乡下，师傅说区域外不上门"), "out-of-area-visit");
    EXPECT_EQ(best("机器刚过了保修期就坏了，希望免费修"), "out-of-warranty-free");
}

TEST(CatalogSearch, ChinesePartialWords) {
    // "安装" is a keyword's part ("上门安装") and a keyword of its own.
    EXPECT_EQ(best("安装"), "standard-install");
    // "清洗" alone finds the deep cleaning offer.
    EXPECT_EQ(best("清洗一下"), "deep-cleaning");
}

TEST(CatalogSearch, EnglishExactAndPartial) {
    EXPECT_EQ(best("I want an extended warranty"), "extended-warranty");
    EXPECT_EQ(best("Can you install it?"), "standard-install");
    EXPECT_EQ(best("please compensate my lost earnings and travel costs"), "lost-earnings");
    EXPECT_EQ(best("weekend"), "weekend-visit");
}

TEST(CatalogSearch, NothingMatchesUnrelatedAsks) {
    EXPECT_TRUE(ids("今天天气很好").empty());
    EXPECT_TRUE(ids("what is the weather like").empty());
    EXPECT_TRUE(ids("").empty());
    EXPECT_TRUE(ids("！？。").empty());
}

TEST(CatalogSearch, ResultsAreRankedBestFirstAndLimited) {
    auto all = search(h2(), "维修 保修 付费维修 过保", Scope{}, 0.2, 50);
    ASSERT_GE(all.size(), 2u);
    for (std::size_t i = 1; i < all.size(); ++i)
        EXPECT_GE(all[i - 1].score, all[i].score);
    EXPECT_LE(search(h2(), "维修 保修 付费维修 过保", Scope{}, 0.2, 2).size(), 2u);
}

TEST(CatalogSearch, CustomerTierScopesAnEntry) {
    EXPECT_EQ(best("专属工程师", {"", "", "key"}), "dedicated-engineer");
    EXPECT_NE(best("专属工程师", {"", "", "standard"}), "dedicated-engineer");
    EXPECT_EQ(best("专属工程师"), "dedicated-engineer"); // no tier given: not filtered
}

TEST(CatalogSearch, ProductLineScopesAnEntry) {
    EXPECT_EQ(best("移机", {"", "air-conditioner", ""}), "relocation-install");
    EXPECT_NE(best("移机", {"", "refrigerator", ""}), "relocation-install");
}

TEST(CatalogSearch, EveryEntryIsFoundByItsOwnTitle) {
    for (const auto& e : h2().entries) {
        EXPECT_EQ(best(e.title.at("zh"), {"", "", "key"}), e.id) << e.title.at("zh");
        EXPECT_EQ(best(e.title.at("en"), {"", "", "key"}), e.id) << e.title.at("en");
    }
}
