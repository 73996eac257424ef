// A real redressd on a config the fault test writes (its own database, its own
// plugins), with an admin and an agent token, and an HTTP client that gives up
// instead of hanging when the daemon stops answering.
#pragma once

#include "../api/api_fixture.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <thread>

namespace redress::test {

//! Runs a shell command; returns its exit status.
inline int run(const std::string& command) {
    int rc = std::system(command.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

//! Calls check until it returns true or deadline passes; returns the last result.
//! The deadline bounds a wait for something the test caused; it is no assertion
//! about speed (the waits are generous).
inline bool eventually(const std::function<bool()>& check,
                       std::chrono::seconds deadline = std::chrono::seconds(20)) {
    auto until = std::chrono::steady_clock::now() + deadline;
    while (!check()) {
        if (std::chrono::steady_clock::now() > until)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return true;
}

class FaultFixture : public ::testing::Test {
protected:
    //! Starts redressd on the [storage] url and extra TOML, makes the tokens.
    void start_daemon(const std::string& storage_url, const std::string& extra_toml = {}) {
        config_ = dir_.write("redress.toml",
                             "[server]\nport = 0\nthreads = 8\n"
                             "[storage]\nurl = \"" +
                                 storage_url + "\"\n" + extra_toml +
                                 "\n[[department]]\nid = \"after-sales\"\nname = \"售后服务部\"\n"
                                 "prefix = \"AS\"\nchannels = [\"phone\", \"web\"]\n");
        restart_daemon();
        RedressdProcess bootstrap({"--config", config_.string(), "--create-token", "root"});
        ASSERT_EQ(bootstrap.wait(), 0) << bootstrap.stderr_text();
        admin_ = bootstrap.stdout_text();
        admin_.erase(admin_.find_last_not_of("\n") + 1);
        auto r = call("POST", "/tokens", admin_,
                      R"({"name":"agent-li","role":"agent","departments":["after-sales"]})");
        ASSERT_EQ(r.status, 201) << r.body;
        agent_ = parse(r.body)->getValue<std::string>("secret");
    }

    void restart_daemon() {
        daemon_.reset();
        daemon_ = std::make_unique<RedressdProcess>(
            std::vector<std::string>{"--config", config_.string()});
        ASSERT_TRUE(daemon_->wait_listening()) << daemon_->stderr_text();
    }

    //! One request on a fresh connection; throws Poco::TimeoutException if the
    //! daemon does not answer within 30 s (a hang, which is a failure).
    HttpReply call(const std::string& method, const std::string& path, const std::string& token,
                   const std::string& body = {},
                   const std::map<std::string, std::string>& headers = {}) const {
        Poco::Net::HTTPClientSession session("127.0.0.1",
                                             static_cast<Poco::UInt16>(daemon_->port()));
        session.setTimeout(Poco::Timespan(30, 0));
        Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        for (const auto& [k, v] : headers)
            req.set(k, v);
        if (!token.empty())
            req.set("Authorization", "Bearer " + token);
        if (!body.empty()) {
            req.setContentType("application/json");
            req.setContentLength(static_cast<std::streamsize>(body.size()));
        }
        session.sendRequest(req) << body;
        return receive_reply(session);
    }

    //! The complaint sent with an idempotency key: the same for a retry of
    //! that key (a different body would be refused as a reused key).
    static std::string complaint_body(const std::string& key) {
        return R"({"department":"after-sales","channel":"phone","category":"quality",)"
               R"("customer":{"company":"华东贸易公司","contact":"王先生","phone":"+86 21 5555 0101"},)"
               R"("cause":"洗衣机漏水，用了三天就坏了 )" +
               key + R"(","request":"换一台新的"})";
    }

    HttpReply create(const std::string& key) {
        return call("POST", "/complaints", agent_, complaint_body(key), {{"Idempotency-Key", key}});
    }

    //! Every tracking number in the store, page by page.
    std::vector<std::string> all_ids() {
        std::vector<std::string> ids;
        std::string cursor;
        for (;;) {
            auto r =
                call("GET", "/complaints?limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor),
                     agent_);
            EXPECT_EQ(r.status, 200) << r.body;
            if (r.status != 200)
                return ids;
            auto page = parse(r.body);
            auto items = page->getArray("items");
            for (std::size_t i = 0; i < items->size(); ++i)
                ids.push_back(items->getObject(i)->getValue<std::string>("id"));
            if (page->isNull("next_cursor"))
                return ids;
            cursor = page->getValue<std::string>("next_cursor");
        }
    }

    TempDir dir_;
    std::filesystem::path config_;
    std::unique_ptr<RedressdProcess> daemon_;
    std::string admin_, agent_;
};

} // namespace redress::test
