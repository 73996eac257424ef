// The HTTP layer in process: routing, path parameters, body limits, and that
// every failure becomes a JSON error while the server keeps serving.
#include "../test_support.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <gtest/gtest.h>
#include <redress/core/http/api_server.hpp>
#include <sstream>

using namespace redress::core;
using namespace redress::core::http;
using Poco::Net::HTTPResponse;

namespace {

struct Reply {
    int status;
    std::string body;
    std::string allow;
};

class ApiServerTest : public ::testing::Test {
protected:
    void SetUp() override {
        router_.add("POST", "/echo", [](HttpContext& c) {
            c.send_text(HTTPResponse::HTTP_OK, "text/plain", c.body());
        });
        router_.add("GET", "/items/{id}/notes/{note}", [](HttpContext& c) {
            c.send_text(HTTPResponse::HTTP_OK, "text/plain", c.param("id") + "|" + c.param("note"));
        });
        router_.add("GET", "/boom",
                    [](HttpContext&) -> void { throw std::runtime_error("secret detail"); });
        router_.add("GET", "/invalid", [](HttpContext&) -> void {
            throw HttpError(HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, "invalid_field",
                            "phone is not a number", "customer.phone");
        });
        ServerConfig config;
        config.port = 0;
        config.threads = 4;
        config.max_body_bytes = 1024;
        server_ = std::make_unique<ApiServer>(config, router_, redress::test::quiet_logger());
        server_->start();
    }

    Reply call(const std::string& method, const std::string& path, const std::string& body = {},
               bool chunked = false) {
        Poco::Net::HTTPClientSession s("127.0.0.1", static_cast<Poco::UInt16>(server_->port()));
        Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        if (chunked)
            req.setChunkedTransferEncoding(true);
        else if (!body.empty())
            req.setContentLength(static_cast<std::streamsize>(body.size()));
        try {
            s.sendRequest(req) << body;
        } catch (const Poco::Exception&) {
            // The server may answer and close before the whole body is sent.
        }
        HTTPResponse resp;
        std::stringstream out;
        out << s.receiveResponse(resp).rdbuf();
        return {static_cast<int>(resp.getStatus()), out.str(), resp.get("Allow", "")};
    }

    static std::string code(const std::string& body) {
        auto o = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
        return o->getObject("error")->getValue<std::string>("code");
    }

    Router router_;
    std::unique_ptr<ApiServer> server_;
};

} // namespace

TEST_F(ApiServerTest, EchoesABodyWithinTheLimit) {
    auto r = call("POST", "/echo", "投诉内容");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "投诉内容");
}

TEST_F(ApiServerTest, RefusesADeclaredOversizeBodyWith413) {
    auto r = call("POST", "/echo", std::string(4096, 'x'));
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(code(r.body), "body_too_large");
    EXPECT_EQ(call("POST", "/echo", "ok").status, 200);
}

TEST_F(ApiServerTest, RefusesAChunkedOversizeBodyWith413) {
    auto r = call("POST", "/echo", std::string(4096, 'x'), true);
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(code(r.body), "body_too_large");
}

TEST_F(ApiServerTest, DecodesPathParameters) {
    auto r = call("GET", "/items/%E4%B8%AD%E6%96%87/notes/a%20b");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "中文|a b");
}

TEST_F(ApiServerTest, UnknownPathIs404AndWrongMethodIs405WithAllow) {
    EXPECT_EQ(call("GET", "/items/1").status, 404);
    auto r = call("DELETE", "/echo");
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.allow, "POST");
    EXPECT_EQ(code(r.body), "method_not_allowed");
}

TEST_F(ApiServerTest, HandlerExceptionIs500WithoutLeakingDetailAndServingGoesOn) {
    auto r = call("GET", "/boom");
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(code(r.body), "internal");
    EXPECT_EQ(r.body.find("secret detail"), std::string::npos);
    EXPECT_EQ(call("POST", "/echo", "still here").body, "still here");
}

TEST_F(ApiServerTest, HttpErrorCarriesCodeMessageAndField) {
    auto r = call("GET", "/invalid");
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(
        r.body,
        R"({"error":{"code":"invalid_field","field":"customer.phone","message":"phone is not a number"}})");
}

TEST(Router, FirstMatchingRouteWinsAndAllowedMethodsAreCollected) {
    Router r;
    int hit = 0;
    r.add("GET", "/a/{x}", [&](HttpContext&) { hit = 1; });
    r.add("GET", "/a/b", [&](HttpContext&) { hit = 2; });
    r.add("PUT", "/a/{y}", [&](HttpContext&) { hit = 3; });
    auto m = r.match("GET", "/a/b");
    ASSERT_TRUE(m.handler);
    EXPECT_EQ(m.params.at("x"), "b");
    EXPECT_EQ(m.route, "/a/{x}");
    auto none = r.match("POST", "/a/b");
    EXPECT_FALSE(none.handler);
    EXPECT_EQ(none.allowed, (std::vector<std::string>{"GET", "PUT"}));
    EXPECT_TRUE(r.match("GET", "//a//b/").handler); // empty segments ignored
    EXPECT_FALSE(r.match("GET", "/a/b/c").handler);
}
