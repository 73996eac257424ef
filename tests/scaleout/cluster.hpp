// Several real redressd processes on one fresh PostgreSQL database (the test
// cluster of the PostgreSQL.Start fixture), each on its own free loopback
// port, sharing one config file, for the scale-out tests.
#pragma once

#include "../api/api_fixture.hpp"

#include <gtest/gtest.h>
#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace redress::test {

//! The value of one Prometheus series in a /metrics text (0 when absent).
inline long metric(const std::string& text, const std::string& series) {
    const auto at = text.find("\n" + series + " ");
    if (at == std::string::npos)
        return 0;
    return std::stol(text.substr(at + series.size() + 2));
}

class ScaleOut : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = std::make_unique<TestDatabase>("postgresql");
        if (!db_->available())
            GTEST_SKIP() << "no PostgreSQL test cluster (run through ctest)";
    }

    //! Extra TOML appended to the config ([plugin.*] sections).
    virtual std::string extra_config() const { return ""; }
    //! The channels both departments enable.
    virtual std::string channels() const { return R"(["phone", "web"])"; }

    std::string config_text() const {
        return "[server]\nport = 0\nthreads = 4\n"
               "[storage]\nurl = \"" +
               db_->url() +
               "\"\n"
               "[sla]\nsweep_interval = \"1s\"\n"
               "[plugins]\nbuiltin = true\npoll_interval = \"1s\"\n"
               "[[department]]\nid = \"after-sales\"\nname = \"售后服务部\"\nprefix = \"AS\"\n"
               "channels = " +
               channels() +
               "\napproval = { agent = 100_00, supervisor = 2000_00, manager = 20000_00 }\n"
               "[[department]]\nid = \"call-centre\"\nname = \"客户服务中心\"\nprefix = \"CC\"\n"
               "channels = " +
               channels() + "\n" + extra_config();
    }

    //! Writes the config, migrates the database and creates the admin token
    //! (one short redressd run), then starts n hosts. Call from the test body
    //! or SetUp after the config's inputs (ports of other servers) exist.
    void start_hosts(int n) {
        config_ = dir_.write("redress.toml", config_text());
        {
            RedressdProcess bootstrap({"--config", config_.string(), "--create-token", "root"});
            ASSERT_EQ(bootstrap.wait(), 0) << bootstrap.stderr_text();
            admin_ = bootstrap.stdout_text();
            admin_.erase(admin_.find_last_not_of("\n") + 1);
        }
        // Launched together, so that they start polling and sweeping together.
        for (int i = 0; i < n; ++i)
            hosts_.push_back(std::make_unique<RedressdProcess>(
                std::vector<std::string>{"--config", config_.string()}));
        for (auto& h : hosts_)
            ASSERT_TRUE(h->wait_listening()) << h->stderr_text();
    }

    HttpReply call(std::size_t host, const std::string& method, const std::string& path,
                   const std::string& token, const std::string& body = {},
                   std::map<std::string, std::string> headers = {}) {
        if (!token.empty())
            headers["Authorization"] = "Bearer " + token;
        return hosts_.at(host)->request(method, path, body, headers);
    }

    //! Creates a token through host 0; returns its secret.
    std::string token(const std::string& name, const std::string& role,
                      const std::string& departments) {
        auto r = call(0, "POST", "/tokens", admin_,
                      R"({"name":")" + name + R"(","role":")" + role + R"(","departments":)" +
                          departments + "}");
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? parse(r.body)->getValue<std::string>("secret") : "";
    }

    //! A valid POST /complaints body (channel phone).
    static std::string complaint_body(const std::string& department = "after-sales",
                                      const std::string& cause = "洗衣机漏水，用了三天就坏了") {
        return valid_complaint_body(department, cause);
    }

    std::string metrics(std::size_t host) { return call(host, "GET", "/metrics", "").body; }

    //! The tracking numbers of every complaint a host lists (all pages).
    std::vector<std::string> listed(std::size_t host, const std::string& token) {
        std::vector<std::string> out;
        std::string cursor;
        for (;;) {
            auto r = call(host, "GET", "/complaints?limit=500" + cursor, token);
            EXPECT_EQ(r.status, 200) << r.body;
            if (r.status != 200)
                return out;
            auto page = parse(r.body);
            auto items = page->getArray("items");
            for (unsigned i = 0; i < items->size(); ++i)
                out.push_back(items->getObject(i)->getValue<std::string>("id"));
            if (!page->has("next_cursor") || page->isNull("next_cursor"))
                return out;
            cursor = "&cursor=" + page->getValue<std::string>("next_cursor");
        }
    }

    std::unique_ptr<TestDatabase> db_;
    TempDir dir_;
    std::filesystem::path config_;
    std::vector<std::unique_ptr<RedressdProcess>> hosts_;
    std::string admin_;
};

} // namespace redress::test
