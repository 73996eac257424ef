// Internal: checks a [plugin.<name>] section against the schema the plugin
// declared and converts it into the record the plugin's create() receives.
#pragma once

#include "toml_reader.hpp"

#include <filesystem>
#include <redress/core/plugin/plugin_library.hpp>
#include <redress/core/plugin/record.hpp>
#include <string>
#include <vector>

namespace redress::core::plugin_section {

//! Unknown keys, wrong types and missing required keys go to sink; absent keys
//! with a default get the default. Path keys that are relative are resolved
//! against base_dir (the config file's folder).
Record validate(const toml::table& section, const std::string& path,
                const std::vector<PluginConfigKey>& schema, const std::filesystem::path& base_dir,
                toml_reader::ErrorSink& sink);

} // namespace redress::core::plugin_section
