// Reading and checking the web form's fields: both encodings, every rule, and
// the conversion of an amount into minor units.
#include "form_fields.hpp"
#include "submit_request.hpp"

#include <gtest/gtest.h>

using namespace redress::web;
using Kind = FieldProblem::Kind;

namespace {

FormValues good() {
    return {
        {"cause", "洗衣机漏水"}, {"customer_contact", "王先生"}, {"customer_phone", "13800138000"}};
}

Kind kind_at(const FieldErrors& errors, const std::string& field) {
    auto it = errors.find(field);
    if (it == errors.end())
        throw std::runtime_error("no problem reported at " + field);
    return it->second.kind;
}

} // namespace

TEST(WebFormParsing, DecodesUrlEncodedChineseAndPlusAsSpace) {
    auto f = parse_urlencoded("cause=%E6%B4%97%E8%A1%A3%E6%9C%BA+leaks&customer_contact=Tom+Li"
                              "&customer_email=a%40b.cn&form_token=abc");
    EXPECT_TRUE(f.errors.empty());
    EXPECT_EQ(f.values.at("cause"), "洗衣机 leaks");
    EXPECT_EQ(f.values.at("customer_contact"), "Tom Li");
    EXPECT_EQ(f.values.at("customer_email"), "a@b.cn");
    EXPECT_EQ(f.values.at("form_token"), "abc");
}

TEST(WebFormParsing, TrimsSurroundingWhitespace) {
    auto f = parse_urlencoded("cause=++broken%0A+&customer_contact=%09Li");
    EXPECT_EQ(f.values.at("cause"), "broken");
    EXPECT_EQ(f.values.at("customer_contact"), "Li");
}

TEST(WebFormParsing, BadPercentEncodingIsAMalformedBodyNamingTheProblem) {
    try {
        parse_urlencoded("cause=%E6%B4%ZZ");
        FAIL() << "accepted a bad escape";
    } catch (const MalformedBody& e) {
        EXPECT_NE(std::string(e.what()).find("x-www-form-urlencoded"), std::string::npos)
            << e.what();
    }
}

TEST(WebFormParsing, ReportsUnknownAndRepeatedFieldsByName) {
    auto f = parse_urlencoded("cause=a&cause=b&colour=red");
    EXPECT_EQ(kind_at(f.errors, "cause"), Kind::Repeated);
    EXPECT_EQ(kind_at(f.errors, "colour"), Kind::Unknown);
    EXPECT_EQ(f.values.at("cause"), "a"); // the first value is kept and re-shown
}

TEST(WebFormParsing, ReadsJsonObjectsOfStringsAndANumericAmount) {
    auto f = parse_json(R"({"cause":"漏水","loss_amount":1299.5,"customer_phone":null,)"
                        R"("form_token":"0123456789abcdef"})");
    EXPECT_TRUE(f.errors.empty());
    EXPECT_EQ(f.values.at("cause"), "漏水");
    EXPECT_EQ(f.values.at("loss_amount"), "1299.5");
    EXPECT_FALSE(f.values.count("customer_phone")); // null is as if absent
}

TEST(WebFormParsing, JsonNonStringsAndUnknownKeysAreFieldProblems) {
    auto f = parse_json(R"({"cause":42,"customer":{"phone":"1"},"website":["x"]})");
    EXPECT_EQ(kind_at(f.errors, "cause"), Kind::NotText);
    EXPECT_EQ(kind_at(f.errors, "customer"), Kind::Unknown);
    EXPECT_EQ(kind_at(f.errors, "website"), Kind::NotText);
}

TEST(WebFormParsing, JsonThatIsNotAnObjectIsMalformed) {
    EXPECT_THROW(parse_json("[1,2]"), MalformedBody);
    EXPECT_THROW(parse_json("{\"cause\":"), MalformedBody);
    EXPECT_THROW(parse_json(""), MalformedBody);
}

TEST(WebFormValidation, AcceptsAMinimalComplaint) {
    EXPECT_TRUE(validate(good(), "CNY").empty());
}

TEST(WebFormValidation, CauseIsRequired) {
    auto v = good();
    v.erase("cause");
    EXPECT_EQ(kind_at(validate(v, "CNY"), "cause"), Kind::Required);
    v["cause"] = "";
    EXPECT_EQ(kind_at(validate(v, "CNY"), "cause"), Kind::Required);
}

TEST(WebFormValidation, NeedsAWayToReachTheCustomerAndAName) {
    FormValues v{{"cause", "x"}};
    auto errors = validate(v, "CNY");
    EXPECT_EQ(kind_at(errors, "customer_phone"), Kind::NoContact);
    EXPECT_EQ(kind_at(errors, "customer_contact"), Kind::NoName);
    v["customer_address"] = "上海市徐汇区";
    v["customer_company"] = "华东贸易";
    EXPECT_TRUE(validate(v, "CNY").empty());
}

TEST(WebFormValidation, LimitsAreUtf8BytesAndTheMessageSaysSo) {
    auto v = good();
    v["customer_contact"] = std::string(67 * 3, 'a'); // 201 bytes
    auto errors = validate(v, "CNY");
    ASSERT_EQ(kind_at(errors, "customer_contact"), Kind::TooLong);
    EXPECT_EQ(errors.at("customer_contact").limit, 200u);
    EXPECT_EQ(errors.at("customer_contact").actual, 201u);
    std::string chinese;
    for (int i = 0; i < 66; ++i)
        chinese += "王"; // 198 bytes: fits
    v["customer_contact"] = chinese;
    EXPECT_TRUE(validate(v, "CNY").empty());
    v["cause"] = std::string(4001, 'x');
    EXPECT_EQ(kind_at(validate(v, "CNY"), "cause"), Kind::TooLong);
}

TEST(WebFormValidation, RefusesInvalidUtf8) {
    auto v = good();
    v["cause"] = "abc\xC3\x28";
    EXPECT_EQ(kind_at(validate(v, "CNY"), "cause"), Kind::NotUtf8);
    v["cause"] = "\xED\xA0\x80"; // a UTF-16 surrogate encoded as UTF-8
    EXPECT_EQ(kind_at(validate(v, "CNY"), "cause"), Kind::NotUtf8);
    v["cause"] = "\xC0\xAF"; // overlong '/'
    EXPECT_EQ(kind_at(validate(v, "CNY"), "cause"), Kind::NotUtf8);
    EXPECT_TRUE(valid_utf8("投诉 ✓ 𝄞"));
}

TEST(WebFormValidation, ChecksTheShapeOfEmailPhoneAndDate) {
    auto v = good();
    v["customer_email"] = "not-an-address";
    v["customer_phone"] = "call me";
    v["product_production_date"] = "2026-02-30";
    auto errors = validate(v, "CNY");
    EXPECT_EQ(kind_at(errors, "customer_email"), Kind::BadEmail);
    EXPECT_EQ(kind_at(errors, "customer_phone"), Kind::BadPhone);
    EXPECT_EQ(kind_at(errors, "product_production_date"), Kind::BadDate);
    v["customer_email"] = "wang.jg@hengyuan.cn";
    v["customer_phone"] = "+86 (21) 6234-1188";
    v["product_production_date"] = "2024-02-29";
    EXPECT_TRUE(validate(v, "CNY").empty());
    v["customer_phone"] = "1234"; // too few digits
    EXPECT_EQ(kind_at(validate(v, "CNY"), "customer_phone"), Kind::BadPhone);
}

TEST(WebFormValidation, CategoryMustBeOneOfTheList) {
    auto v = good();
    v["category"] = "quality";
    EXPECT_TRUE(validate(v, "CNY").empty());
    v["category"] = "<script>";
    EXPECT_EQ(kind_at(validate(v, "CNY"), "category"), Kind::BadCategory);
}

TEST(WebFormValidation, AmountDecimalsFollowTheCurrency) {
    auto v = good();
    v["loss_amount"] = "1299.50";
    EXPECT_TRUE(validate(v, "CNY").empty());
    v["loss_currency"] = "JPY";
    EXPECT_EQ(kind_at(validate(v, "CNY"), "loss_amount"), Kind::BadAmount);
    v["loss_amount"] = "-5";
    v["loss_currency"] = "CNY";
    EXPECT_EQ(kind_at(validate(v, "CNY"), "loss_amount"), Kind::BadAmount);
    v["loss_amount"] = "5";
    v["loss_currency"] = "cny";
    EXPECT_EQ(kind_at(validate(v, "CNY"), "loss_currency"), Kind::BadCurrency);
}

TEST(WebFormAmounts, ConvertToMinorUnits) {
    EXPECT_EQ(parse_amount_minor("1299.5", "CNY"), 129950);
    EXPECT_EQ(parse_amount_minor("1299", "CNY"), 129900);
    EXPECT_EQ(parse_amount_minor("0.07", "USD"), 7);
    EXPECT_EQ(parse_amount_minor("1500", "JPY"), 1500);
    EXPECT_EQ(parse_amount_minor("10000000000", "CNY"), 1'000'000'000'000);
    EXPECT_FALSE(parse_amount_minor("10000000000.01", "CNY")); // over the host's ceiling
    EXPECT_FALSE(parse_amount_minor("1,299.00", "CNY"));
    EXPECT_FALSE(parse_amount_minor("1.234", "CNY"));
    EXPECT_FALSE(parse_amount_minor("1.5", "JPY"));
    EXPECT_FALSE(parse_amount_minor("", "CNY"));
    EXPECT_FALSE(parse_amount_minor("1e3", "CNY"));
}

TEST(WebFormHostErrors, MapTheHostsFieldPathToTheFormField) {
    auto [field, problem] = host_problem("customer.email: not an address");
    EXPECT_EQ(field, "customer_email");
    EXPECT_EQ(problem.kind, Kind::Host);
    EXPECT_EQ(problem.detail, "not an address");
    EXPECT_EQ(host_problem("loss.amount_minor: too large").first, "loss_amount");
    auto [other, p2] = host_problem("something else went wrong");
    EXPECT_EQ(other, "form");
    EXPECT_EQ(p2.detail, "something else went wrong");
}
