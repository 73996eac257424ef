// A plugin that throws on every call, in a real redressd beside working ones:
// the API keeps serving, the failures are counted (GET /plugins, /metrics),
// the plugin is isolated after a few failures in a row — its calls skipped,
// not made — the burst is logged once, and when it works again it is called
// again. The plugin is fixture_throwing, polled as an intake channel; it
// throws while a flag file exists.
#include "fault_fixture.hpp"

#include <regex>

using namespace redress::test;

namespace {

class PluginFailure : public FaultFixture {
protected:
    void SetUp() override {
        auto plugins = dir_ / "plugins";
        std::filesystem::create_directories(plugins);
        std::filesystem::copy_file(fixture("fixture_throwing"), plugins / "fixture_throwing.so");
        flag_ = dir_.write("failing", "");
        start_daemon("sqlite://" + (dir_ / "redress.db").string(),
                     "[plugins]\npaths = [\"" + plugins.string() +
                         "\"]\npoll_interval = \"1s\"\nfailure_threshold = 3\n"
                         "failure_backoff = \"2s\"\n"
                         "[plugin.fixture-throwing]\nfail_while = \"" +
                         flag_.string() + "\"\n");
    }

    //! The throwing plugin's entry in GET /plugins.
    Poco::JSON::Object::Ptr throwing() {
        auto r = call("GET", "/plugins", "");
        EXPECT_EQ(r.status, 200) << r.body;
        auto loaded = parse(r.body)->getArray("loaded");
        for (std::size_t i = 0; i < loaded->size(); ++i)
            if (loaded->getObject(i)->getValue<std::string>("name") == "fixture-throwing")
                return loaded->getObject(i);
        ADD_FAILURE() << "fixture-throwing is not loaded: " << r.body;
        return new Poco::JSON::Object;
    }
    std::string state() { return throwing()->optValue<std::string>("state", ""); }
    std::uint64_t number(const char* field) {
        return throwing()->optValue<std::uint64_t>(field, 0);
    }

    //! The API works while the plugin fails: a create and a read.
    void api_serves(int n) {
        auto c = create("while-failing-" + std::to_string(n));
        ASSERT_EQ(c.status, 201) << c.body;
        auto id = parse(c.body)->getValue<std::string>("id");
        EXPECT_EQ(call("GET", "/complaints/" + id, agent_).status, 200);
    }

    std::filesystem::path flag_;
};

std::size_t count_lines(const std::string& text, const std::regex& re) {
    std::size_t n = 0;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        n += std::regex_search(line, re);
    return n;
}

} // namespace

TEST_F(PluginFailure, ThrowingPluginIsCountedIsolatedAndCalledAgainOnceItWorks) {
    int n = 0;
    // Three failed polls in a row isolate it; the API serves all along.
    ASSERT_TRUE(eventually([&] {
        api_serves(n++);
        return state() == "failing";
    })) << "never isolated: "
        << throwing()->get("errors").toString() << " errors";
    auto p = throwing();
    EXPECT_GE(p->getValue<std::uint64_t>("consecutive_failures"), 3u);
    EXPECT_NE(p->getValue<std::string>("last_error").find("poll failed"), std::string::npos);
    EXPECT_TRUE(p->has("retry_in_seconds"));

    // While isolated its polls are skipped, not made: skips grow, and every
    // call made failed (no call slipped through as a success; one trial may
    // be under way, counted as a call but not yet as an error).
    ASSERT_TRUE(eventually([&] {
        api_serves(n++);
        return number("skipped") >= 2;
    })) << "isolated, but no call was skipped";
    p = throwing();
    EXPECT_LE(p->getValue<std::uint64_t>("calls"), p->getValue<std::uint64_t>("errors") + 1);
    auto metrics = call("GET", "/metrics", "").body;
    EXPECT_TRUE(std::regex_search(
        metrics,
        std::regex(R"(redress_plugin_calls_skipped_total\{plugin="fixture-throwing"\} [1-9])")))
        << metrics;
    EXPECT_TRUE(std::regex_search(
        metrics,
        std::regex(R"(redress_plugin_call_errors_total\{plugin="fixture-throwing"\} [3-9])")))
        << metrics;

    // It works again: the next trial succeeds and closes the breaker.
    std::filesystem::remove(flag_);
    ASSERT_TRUE(eventually([&] {
        api_serves(n++);
        return state() == "ok";
    })) << "still isolated after it works again";
    EXPECT_EQ(number("consecutive_failures"), 0u);
    std::uint64_t errors = number("errors");
    EXPECT_TRUE(eventually([&] { return number("calls") >= errors + 2; }))
        << "polls did not resume";
    EXPECT_EQ(number("errors"), errors) << "a poll failed after the plugin recovered";

    // The burst was logged once — its first failure and the isolation — not
    // once per failed or skipped call; and the recovery once.
    daemon_->signal(SIGTERM);
    daemon_->wait();
    std::string log = daemon_->stderr_text();
    EXPECT_EQ(count_lines(log, std::regex(R"(\[Error\].*fixture-throwing: poll failed)")), 1u)
        << log;
    EXPECT_EQ(count_lines(log, std::regex(R"(fixture-throwing: isolated after 3 consecutive)")), 1u)
        << log;
    EXPECT_EQ(count_lines(log, std::regex(R"(fixture-throwing: poll succeeded)")), 1u) << log;
}
