#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <optional>
#include <redress/core/plugin/plugin_descriptor.hpp>
#include <regex>
#include <set>
#include <toml++/toml.h>

namespace redress::core {
namespace {

// The smallest descriptor ABI 1.0 knows: everything up to and including the
// reporter table pointer. Later minors may only be larger.
constexpr std::size_t min_descriptor_size =
    offsetof(redress_plugin_descriptor, reporter) + sizeof(void*);

// Family tables are checked against their ABI 1.0 size, not the host's sizeof:
// a later minor may append functions, and a 1.0 plugin must still load. A
// function added later is called only after checking struct_size covers it.
constexpr std::size_t intake_1_0 = offsetof(redress_intake_api, poll) + sizeof(void*);
constexpr std::size_t compensation_1_0 =
    offsetof(redress_compensation_api, propose) + sizeof(void*);
constexpr std::size_t catalog_1_0 = offsetof(redress_catalog_api, lookup) + sizeof(void*);
constexpr std::size_t reporter_1_0 = offsetof(redress_reporter_api, render) + sizeof(void*);

constexpr std::size_t max_name_length = 64;
constexpr std::size_t max_text_length = 4096;

// Reads a NUL-terminated string from plugin memory with an upper bound, so a
// garbage pointer to non-terminated memory cannot make us read forever.
std::string bounded_string(const char* s, std::size_t limit, const char* what) {
    if (!s)
        throw std::invalid_argument(std::string(what) + " is NULL");
    std::size_t n = strnlen(s, limit + 1);
    if (n > limit)
        throw std::invalid_argument(std::string(what) + " is longer than " + std::to_string(limit) +
                                    " bytes");
    return std::string(s, n);
}

bool valid_config_type(std::uint32_t t) {
    return t >= REDRESS_CONFIG_STRING && t <= REDRESS_CONFIG_PATH;
}

// A declared default must be a TOML value of the declared type; checked here so
// that a plugin bug refuses the plugin instead of failing every config.
std::optional<std::string> default_error(const std::string& text, std::uint32_t type) {
    toml::table t;
    try {
        t = toml::parse("v = " + text);
    } catch (const toml::parse_error& e) {
        return "is not a TOML value (" + std::string(e.description()) + ")";
    }
    const toml::node& v = *t.get("v");
    auto all_of = [&](auto pred) {
        const toml::array* a = v.as_array();
        return a && std::all_of(a->begin(), a->end(), pred);
    };
    bool ok = false;
    switch (type) {
    case REDRESS_CONFIG_STRING:
    case REDRESS_CONFIG_PATH:
        ok = v.is_string();
        break;
    case REDRESS_CONFIG_INTEGER:
        ok = v.is_integer();
        break;
    case REDRESS_CONFIG_FLOAT:
        ok = v.is_number();
        break;
    case REDRESS_CONFIG_BOOLEAN:
        ok = v.is_boolean();
        break;
    case REDRESS_CONFIG_STRING_LIST:
        ok = all_of([](const toml::node& n) { return n.is_string(); });
        break;
    case REDRESS_CONFIG_INTEGER_LIST:
        ok = all_of([](const toml::node& n) { return n.is_integer(); });
        break;
    case REDRESS_CONFIG_TABLE:
        ok = v.is_table();
        break;
    case REDRESS_CONFIG_TABLE_LIST:
        ok = all_of([](const toml::node& n) { return n.is_table(); });
        break;
    }
    if (!ok)
        return "does not have the declared type";
    return std::nullopt;
}

// The first eight bytes are the same in every ABI version; nothing else is
// read before the version check.
void check_version(const redress_plugin_descriptor& d) {
    if (d.struct_size < 8)
        throw DescriptorError("descriptor size " + std::to_string(d.struct_size) +
                              " is too small to hold a version");
    auto abi = [](unsigned major, unsigned minor) {
        return std::to_string(major) + "." + std::to_string(minor);
    };
    const std::string versions = "plugin ABI " + abi(d.abi_major, d.abi_minor) + ", host ABI " +
                                 abi(REDRESS_ABI_MAJOR, REDRESS_ABI_MINOR);
    if (d.abi_major != REDRESS_ABI_MAJOR)
        throw DescriptorError("ABI major version mismatch (" + versions + ")");
    if (d.abi_minor > REDRESS_ABI_MINOR)
        throw DescriptorError("plugin needs a newer host (" + versions + ")");
    if (d.struct_size < min_descriptor_size)
        throw DescriptorError("descriptor is " + std::to_string(d.struct_size) + " bytes; ABI " +
                              abi(d.abi_major, d.abi_minor) + " needs at least " +
                              std::to_string(min_descriptor_size));
}

// Every field after the version; throws std::invalid_argument naming the field.
void read_fields(const redress_plugin_descriptor& d, DescriptorInfo& out) {
    out.name = bounded_string(d.name, max_name_length, "name");
    static const std::regex name_pattern("[a-z0-9][a-z0-9_-]*");
    if (!std::regex_match(out.name, name_pattern))
        throw std::invalid_argument(
            "name '" + out.name + "' must match [a-z0-9][a-z0-9_-]* (lower case, digits, - and _)");
    out.version = bounded_string(d.version, max_name_length, "version");
    out.description =
        d.description ? bounded_string(d.description, max_text_length, "description") : "";

    if (d.families == 0)
        throw std::invalid_argument("provides no family");
    if (d.families & ~REDRESS_FAMILY_KNOWN)
        throw std::invalid_argument("unknown family bits 0x" + [&] {
            char buf[16];
            std::snprintf(buf, sizeof buf, "%x", d.families & ~REDRESS_FAMILY_KNOWN);
            return std::string(buf);
        }() + " (this host knows intake, compensation, catalog, reporter)");
    if (!d.create || !d.destroy)
        throw std::invalid_argument("create or destroy is NULL");

    auto check_table = [](const void* table, bool declared, std::uint32_t size, std::size_t min,
                          const char* family) {
        if (declared && !table)
            throw std::invalid_argument(std::string(family) +
                                        " family declared but its table is NULL");
        if (!declared && table)
            throw std::invalid_argument(std::string(family) +
                                        " table given but family not declared");
        if (table && size < min)
            throw std::invalid_argument(std::string(family) + " table is " + std::to_string(size) +
                                        " bytes, needs at least " + std::to_string(min));
    };
    check_table(d.intake, d.families & REDRESS_FAMILY_INTAKE, d.intake ? d.intake->struct_size : 0,
                intake_1_0, "intake");
    check_table(d.compensation, d.families & REDRESS_FAMILY_COMPENSATION,
                d.compensation ? d.compensation->struct_size : 0, compensation_1_0, "compensation");
    check_table(d.catalog, d.families & REDRESS_FAMILY_CATALOG,
                d.catalog ? d.catalog->struct_size : 0, catalog_1_0, "catalog");
    check_table(d.reporter, d.families & REDRESS_FAMILY_REPORTER,
                d.reporter ? d.reporter->struct_size : 0, reporter_1_0, "reporter");

    if (d.intake) {
        if (!d.intake->handle_http || !d.intake->poll)
            throw std::invalid_argument("intake table has a NULL function");
        if (d.intake->channel_count == 0 || !d.intake->channels)
            throw std::invalid_argument("intake family provides no channel");
        if (d.intake->channel_count > 64)
            throw std::invalid_argument("intake family declares more than 64 channels");
        std::set<std::string> seen;
        for (std::size_t i = 0; i < d.intake->channel_count; ++i) {
            std::string c = bounded_string(d.intake->channels[i], max_name_length, "channel name");
            static const std::regex channel_pattern("[a-z0-9][a-z0-9_-]*");
            if (!std::regex_match(c, channel_pattern))
                throw std::invalid_argument("channel name '" + c +
                                            "' must match [a-z0-9][a-z0-9_-]*");
            if (!seen.insert(c).second)
                throw std::invalid_argument("channel '" + c + "' declared twice");
            out.channels.push_back(c);
        }
        constexpr std::size_t intake_1_1 =
            offsetof(redress_intake_api, http_prefix_count) + sizeof(size_t);
        bool declares = d.intake->struct_size >= intake_1_1 && d.intake->http_prefix_count > 0;
        if (declares) {
            if (!d.intake->http_prefixes)
                throw std::invalid_argument(
                    "intake http_prefix_count is set but the array is NULL");
            if (d.intake->http_prefix_count > 16)
                throw std::invalid_argument("intake family declares more than 16 URL prefixes");
            static const std::regex prefix_pattern("(/[a-z0-9][a-z0-9_.-]*)+");
            for (std::size_t i = 0; i < d.intake->http_prefix_count; ++i) {
                std::string p =
                    bounded_string(d.intake->http_prefixes[i], max_name_length, "URL prefix");
                if (!std::regex_match(p, prefix_pattern))
                    throw std::invalid_argument("URL prefix '" + p +
                                                "' must look like /name or /name/sub "
                                                "(lower-case letters, digits, _ . -)");
                out.http_prefixes.push_back(p);
            }
        } else {
            for (const auto& c : out.channels)
                out.http_prefixes.push_back("/channels/" + c);
        }
    }
    if (d.compensation && !d.compensation->propose)
        throw std::invalid_argument("compensation table has a NULL function");
    if (d.catalog && !d.catalog->lookup)
        throw std::invalid_argument("catalog table has a NULL function");
    if (d.reporter) {
        if (!d.reporter->render)
            throw std::invalid_argument("reporter table has a NULL function");
        out.report_format = bounded_string(d.reporter->format, max_name_length, "report format");
        out.report_content_type =
            bounded_string(d.reporter->content_type, max_text_length, "report content type");
    }

    if (d.config_key_count > 0 && !d.config_keys)
        throw std::invalid_argument("config schema count is set but the array is NULL");
    if (d.config_key_count > 1024)
        throw std::invalid_argument("config schema has more than 1024 keys");
    std::set<std::string> paths;
    for (std::size_t i = 0; i < d.config_key_count; ++i) {
        const redress_config_key& k = d.config_keys[i];
        PluginConfigKey key;
        key.path = bounded_string(k.path, 256, "config key path");
        if (key.path.empty() || !paths.insert(key.path).second)
            throw std::invalid_argument("config key '" + key.path + "' is empty or declared twice");
        if (!valid_config_type(k.type))
            throw std::invalid_argument("config key '" + key.path + "' has unknown type " +
                                        std::to_string(k.type));
        key.type = k.type;
        key.required = (k.flags & REDRESS_CONFIG_REQUIRED) != 0;
        key.default_value = k.default_value
                                ? bounded_string(k.default_value, max_text_length, "config default")
                                : "";
        if (!key.default_value.empty())
            if (auto why = default_error(key.default_value, key.type))
                throw std::invalid_argument("config key '" + key.path + "': default \"" +
                                            key.default_value + "\" " + *why);
        key.description = k.description
                              ? bounded_string(k.description, max_text_length, "config description")
                              : "";
        out.config_keys.push_back(std::move(key));
    }
    // A nested key "t.k" needs its parent "t" declared as a table.
    for (const auto& key : out.config_keys) {
        auto dot = key.path.rfind('.');
        if (dot == std::string::npos)
            continue;
        std::string parent = key.path.substr(0, dot);
        auto it = std::find_if(out.config_keys.begin(), out.config_keys.end(),
                               [&](const auto& k) { return k.path == parent; });
        if (it == out.config_keys.end() ||
            (it->type != REDRESS_CONFIG_TABLE && it->type != REDRESS_CONFIG_TABLE_LIST))
            throw std::invalid_argument("config key '" + key.path + "' needs '" + parent +
                                        "' declared as a table or table list");
    }
}

} // namespace

DescriptorInfo check_descriptor(const redress_plugin_descriptor& d) {
    check_version(d);
    DescriptorInfo info;
    try {
        read_fields(d, info);
    } catch (const std::invalid_argument& e) {
        throw DescriptorError(std::string("invalid descriptor: ") + e.what());
    }
    return info;
}

} // namespace redress::core
