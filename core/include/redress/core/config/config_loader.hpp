// Reads a Config from TOML. Two phases, because a plugin's section can only be
// checked against the schema the loaded plugin declares:
//   1. parse_config: syntax, known keys, types, values, duplicates;
//   2. check_against_plugins: channel names exist, [plugin.<name>] sections
//      match their plugin's schema (defaults filled in).
// Both append to the same error list; load_config runs both and throws
// ConfigErrors listing every error.
#pragma once

#include <filesystem>
#include <memory>
#include <redress/core/config/config.hpp>
#include <redress/core/config/config_error.hpp>
#include <redress/core/plugin/plugin_registry.hpp>
#include <string>
#include <vector>

namespace redress::core {

//! The parsed file, kept for phase 2 (it holds the plugin sections' sources).
struct ParsedConfig {
    Config config;
    std::shared_ptr<const void> document; //!< the TOML tree, opaque to callers
};

//! Phase 1. Never throws for bad content; errors go to errors.
ParsedConfig parse_config(const std::filesystem::path& file, std::vector<ConfigError>& errors);
//! Phase 1 on a string (file is used in messages and to resolve relative paths).
ParsedConfig parse_config_text(std::string_view text, const std::filesystem::path& file,
                               std::vector<ConfigError>& errors);

//! Phase 2: fills config.plugin_configs.
void check_against_plugins(ParsedConfig& parsed, const PluginRegistry& registry,
                           std::vector<ConfigError>& errors);

//! Loads plugins into registry from builtin_dirs (those that exist, unless the
//! config says builtin = false) and from the config's folders; then both
//! phases. Throws ConfigErrors listing every error.
Config load_config(const std::filesystem::path& file, PluginRegistry& registry,
                   const std::vector<std::filesystem::path>& builtin_dirs = {});

} // namespace redress::core
