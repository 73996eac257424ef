// The set of plugin libraries found in the configured folders.
//
// Loading never stops at a bad file: each refused library is recorded with its
// file and reason, and loading goes on with the others. Names are unique, and
// so are intake channel names across plugins; the later file (in sorted path
// order) is refused.
#pragma once

#include <filesystem>
#include <memory>
#include <redress/core/plugin/plugin_library.hpp>
#include <string>
#include <vector>

namespace redress::core {

//! A library that was not loaded, and why.
struct PluginRefusal {
    std::filesystem::path file;
    std::string reason;
};

class PluginRegistry {
public:
    //! Loads every regular file ending in ".so" in dir (not recursive), in
    //! sorted order. A missing or unreadable folder is a refusal too.
    void load_directory(const std::filesystem::path& dir);
    //! Loads one library; on failure records a refusal and returns nullptr.
    std::shared_ptr<const PluginLibrary> load_file(const std::filesystem::path& file);

    const std::vector<std::shared_ptr<const PluginLibrary>>& libraries() const noexcept {
        return libraries_;
    }
    const std::vector<PluginRefusal>& refusals() const noexcept { return refusals_; }
    //! Records a refusal found later (e.g. the plugin's create failed).
    void refuse(const std::filesystem::path& file, std::string reason);

    //! The library named name, or nullptr.
    std::shared_ptr<const PluginLibrary> find(std::string_view name) const;
    //! The library that provides intake channel channel, or nullptr.
    std::shared_ptr<const PluginLibrary> find_channel(std::string_view channel) const;
    //! Every channel name provided, sorted.
    std::vector<std::string> channels() const;

private:
    std::vector<std::shared_ptr<const PluginLibrary>> libraries_;
    std::vector<PluginRefusal> refusals_;
};

} // namespace redress::core
