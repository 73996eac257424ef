#include <Poco/Logger.h>
#include <redress/core/plugin/plugin_host.hpp>

namespace redress::core {

PluginHost::PluginHost(PluginRegistry& registry, const Config& config, Poco::Logger& logger,
                       Clock clock) {
    for (const auto& lib : registry.libraries()) {
        auto it = config.plugin_configs.find(lib->name());
        static const Record empty;
        const Record& section = it == config.plugin_configs.end() ? empty : it->second;
        try {
            instances_.push_back(
                PluginInstance::create(lib, section, logger, clock,
                                       {config.plugins.failure_threshold,
                                        std::chrono::seconds(config.plugins.failure_backoff_s)}));
            logger.information("plugin %s %s loaded from %s", lib->name(), lib->version(),
                               lib->file().string());
        } catch (const PluginCallError& e) {
            registry.refuse(lib->file(), "create failed: " + e.plugin_message());
        }
    }
}

PluginHost::~PluginHost() {
    while (!instances_.empty())
        instances_.pop_back();
}

std::shared_ptr<PluginInstance> PluginHost::find(std::string_view name) const {
    for (const auto& i : instances_)
        if (i->name() == name)
            return i;
    return nullptr;
}

std::shared_ptr<PluginInstance> PluginHost::find_channel(std::string_view channel) const {
    for (const auto& i : instances_)
        for (const auto& c : i->library().channels())
            if (c == channel)
                return i;
    return nullptr;
}

std::vector<std::string> PluginHost::channels() const {
    std::vector<std::string> out;
    for (const auto& i : instances_)
        for (const auto& c : i->library().channels())
            out.push_back(c);
    return out;
}

void PluginHost::set_services(HostServices* services) {
    for (const auto& i : instances_)
        i->set_services(services);
}

} // namespace redress::core
