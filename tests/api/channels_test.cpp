// Channels per department: runtime switches (stored, audited, surviving a
// restart), refusal of a disabled channel with nothing stored, config reload
// on POST /admin/reload and SIGHUP (a broken file keeps the running config),
// and no request lost or duplicated while channels flip and the config reloads.
#include "api_fixture.hpp"

#include <Poco/JSON/Array.h>
#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

using namespace redress::test;

namespace {

class ChannelsTest : public ApiFixture {
protected:
    HttpReply switch_channel(const std::string& department, const std::string& channel,
                             bool enabled, const std::string& token) {
        return call("PUT", "/departments/" + department + "/channels/" + channel, token,
                    std::string(R"({"enabled":)") + (enabled ? "true" : "false") + "}");
    }

    HttpReply submit(const std::string& token, const std::string& department = "after-sales",
                     std::map<std::string, std::string> headers = {}) {
        return call("POST", "/complaints", token, complaint_body(department), std::move(headers));
    }

    //! Every tracking number stored in a department (admin view, all pages).
    std::vector<std::string> stored(const std::string& department) {
        std::vector<std::string> ids;
        std::string cursor;
        for (;;) {
            auto r = call("GET",
                          "/complaints?limit=200&department=" + department +
                              (cursor.empty() ? "" : "&cursor=" + cursor),
                          admin_);
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

    Poco::JSON::Object::Ptr channel_state(const std::string& department,
                                          const std::string& channel) {
        auto r = call("GET", "/departments/" + department + "/channels", admin_);
        EXPECT_EQ(r.status, 200) << r.body;
        auto items = parse(r.body)->getArray("items");
        for (std::size_t i = 0; i < items->size(); ++i)
            if (items->getObject(i)->getValue<std::string>("channel") == channel)
                return items->getObject(i);
        return nullptr;
    }

    void rewrite_config(const std::string& text) {
        std::ofstream(config_, std::ios::trunc) << text;
    }

    //! The fixture's config with after-sales taking only the given channels.
    std::string config_with_after_sales_channels(const std::string& list) const {
        std::string text = config_text();
        auto at = text.find("channels = ");
        auto end = text.find('\n', at);
        return text.substr(0, at) + "channels = " + list + text.substr(end);
    }
};

TEST_P(ChannelsTest, DisabledChannelIsRefusedNamingBothAndStoresNothing) {
    ASSERT_EQ(submit(agent_).status, 201);
    auto off = switch_channel("after-sales", "phone", false, supervisor_);
    ASSERT_EQ(off.status, 200) << off.body;
    EXPECT_FALSE(parse(off.body)->getValue<bool>("enabled"));
    EXPECT_EQ(parse(off.body)->getObject("override")->getValue<std::string>("by"), "主管-王");

    auto refused = submit(agent_);
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(error_code(refused), "channel_disabled");
    EXPECT_NE(refused.body.find("after-sales"), std::string::npos) << refused.body;
    EXPECT_NE(refused.body.find("phone"), std::string::npos) << refused.body;
    EXPECT_EQ(stored("after-sales").size(), 1u);
    // Only that department: the call centre still takes phone complaints.
    EXPECT_EQ(submit(cc_agent_, "call-centre").status, 201);
    // GET /departments lists the channels in force.
    auto deps = parse(call("GET", "/departments", admin_).body)->getArray("items");
    EXPECT_EQ(deps->getObject(0)->getArray("channels")->size(), 1u); // web only

    // Removing the switch gives the decision back to the config.
    auto reset = call("DELETE", "/departments/after-sales/channels/phone", supervisor_);
    ASSERT_EQ(reset.status, 200) << reset.body;
    EXPECT_TRUE(parse(reset.body)->getValue<bool>("enabled"));
    EXPECT_TRUE(parse(reset.body)->isNull("override"));
    EXPECT_EQ(submit(agent_).status, 201);

    // Every change is audited, newest first.
    auto audit =
        parse(call("GET", "/departments/after-sales/channels", agent_).body)->getArray("audit");
    ASSERT_EQ(audit->size(), 2u);
    EXPECT_TRUE(audit->getObject(0)->isNull("enabled"));
    EXPECT_FALSE(audit->getObject(1)->getValue<bool>("enabled"));
    EXPECT_EQ(audit->getObject(1)->getValue<std::string>("by"), "主管-王");
}

TEST_P(ChannelsTest, OnlySupervisorsOfTheDepartmentSwitchChannels) {
    auto agent = switch_channel("after-sales", "phone", false, agent_);
    EXPECT_EQ(agent.status, 403);
    EXPECT_NE(agent.body.find("supervisor"), std::string::npos);
    // Another department's people do not even see it.
    EXPECT_EQ(switch_channel("after-sales", "phone", false, cc_agent_).status, 404);
    EXPECT_EQ(call("GET", "/departments/after-sales/channels", cc_agent_).status, 404);
    EXPECT_EQ(
        call("PUT", "/departments/after-sales/channels/phone", "", R"({"enabled":false})").status,
        401);
    auto unknown = switch_channel("after-sales", "carrier-pigeon", true, supervisor_);
    EXPECT_EQ(unknown.status, 404);
    EXPECT_NE(unknown.body.find("carrier-pigeon"), std::string::npos);
    EXPECT_NE(unknown.body.find("phone"), std::string::npos) << "names the channels there are";
    EXPECT_EQ(switch_channel("nowhere", "phone", true, admin_).status, 404);
    // Malformed and hostile bodies.
    for (const std::string& body :
         std::vector<std::string>{"", "{", R"({"enabled":"no"})", R"({"enabled":true,"x":1})",
                                  R"([true])", std::string(100000, '{')}) {
        auto r = call("PUT", "/departments/after-sales/channels/phone", supervisor_, body);
        EXPECT_TRUE(r.status == 400 || r.status == 422 || r.status == 413)
            << r.status << " for " << body.substr(0, 40);
    }
    EXPECT_TRUE(channel_state("after-sales", "phone")->getValue<bool>("enabled"));
    EXPECT_EQ(switch_channel("after-sales", "web", false, admin_).status, 200);
}

TEST_P(ChannelsTest, SwitchesSurviveARestart) {
    ASSERT_EQ(switch_channel("after-sales", "phone", false, supervisor_).status, 200);
    daemon_.reset();
    start();
    auto state = channel_state("after-sales", "phone");
    ASSERT_TRUE(state);
    EXPECT_FALSE(state->getValue<bool>("enabled"));
    EXPECT_TRUE(state->getValue<bool>("in_config"));
    EXPECT_EQ(submit(agent_).status, 403);
}

TEST_P(ChannelsTest, ReloadAppliesAGoodConfigAndKeepsTheOldOneOnErrors) {
    EXPECT_EQ(call("POST", "/admin/reload", agent_).status, 403);
    rewrite_config(config_with_after_sales_channels(R"(["web"])"));
    auto applied = call("POST", "/admin/reload", admin_);
    ASSERT_EQ(applied.status, 200) << applied.body;
    EXPECT_TRUE(parse(applied.body)->getValue<bool>("applied"));
    EXPECT_EQ(submit(agent_).status, 403);
    EXPECT_FALSE(channel_state("after-sales", "phone")->getValue<bool>("in_config"));

    // A broken file is refused whole, with positions, and changes nothing.
    rewrite_config(config_with_after_sales_channels(R"(["phone", "carrier-pigeon"])") +
                   "[server\n");
    auto refused = call("POST", "/admin/reload", admin_);
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_FALSE(parse(refused.body)->getValue<bool>("applied"));
    EXPECT_NE(refused.body.find("redress.toml:"), std::string::npos) << refused.body;
    EXPECT_EQ(submit(agent_).status, 403);
    rewrite_config(config_with_after_sales_channels(R"(["phone", "carrier-pigeon"])"));
    refused = call("POST", "/admin/reload", admin_);
    EXPECT_EQ(refused.status, 422);
    EXPECT_NE(refused.body.find("carrier-pigeon"), std::string::npos) << refused.body;
    EXPECT_EQ(submit(agent_).status, 403);

    // SIGHUP reloads too (and does not stop the daemon).
    rewrite_config(config_text());
    daemon_->signal(SIGHUP);
    int status = 0;
    for (int i = 0; i < 100 && status != 201; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        status = submit(agent_).status;
    }
    EXPECT_EQ(status, 201);
    EXPECT_EQ(call("GET", "/health", "").status, 200);
}

// Load on two departments while one's channel flips and the config reloads:
// every 201 is stored exactly once, every refusal stored nothing, and the
// untouched department never sees an error (no request dropped by a reload).
TEST_P(ChannelsTest, SwitchingAndReloadingUnderLoadLoseAndDuplicateNothing) {
    std::atomic<bool> stop{false};
    std::mutex m;
    std::vector<std::string> acked_as, acked_cc;
    std::vector<std::string> cc_failures;
    int refused_as = 0;
    auto worker = [&](int w, const std::string& department, const std::string& token) {
        for (int i = 0; !stop; ++i) {
            std::string key = department + "-" + std::to_string(w) + "-" + std::to_string(i);
            HttpReply r;
            try {
                r = submit(token, department, {{"Idempotency-Key", key}});
            } catch (const std::exception& e) {
                r.status = 0;
                r.body = e.what();
            }
            std::lock_guard lock(m);
            if (r.status == 201)
                (department == "after-sales" ? acked_as : acked_cc)
                    .push_back(parse(r.body)->getValue<std::string>("id"));
            else if (department == "after-sales" && r.status == 403 &&
                     error_code(r) == "channel_disabled")
                ++refused_as;
            else
                cc_failures.push_back(department + ": " + std::to_string(r.status) + " " + r.body);
        }
    };
    std::vector<std::thread> threads;
    for (int w = 0; w < 3; ++w) {
        threads.emplace_back(worker, w, "after-sales", agent_);
        threads.emplace_back(worker, w, "call-centre", cc_agent_);
    }
    for (int round = 0; round < 10; ++round) {
        EXPECT_EQ(switch_channel("after-sales", "phone", round % 2 == 1, supervisor_).status, 200);
        EXPECT_EQ(call("POST", "/admin/reload", admin_).status, 200);
        daemon_->signal(SIGHUP);
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
    }
    stop = true;
    for (auto& t : threads)
        t.join();

    EXPECT_TRUE(cc_failures.empty())
        << cc_failures.size()
        << " failed, first: " << (cc_failures.empty() ? "" : cc_failures.front());
    EXPECT_GT(refused_as, 0) << "the switch never took effect";
    EXPECT_GT(acked_as.size(), 0u);
    EXPECT_GT(acked_cc.size(), 0u);
    for (const auto& [department, acked] :
         {std::pair{std::string("after-sales"), &acked_as}, {"call-centre", &acked_cc}}) {
        auto ids = stored(department);
        std::set<std::string> unique(ids.begin(), ids.end());
        EXPECT_EQ(unique.size(), ids.size()) << department << ": duplicates stored";
        EXPECT_EQ(ids.size(), acked->size()) << department << ": stored ≠ acknowledged";
        for (const auto& id : *acked)
            EXPECT_TRUE(unique.count(id)) << id << " was acknowledged but is not stored";
    }
}

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, ChannelsTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });
