// One plugin library, loaded and checked. Loading reads the descriptor and
// checks the ABI before anything else, then validates every field (both in
// check_descriptor, plugin_descriptor.hpp); a library that fails any check is
// refused with a PluginLoadError naming the file and the reason, and is
// unloaded again.
//
// Lifetime: instances made from a library hold a shared_ptr to it, so the
// library is unmapped only after the last instance is destroyed.
#pragma once

#include <boost/dll/shared_library.hpp>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <redress/abi.h>
#include <redress/core/plugin/plugin_descriptor.hpp>
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

//! The family names as used in messages and JSON: intake, compensation, catalog, reporter.
std::vector<std::string> family_names(std::uint32_t families);

class PluginLibrary {
public:
    //! Loads and validates; throws PluginLoadError.
    static std::shared_ptr<PluginLibrary> load(const std::filesystem::path& file);

    PluginLibrary(const PluginLibrary&) = delete;
    PluginLibrary& operator=(const PluginLibrary&) = delete;

    const std::filesystem::path& file() const noexcept { return file_; }
    const std::string& name() const noexcept { return info_.name; }
    const std::string& version() const noexcept { return info_.version; }
    const std::string& description() const noexcept { return info_.description; }
    std::uint16_t abi_major() const noexcept { return descriptor_->abi_major; }
    std::uint16_t abi_minor() const noexcept { return descriptor_->abi_minor; }
    std::uint32_t families() const noexcept { return descriptor_->families; }
    const std::vector<PluginConfigKey>& config_keys() const noexcept { return info_.config_keys; }
    //! Intake channel names (empty unless the intake family is provided).
    const std::vector<std::string>& channels() const noexcept { return info_.channels; }
    //! URL prefixes the intake family serves (its declared ones, or
    //! /channels/<channel> for each channel of a plugin that declares none).
    const std::vector<std::string>& http_prefixes() const noexcept { return info_.http_prefixes; }
    //! Reporter format and content type (empty unless the reporter family is provided).
    const std::string& report_format() const noexcept { return info_.report_format; }
    const std::string& report_content_type() const noexcept { return info_.report_content_type; }

    //! The validated descriptor; valid while this object lives.
    const redress_plugin_descriptor& descriptor() const noexcept { return *descriptor_; }

private:
    PluginLibrary(const std::filesystem::path& file, boost::dll::shared_library library,
                  const redress_plugin_descriptor* descriptor, DescriptorInfo info);

    std::filesystem::path file_;
    boost::dll::shared_library library_;
    const redress_plugin_descriptor* descriptor_;
    DescriptorInfo info_;
};

} // namespace redress::core
