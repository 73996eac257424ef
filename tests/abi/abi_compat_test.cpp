// The C ABI may only grow compatibly. The committed baseline
// (sdk/abi/abi-1.layout) records the layout of ABI 1.0; the current abi.h,
// as a C compiler lays it out, must keep every field where it was, only
// append, keep every constant, keep the major, and bump the minor whenever it
// grows. The baseline is updated only when a new minor is released.
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <sstream>
#include <string>

extern "C" const char* redress_abi_layout(void);

namespace {

struct Layout {
    std::map<std::string, std::pair<unsigned long, unsigned long>> fields; // "s.f" -> offset,size
    std::map<std::string, std::pair<unsigned long, unsigned long>> sizes;  // s -> size,align
    std::map<std::string, unsigned long> consts;
    std::map<std::string, std::vector<std::string>> order; // s -> fields in order
};

Layout parse(std::istream& in) {
    Layout l;
    std::string kind, a, b;
    unsigned long x, y;
    while (in >> kind >> a >> b >> x >> y) {
        if (kind == "field") {
            l.fields[a + "." + b] = {x, y};
            l.order[a].push_back(b);
        } else if (kind == "sizeof") {
            l.sizes[a] = {x, y};
        } else if (kind == "const") {
            l.consts[a] = x;
        }
    }
    return l;
}

Layout current() {
    std::istringstream in(redress_abi_layout());
    return parse(in);
}

Layout baseline() {
    std::ifstream in(REDRESS_SOURCE_DIR "/sdk/abi/abi-1.layout");
    EXPECT_TRUE(in.good()) << "missing baseline sdk/abi/abi-1.layout";
    return parse(in);
}

} // namespace

TEST(AbiCompat, MajorVersionIsUnchanged) {
    EXPECT_EQ(current().consts.at("REDRESS_ABI_MAJOR"), baseline().consts.at("REDRESS_ABI_MAJOR"));
}

TEST(AbiCompat, EveryBaselineFieldKeepsItsOffsetAndSize) {
    Layout now = current();
    for (const auto& [name, at] : baseline().fields) {
        ASSERT_TRUE(now.fields.count(name)) << name << " was removed or renamed";
        EXPECT_EQ(now.fields[name], at) << name << " moved or changed size";
    }
}

TEST(AbiCompat, StructsOnlyGrowByAppending) {
    Layout now = current(), base = baseline();
    for (const auto& [name, size] : base.sizes) {
        ASSERT_TRUE(now.sizes.count(name)) << name << " was removed";
        EXPECT_GE(now.sizes[name].first, size.first) << name << " shrank";
        EXPECT_EQ(now.sizes[name].second, size.second) << name << " changed alignment";
    }
    for (const auto& [name, at] : now.fields) {
        if (base.fields.count(name))
            continue;
        std::string s = name.substr(0, name.find('.'));
        if (base.sizes.count(s)) {
            EXPECT_GE(at.first, base.sizes[s].first) << name << " was inserted, not appended";
        }
    }
}

TEST(AbiCompat, ConstantsKeepTheirValues) {
    Layout now = current();
    for (const auto& [name, value] : baseline().consts) {
        if (name == "REDRESS_ABI_MINOR")
            continue;
        ASSERT_TRUE(now.consts.count(name)) << name << " was removed";
        EXPECT_EQ(now.consts[name], value) << name << " changed value";
    }
}

TEST(AbiCompat, GrowthBumpsTheMinorVersion) {
    Layout now = current(), base = baseline();
    // A new constant (a config type, a status) is growth too: an older host
    // does not know it.
    bool grew = now.fields.size() != base.fields.size() || now.sizes.size() != base.sizes.size() ||
                now.consts.size() != base.consts.size();
    for (const auto& [name, size] : base.sizes)
        grew = grew || now.sizes[name].first != size.first;
    if (grew) {
        EXPECT_GT(now.consts["REDRESS_ABI_MINOR"], base.consts["REDRESS_ABI_MINOR"])
            << "abi.h grew; bump REDRESS_ABI_MINOR";
    } else {
        EXPECT_EQ(now.consts["REDRESS_ABI_MINOR"], base.consts["REDRESS_ABI_MINOR"]);
    }
}

TEST(AbiCompat, LayoutReportListsEveryField) {
    // If a member is added to abi.h but not to abi_layout.c, the last listed
    // field no longer reaches the end of the struct; catch that here.
    Layout now = current();
    for (const auto& [s, fields] : now.order) {
        auto last = now.fields[s + "." + fields.back()];
        unsigned long end = last.first + last.second;
        unsigned long align = now.sizes[s].second;
        unsigned long padded = (end + align - 1) / align * align;
        EXPECT_EQ(padded, now.sizes[s].first) << s << " has members abi_layout.c does not list";
    }
}

TEST(AbiCompat, StructsWithoutASizeFieldAreFrozen) {
    // redress_value is written into plugin memory and redress_config_key arrays
    // are read with a fixed stride: neither can ever grow within ABI 1.x.
    Layout now = current(), base = baseline();
    for (const char* s : {"redress_value", "redress_config_key"})
        EXPECT_EQ(now.sizes.at(s), base.sizes.at(s)) << s << " must not change";
}
