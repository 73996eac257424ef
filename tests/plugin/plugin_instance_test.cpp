// Calls into plugins: each family works through the C ABI; failures are
// contained, counted and reported with the plugin's name; unloading unmaps.
#include "../test_support.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <redress/core/config/config_loader.hpp>
#include <redress/core/plugin/plugin_host.hpp>
#include <redress/core/plugin/plugin_instance.hpp>
#include <redress/core/plugin/plugin_registry.hpp>
#include <sstream>

using namespace redress::core;
using redress::test::fixture;
using redress::test::quiet_logger;

namespace {

std::shared_ptr<PluginInstance> make(const std::string& target, const Record& config = {}) {
    auto lib = PluginLibrary::load(fixture(target));
    return PluginInstance::create(lib, config, quiet_logger(),
                                  [] { return std::int64_t{1'700'000'000'000}; });
}

bool mapped(const std::filesystem::path& file) {
    std::ifstream maps("/proc/self/maps");
    std::stringstream s;
    s << maps.rdbuf();
    return s.str().find(std::filesystem::canonical(file).string()) != std::string::npos;
}

} // namespace

TEST(PluginInstance, IntakeHandlesHttpWithItsConfig) {
    Record config;
    config.set("greeting", std::string("欢迎"));
    config.set("limit", std::int64_t{3});
    config.add_record("mailbox")
        .set("host", std::string("127.0.0.1"))
        .set("port", std::int64_t{1110});
    auto p = make("fixture_intake", config);
    Record request;
    request.set("method", std::string("POST")).set("path", std::string("/form"));
    Record response = p->handle_http(request);
    EXPECT_EQ(response.integer("status"), 200);
    EXPECT_EQ(response.string("body"), "欢迎 POST /form 127.0.0.1:1110;");
    EXPECT_EQ(response.string("header.x-limit"), "3");
    p->poll();
    EXPECT_EQ(p->stats().calls, 3u); // create, handle_http, poll
    EXPECT_EQ(p->stats().errors, 0u);
}

TEST(PluginInstance, PluginErrorStatusReachesTheHostWithItsMessage) {
    auto p = make("fixture_intake");
    Record request;
    request.set("path", std::string("/fail"));
    try {
        p->handle_http(request);
        FAIL() << "expected PluginCallError";
    } catch (const PluginCallError& e) {
        EXPECT_EQ(e.status(), REDRESS_E_INVALID);
        EXPECT_EQ(
            std::string(e.what()),
            "fixture-intake: handle_http failed (invalid): field 'phone': not a phone number");
    }
    EXPECT_EQ(p->stats().errors, 1u);
}

TEST(PluginInstance, PolicyProposesThroughTheSdk) {
    Record config; // as config validation would fill in the declared default
    config.set("cap_minor", std::int64_t{100000});
    auto p = make("fixture_policy", config);
    Record input;
    auto& complaint = input.add_record("complaint");
    complaint.add_record("loss")
        .set("amount_minor", std::int64_t{10000})
        .set("currency", std::string("CNY"));
    input.set("company_at_fault", true);
    Record proposal;
    p->propose(input, proposal);
    EXPECT_EQ(proposal.integer("amount_minor"), 15000);
    EXPECT_EQ(proposal.count("remedy"), 2u);
    ASSERT_NE(proposal.record("reason"), nullptr);
    EXPECT_EQ(proposal.record("reason")->string("text"), "公司有责任 (company at fault)");
}

TEST(PluginInstance, PolicyCapComesFromConfig) {
    Record config;
    config.set("cap_minor", std::int64_t{500});
    auto p = make("fixture_policy", config);
    Record input, proposal;
    input.add_record("complaint").add_record("loss").set("amount_minor", std::int64_t{10000});
    p->propose(input, proposal);
    EXPECT_EQ(proposal.integer("amount_minor"), 500);
}

TEST(PluginInstance, PolicyCapDefaultComesFromTheDeclaredSchema) {
    // No [plugin.fixture-policy] section: config validation fills the default.
    PluginRegistry registry;
    registry.load_file(fixture("fixture_policy"));
    std::vector<ConfigError> errors;
    auto parsed =
        parse_config_text("[[department]]\nid=\"d\"\nname=\"D\"\nprefix=\"D\"\n", "x.toml", errors);
    check_against_plugins(parsed, registry, errors);
    ASSERT_TRUE(errors.empty());
    PluginHost host(registry, parsed.config, quiet_logger());
    Record input, proposal;
    input.add_record("complaint").add_record("loss").set("amount_minor", std::int64_t{250000});
    host.find("fixture-policy")->propose(input, proposal);
    EXPECT_EQ(proposal.integer("amount_minor"), 100000); // the declared default cap
}

TEST(PluginInstance, ExceptionThrownAcrossTheCBoundaryIsContained) {
    auto p = make("fixture_raw_throw");
    Record in, out;
    try {
        p->propose(in, out);
        FAIL() << "expected PluginCallError";
    } catch (const PluginCallError& e) {
        EXPECT_EQ(e.plugin_message(),
                  "exception crossed the plugin boundary: escaped from the plugin");
    }
    EXPECT_EQ(p->stats().errors, 1u);
}

TEST(PluginInstance, CatalogsInCAndCppAnswer) {
    Record q, a, b;
    q.set("q", std::string("上门"));
    make("fixture_c_catalog")->lookup(q, a);
    EXPECT_EQ(a.string("verdict"), "arrangeable");
    EXPECT_EQ(a.integer("fee_minor"), 8000);
    make("fixture_catalog")->lookup(q, b);
    EXPECT_EQ(b.string("verdict"), "not_provided");
    EXPECT_EQ(b.count("alternative"), 1u);
}

TEST(PluginInstance, CatalogInCReportsMissingField) {
    Record q, a;
    EXPECT_THROW(make("fixture_c_catalog")->lookup(q, a), PluginCallError);
}

TEST(PluginInstance, ReporterStreamsRowsIntoTheSink) {
    auto p = make("fixture_reporter");
    Record params;
    params.set("title", std::string("周报"));
    std::vector<Record> rows(3);
    for (int i = 0; i < 3; ++i)
        rows[i].set("key", "渠道" + std::to_string(i)).set("count", std::int64_t{i * 10});
    std::size_t next = 0;
    std::string out;
    p->render(
        params, [&]() -> const Record* { return next < rows.size() ? &rows[next++] : nullptr; },
        [&](std::string_view bytes) {
            out += bytes;
            return true;
        });
    EXPECT_EQ(out, "# 周报\n渠道0=0\n渠道1=10\n渠道2=20\n");
}

TEST(PluginInstance, ReporterSeesAClosedSinkAsAnError) {
    auto p = make("fixture_reporter");
    EXPECT_THROW(p->render(
                     {}, [] { return nullptr; }, [](std::string_view) { return false; }),
                 PluginCallError);
}

TEST(PluginInstance, FactoryThatThrowsIsRefusedWithItsMessage) {
    try {
        make("fixture_bad_factory");
        FAIL() << "expected PluginCallError";
    } catch (const PluginCallError& e) {
        EXPECT_EQ(e.plugin_message(), "cannot reach mail server 127.0.0.1:1");
        EXPECT_EQ(e.operation(), "create");
    }
}

TEST(PluginInstance, PluginThatThrowsOnEveryCallIsContainedAndCounted) {
    auto p = make("fixture_throwing");
    Record r, out;
    EXPECT_THROW(p->handle_http(r), PluginCallError);
    EXPECT_THROW(p->poll(), PluginCallError);
    EXPECT_THROW(p->propose(r, out), PluginCallError);
    EXPECT_EQ(p->stats().errors, 3u);
    try {
        p->poll();
        FAIL() << "poll() stopped throwing";
    } catch (const PluginCallError& e) {
        EXPECT_EQ(e.plugin_message(), "unknown exception"); // `throw 42`
    }
    // The family it does not provide is refused by the host, not called.
    EXPECT_THROW(p->lookup(r, out), PluginCallError);
}

// Isolation is for the calls the host makes by itself: a person's HTTP call
// still reaches the plugin (its status page explains the outage), and
// failing HTTP calls never isolate it.
TEST(PluginInstance, AnIsolatedPluginStillAnswersHttpAndHttpFailuresNeverIsolateIt) {
    auto p = make("fixture_throwing"); // isolated after 5 faults in a row
    Record r;
    for (int i = 0; i < 8; ++i)
        EXPECT_THROW(p->handle_http(r), PluginCallError);
    EXPECT_EQ(p->stats().skipped, 0u);
    EXPECT_EQ(p->stats().errors, 8u);
    for (int i = 0; i < 5; ++i)
        EXPECT_THROW(p->poll(), PluginCallError);
    EXPECT_THROW(p->poll(), PluginCallError);
    EXPECT_EQ(p->stats().skipped, 1u); // the sixth poll was not made
    EXPECT_THROW(p->handle_http(r), PluginCallError);
    EXPECT_EQ(p->stats().skipped, 1u); // HTTP was called, not skipped
    EXPECT_EQ(p->stats().errors, 14u);
}

TEST(PluginHost, CreatesEveryPluginAndRefusesTheOneWhoseFactoryThrows) {
    PluginRegistry registry;
    for (const char* f : {"fixture_intake", "fixture_bad_factory", "fixture_policy"})
        registry.load_file(fixture(f));
    Config config;
    PluginHost host(registry, config, quiet_logger());
    ASSERT_EQ(host.instances().size(), 2u);
    EXPECT_TRUE(host.find("fixture-intake"));
    EXPECT_TRUE(host.find_channel("hello"));
    EXPECT_FALSE(host.find("fixture-bad-factory"));
    ASSERT_EQ(registry.refusals().size(), 1u);
    EXPECT_EQ(registry.refusals()[0].reason, "create failed: cannot reach mail server 127.0.0.1:1");
}

TEST(PluginLifetime, LibraryIsUnmappedAfterTheLastInstanceIsGone) {
    const auto file = fixture("fixture_reporter");
    ASSERT_FALSE(mapped(file));
    std::shared_ptr<PluginInstance> instance;
    {
        auto lib = PluginLibrary::load(file);
        EXPECT_TRUE(mapped(file));
        instance = PluginInstance::create(lib, {}, quiet_logger(), system_clock());
    }
    // The registry's reference is gone; the instance still holds the library.
    EXPECT_TRUE(mapped(file));
    std::string out;
    instance->render(
        {}, [] { return nullptr; },
        [&](std::string_view b) {
            out += b;
            return true;
        });
    EXPECT_EQ(out, "# \n");
    instance.reset();
    EXPECT_FALSE(mapped(file));
}
