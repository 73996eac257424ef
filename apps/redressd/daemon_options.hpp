// What redressd was asked to do, from its command line.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace redressd {

enum class Mode { Run, CheckConfig, ListPlugins, CreateToken, Help, Version };

struct Options {
    Mode mode = Mode::Run;
    std::filesystem::path config;
    bool json = false;
    std::string token_name;
    std::string token_role = "admin";
    std::string token_departments = "*";
};

//! Folders searched for the plugins shipped with redressd: <exe>/../lib/redress/plugins.
std::vector<std::filesystem::path> builtin_plugin_dirs();

} // namespace redressd
