// The staff intake library shared by the desk and phone plugins: strict JSON
// bodies, instants, UTF-8, the registration form, and host errors as HTTP.
#include "staff_intake/http_reply.hpp"
#include "staff_intake/json_reader.hpp"
#include "staff_intake/registration_form.hpp"
#include "staff_intake/time_input.hpp"
#include "staff_intake/utf8.hpp"

#include <gtest/gtest.h>
#include <string>

using namespace redress::intake;

namespace {

// Runs f, expecting a RequestError; returns it for the caller to inspect.
template <class F>
RequestError error_of(F&& f) {
    try {
        f();
    } catch (const RequestError& e) {
        return e;
    }
    ADD_FAILURE() << "expected a RequestError";
    return RequestError(0, "", "");
}

RegistrationForm form_of(const std::string& json) {
    JsonReader body(parse_body(json, 65536));
    RegistrationForm f = read_registration_form(body);
    body.finish();
    return f;
}

const std::string minimal =
    R"({"department":"after-sales","cause":"漏水","customer":{"contact":"王先生","phone":"+86 21 5555 0101"}})";

} // namespace

TEST(Utf8, AcceptsWellFormedTextIncludingChineseAndFourByteCharacters) {
    EXPECT_TRUE(valid_utf8(""));
    EXPECT_TRUE(valid_utf8("plain ascii"));
    EXPECT_TRUE(valid_utf8("洗衣机漏水"));
    EXPECT_TRUE(valid_utf8("\xF0\x9F\x98\x80"));             // U+1F600
    EXPECT_TRUE(valid_utf8(std::string(10000, 'a') + "中")); // past iconv's buffer
}

TEST(Utf8, RefusesOverlongsSurrogatesTruncationAndStrayBytes) {
    EXPECT_FALSE(valid_utf8("\xC0\xAF"));         // overlong '/'
    EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));     // U+D800, a surrogate
    EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80")); // past U+10FFFF
    EXPECT_FALSE(valid_utf8("\xE4\xB8"));         // truncated 中
    EXPECT_FALSE(valid_utf8("abc\xFF"));
    EXPECT_FALSE(valid_utf8("\x80"));
}

TEST(TimeInput, ParsesIso8601WithZoneToUtcMilliseconds) {
    EXPECT_EQ(parse_iso8601("2026-11-23T09:30:00Z"), 1795426200000);
    EXPECT_EQ(parse_iso8601("2026-11-23T17:30:00+08:00"), 1795426200000);
    EXPECT_EQ(parse_iso8601("2026-11-23T09:30:00.250Z"), 1795426200250);
    EXPECT_EQ(parse_iso8601("2026-11-23T04:00:00-05:30"), 1795426200000);
    EXPECT_EQ(format_iso8601(1795426200250), "2026-11-23T09:30:00.250Z");
}

TEST(TimeInput, RefusesAmbiguousImpossibleAndImplausibleTimes) {
    EXPECT_FALSE(parse_iso8601("2026-11-23T09:30:00"));  // no zone
    EXPECT_FALSE(parse_iso8601("2026-11-23"));           // no time
    EXPECT_FALSE(parse_iso8601("2026-02-30T09:30:00Z")); // no such day
    EXPECT_FALSE(parse_iso8601("2026-11-23T25:00:00Z"));
    EXPECT_FALSE(parse_iso8601("2026-11-23T09:61:00Z"));
    EXPECT_FALSE(parse_iso8601("1999-12-31T23:59:59Z")); // before 2000
    EXPECT_FALSE(parse_iso8601("2100-01-01T00:00:00Z"));
    EXPECT_FALSE(parse_iso8601("2026-11-23T09:30:00+25:00"));
    EXPECT_FALSE(parse_iso8601("yesterday"));
    EXPECT_FALSE(parse_iso8601(std::string(100, '2')));
}

TEST(JsonReader, ReadsTimesAsTextOrMilliseconds) {
    JsonReader r(parse_body(
        R"({"a":"2026-11-23T09:30:00Z","b":1795426200000,"c":1795426200,"d":"soon","e":true})",
        1000));
    EXPECT_EQ(r.time("a", true), 1795426200000);
    EXPECT_EQ(r.time("b", true), 1795426200000);
    auto seconds = error_of([&] { r.time("c", true); }); // seconds, not milliseconds
    EXPECT_EQ(seconds.http_status(), 422);
    EXPECT_EQ(seconds.field(), "c");
    EXPECT_EQ(error_of([&] { r.time("d", true); }).field(), "d");
    EXPECT_EQ(error_of([&] { r.time("e", true); }).field(), "e");
}

TEST(JsonReader, RefusesBodiesThatAreNotOneJsonObject) {
    EXPECT_EQ(error_of([] { parse_body("", 100); }).code(), "malformed_json");
    EXPECT_EQ(error_of([] { parse_body("  \n", 100); }).code(), "malformed_json");
    EXPECT_EQ(error_of([] { parse_body("[1,2]", 100); }).code(), "malformed_json");
    EXPECT_EQ(error_of([] { parse_body("\"x\"", 100); }).code(), "malformed_json");
    EXPECT_EQ(error_of([] { parse_body(R"({"a":1)", 100); }).http_status(), 400);
    EXPECT_EQ(error_of([] { parse_body("{\"a\":\"\xff\"}", 100); }).code(), "invalid_utf8");
    auto nul = error_of([] { parse_body(R"({"a":"x\u0000y"})", 100); });
    EXPECT_EQ(nul.http_status(), 400);
    EXPECT_NE(std::string(nul.what()).find("Null bytes"), std::string::npos) << nul.what();
    auto big = error_of([] { parse_body(std::string(101, ' '), 100); });
    EXPECT_EQ(big.http_status(), 413);
    EXPECT_NE(std::string(big.what()).find("at most 100"), std::string::npos);
}

TEST(JsonReader, RefusesHostileNestingWithoutExhaustingTheStack) {
    std::string deep = R"({"a":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
    EXPECT_EQ(error_of([&] { parse_body(deep, 1 << 20); }).http_status(), 400);
}

TEST(JsonReader, NamesTheFieldOfEveryTypeAndSizeError) {
    JsonReader r(parse_body(
        R"({"s":5,"long":"abcdef","n":"5","f":1.5,"big":99,"ctl":"a\u0001b","blank":"  ","o":{"x":1}})",
        1000));
    EXPECT_EQ(error_of([&] { r.string("s", true, 10); }).field(), "s");
    auto too_long = error_of([&] { r.string("long", true, 5); });
    EXPECT_EQ(too_long.field(), "long");
    EXPECT_NE(std::string(too_long.what()).find("longer than 5 bytes"), std::string::npos);
    EXPECT_EQ(error_of([&] { r.integer("n", true, 0, 10); }).field(), "n");
    EXPECT_EQ(error_of([&] { r.integer("f", true, 0, 10); }).field(), "f");
    EXPECT_EQ(error_of([&] { r.integer("big", true, 0, 10); }).field(), "big");
    EXPECT_EQ(error_of([&] { r.string("ctl", true, 10); }).field(), "ctl");
    auto blank = error_of([&] { r.string("blank", true, 10); });
    EXPECT_EQ(blank.code(), "missing_field");
    auto missing = error_of([&] { r.string("absent", true, 10); });
    EXPECT_EQ(missing.code(), "missing_field");
    EXPECT_EQ(missing.field(), "absent");
    auto o = r.object("o", true);
    auto nested = error_of([&] { o->string("x", true, 10); });
    EXPECT_EQ(nested.field(), "o.x");
}

TEST(JsonReader, FinishRefusesFieldsNobodyRead) {
    JsonReader r(parse_body(R"({"known":"a","costomer":{}})", 1000));
    r.string("known", true, 10);
    auto e = error_of([&] { r.finish(); });
    EXPECT_EQ(e.code(), "unknown_field");
    EXPECT_EQ(e.field(), "costomer");
    EXPECT_NE(std::string(e.what()).find("expected: known"), std::string::npos);
}

TEST(RegistrationForm, ReadsEveryFieldOfTheForm) {
    auto f = form_of(
        R"({"department":"after-sales","category":"quality","severity":"high","cause":" 洗衣机漏水 ",)"
        R"("request":"换一台新的","owner":"agent-li",)"
        R"("customer":{"company":"华东贸易公司","contact":"王先生","address":"上海","phone":"+86 21 5555 0101","email":"w@example.cn","type":"agitated"},)"
        R"("product":{"name":"滚筒洗衣机 X7","spec":"X7-10kg","production_date":"2026-07-01","batch":"B-2026-07","used_at":"2026-11-20","symptoms":"漏水","previous_brand":"海尔"},)"
        R"("loss":{"amount_minor":129900,"currency":"CNY"}})");
    EXPECT_EQ(f.department, "after-sales");
    EXPECT_EQ(f.cause, "洗衣机漏水"); // trimmed
    EXPECT_EQ(f.severity, "high");
    EXPECT_EQ(f.customer.type, "agitated");
    EXPECT_EQ(f.customer.email, "w@example.cn");
    ASSERT_TRUE(f.product);
    EXPECT_EQ(f.product->previous_brand, "海尔");
    ASSERT_TRUE(f.loss);
    EXPECT_EQ(f.loss->amount_minor, 129900);
    EXPECT_EQ(f.owner, "agent-li");
}

TEST(RegistrationForm, LeavesOptionalPartsOut) {
    auto f = form_of(minimal);
    EXPECT_FALSE(f.product);
    EXPECT_FALSE(f.loss);
    EXPECT_EQ(f.owner, "");
    EXPECT_EQ(f.severity, "");
}

TEST(RegistrationForm, RefusesARecorderInTheBody) {
    auto e = error_of([] {
        form_of(
            R"({"recorder":"someone-else","department":"after-sales","cause":"x","customer":{"contact":"王"}})");
    });
    EXPECT_EQ(e.http_status(), 422);
    EXPECT_EQ(e.field(), "recorder");
}

TEST(RegistrationForm, NamesTheWrongFieldByItsFullPath) {
    auto field_of = [](const std::string& json) {
        return error_of([&] { form_of(json); }).field();
    };
    EXPECT_EQ(field_of(R"({"cause":"x","customer":{"contact":"王"}})"), "department");
    EXPECT_EQ(field_of(R"({"department":"after-sales","customer":{"contact":"王"}})"), "cause");
    EXPECT_EQ(field_of(R"({"department":"after-sales","cause":"x"})"), "customer");
    EXPECT_EQ(
        field_of(R"({"department":"after-sales","cause":"x","severity":"urgent","customer":{}})"),
        "severity");
    EXPECT_EQ(field_of(R"({"department":"after-sales","cause":"x","customer":{"type":"angry"}})"),
              "customer.type");
    EXPECT_EQ(field_of(R"({"department":"after-sales","cause":"x","customer":{"fone":"1"}})"),
              "customer.fone");
    EXPECT_EQ(
        field_of(
            R"({"department":"after-sales","cause":"x","customer":{},"loss":{"amount_minor":-1,"currency":"CNY"}})"),
        "loss.amount_minor");
    EXPECT_EQ(
        field_of(
            R"({"department":"after-sales","cause":"x","customer":{},"loss":{"amount_minor":1,"currency":"yuan"}})"),
        "loss.currency");
    EXPECT_EQ(
        field_of(R"({"department":"after-sales","cause":"x","customer":{},"product":{"batch":7}})"),
        "product.batch");
    EXPECT_EQ(
        field_of(R"({"department":"after-sales","cause":"x","customer":{},"received_at":"now"})"),
        "received_at");
    EXPECT_EQ(field_of(R"({"department":"after-sales","cause":")" + std::string(4001, 'x') +
                       R"(","customer":{}})"),
              "cause");
}

TEST(HostErrors, MapToHttpStatusesKeepingTheHostsMessage) {
    auto invalid = from_host_error(redress::Error(
        REDRESS_E_INVALID, "customer.phone: a way to reach the customer is required"));
    EXPECT_EQ(invalid.http_status(), 422);
    EXPECT_EQ(invalid.field(), "customer.phone");
    EXPECT_EQ(std::string(invalid.what()),
              "customer.phone: a way to reach the customer is required");

    auto refused = from_host_error(redress::Error(REDRESS_E_REFUSED, "channel disabled"),
                                   {"after-sales", "phone"});
    EXPECT_EQ(refused.http_status(), 403);
    std::string message = refused.what();
    EXPECT_NE(message.find("after-sales"), std::string::npos) << message;
    EXPECT_NE(message.find("phone"), std::string::npos) << message;
    EXPECT_NE(message.find("channel disabled"), std::string::npos) << message;

    EXPECT_EQ(from_host_error(redress::Error(REDRESS_E_NOT_FOUND, "no AS-1")).http_status(), 404);
    EXPECT_EQ(from_host_error(redress::Error(REDRESS_E_UNAVAILABLE, "db down")).http_status(), 503);
    EXPECT_EQ(from_host_error(redress::Error(REDRESS_E_INTERNAL, "bug")).http_status(), 500);
}
