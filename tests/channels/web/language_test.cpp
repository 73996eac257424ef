// How a request chooses between the form's Chinese and English.
#include "language.hpp"

#include <gtest/gtest.h>

using namespace redress::web;

TEST(WebLanguage, ChineseWhenNothingIsSaid) {
    EXPECT_EQ(choose_language(std::nullopt, std::nullopt), Lang::Zh);
    EXPECT_EQ(choose_language(std::nullopt, ""), Lang::Zh);
}

TEST(WebLanguage, AnExplicitChoiceWins) {
    EXPECT_EQ(choose_language("en", "zh-CN,zh;q=0.9"), Lang::En);
    EXPECT_EQ(choose_language("zh", "en-US"), Lang::Zh);
    EXPECT_EQ(choose_language("EN-gb", std::nullopt), Lang::En);
}

TEST(WebLanguage, AnUnknownExplicitChoiceFallsBackToTheHeader) {
    EXPECT_EQ(choose_language("fr", "en"), Lang::En);
    EXPECT_EQ(choose_language("", "en"), Lang::En);
}

TEST(WebLanguage, FollowsAcceptLanguageWeights) {
    EXPECT_EQ(choose_language(std::nullopt, "en-US,en;q=0.9"), Lang::En);
    EXPECT_EQ(choose_language(std::nullopt, "zh-CN,zh;q=0.9,en;q=0.8"), Lang::Zh);
    EXPECT_EQ(choose_language(std::nullopt, "zh;q=0.3, en;q=0.7"), Lang::En);
    EXPECT_EQ(choose_language(std::nullopt, "fr-FR, de;q=0.9, en;q=0.5"), Lang::En);
    EXPECT_EQ(choose_language(std::nullopt, "zh-Hant-TW"), Lang::Zh);
}

TEST(WebLanguage, QZeroMeansNotThisLanguage) {
    EXPECT_EQ(choose_language(std::nullopt, "en;q=0"), Lang::Zh);
}

TEST(WebLanguage, AMalformedHeaderContributesNothing) {
    EXPECT_EQ(choose_language(std::nullopt, ";;;,q=,en;q=abc"), Lang::Zh);
    EXPECT_EQ(choose_language(std::nullopt, "en;q=abc, en-GB;q=0.2"), Lang::En);
}

TEST(WebLanguage, CodesAreThoseOfTheLangParameter) {
    EXPECT_EQ(code(Lang::Zh), "zh");
    EXPECT_EQ(code(Lang::En), "en");
    EXPECT_EQ(parse_lang(code(Lang::En)), Lang::En);
}
