// The checks a plugin's descriptor must pass before the host uses it, apart
// from loading the library: the ABI version first (nothing else is read
// before it passes), then every field — names, families and their tables,
// channels, URL prefixes, the config schema and its defaults.
//
// check_descriptor only reads: it copies what it needs out of plugin memory
// and never keeps a pointer into it. Strings are read with an upper bound, so
// a name without its terminating NUL within the limit is refused rather than
// read on. Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <redress/abi.h>
#include <stdexcept>
#include <string>
#include <vector>

namespace redress::core {

//! A declared config key, copied out of the plugin's descriptor.
struct PluginConfigKey {
    std::string path;
    std::uint32_t type = 0; //!< REDRESS_CONFIG_*
    bool required = false;
    std::string default_value; //!< TOML literal; empty for none
    std::string description;
};

//! What a valid descriptor declares, as host-owned copies.
struct DescriptorInfo {
    std::string name, version, description;
    std::vector<PluginConfigKey> config_keys;
    //! Intake channel names (empty unless the intake family is provided).
    std::vector<std::string> channels;
    //! URL prefixes the intake family serves (its declared ones, or
    //! /channels/<channel> for each channel of a plugin that declares none).
    std::vector<std::string> http_prefixes;
    //! Reporter format and content type (empty unless the reporter family is provided).
    std::string report_format, report_content_type;
};

//! A descriptor that fails a check; what() is the reason as a refusal shows it
//! after the file name, e.g. "ABI major version mismatch (plugin ABI 2.0, host
//! ABI 1.2)" or "invalid descriptor: provides no family".
class DescriptorError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

//! Checks d as the host loads it. The caller guarantees the first eight bytes
//! (struct_size, abi_major, abi_minor) are readable; the rest is read only
//! after the version and struct_size say it is there. Throws DescriptorError.
DescriptorInfo check_descriptor(const redress_plugin_descriptor& d);

} // namespace redress::core
