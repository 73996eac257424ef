// The loader accepts good plugins of every family and refuses broken ones with
// a reason naming the file, going on with the others.
#include "../test_support.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <random>
#include <redress/core/plugin/plugin_registry.hpp>

using namespace redress::core;
using redress::test::fixture;
using redress::test::TempDir;

namespace {

std::string only_refusal(const PluginRegistry& r) {
    EXPECT_EQ(r.refusals().size(), 1u);
    EXPECT_TRUE(r.libraries().empty());
    return r.refusals().empty() ? "" : r.refusals().front().reason;
}

} // namespace

TEST(PluginLoader, AcceptsAGoodPluginOfEachFamily) {
    PluginRegistry r;
    auto intake = r.load_file(fixture("fixture_intake"));
    auto policy = r.load_file(fixture("fixture_policy"));
    auto catalog = r.load_file(fixture("fixture_c_catalog"));
    auto reporter = r.load_file(fixture("fixture_reporter"));
    ASSERT_TRUE(intake && policy && catalog && reporter);
    EXPECT_TRUE(r.refusals().empty());

    EXPECT_EQ(intake->name(), "fixture-intake");
    EXPECT_EQ(intake->families(), REDRESS_FAMILY_INTAKE);
    EXPECT_EQ(intake->channels(), (std::vector<std::string>{"hello", "hello-fax"}));
    EXPECT_EQ(intake->config_keys().size(), 8u);
    EXPECT_EQ(policy->families(), REDRESS_FAMILY_COMPENSATION);
    EXPECT_EQ(policy->version(), "2.1.0");
    EXPECT_EQ(catalog->families(), REDRESS_FAMILY_CATALOG);
    EXPECT_EQ(reporter->families(), REDRESS_FAMILY_REPORTER);
    EXPECT_EQ(reporter->report_format(), "lines");
    EXPECT_EQ(r.find_channel("hello-fax"), intake);
    EXPECT_EQ(r.channels(), (std::vector<std::string>{"hello", "hello-fax"}));
}

TEST(PluginLoader, RefusesAbiMajorMismatch) {
    PluginRegistry r;
    EXPECT_EQ(r.load_file(fixture("fixture_abi_major_2")), nullptr);
    EXPECT_EQ(only_refusal(r), "ABI major version mismatch (plugin ABI 2.0, host ABI 1." +
                                   std::to_string(REDRESS_ABI_MINOR) + ")");
    EXPECT_EQ(r.refusals().front().file, fixture("fixture_abi_major_2"));
}

TEST(PluginLoader, RefusesNewerAbiMinor) {
    PluginRegistry r;
    r.load_file(fixture("fixture_abi_newer_minor"));
    EXPECT_EQ(only_refusal(r), "plugin needs a newer host (plugin ABI 1." +
                                   std::to_string(REDRESS_ABI_MINOR + 1) + ", host ABI 1." +
                                   std::to_string(REDRESS_ABI_MINOR) + ")");
}

TEST(PluginLoader, RefusesLibraryWithoutEntryPoint) {
    PluginRegistry r;
    r.load_file(fixture("fixture_no_entry"));
    EXPECT_NE(only_refusal(r).find("no entry point 'redress_plugin_entry'"), std::string::npos);
}

TEST(PluginLoader, RefusesRandomBytesNamedSo) {
    TempDir dir;
    std::mt19937 gen(7);
    std::string bytes(4096, '\0');
    for (auto& c : bytes)
        c = static_cast<char>(gen());
    auto file = dir.write("random.so", bytes);
    PluginRegistry r;
    r.load_file(file);
    std::string reason = only_refusal(r);
    EXPECT_NE(reason.find("cannot load library"), std::string::npos) << reason;
    EXPECT_NE(reason.find("random.so"), std::string::npos) << reason; // dlerror names it
}

TEST(PluginLoader, RefusesDescriptorWithWrongSize) {
    PluginRegistry r;
    r.load_file(fixture("fixture_wrong_size"));
    std::string reason = only_refusal(r);
    EXPECT_EQ(reason, "descriptor is 24 bytes; ABI 1." + std::to_string(REDRESS_ABI_MINOR) +
                          " needs at least " + std::to_string(sizeof(redress_plugin_descriptor)));
}

TEST(PluginLoader, RefusesUnknownFamily) {
    PluginRegistry r;
    r.load_file(fixture("fixture_unknown_family"));
    EXPECT_EQ(only_refusal(r), "invalid descriptor: unknown family bits 0x10 (this host knows "
                               "intake, compensation, catalog, reporter)");
}

TEST(PluginLoader, RefusesDuplicateNameAndKeepsTheFirst) {
    PluginRegistry r;
    auto first = r.load_file(fixture("fixture_policy"));
    auto second = r.load_file(fixture("fixture_policy_copy"));
    ASSERT_TRUE(first);
    EXPECT_FALSE(second);
    ASSERT_EQ(r.refusals().size(), 1u);
    EXPECT_EQ(r.refusals()[0].reason,
              "duplicate plugin name 'fixture-policy' (already loaded from " +
                  fixture("fixture_policy").string() + ")");
    EXPECT_EQ(r.libraries().size(), 1u);
}

TEST(PluginLoader, DirectoryScanGoesOnPastEveryBadFile) {
    TempDir dir;
    for (const char* name : {"fixture_intake", "fixture_abi_major_2", "fixture_policy",
                             "fixture_no_entry", "fixture_wrong_size", "fixture_reporter",
                             "fixture_unknown_family", "fixture_abi_newer_minor"})
        std::filesystem::copy_file(fixture(name), dir / (std::string(name) + ".so"));
    dir.write("garbage.so", "not an ELF file at all");
    dir.write("README.txt", "ignored: not a .so");

    PluginRegistry r;
    r.load_directory(dir.path());
    std::vector<std::string> loaded;
    for (const auto& l : r.libraries())
        loaded.push_back(l->name());
    EXPECT_EQ(loaded,
              (std::vector<std::string>{"fixture-intake", "fixture-policy", "fixture-reporter"}));
    EXPECT_EQ(r.refusals().size(), 6u);
    for (const auto& refusal : r.refusals())
        EXPECT_EQ(refusal.file.parent_path(), dir.path()) << refusal.reason;
}

TEST(PluginLoader, MissingFolderIsARefusalNotACrash) {
    PluginRegistry r;
    r.load_directory("/nonexistent/redress/plugins");
    EXPECT_EQ(only_refusal(r), "plugin folder does not exist or is not a folder");
}

TEST(PluginLoader, PluginsBuiltWithDefaultVisibilityAndTheSameClassNameStayApart) {
    // Without internal linkage in the SDK's adapter, GCC makes the descriptor
    // storage STB_GNU_UNIQUE and the second library returns the first's.
    PluginRegistry r;
    auto one = r.load_file(fixture("fixture_plain_one"));
    auto two = r.load_file(fixture("fixture_plain_two"));
    ASSERT_TRUE(one && two) << (r.refusals().empty() ? "" : r.refusals()[0].reason);
    EXPECT_EQ(one->name(), "plain-one");
    EXPECT_EQ(two->name(), "plain-two");
}

TEST(PluginLoader, RefusesAnInvalidDefaultAtLoadNotInEveryConfig) {
    PluginRegistry r;
    r.load_file(fixture("fixture_bad_default"));
    EXPECT_EQ(
        only_refusal(r).rfind(
            "invalid descriptor: config key 'greeting': default \"hello\" is not a TOML value", 0),
        0u)
        << only_refusal(r);
}
