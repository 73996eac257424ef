// The built catalog.so through the real host: [plugin.catalog] validated (its
// dir resolved), the instance created by PluginHost, and every operation of
// redress/catalog.hpp across the C ABI, reload included.
#include "catalog/catalog_test_support.hpp"
#include "policies/policy_test_support.hpp"

#include <atomic>
#include <gtest/gtest.h>
#include <redress/catalog.hpp>
#include <thread>

using namespace redress::core;
using redress::test::CatalogDir;
using redress::test::small_version;

namespace {

class LoadedCatalog {
public:
    explicit LoadedCatalog(const std::filesystem::path& dir, const std::string& extra = "")
        : loaded_({"catalog"}, "[plugin.catalog]\ndir = \"" + dir.string() + "\"\n" + extra) {}
    std::shared_ptr<PluginInstance> instance() const { return loaded_["catalog"]; }
    std::vector<std::string> refusals() const { return loaded_.refusals(); }
    const std::vector<std::string>& config_errors() const { return loaded_.config_errors(); }

    Record ask(std::initializer_list<std::pair<const char*, std::string>> fields) const {
        Record q;
        for (const auto& [k, v] : fields)
            q.set(k, v);
        Record answer;
        instance()->lookup(q, answer);
        return answer;
    }
    // The plugin's status and message for a query that must fail.
    std::pair<redress_status, std::string>
    failure(std::initializer_list<std::pair<const char*, std::string>> fields) const {
        try {
            ask(fields);
        } catch (const PluginCallError& e) {
            return {e.status(), e.plugin_message()};
        }
        ADD_FAILURE() << "the query succeeded";
        return {REDRESS_OK, ""};
    }

private:
    redress::test::LoadedPolicies loaded_;
};

std::string text(const Record& r, std::string_view key) {
    return std::string(r.string(key).value_or("<absent>"));
}

const Record& nested(const Record& r, std::string_view key, std::size_t i = 0) {
    const auto* held = std::get_if<std::unique_ptr<Record>>(r.get(key, i));
    if (!held || !*held)
        throw std::runtime_error("no record " + std::string(key) + "[" + std::to_string(i) + "]");
    return **held;
}

} // namespace

TEST(CatalogPlugin, LoadsAsACatalogWithARelativeDirResolvedAgainstTheConfig) {
    auto lib = PluginLibrary::load(redress::test::shipped_plugin("catalog"));
    EXPECT_EQ(lib->name(), "catalog");
    EXPECT_TRUE(lib->families() & REDRESS_FAMILY_CATALOG);

    // "catalog" in a config file at <tmp>/redress.toml means <tmp>/catalog.
    CatalogDir root;
    redress::test::copy_example_catalog(root.path() / "catalog");
    PluginRegistry registry;
    registry.load_file(redress::test::shipped_plugin("catalog"));
    std::vector<ConfigError> errors;
    auto parsed = parse_config_text(
        "[plugins]\ncatalog = \"catalog\"\n[[department]]\nid=\"d\"\nname=\"D\"\nprefix=\"D\"\n"
        "[plugin.catalog]\ndir = \"catalog\"\n",
        root.path() / "redress.toml", errors);
    check_against_plugins(parsed, registry, errors);
    ASSERT_TRUE(errors.empty()) << errors[0].to_string();
    EXPECT_EQ(parsed.config.plugin_configs.at("catalog").string("dir"),
              (root.path() / "catalog").string());
    EXPECT_EQ(parsed.config.plugins.catalog, "catalog");
}

TEST(CatalogPlugin, PluginsCatalogMustNameALoadedCatalog) {
    PluginRegistry registry;
    registry.load_file(redress::test::shipped_plugin("catalog"));
    std::vector<ConfigError> errors;
    auto parsed = parse_config_text("[plugins]\ncatalog = \"catalogue\"\n[[department]]\nid=\"d\"\n"
                                    "name=\"D\"\nprefix=\"D\"\n",
                                    "redress.toml", errors);
    check_against_plugins(parsed, registry, errors);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].to_string(),
              "redress.toml:2:11: plugins.catalog: no catalog plugin named \"catalogue\" is "
              "loaded (loaded catalogs: catalog)");
}

TEST(CatalogPlugin, LookupAnswersVerdictVersionWordingFeeAndAlternatives) {
    LoadedCatalog c(redress::test::example_catalog());
    ASSERT_TRUE(c.instance()) << c.refusals().at(0);
    Record a = c.ask({{"op", "lookup"}, {"q", "要求赔偿误工费"}, {"at", "2026-11-23"}});
    EXPECT_EQ(text(a, "version"), "2026-H2");
    EXPECT_EQ(text(a, "verdict"), "not_provided");
    const Record& m = nested(a, "matches");
    EXPECT_EQ(text(m, "id"), "lost-earnings");
    EXPECT_EQ(text(nested(m, "title"), "zh"), "误工费、交通费赔偿");
    EXPECT_EQ(text(nested(m, "wording"), "zh"),
              "很抱歉，我们不提供「误工费、交通费赔偿」。我们可以为您提供：「24小时加急维修」、"
              "「上门取件」。");
    ASSERT_EQ(m.count("alternatives"), 2u);
    EXPECT_EQ(text(nested(m, "alternatives", 0), "id"), "express-repair");
    const auto* score = std::get_if<double>(m.get("score"));
    ASSERT_TRUE(score);
    EXPECT_GT(*score, 0.35);

    Record fee = c.ask({{"op", "lookup"}, {"q", "extended warranty"}, {"at", "2026-03-01"}});
    EXPECT_EQ(text(fee, "version"), "2026-H1");
    EXPECT_EQ(text(fee, "verdict"), "arrangeable");
    const Record& e = nested(fee, "matches");
    EXPECT_EQ(e.integer("fee_minor"), 399'00);
    EXPECT_EQ(text(e, "currency"), "CNY");
    EXPECT_EQ(e.integer("lead_time_days"), 3);
    EXPECT_EQ(text(nested(e, "wording"), "en"),
              "We can arrange Two-year extended warranty for a fee of 399.00 CNY; it takes 3 "
              "working days.");
}

TEST(CatalogPlugin, NoMatchIsAnAnswerWithoutAVerdict) {
    LoadedCatalog c(redress::test::example_catalog());
    Record a = c.ask({{"op", "lookup"}, {"q", "今天天气很好"}, {"at", "2026-11-23"}});
    EXPECT_EQ(text(a, "version"), "2026-H2");
    EXPECT_EQ(a.count("verdict"), 0u);
    EXPECT_EQ(a.count("matches"), 0u);
}

TEST(CatalogPlugin, ADateBeforeEveryVersionIsNotFound) {
    LoadedCatalog c(redress::test::example_catalog());
    auto [status, message] = c.failure({{"op", "lookup"}, {"q", "维修"}, {"at", "2025-06-01"}});
    EXPECT_EQ(status, REDRESS_E_NOT_FOUND);
    EXPECT_EQ(message, "no catalog version is in force on 2025-06-01");
}

TEST(CatalogPlugin, MalformedQueriesAreRefusedNamingTheField) {
    LoadedCatalog c(redress::test::example_catalog());
    EXPECT_EQ(c.failure({{"op", "lookup"}, {"q", "维修"}, {"at", "2026-13-01"}}).second,
              "at: expected a date YYYY-MM-DD, got \"2026-13-01\"");
    EXPECT_EQ(c.failure({{"op", "lookup"}, {"at", "2026-10-01"}}).second,
              "q: missing (the words to look up, Chinese or English)");
    EXPECT_EQ(c.failure({{"op", "lookup"}, {"q", std::string(5000, 'a')}}).second,
              "q: longer than 4096 bytes");
    EXPECT_EQ(c.failure({{"op", "guess"}}).first, REDRESS_E_INVALID);
    EXPECT_EQ(c.failure({{"op", "list"}, {"status", "free"}, {"at", "2026-10-01"}}).second,
              "status: expected provided, not_provided or arrangeable, got \"free\"");
    EXPECT_EQ(c.failure({{"op", "entry"}, {"id", "nope"}, {"at", "2026-10-01"}}).second,
              "no entry \"nope\" in catalog version 2026-H2");
    EXPECT_EQ(c.failure({{"op", "diff"}, {"from", "2026-H1"}}).second,
              "to: missing (a version name)");
}

TEST(CatalogPlugin, ListFiltersByStatusAndScope) {
    LoadedCatalog c(redress::test::example_catalog());
    Record all = c.ask({{"op", "list"}, {"at", "2026-11-23"}});
    EXPECT_EQ(all.count("entries"), 25u);
    Record fees = c.ask({{"op", "list"}, {"status", "arrangeable"}, {"at", "2026-11-23"}});
    ASSERT_GE(fees.count("entries"), 5u);
    for (std::size_t i = 0; i < fees.count("entries"); ++i)
        EXPECT_EQ(text(nested(fees, "entries", i), "status"), "arrangeable");
    Record fridges =
        c.ask({{"op", "list"}, {"product_line", "refrigerator"}, {"at", "2026-11-23"}});
    for (std::size_t i = 0; i < fridges.count("entries"); ++i)
        EXPECT_NE(text(nested(fridges, "entries", i), "id"), "relocation-install");
    EXPECT_LT(fridges.count("entries"), all.count("entries"));
}

TEST(CatalogPlugin, EntryByVersionIgnoresTheDate) {
    LoadedCatalog c(redress::test::example_catalog());
    Record h1 = c.ask({{"op", "entry"}, {"id", "free-filter"}, {"version", "2026-H1"}});
    EXPECT_EQ(text(nested(h1, "entry"), "status"), "provided");
    EXPECT_EQ(c.failure({{"op", "entry"}, {"id", "free-filter"}, {"at", "2026-11-23"}}).first,
              REDRESS_E_NOT_FOUND);
}

TEST(CatalogPlugin, VersionsSayWhichIsInForce) {
    LoadedCatalog c(redress::test::example_catalog());
    Record v = c.ask({{"op", "versions"}, {"at", "2026-03-01"}});
    ASSERT_EQ(v.count("versions"), 2u);
    EXPECT_EQ(text(nested(v, "versions", 0), "name"), "2026-H1");
    const auto* in_force = std::get_if<bool>(nested(v, "versions", 0).get("in_force"));
    ASSERT_TRUE(in_force);
    EXPECT_TRUE(*in_force);
    EXPECT_EQ(text(nested(v, "versions", 0), "effective_until"), "2026-06-30");
    EXPECT_EQ(nested(v, "versions", 1).count("effective_until"), 0u);
    EXPECT_EQ(nested(v, "versions", 1).integer("entry_count"), 25);
}

TEST(CatalogPlugin, DiffShowsAddedRemovedAndChangedFields) {
    LoadedCatalog c(redress::test::example_catalog());
    Record d = c.ask({{"op", "diff"}, {"from", "2026-H1"}, {"to", "2026-H2"}});
    ASSERT_EQ(d.count("added"), 1u);
    EXPECT_EQ(text(nested(d, "added"), "id"), "deep-cleaning");
    ASSERT_EQ(d.count("removed"), 1u);
    EXPECT_EQ(text(nested(d, "removed"), "id"), "free-filter");
    ASSERT_EQ(d.count("changed"), 2u);
    const Record& warranty = nested(d, "changed", 0);
    EXPECT_EQ(text(warranty, "id"), "extended-warranty");
    EXPECT_EQ(redress::test::strings(warranty, "fields"), std::vector<std::string>{"fee_minor"});
    EXPECT_EQ(nested(warranty, "before").integer("fee_minor"), 399'00);
    EXPECT_EQ(nested(warranty, "after").integer("fee_minor"), 349'00);
    const Record& night = nested(d, "changed", 1);
    EXPECT_EQ(text(night, "id"), "night-visit");
    auto fields = redress::test::strings(night, "fields");
    EXPECT_NE(std::find(fields.begin(), fields.end(), "status"), fields.end());
}

TEST(CatalogPlugin, ACatalogWithErrorsRefusesThePluginWithEveryProblem) {
    CatalogDir dir;
    dir.write("a.toml", small_version("A", "2026-01-01", "2026-06-30"));
    dir.write("b.toml", small_version("B", "2026-02-01"));
    LoadedCatalog c(dir.path());
    EXPECT_FALSE(c.instance());
    ASSERT_EQ(c.refusals().size(), 1u);
    EXPECT_NE(c.refusals()[0].find("has 1 problem(s):"), std::string::npos) << c.refusals()[0];
    EXPECT_NE(c.refusals()[0].find("overlaps version \"A\""), std::string::npos);
}

TEST(CatalogPlugin, ReloadSwapsInANewVersionAndABadOneKeepsTheOld) {
    CatalogDir dir;
    dir.write("a.toml", small_version("A", "2026-01-01", "2026-06-30", 5000));
    LoadedCatalog c(dir.path());
    ASSERT_TRUE(c.instance()) << c.refusals().at(0);
    EXPECT_EQ(c.failure({{"op", "lookup"}, {"q", "周末"}, {"at", "2026-08-01"}}).first,
              REDRESS_E_NOT_FOUND);

    dir.write("b.toml", small_version("B", "2026-07-01", "", 7000));
    Record r = c.ask({{"op", "reload"}});
    EXPECT_EQ(r.integer("versions"), 2);
    Record b = c.ask({{"op", "lookup"}, {"q", "周末"}, {"at", "2026-08-01"}});
    EXPECT_EQ(text(b, "version"), "B");
    EXPECT_EQ(nested(b, "matches").integer("fee_minor"), 7000);

    // A broken third version: the reload fails with file:line, B still answers.
    auto bad = dir.write("c.toml", "version = \"C\"\neffective_from = 2026-07-15\n");
    auto [status, message] = c.failure({{"op", "reload"}});
    EXPECT_EQ(status, REDRESS_E_INVALID);
    EXPECT_NE(message.find(bad.string() + ":"), std::string::npos) << message;
    EXPECT_EQ(text(c.ask({{"op", "lookup"}, {"q", "周末"}, {"at", "2026-08-01"}}), "version"), "B");
}

TEST(CatalogPlugin, LookupsDuringReloadsAllSucceed) {
    CatalogDir dir;
    dir.copy_example();
    LoadedCatalog c(dir.path());
    ASSERT_TRUE(c.instance());
    std::atomic<bool> stop{false};
    std::atomic<int> answered{0}, failed{0};
    std::vector<std::thread> readers;
    for (int t = 0; t < 3; ++t)
        readers.emplace_back([&] {
            while (!stop) {
                try {
                    Record a = c.ask({{"op", "lookup"}, {"q", "上门安装"}, {"at", "2026-11-23"}});
                    if (text(a, "verdict") == "provided")
                        ++answered;
                    else
                        ++failed;
                } catch (...) {
                    ++failed;
                }
            }
        });
    for (int i = 0; i < 30; ++i)
        c.ask({{"op", "reload"}});
    stop = true;
    for (auto& t : readers)
        t.join();
    EXPECT_GT(answered.load(), 0);
    EXPECT_EQ(failed.load(), 0);
}

TEST(CatalogPlugin, ReloadsNeverMixTwoCatalogsInOneAnswer) {
    // The folder alternates between two catalogs (written beside and renamed
    // in, as an operator's deploy would); every answer comes whole from one.
    CatalogDir dir;
    auto write = [&](long fee) {
        auto tmp =
            dir.write("next.tmp", small_version("V" + std::to_string(fee), "2026-01-01", "", fee));
        std::filesystem::rename(tmp, dir.path() / "v.toml");
    };
    write(5000);
    LoadedCatalog c(dir.path());
    ASSERT_TRUE(c.instance());
    std::atomic<bool> stop{false};
    std::atomic<int> whole{0}, mixed{0};
    std::vector<std::thread> readers;
    for (int t = 0; t < 3; ++t)
        readers.emplace_back([&] {
            while (!stop) {
                Record a = c.ask({{"op", "lookup"}, {"q", "周末"}, {"at", "2026-11-23"}});
                auto fee = nested(a, "matches").integer("fee_minor").value_or(-1);
                (text(a, "version") == "V" + std::to_string(fee) ? whole : mixed)++;
            }
        });
    for (int i = 0; i < 40; ++i) {
        write(i % 2 ? 5000 : 7000);
        c.ask({{"op", "reload"}});
    }
    stop = true;
    for (auto& t : readers)
        t.join();
    EXPECT_GT(whole.load(), 0);
    EXPECT_EQ(mixed.load(), 0);
}

TEST(CatalogPlugin, AHostileOneWordQueryIsAnsweredNotChokedOn) {
    LoadedCatalog c(redress::test::example_catalog());
    Record a = c.ask({{"op", "lookup"}, {"q", std::string(4096, 'w')}, {"at", "2026-11-23"}});
    EXPECT_EQ(a.count("verdict"), 0u);
    Record b = c.ask({{"op", "lookup"}, {"q", std::string(1365, 'x') + "上门安装"}});
    EXPECT_EQ(text(b, "verdict"), "provided");
}

TEST(CatalogPlugin, AnEmptyDirMeansAnEmptyCatalogNotARefusal) {
    LoadedCatalog c("");
    ASSERT_TRUE(c.instance()) << c.refusals().at(0);
    auto [status, message] = c.failure({{"op", "lookup"}, {"q", "维修"}});
    EXPECT_EQ(status, REDRESS_E_NOT_FOUND);
    EXPECT_NE(message.find("the catalog is empty"), std::string::npos);
}
