// The running plugins: one instance per loaded library, created from its
// validated config section. A plugin whose create() fails is refused (recorded
// in the registry with the reason) and the others go on. Instances are
// destroyed in reverse order of creation, before their libraries unload.
#pragma once

#include <memory>
#include <redress/core/config/config.hpp>
#include <redress/core/plugin/host_api.hpp>
#include <redress/core/plugin/plugin_instance.hpp>
#include <redress/core/plugin/plugin_registry.hpp>
#include <string_view>
#include <vector>

namespace Poco {
class Logger;
}

namespace redress::core {

class PluginHost {
public:
    PluginHost(PluginRegistry& registry, const Config& config, Poco::Logger& logger,
               Clock clock = system_clock());
    ~PluginHost();
    PluginHost(const PluginHost&) = delete;
    PluginHost& operator=(const PluginHost&) = delete;

    const std::vector<std::shared_ptr<PluginInstance>>& instances() const noexcept {
        return instances_;
    }
    std::shared_ptr<PluginInstance> find(std::string_view name) const;
    std::shared_ptr<PluginInstance> find_channel(std::string_view channel) const;
    //! Every channel the intake instances provide, in load order.
    std::vector<std::string> channels() const;
    //! Connects every instance to the host's services (see HostServices).
    void set_services(HostServices* services);

private:
    std::vector<std::shared_ptr<PluginInstance>> instances_;
};

} // namespace redress::core
