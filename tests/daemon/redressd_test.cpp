// The real redressd binary: starts on a free loopback port, answers /health
// and /plugins, refuses a bad config with the errors on stderr, and exits 0 on
// SIGTERM and SIGINT.
#include "../test_support.hpp"
#include "redressd_process.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>
#include <redress/abi.h>

using redress::test::RedressdProcess;
using redress::test::TempDir;

namespace {

std::string config_with(const std::string& extra = {}) {
    return "[server]\nport = 0\nthreads = 4\n[log]\nlevel = \"information\"\n"
           "[plugins]\nbuiltin = false\npaths = [\"" REDRESS_FIXTURE_DIR "\"]\n"
           "[[department]]\nid = \"after-sales\"\nname = \"售后服务部\"\nprefix = \"AS\"\n"
           "channels = [\"hello\"]\n" +
           extra;
}

Poco::JSON::Object::Ptr json(const std::string& text) {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

} // namespace

TEST(Redressd, StartsOnAFreePortAndAnswersHealth) {
    TempDir dir;
    auto config = dir.write("redress.toml", config_with());
    RedressdProcess d({"--config", config.string()});
    ASSERT_TRUE(d.wait_listening()) << d.stderr_text();
    auto health = d.request("GET", "/health");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(health.content_type, "application/json; charset=utf-8");
    auto h = json(health.body);
    EXPECT_EQ(h->getValue<std::string>("status"), "ok");
    EXPECT_EQ(h->getValue<std::string>("abi"), "1." + std::to_string(REDRESS_ABI_MINOR));
    EXPECT_GE(h->getValue<int>("plugins"), 5);
    d.signal(SIGTERM);
    EXPECT_EQ(d.wait(), 0);
    EXPECT_NE(d.stderr_text().find("stopped"), std::string::npos);
}

TEST(Redressd, ListsLoadedAndRefusedPluginsWithReasons) {
    TempDir dir;
    auto config = dir.write("redress.toml", config_with());
    RedressdProcess d({"--config", config.string()});
    ASSERT_TRUE(d.wait_listening()) << d.stderr_text();
    auto reply = d.request("GET", "/plugins");
    ASSERT_EQ(reply.status, 200);
    auto p = json(reply.body);
    auto loaded = p->getArray("loaded");
    auto refused = p->getArray("refused");
    std::set<std::string> names;
    for (std::size_t i = 0; i < loaded->size(); ++i)
        names.insert(loaded->getObject(i)->getValue<std::string>("name"));
    EXPECT_TRUE(names.count("fixture-intake"));
    EXPECT_TRUE(names.count("fixture-c-catalog"));
    EXPECT_FALSE(names.count("fixture-bad-factory"));
    std::string reasons;
    for (std::size_t i = 0; i < refused->size(); ++i)
        reasons += refused->getObject(i)->getValue<std::string>("reason") + "\n";
    EXPECT_NE(reasons.find("ABI major version mismatch"), std::string::npos) << reasons;
    EXPECT_NE(reasons.find("create failed: cannot reach mail server"), std::string::npos)
        << reasons;
    EXPECT_NE(reasons.find("duplicate plugin name 'fixture-policy'"), std::string::npos) << reasons;
    d.signal(SIGTERM);
    EXPECT_EQ(d.wait(), 0);
}

TEST(Redressd, AnswersUnknownRoutesAndMethodsWithJsonErrors) {
    TempDir dir;
    auto config = dir.write("redress.toml", config_with());
    RedressdProcess d({"--config", config.string()});
    ASSERT_TRUE(d.wait_listening()) << d.stderr_text();
    auto missing = d.request("GET", "/no/such/thing");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(json(missing.body)->getObject("error")->getValue<std::string>("code"), "not_found");
    auto wrong = d.request("DELETE", "/health");
    EXPECT_EQ(wrong.status, 405);
    EXPECT_EQ(json(wrong.body)->getObject("error")->getValue<std::string>("code"),
              "method_not_allowed");
    EXPECT_EQ(d.request("GET", "/health").status, 200); // still serving
    d.signal(SIGINT);
    EXPECT_EQ(d.wait(), 0);
}

TEST(Redressd, RefusesToStartOnABadConfigWithEveryErrorOnStderr) {
    TempDir dir;
    auto config =
        dir.write("bad.toml", "[server]\nport = \"eighty\"\n[[department]]\nid = \"a\"\n"
                              "name = \"A\"\nprefix = \"A\"\nchannels = [\"carrier-pigeon\"]\n");
    RedressdProcess d({"--config", config.string()});
    EXPECT_FALSE(d.wait_listening());
    EXPECT_EQ(d.wait(), 1);
    std::string err = d.stderr_text();
    EXPECT_NE(err.find("2 config error(s)"), std::string::npos) << err;
    EXPECT_NE(err.find(config.string() + ":2:8: server.port: expected an integer, found string"),
              std::string::npos)
        << err;
    EXPECT_NE(err.find(config.string() +
                       ":7:13: department[0].channels[0]: unknown channel \"carrier-pigeon\""),
              std::string::npos)
        << err;
}

TEST(Redressd, CheckConfigExitsZeroOnGoodAndOneOnBad) {
    TempDir dir;
    auto good = dir.write("good.toml", config_with());
    RedressdProcess ok({"--check-config", good.string()});
    EXPECT_EQ(ok.wait(), 0);
    EXPECT_NE(ok.stdout_text().find("OK (1 departments"), std::string::npos);

    auto bad = dir.write("bad.toml", config_with("[plugin.fixture-intake]\nlimit = \"ten\"\n"));
    RedressdProcess ko({"--check-config", bad.string()});
    EXPECT_EQ(ko.wait(), 1);
    EXPECT_NE(
        ko.stderr_text().find(
            bad.string() + ":15:9: plugin.fixture-intake.limit: expected an integer, found string"),
        std::string::npos)
        << ko.stderr_text();
}

TEST(Redressd, ListPluginsPrintsLoadedAndRefused) {
    TempDir dir;
    auto config = dir.write("redress.toml", config_with());
    RedressdProcess d({"--list-plugins", "--config", config.string()});
    EXPECT_EQ(d.wait(), 0);
    std::string out = d.stdout_text();
    EXPECT_NE(out.find("fixture-intake"), std::string::npos) << out;
    EXPECT_NE(out.find("refused:"), std::string::npos) << out;
    EXPECT_NE(out.find("fixture_abi_newer_minor.so: plugin needs a newer host (plugin ABI 1." +
                       std::to_string(REDRESS_ABI_MINOR + 1) + ", host ABI 1." +
                       std::to_string(REDRESS_ABI_MINOR) + ")"),
              std::string::npos)
        << out;
}

TEST(Redressd, RefusesAPortInUse) {
    TempDir dir;
    auto config = dir.write("a.toml", config_with());
    RedressdProcess first({"--config", config.string()});
    auto port = first.wait_listening();
    ASSERT_TRUE(port);
    std::string text = config_with();
    text.replace(text.find("port = 0"), 8, "port = " + std::to_string(*port));
    auto second_config = dir.write("b.toml", text);
    RedressdProcess second({"--config", second_config.string()});
    auto shared = second.wait_listening();
    if (shared)
        second.signal(SIGKILL); // it must not share the port; don't hang if it did
    EXPECT_FALSE(shared);
    EXPECT_NE(second.wait(), 0);
    EXPECT_NE(second.stderr_text().find("cannot listen on"), std::string::npos)
        << second.stderr_text();
    first.signal(SIGTERM);
    EXPECT_EQ(first.wait(), 0);
}
