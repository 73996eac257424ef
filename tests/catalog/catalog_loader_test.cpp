// The catalog folder reader: versions side by side, the one in force on a
// date, and every validation problem reported with file:line.
#include "catalog/catalog_test_support.hpp"
#include "catalog_loader.hpp"

#include <gtest/gtest.h>

using namespace redress::catalog_plugin;
using redress::test::CatalogDir;
using redress::test::small_version;

namespace {

std::chrono::year_month_day day(const char* s) {
    return *parse_date(s);
}

// The problems of a folder that must not load.
std::vector<std::string> problems_of(const CatalogDir& dir) {
    try {
        load_catalog(dir.path(), LoadOptions{});
    } catch (const CatalogErrors& e) {
        return e.problems();
    }
    ADD_FAILURE() << "the catalog loaded";
    return {};
}

// True when some problem is exactly at file:line and contains text.
bool has_problem(const std::vector<std::string>& problems, const std::filesystem::path& file,
                 int line, const std::string& text) {
    std::string where = file.string() + ":" + std::to_string(line) + ": ";
    for (const auto& p : problems)
        if (p.rfind(where, 0) == 0 && p.find(text) != std::string::npos)
            return true;
    return false;
}

// True when some problem names file and contains text (for problems of the
// whole file, whose line is where the file starts).
bool has_text(const std::vector<std::string>& problems, const std::filesystem::path& file,
              const std::string& text) {
    for (const auto& p : problems)
        if (p.rfind(file.string() + ":", 0) == 0 && p.find(text) != std::string::npos)
            return true;
    return false;
}

std::string dump(const std::vector<std::string>& problems) {
    std::string s;
    for (const auto& p : problems)
        s += p + "\n";
    return s;
}

} // namespace

TEST(CatalogLoader, TheExampleCatalogHasTwoVersionsOfTwentyFiveEntries) {
    Catalog c = load_catalog(redress::test::example_catalog(), LoadOptions{});
    ASSERT_EQ(c.versions.size(), 2u);
    EXPECT_EQ(c.versions[0].name, "2026-H1");
    EXPECT_EQ(c.versions[1].name, "2026-H2");
    for (const auto& v : c.versions) {
        EXPECT_GE(v.entries.size(), 20u) << v.name;
        int provided = 0, not_provided = 0, arrangeable = 0;
        for (const auto& e : v.entries)
            (e.status == Status::Provided      ? provided
             : e.status == Status::NotProvided ? not_provided
                                               : arrangeable)++;
        EXPECT_GE(provided, 5) << v.name;
        EXPECT_GE(not_provided, 5) << v.name;
        EXPECT_GE(arrangeable, 5) << v.name;
    }
}

TEST(CatalogLoader, ADateIsAnsweredByTheVersionInForceThen) {
    Catalog c = load_catalog(redress::test::example_catalog(), LoadOptions{});
    EXPECT_EQ(c.at(day("2025-12-31")), nullptr);
    EXPECT_EQ(c.at(day("2026-01-01"))->name, "2026-H1");
    EXPECT_EQ(c.at(day("2026-06-30"))->name, "2026-H1"); // effective_until is the last day
    EXPECT_EQ(c.at(day("2026-07-01"))->name, "2026-H2");
    EXPECT_EQ(c.at(day("2030-01-01"))->name, "2026-H2"); // open-ended
    EXPECT_EQ(*c.at(day("2026-03-01"))->find("extended-warranty")->fee_minor, 399'00);
    EXPECT_EQ(*c.at(day("2026-08-01"))->find("extended-warranty")->fee_minor, 349'00);
}

TEST(CatalogLoader, OverlappingVersionsAreRefusedNamingBoth) {
    CatalogDir dir;
    dir.write("a.toml", small_version("A", "2026-01-01", "2026-06-30"));
    auto b = dir.write("b.toml", small_version("B", "2026-06-01"));
    auto p = problems_of(dir);
    ASSERT_EQ(p.size(), 1u) << dump(p);
    EXPECT_EQ(
        p[0].rfind(b.string() + ": version \"B\" (from 2026-06-01) overlaps version \"A\"", 0), 0u)
        << p[0];
}

TEST(CatalogLoader, AnOpenEndedVersionEndsTheDayBeforeTheNextStarts) {
    // The usual way to publish a new version: drop its file beside the open one.
    CatalogDir dir;
    dir.write("a.toml", small_version("A", "2026-01-01"));
    dir.write("b.toml", small_version("B", "2026-07-01"));
    Catalog c = load_catalog(dir.path(), LoadOptions{});
    ASSERT_EQ(c.versions.size(), 2u);
    EXPECT_TRUE(c.versions[0].until_implied);
    EXPECT_EQ(format_date(*c.versions[0].effective_until), "2026-06-30");
    EXPECT_EQ(c.at(day("2026-06-30"))->name, "A");
    EXPECT_EQ(c.at(day("2026-07-01"))->name, "B");
    EXPECT_FALSE(c.versions[1].effective_until);
}

TEST(CatalogLoader, TwoVersionsStartingTheSameDayOverlap) {
    CatalogDir dir;
    dir.write("a.toml", small_version("A", "2026-01-01"));
    dir.write("b.toml", small_version("B", "2026-01-01"));
    auto p = problems_of(dir);
    ASSERT_EQ(p.size(), 1u) << dump(p);
    EXPECT_NE(p[0].find("(2026-01-01 to open-ended)"), std::string::npos) << p[0];
}

TEST(CatalogLoader, OverlapsAreReportedBesideOtherProblems) {
    CatalogDir dir;
    dir.write("a.toml", small_version("A", "2026-01-01", "2026-12-31"));
    dir.write("b.toml", small_version("B", "2026-06-01"));
    auto c = dir.write("c.toml", "version = \"C\"\neffective_from = 2027-01-01\n");
    auto p = problems_of(dir);
    EXPECT_TRUE(has_text(p, c, "no [[entry]]")) << dump(p);
    bool overlap = false;
    for (const auto& line : p)
        overlap = overlap || line.find("overlaps version \"A\"") != std::string::npos;
    EXPECT_TRUE(overlap) << dump(p);
}

TEST(CatalogLoader, AnAlternativeWithItsOwnProblemIsNotAlsoUnknown) {
    CatalogDir dir;
    auto f = dir.write("v.toml", R"(version = "V"
effective_from = 2026-01-01

[[entry]]
id = "a"
status = "not_provided"
title = { zh = "甲", en = "A" }
description = { zh = "甲。", en = "A." }
alternatives = ["b"]

[[entry]]
id = "b"
status = "arrangeable"
title = { zh = "乙", en = "B" }
description = { zh = "乙。", en = "B." }
fee_minor = 2_000_000_000_000
lead_time_days = 99999
)");
    auto p = problems_of(dir);
    EXPECT_TRUE(has_problem(p, f, 16, "fee_minor: more than 1000000000000")) << dump(p);
    EXPECT_TRUE(has_problem(p, f, 17, "lead_time_days: more than 3650 working days")) << dump(p);
    for (const auto& line : p)
        EXPECT_EQ(line.find("unknown entry id"), std::string::npos) << line;
}

TEST(CatalogLoader, TwoFilesWithOneVersionNameAreRefused) {
    CatalogDir dir;
    dir.write("a.toml", small_version("A", "2026-01-01", "2026-06-30"));
    dir.write("b.toml", small_version("A", "2026-07-01"));
    auto p = problems_of(dir);
    ASSERT_EQ(p.size(), 1u) << dump(p);
    EXPECT_NE(p[0].find("another file has the same version name"), std::string::npos);
}

TEST(CatalogLoader, EveryProblemOfAnEntryIsReportedAtItsLine) {
    CatalogDir dir;
    auto f = dir.write("v.toml", R"(version = "V"
effective_from = 2026-01-01

[[entry]]
id = "a"
status = "arrangeable"
title = { zh = "甲" }
description = { zh = "甲。", en = "A." }
colour = "red"
alternatives = ["nowhere", "a"]

[[entry]]
id = "b"
status = "provided"
title = { zh = "乙", en = "B" }
description = { zh = "乙。", en = "B." }
fee_minor = 100
keywords = { zh = ["乙"] }

[[entry]]
id = "b"
status = "maybe"
title = { zh = "丙", en = "C" }
description = { zh = "丙。", en = "C." }
)");
    auto p = problems_of(dir);
    EXPECT_TRUE(has_problem(p, f, 7, "entry \"a\": title: missing translation \"en\"")) << dump(p);
    EXPECT_TRUE(has_problem(p, f, 9, "entry \"a\": colour: unknown key")) << dump(p);
    EXPECT_TRUE(has_problem(p, f, 4, "entry \"a\": fee_minor: missing")) << dump(p);
    EXPECT_TRUE(has_problem(p, f, 4, "entry \"a\": lead_time_days: missing")) << dump(p);
    EXPECT_TRUE(has_problem(p, f, 17, "entry \"b\": fee_minor: only an arrangeable entry has one"))
        << dump(p);
    EXPECT_TRUE(has_problem(p, f, 18, "entry \"b\": keywords: missing translation \"en\""))
        << dump(p);
    EXPECT_TRUE(has_problem(p, f, 22, "entry \"b\": status: expected \"provided\"")) << dump(p);
}

TEST(CatalogLoader, UnknownAlternativesAndDuplicateIdsAreReported) {
    CatalogDir dir;
    auto f = dir.write("v.toml", R"(version = "V"
effective_from = 2026-01-01

[[entry]]
id = "a"
status = "not_provided"
title = { zh = "甲", en = "A" }
description = { zh = "甲。", en = "A." }
alternatives = ["nowhere", "a"]

[[entry]]
id = "a"
status = "provided"
title = { zh = "乙", en = "B" }
description = { zh = "乙。", en = "B." }
)");
    auto p = problems_of(dir);
    EXPECT_TRUE(has_problem(p, f, 4, "alternatives: unknown entry id \"nowhere\"")) << dump(p);
    EXPECT_TRUE(has_problem(p, f, 4, "alternatives: names the entry itself")) << dump(p);
    EXPECT_TRUE(has_problem(p, f, 11, "entry \"a\": duplicate id")) << dump(p);
}

TEST(CatalogLoader, VersionKeysAreChecked) {
    CatalogDir dir;
    auto f = dir.write("v.toml", R"(version = ""
effective_from = "2026-01-01"
effective_until = 2025-01-01
currency = "yuan"
owner = "me"
)");
    auto p = problems_of(dir);
    EXPECT_TRUE(has_problem(p, f, 1, "version: must not be empty")) << dump(p);
    EXPECT_TRUE(has_problem(p, f, 2,
                            "effective_from: expected a date such as 2026-01-01, found "
                            "a string"))
        << dump(p);
    EXPECT_TRUE(has_problem(p, f, 4, "currency: expected an ISO 4217 code")) << dump(p);
    CatalogDir yen;
    auto y = yen.write("v.toml", "currency = \"JPY\"\n" + small_version("V", "2026-01-01"));
    EXPECT_TRUE(has_problem(problems_of(yen), y, 1,
                            "currency: expected an ISO 4217 code with two decimal places"));
    EXPECT_TRUE(has_problem(p, f, 5, "owner: unknown key")) << dump(p);
    EXPECT_TRUE(has_text(p, f, "no [[entry]]")) << dump(p);
}

TEST(CatalogLoader, UntilBeforeFromIsRefused) {
    CatalogDir dir;
    auto f = dir.write("v.toml", small_version("V", "2026-06-01", "2026-05-31"));
    auto p = problems_of(dir);
    EXPECT_TRUE(has_problem(p, f, 3,
                            "effective_until 2026-05-31 is before effective_from "
                            "2026-06-01"))
        << dump(p);
}

TEST(CatalogLoader, ATomlSyntaxErrorNamesLineAndColumn) {
    CatalogDir dir;
    auto f = dir.write("v.toml", "version = \"V\"\neffective_from = 2026-01-01\n[[entry]\n");
    auto p = problems_of(dir);
    ASSERT_EQ(p.size(), 1u) << dump(p);
    EXPECT_EQ(p[0].rfind(f.string() + ":3:", 0), 0u) << p[0];
}

TEST(CatalogLoader, AFolderWithoutVersionsOrNoFolderIsRefused) {
    CatalogDir dir;
    auto p = problems_of(dir);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NE(p[0].find("no *.toml files"), std::string::npos) << p[0];
    EXPECT_THROW(load_catalog(dir.path() / "missing", LoadOptions{}), CatalogErrors);
}

TEST(CatalogLoader, ProblemsInSeveralFilesAreAllReported) {
    CatalogDir dir;
    auto a = dir.write("a.toml", "version = 1\neffective_from = 2026-01-01\n");
    auto b = dir.write("b.toml", "effective_from = 2027-01-01\n");
    auto p = problems_of(dir);
    EXPECT_TRUE(has_problem(p, a, 1, "version: expected a string")) << dump(p);
    EXPECT_TRUE(has_text(p, b, "version: missing")) << dump(p);
}

TEST(CatalogLoader, ExtraLanguagesAreRequiredWhenConfigured) {
    CatalogDir dir;
    auto f = dir.write("v.toml", small_version("V", "2026-01-01"));
    LoadOptions options;
    options.languages = {"zh", "en", "ja"};
    try {
        load_catalog(dir.path(), options);
        FAIL() << "loaded without Japanese";
    } catch (const CatalogErrors& e) {
        EXPECT_TRUE(has_problem(e.problems(), f, 7, "title: missing translation \"ja\""))
            << e.what();
    }
}
