// Escaping and the pages of the web form: everything a customer typed comes
// back as text, never as markup.
#include "form_page.hpp"
#include "form_token.hpp"
#include "html.hpp"
#include "messages.hpp"
#include "result_pages.hpp"

#include <gtest/gtest.h>
#include <regex>
#include <set>

using namespace redress::web;

namespace {

const std::string xss = R"(<script>alert("x")</script>&'")";

FormPage page_with(FormValues values, FieldErrors errors = {}, Lang lang = Lang::Zh) {
    FormPage p;
    p.lang = lang;
    p.action = "/intake/after-sales";
    p.department_id = "after-sales";
    p.department_name = "售后服务部";
    p.currency = "CNY";
    p.token = "0123456789abcdef0123456789abcdef";
    p.values = std::move(values);
    p.errors = std::move(errors);
    return p;
}

} // namespace

TEST(WebHtml, EscapesMarkupCharacters) {
    EXPECT_EQ(escape(R"(<a href="x">&</a>)"), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
    EXPECT_EQ(escape("王先生"), "王先生");
    EXPECT_EQ(escape(""), "");
}

TEST(WebHtml, DocumentsDeclareUtf8AndTheirLanguage) {
    std::string zh = document(Lang::Zh, "标题 <b>", "<p>x</p>");
    EXPECT_NE(zh.find("<meta charset=\"utf-8\">"), std::string::npos);
    EXPECT_NE(zh.find("<html lang=\"zh-CN\">"), std::string::npos);
    EXPECT_NE(zh.find("<title>标题 &lt;b&gt;</title>"), std::string::npos);
    EXPECT_EQ(zh.find("<script"), std::string::npos);
    EXPECT_NE(document(Lang::En, "t", "").find("<html lang=\"en\">"), std::string::npos);
}

TEST(WebFormPage, ShowsEveryFieldOfTheRegistrationFormAndTheHiddenOnes) {
    std::string html = render_form(page_with({}));
    for (const FieldSpec& f : form_fields())
        EXPECT_NE(html.find("name=\"" + std::string(f.name) + "\""), std::string::npos) << f.name;
    EXPECT_NE(
        html.find(
            R"(<input type="hidden" name="form_token" value="0123456789abcdef0123456789abcdef">)"),
        std::string::npos);
    EXPECT_NE(html.find(R"(<input type="hidden" name="lang" value="zh">)"), std::string::npos);
    // The honeypot sits in the off-screen wrapper, out of the tab order.
    EXPECT_NE(html.find(R"(<div class="hp" aria-hidden="true">)"), std::string::npos);
    EXPECT_NE(html.find(R"(name="website" tabindex="-1")"), std::string::npos);
    EXPECT_NE(html.find(R"(<form method="post" action="/intake/after-sales")"), std::string::npos);
    EXPECT_NE(html.find("售后服务部"), std::string::npos);
    EXPECT_NE(html.find(R"(<option value="CNY" selected>)"), std::string::npos);
    EXPECT_NE(html.find("<textarea id=\"f-cause\" name=\"cause\" required"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos); // works without JavaScript
}

TEST(WebFormPage, SpeaksTheChosenLanguage) {
    std::string zh = render_form(page_with({}, {}, Lang::Zh));
    std::string en = render_form(page_with({}, {}, Lang::En));
    EXPECT_NE(zh.find("投诉原因"), std::string::npos);
    EXPECT_NE(zh.find("提交投诉"), std::string::npos);
    EXPECT_NE(en.find("What happened"), std::string::npos);
    EXPECT_NE(en.find("Send complaint"), std::string::npos);
    EXPECT_EQ(en.find("投诉原因"), std::string::npos);
    EXPECT_NE(zh.find("href=\"/intake/after-sales?lang=en\""), std::string::npos);
    EXPECT_NE(en.find("href=\"/intake/after-sales?lang=zh\""), std::string::npos);
}

TEST(WebFormPage, ReShowsValuesEscapedWithTheirErrors) {
    FieldErrors errors{{"customer_email", FieldProblem(FieldProblem::Kind::BadEmail)},
                       {"cause", FieldProblem(FieldProblem::Kind::Host, 0, 0, xss)}};
    std::string html = render_form(page_with(
        {{"cause", xss}, {"customer_email", xss}, {"product_symptoms", "漏水\n<b>"}}, errors));
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_EQ(html.find("<b>"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;'&quot;</textarea>"),
              std::string::npos);
    EXPECT_NE(html.find("value=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;'&quot;\""),
              std::string::npos);
    EXPECT_NE(html.find("漏水\n&lt;b&gt;</textarea>"), std::string::npos);
    EXPECT_NE(html.find("id=\"f-customer_email-error\""), std::string::npos);
    EXPECT_NE(html.find("aria-invalid=\"true\""), std::string::npos);
    EXPECT_NE(html.find(describe(FieldProblem(FieldProblem::Kind::BadEmail), Lang::Zh)),
              std::string::npos);
    EXPECT_NE(html.find("class=\"summary\""), std::string::npos);
}

TEST(WebFormPage, AnUnofferedCurrencyIsKeptSelected) {
    std::string html = render_form(page_with({{"loss_currency", "XYZ\"><"}}));
    EXPECT_NE(html.find(R"(<option value="XYZ&quot;&gt;&lt;" selected>)"), std::string::npos);
}

TEST(WebFormPage, ProblemsWithHiddenFieldsAreListedInTheSummary) {
    FieldErrors errors{{"colour", FieldProblem(FieldProblem::Kind::Unknown)}};
    std::string html = render_form(page_with({}, errors, Lang::En));
    EXPECT_NE(html.find("<li>colour: The form has no such field.</li>"), std::string::npos);
}

TEST(WebReceipt, SaysTheNumberAndWhenWeWillReply) {
    Receipt r{"AS-2026-000042", "售后服务部", "2026-11-24 17:30", "Asia/Shanghai", true};
    std::string zh = render_receipt(Lang::Zh, r);
    EXPECT_NE(zh.find("AS-2026-000042"), std::string::npos);
    EXPECT_NE(zh.find("我们将在 2026-11-24 17:30 前答复您"), std::string::npos);
    std::string en = render_receipt(Lang::En, r);
    EXPECT_NE(en.find("We will reply by 2026-11-24 17:30"), std::string::npos);
    r.created = false;
    EXPECT_NE(render_receipt(Lang::En, r).find("already been sent"), std::string::npos);
}

TEST(WebMessages, EveryFieldHasALabelInBothLanguages) {
    for (const FieldSpec& f : form_fields()) {
        EXPECT_NE(label(f.name, Lang::Zh), f.name) << f.name;
        EXPECT_NE(label(f.name, Lang::En), f.name) << f.name;
    }
    for (std::string_view c : categories())
        EXPECT_NE(category_label(c, Lang::Zh), c);
}

TEST(WebMessages, TooLongSaysBytesLimitAndSize) {
    FieldProblem p(FieldProblem::Kind::TooLong, 200, 612);
    EXPECT_EQ(describe(p, Lang::En),
              "Too long: at most 200 bytes (about 66 Chinese characters); this has 612.");
}

TEST(WebFormToken, IsFreshHexAndAcceptable) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        std::string t = new_form_token();
        EXPECT_TRUE(std::regex_match(t, std::regex("^[0-9a-f]{32}$"))) << t;
        EXPECT_TRUE(acceptable_form_token(t));
        seen.insert(t);
    }
    EXPECT_EQ(seen.size(), 100u);
    EXPECT_FALSE(acceptable_form_token("short"));
    EXPECT_FALSE(acceptable_form_token("0123456789abcdef<script>"));
    EXPECT_FALSE(acceptable_form_token(std::string(65, 'a')));
}
