// Strict JSON input: what the reader refuses, whichever way the object came.
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>
#include <redress/core/api/json_input.hpp>

using namespace redress::core;
using namespace redress::core::api;

TEST(JsonInput, RefusesAStringThatIsNotUtf8EvenWhenTheObjectWasNotParsedFromBytes) {
    // A plugin's complaint.submit reaches complaint_from_json as an object
    // built from its record, never through parse_object's check of the body:
    // found by fuzz/mail_fuzz, whose raw 8-bit address would have been stored.
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("email", std::string("\xBF\xBF@example.net"));
    JsonReader r(o, "customer");
    try {
        r.string("email", false);
        FAIL() << "accepted bytes that are not UTF-8";
    } catch (const http::HttpError& e) {
        EXPECT_EQ(e.status(), Poco::Net::HTTPResponse::HTTP_UNPROCESSABLE_ENTITY);
        EXPECT_EQ(e.field(), "customer.email");
        EXPECT_STREQ(e.what(), "customer.email must be valid UTF-8");
    }
    o->set("email", std::string("王@例子.中国"));
    EXPECT_EQ(JsonReader(o).string("email", false), "王@例子.中国");
}

TEST(JsonInput, RefusesABodyThatIsNotUtf8OrHoldsALoneSurrogate) {
    EXPECT_THROW(parse_object("{\"a\": \"\xC4\xE3\"}"), http::HttpError);
    EXPECT_THROW(parse_object(R"({"a": "\ud800"})"), http::HttpError);
    EXPECT_NO_THROW(parse_object(R"({"a": "\u6f0f\ud83d\ude00"})"));
}
