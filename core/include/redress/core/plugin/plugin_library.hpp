// One plugin library, loaded and checked. Loading reads the descriptor and
// checks the ABI before anything else, then validates every field; a library
// that fails any check is refused with a PluginLoadError naming the file and
// the reason, and is unloaded again.
//
// Lifetime: instances made from a library hold a shared_ptr to it, so the
// library is unmapped only after the last instance is destroyed.
#pragma once

#include <boost/dll/shared_library.hpp>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <redress/abi.h>
#include <stdexcept>
#include <string>
#include <vector>

namespace redress::core {

//! A library that could not be loaded; what() is "<file>: <reason>".
class PluginLoadError : public std::runtime_error {
public:
    PluginLoadError(const std::filesystem::path& file, const std::string& reason)
        : std::runtime_error(file.string() + ": " + reason)
        , file_(file)
        , reason_(reason) {}
    const std::filesystem::path& file() const noexcept { return file_; }
    const std::string& reason() const noexcept { return reason_; }

private:
    std::filesystem::path file_;
    std::string reason_;
};

//! A declared config key, copied out of the plugin's descriptor.
struct PluginConfigKey {
    std::string path;
    std::uint32_t type = 0; //!< REDRESS_CONFIG_*
    bool required = false;
    std::string default_value; //!< TOML literal; empty for none
    std::string description;
};

//! The family names as used in messages and JSON: intake, compensation, catalog, reporter.
std::vector<std::string> family_names(std::uint32_t families);

class PluginLibrary {
public:
    //! Loads and validates; throws PluginLoadError.
    static std::shared_ptr<PluginLibrary> load(const std::filesystem::path& file);

    PluginLibrary(const PluginLibrary&) = delete;
    PluginLibrary& operator=(const PluginLibrary&) = delete;

    const std::filesystem::path& file() const noexcept { return file_; }
    const std::string& name() const noexcept { return name_; }
    const std::string& version() const noexcept { return version_; }
    const std::string& description() const noexcept { return description_; }
    std::uint16_t abi_major() const noexcept { return descriptor_->abi_major; }
    std::uint16_t abi_minor() const noexcept { return descriptor_->abi_minor; }
    std::uint32_t families() const noexcept { return descriptor_->families; }
    const std::vector<PluginConfigKey>& config_keys() const noexcept { return config_keys_; }
    //! Intake channel names (empty unless the intake family is provided).
    const std::vector<std::string>& channels() const noexcept { return channels_; }
    //! URL prefixes the intake family serves (its declared ones, or
    //! /channels/<channel> for each channel of a plugin that declares none).
    const std::vector<std::string>& http_prefixes() const noexcept { return http_prefixes_; }
    //! Reporter format and content type (empty unless the reporter family is provided).
    const std::string& report_format() const noexcept { return report_format_; }
    const std::string& report_content_type() const noexcept { return report_content_type_; }

    //! The validated descriptor; valid while this object lives.
    const redress_plugin_descriptor& descriptor() const noexcept { return *descriptor_; }

private:
    PluginLibrary(const std::filesystem::path& file, boost::dll::shared_library library,
                  const redress_plugin_descriptor* descriptor);
    void read_descriptor();

    std::filesystem::path file_;
    boost::dll::shared_library library_;
    const redress_plugin_descriptor* descriptor_;
    std::string name_, version_, description_;
    std::vector<PluginConfigKey> config_keys_;
    std::vector<std::string> channels_;
    std::vector<std::string> http_prefixes_;
    std::string report_format_, report_content_type_;
};

} // namespace redress::core
