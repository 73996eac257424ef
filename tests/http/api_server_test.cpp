// The HTTP layer in process: routing, path parameters, body limits, and that
// every failure becomes a JSON error while the server keeps serving.
#include "../test_support.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>
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

TEST_F(ApiServerTest, AnUnreadBodyIsNeverParsedAsTheNextRequest) {
    // A GET whose body is itself a request: only one response may come back.
    std::string inner = "GET /items/x/notes/y HTTP/1.1\r\nHost: a\r\n\r\n";
    std::string outer = "GET /items/1/notes/2 HTTP/1.1\r\nHost: a\r\nContent-Length: " +
                        std::to_string(inner.size()) + "\r\n\r\n" + inner;
    Poco::Net::StreamSocket sock(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(server_->port())));
    sock.sendBytes(outer.data(), static_cast<int>(outer.size()));
    sock.setReceiveTimeout(Poco::Timespan(0, 500'000));
    std::string received;
    char buf[4096];
    try {
        for (int n; (n = sock.receiveBytes(buf, sizeof buf)) > 0;)
            received.append(buf, static_cast<std::size_t>(n));
    } catch (const Poco::TimeoutException&) {
    }
    std::size_t responses = 0;
    for (auto at = received.find("HTTP/1.1 "); at != std::string::npos;
         at = received.find("HTTP/1.1 ", at + 1))
        ++responses;
    EXPECT_EQ(responses, 1u) << received;
    EXPECT_NE(received.find("1|2"), std::string::npos);
}

TEST_F(ApiServerTest, PathSegmentsAreDecodedExactlyOnce) {
    EXPECT_EQ(call("GET", "/items/100%25/notes/a%2Fb").body, "100%|a/b");
    EXPECT_EQ(call("GET", "/items/%2525/notes/x").body, "%25|x");
    auto bad = call("GET", "/items/%zz/notes/1");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(code(bad.body), "bad_uri");
}

TEST(ApiServer, RunsWithASingleWorkerThread) {
    Router router;
    router.add("GET", "/ping",
               [](HttpContext& c) { c.send_text(HTTPResponse::HTTP_OK, "text/plain", "pong"); });
    ServerConfig config;
    config.port = 0;
    config.threads = 1;
    ApiServer server(config, router, redress::test::quiet_logger());
    server.start();
    Poco::Net::HTTPClientSession s("127.0.0.1", static_cast<Poco::UInt16>(server.port()));
    Poco::Net::HTTPRequest req("GET", "/ping", Poco::Net::HTTPMessage::HTTP_1_1);
    s.sendRequest(req);
    HTTPResponse resp;
    std::stringstream out;
    out << s.receiveResponse(resp).rdbuf();
    EXPECT_EQ(out.str(), "pong");
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
