// POST /desk/complaints bodies: the channel, its channel_data, the recorder rule.
#include "desk_channels.hpp"
#include "desk_request.hpp"

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

using namespace redress::desk;
using redress::intake::RequestError;

namespace {

std::string body(const std::string& channel, const std::string& data,
                 const std::string& extra = "") {
    return R"({"department":"after-sales","channel":")" + channel +
           R"(","cause":"门店演示机漏水","customer":{"contact":"李女士","phone":"138 0000 0000"},)"
           R"("channel_data":)" +
           data + extra + "}";
}

RequestError error_of(const std::string& json) {
    try {
        read_desk_complaint(json, 65536);
    } catch (const RequestError& e) {
        return e;
    }
    ADD_FAILURE() << "accepted: " << json;
    return RequestError(0, "", "");
}

std::int64_t int_value(const DeskComplaint& c, const std::string& name) {
    for (const auto& v : c.channel_data)
        if (v.name == name)
            return std::get<std::int64_t>(v.value);
    ADD_FAILURE() << "no " << name;
    return 0;
}

std::string text_value(const DeskComplaint& c, const std::string& name) {
    for (const auto& v : c.channel_data)
        if (v.name == name)
            return std::get<std::string>(v.value);
    ADD_FAILURE() << "no " << name;
    return "";
}

} // namespace

TEST(DeskRequest, ReadsAVisitKeepingItsTimeInChannelData) {
    auto c = read_desk_complaint(
        body("visit", R"({"location":"徐汇门店","visited_at":"2026-11-23T10:00:00+08:00"})"),
        65536);
    EXPECT_EQ(c.channel->name, "visit");
    EXPECT_EQ(text_value(c, "location"), "徐汇门店");
    EXPECT_EQ(int_value(c, "visited_at"), 1795399200000);
}

TEST(DeskRequest, ALettersArrivalIsChannelDataTheFormHasNoReceivedAt) {
    auto c = read_desk_complaint(
        body("letter",
             R"({"received_at":"2026-11-23T10:00:00+08:00","sender_address":"北京市朝阳区"})"),
        65536);
    EXPECT_EQ(int_value(c, "received_at"), 1795399200000);
    // the host times receipt itself: a received_at beside the form is an unknown field
    EXPECT_EQ(error_of(body("letter", R"({"received_at":1795399200000,"sender_address":"北京"})",
                            R"(,"received_at":"2026-11-24T00:00:00Z")"))
                  .field(),
              "received_at");
}

TEST(DeskRequest, ReadsFaxAndSalesRep) {
    auto fax =
        read_desk_complaint(body("fax", R"({"fax_number":"+86 21 6666 0000","pages":3})"), 65536);
    EXPECT_EQ(int_value(fax, "pages"), 3);
    auto rep = read_desk_complaint(body("sales_rep", R"({"representative":"赵经理"})"), 65536);
    EXPECT_EQ(text_value(rep, "representative"), "赵经理");
}

TEST(DeskRequest, RefusesAChannelThatIsNotADeskChannel) {
    auto e = error_of(body("phone", "{}"));
    EXPECT_EQ(e.field(), "channel");
    EXPECT_NE(std::string(e.what()).find("visit, fax, letter, sales_rep"), std::string::npos);
    EXPECT_EQ(error_of(body("", "{}")).field(), "channel");
}

TEST(DeskRequest, ChecksChannelDataAgainstItsChannel) {
    EXPECT_EQ(error_of(body("visit", R"({"location":"徐汇门店"})")).field(),
              "channel_data.visited_at");
    EXPECT_EQ(error_of(body("fax", R"({"fax_number":"1","pages":0})")).field(),
              "channel_data.pages");
    EXPECT_EQ(error_of(body("fax", R"({"fax_number":"1","pages":"3"})")).field(),
              "channel_data.pages");
    EXPECT_EQ(
        error_of(body("letter", R"({"received_at":"2026-11-23","sender_address":"x"})")).field(),
        "channel_data.received_at");
    // a visit's field on a sales rep's complaint is not silently kept
    EXPECT_EQ(error_of(body("sales_rep", R"({"representative":"赵","location":"x"})")).field(),
              "channel_data.location");
    EXPECT_EQ(error_of(body("sales_rep", "[]")).field(), "channel_data");
    EXPECT_EQ(error_of(R"({"department":"after-sales","channel":"fax","cause":"x","customer":{}})")
                  .field(),
              "channel_data");
}

TEST(DeskRequest, RefusesARecorderAndUnknownFields) {
    auto recorder =
        error_of(body("sales_rep", R"({"representative":"赵"})", R"(,"recorder":"someone-else")"));
    EXPECT_EQ(recorder.http_status(), 422);
    EXPECT_EQ(recorder.field(), "recorder");
    EXPECT_EQ(
        error_of(body("sales_rep", R"({"representative":"赵"})", R"(,"handler":"x")")).field(),
        "handler");
}

TEST(DeskRequest, RefusesOversizeAndMalformedBodies) {
    std::string huge =
        body("sales_rep", R"({"representative":")" + std::string(70000, 'x') + R"("})");
    try {
        read_desk_complaint(huge, 65536);
        FAIL();
    } catch (const RequestError& e) {
        EXPECT_EQ(e.http_status(), 413);
    }
    EXPECT_EQ(error_of("{\"channel\":").http_status(), 400);
    EXPECT_EQ(
        error_of(body("sales_rep", R"({"representative":")" + std::string(101, 'x') + R"("})"))
            .field(),
        "channel_data.representative");
}

TEST(DeskChannels, DescribesEveryChannelAndItsFields) {
    auto d = describe_desk_channels();
    auto channels = d->getArray("channels");
    ASSERT_EQ(channels->size(), 4u);
    std::vector<std::string> names;
    for (unsigned i = 0; i < channels->size(); ++i)
        names.push_back(channels->getObject(i)->getValue<std::string>("name"));
    EXPECT_EQ(names, (std::vector<std::string>{"visit", "fax", "letter", "sales_rep"}));
    auto fax_fields = channels->getObject(1)->getArray("fields");
    ASSERT_EQ(fax_fields->size(), 2u);
    EXPECT_EQ(fax_fields->getObject(1)->getValue<std::string>("name"), "pages");
    EXPECT_EQ(fax_fields->getObject(1)->getValue<std::string>("type"), "count");
    EXPECT_EQ(fax_fields->getObject(1)->getValue<int>("max"), 500);
    EXPECT_EQ(
        channels->getObject(2)->getArray("fields")->getObject(0)->getValue<std::string>("type"),
        "time");
}
