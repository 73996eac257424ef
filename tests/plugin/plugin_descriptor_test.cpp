// The descriptor checks on their own, without a library around them: what
// fuzz/plugin_descriptor_fuzz drives with descriptors built from bytes.
#include <gtest/gtest.h>
#include <redress/core/plugin/plugin_descriptor.hpp>

using namespace redress::core;

namespace {

redress_status create(const redress_host_api*, redress_host*, const redress_record*, void**,
                      redress_error*) {
    return REDRESS_OK;
}
void destroy(void*) {}
redress_status propose(void*, const redress_record*, redress_record*, redress_error*) {
    return REDRESS_OK;
}

const redress_compensation_api policy_table{sizeof(redress_compensation_api), 0, propose};

redress_plugin_descriptor policy() {
    redress_plugin_descriptor d{};
    d.struct_size = sizeof d;
    d.abi_major = REDRESS_ABI_MAJOR;
    d.abi_minor = REDRESS_ABI_MINOR;
    d.name = "goodwill";
    d.version = "1.0.0";
    d.families = REDRESS_FAMILY_COMPENSATION;
    d.create = create;
    d.destroy = destroy;
    d.compensation = &policy_table;
    return d;
}

std::string refusal(const redress_plugin_descriptor& d) {
    try {
        check_descriptor(d);
    } catch (const DescriptorError& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST(PluginDescriptor, AcceptsAPolicyAndCopiesItsSchema) {
    redress_config_key keys[] = {{"levels", REDRESS_CONFIG_TABLE, 0, nullptr, "级别"},
                                 {"levels.a", REDRESS_CONFIG_FLOAT, 0, "1.5", ""}};
    auto d = policy();
    d.config_keys = keys;
    d.config_key_count = 2;
    DescriptorInfo info = check_descriptor(d);
    EXPECT_EQ(info.name, "goodwill");
    ASSERT_EQ(info.config_keys.size(), 2u);
    EXPECT_EQ(info.config_keys[0].description, "级别");
    EXPECT_EQ(info.config_keys[1].default_value, "1.5");
}

TEST(PluginDescriptor, RefusesWithTheReasonALoadShows) {
    auto d = policy();
    d.abi_major = 2;
    EXPECT_EQ(refusal(d).rfind("ABI major version mismatch (plugin ABI 2.", 0), 0u) << refusal(d);
    d = policy();
    d.name = nullptr;
    EXPECT_EQ(refusal(d), "invalid descriptor: name is NULL");
    d = policy();
    d.config_key_count = 2000;
    EXPECT_EQ(refusal(d), "invalid descriptor: config schema count is set but the array is NULL");
}
