#include "config_reloader.hpp"

#include <Poco/Logger.h>
#include <redress/core/config/config_loader.hpp>

namespace redressd {

using namespace redress::core;

ConfigReloader::ConfigReloader(std::filesystem::path file, const PluginRegistry& registry,
                               ComplaintService& service, const CatalogClient* catalog,
                               Poco::Logger& log)
    : file_(std::move(file))
    , registry_(registry)
    , service_(service)
    , catalog_(catalog)
    , log_(log) {}

std::vector<std::string> ConfigReloader::reload() try {
    std::lock_guard lock(mutex_);
    std::vector<ConfigError> errors;
    ParsedConfig parsed = parse_config(file_, errors);
    if (parsed.document)
        check_against_plugins(parsed, registry_, errors);
    std::vector<std::string> messages;
    for (const auto& e : errors)
        messages.push_back(e.to_string());
    if (!messages.empty()) {
        log_.error("config reload refused, the running config stays: %s has %z error(s); first: %s",
                   file_.string(), messages.size(), messages.front());
        return messages;
    }
    if (catalog_) {
        messages = catalog_->reload();
        if (!messages.empty()) {
            log_.error("config reload refused, the running config and catalog stay: the catalog "
                       "has %z problem(s); first: %s",
                       messages.size(), messages.front());
            return messages;
        }
    }
    try {
        auto current = service_.settings();
        const Config& old = current->config;
        const Config& next = parsed.config;
        if (old.server.port != next.server.port || old.server.host != next.server.host ||
            old.server.threads != next.server.threads || old.storage.url != next.storage.url ||
            old.plugins.paths != next.plugins.paths ||
            old.plugins.builtin != next.plugins.builtin ||
            old.plugins.catalog != next.plugins.catalog)
            log_.warning("config reload: changes to [server], [storage] and [plugins] take "
                         "effect at the next restart");
        service_.reconfigure(next);
    } catch (const std::exception& e) {
        log_.error("config reload refused, the running config stays: %s", std::string(e.what()));
        return {e.what()};
    }
    log_.notice("config reloaded from %s (%z departments)", file_.string(),
                parsed.config.departments.size());
    return {};
} catch (const std::exception& e) {
    log_.error("config reload failed, the running config stays: %s", std::string(e.what()));
    return {e.what()};
}

} // namespace redressd
