// What redressd was asked to do, from its command line.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace redressd {

enum class Mode { Run, CheckConfig, ListPlugins, Help, Version };

struct Options {
    Mode mode = Mode::Run;
    std::filesystem::path config;
    bool json = false;
};

//! Folders searched for the plugins shipped with redressd: <exe>/../lib/redress/plugins.
std::vector<std::filesystem::path> builtin_plugin_dirs();

} // namespace redressd
