// A running redressd on a fresh database (SQLite or PostgreSQL), with tokens
// for an admin, agents and a supervisor, for the API integration tests.
#pragma once

#include "../daemon/redressd_process.hpp"
#include "../support/test_database.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>
#include <memory>
#include <string>

namespace redress::test {

inline Poco::JSON::Object::Ptr parse(const std::string& text) {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

//! The error code of an error reply, or "" if the body is not an error.
inline std::string error_code(const HttpReply& r) {
    try {
        return parse(r.body)->getObject("error")->getValue<std::string>("code");
    } catch (...) {
        return "";
    }
}
inline std::string error_field(const HttpReply& r) {
    try {
        return parse(r.body)->getObject("error")->optValue<std::string>("field", "");
    } catch (...) {
        return "";
    }
}

//! A valid POST /complaints body (channel phone), for every suite that
//! drives a real redressd.
inline std::string valid_complaint_body(const std::string& department = "after-sales",
                                        const std::string& cause = "洗衣机漏水，用了三天就坏了") {
    return R"({"department":")" + department +
           R"(","channel":"phone","category":"quality",)"
           R"("customer":{"company":"华东贸易公司","contact":"王先生","phone":"+86 21 5555 0101","type":"agitated"},)"
           R"("cause":")" +
           cause +
           R"(","request":"换一台新的",)"
           R"("product":{"name":"滚筒洗衣机 X7","batch":"B-2026-07","previous_brand":"海尔"},)"
           R"("loss":{"amount_minor":129900,"currency":"CNY"}})";
}

class ApiFixture : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        db_ = std::make_unique<TestDatabase>(GetParam());
        if (!db_->available())
            GTEST_SKIP() << "no PostgreSQL test cluster (run through ctest)";
        config_ = dir_.write("redress.toml", config_text());
        start();
        {
            RedressdProcess bootstrap({"--config", config_.string(), "--create-token", "root"});
            ASSERT_EQ(bootstrap.wait(), 0) << bootstrap.stderr_text();
            admin_ = bootstrap.stdout_text();
            admin_.erase(admin_.find_last_not_of("\n") + 1);
        }
        agent_ = token("agent-li", "agent", R"(["after-sales"])");
        supervisor_ = token("主管-王", "supervisor", R"(["after-sales"])");
        cc_agent_ = token("agent-cc", "agent", R"(["call-centre"])");
    }

    virtual std::string config_text() const {
        return "[server]\nport = 0\nthreads = 8\nmax_body = \"64KiB\"\n"
               "[storage]\nurl = \"" +
               db_->url() +
               "\"\n"
               "[sla]\nsweep_interval = \"1s\"\n"
               "[plugins]\nbuiltin = true\n"
               "[[department]]\nid = \"after-sales\"\nname = \"售后服务部\"\nprefix = \"AS\"\n"
               "channels = [\"phone\", \"web\"]\n"
               "approval = { agent = 100_00, supervisor = 2000_00, manager = 20000_00 }\n"
               "[[department]]\nid = \"call-centre\"\nname = \"客户服务中心\"\nprefix = \"CC\"\n"
               "channels = [\"phone\", \"web\"]\n";
    }

    void start() {
        daemon_ = std::make_unique<RedressdProcess>(
            std::vector<std::string>{"--config", config_.string()});
        ASSERT_TRUE(daemon_->wait_listening()) << daemon_->stderr_text();
    }

    std::string token(const std::string& name, const std::string& role,
                      const std::string& departments) {
        auto r = call("POST", "/tokens", admin_,
                      R"({"name":")" + name + R"(","role":")" + role + R"(","departments":)" +
                          departments + "}");
        EXPECT_EQ(r.status, 201) << r.body;
        return parse(r.body)->getValue<std::string>("secret");
    }

    HttpReply call(const std::string& method, const std::string& path, const std::string& token,
                   const std::string& body = {}, std::map<std::string, std::string> headers = {}) {
        if (!token.empty())
            headers["Authorization"] = "Bearer " + token;
        return daemon_->request(method, path, body, headers);
    }

    static std::string complaint_body(const std::string& department = "after-sales",
                                      const std::string& cause = "洗衣机漏水，用了三天就坏了") {
        return valid_complaint_body(department, cause);
    }

    std::string create(const std::string& token, const std::string& department = "after-sales") {
        auto r = call("POST", "/complaints", token, complaint_body(department));
        EXPECT_EQ(r.status, 201) << r.body;
        return parse(r.body)->getValue<std::string>("id");
    }

    HttpReply act(const std::string& id, const std::string& token, const std::string& action,
                  const std::string& data = "{}", const std::string& reason = "") {
        std::string body = R"({"action":")" + action + R"(","data":)" + data;
        if (!reason.empty())
            body += R"(,"reason":")" + reason + R"(")";
        return call("POST", "/complaints/" + id + "/transitions", token, body + "}");
    }

    std::unique_ptr<TestDatabase> db_;
    TempDir dir_;
    std::filesystem::path config_;
    std::unique_ptr<RedressdProcess> daemon_;
    std::string admin_, agent_, supervisor_, cc_agent_;
};

} // namespace redress::test
