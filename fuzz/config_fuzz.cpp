// The company's TOML config, read from bytes as load_config reads a file
// (core/src/config/config_loader.cpp): phase 1 (parse_config_text: syntax,
// keys, types, values) and phase 2 (check_against_plugins) with no plugin
// loaded. Every [plugin.<name>] section is also checked against a schema that
// declares one key of every type, as a loaded plugin's schema would be.
//
// Expected: none. Both phases promise never to throw for bad content; every
// mistake is a ConfigError in the list. An exception, a crash, or an error
// without a message is a finding.
#include "fuzz_support.hpp"
#include "plugin_section.hpp"
#include "toml_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <exception>
#include <redress/core/config/config_loader.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace redress::core;

constexpr const char* target = "config_fuzz";

[[noreturn]] void finding(const std::string& what) {
    redress::fuzz::finding(target, what);
}

// A schema with every REDRESS_CONFIG_* type, nested tables and defaults, like
// the shipped plugins declare (e-mail, import, rules).
const std::vector<PluginConfigKey>& fuzz_schema() {
    static const std::vector<PluginConfigKey> schema{
        {"mailbox", REDRESS_CONFIG_STRING, true, "", "a required string"},
        {"port", REDRESS_CONFIG_INTEGER, false, "110", ""},
        {"ratio", REDRESS_CONFIG_FLOAT, false, "0.5", ""},
        {"tls", REDRESS_CONFIG_BOOLEAN, false, "false", ""},
        {"folders", REDRESS_CONFIG_STRING_LIST, false, "[\"INBOX\"]", ""},
        {"ids", REDRESS_CONFIG_INTEGER_LIST, false, "[]", ""},
        {"spool", REDRESS_CONFIG_PATH, false, "\"spool\"", ""},
        {"limits", REDRESS_CONFIG_TABLE, false, "", ""},
        {"limits.max", REDRESS_CONFIG_INTEGER, false, "10", ""},
        {"limits.dir", REDRESS_CONFIG_PATH, false, "", ""},
        {"column", REDRESS_CONFIG_TABLE_LIST, false, "", ""},
        {"column.name", REDRESS_CONFIG_STRING, true, "", ""},
        {"column.field", REDRESS_CONFIG_STRING, false, "\"cause\"", ""},
    };
    return schema;
}

void check_errors(const std::vector<ConfigError>& errors) {
    for (const ConfigError& e : errors) {
        redress::fuzz::note(target, e.to_string());
        if (e.message.empty())
            finding("an error without a message at " + e.to_string());
        if (e.line < 0 || e.column < 0)
            finding("an error at a negative position: " + e.to_string());
    }
    if (!errors.empty())
        static_cast<void>(ConfigErrors(errors).what()); // sorts and joins, as redressd prints them
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::filesystem::path file = "/nonexistent/redress-fuzz/company.toml";
    try {
        std::vector<ConfigError> errors;
        ParsedConfig parsed = parse_config_text(text, file, errors);
        PluginRegistry no_plugins;
        check_against_plugins(parsed, no_plugins, errors);
        check_errors(errors);
        if (!parsed.document)
            return 0;

        // The sections again, against the schema above.
        toml::table root = toml::parse(text, file.string());
        if (const toml::table* sections = root["plugin"].as_table()) {
            std::vector<ConfigError> section_errors;
            redress::core::toml_reader::ErrorSink sink(file.string(), section_errors);
            for (auto&& [name, node] : *sections)
                if (const toml::table* section = node.as_table())
                    plugin_section::validate(*section, "plugin." + std::string(name.str()),
                                             fuzz_schema(), file.parent_path(), sink);
            check_errors(section_errors);
        }
    } catch (const std::exception& e) {
        finding(std::string("the config reader threw: ") + e.what());
    }
    return 0;
}
