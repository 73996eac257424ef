#include "config_reloader.hpp"

#include <Poco/Logger.h>
#include <redress/core/config/config_loader.hpp>

namespace redressd {

using namespace redress::core;

namespace {

struct CatalogRefused {};

bool same(const Record& a, const Record& b);

bool same(const RecordValue& a, const RecordValue& b) {
    if (a.index() != b.index())
        return false;
    if (const auto* x = std::get_if<std::unique_ptr<Record>>(&a)) {
        const auto& y = std::get<std::unique_ptr<Record>>(b);
        return !*x || !y ? !*x == !y : same(**x, *y);
    }
    return a == b;
}

bool same(const Record& a, const Record& b) {
    if (a.fields().size() != b.fields().size())
        return false;
    for (std::size_t i = 0; i < a.fields().size(); ++i) {
        const auto& f = a.fields()[i];
        const auto& g = b.fields()[i];
        if (f.name != g.name || f.values.size() != g.values.size())
            return false;
        for (std::size_t j = 0; j < f.values.size(); ++j)
            if (!same(f.values[j], g.values[j]))
                return false;
    }
    return true;
}

// [plugin.*] sections take effect at the next start: say so when they changed.
bool plugin_sections_changed(const Config& a, const Config& b) {
    if (a.plugin_configs.size() != b.plugin_configs.size())
        return true;
    for (const auto& [name, section] : a.plugin_configs) {
        auto it = b.plugin_configs.find(name);
        if (it == b.plugin_configs.end() || !same(section, it->second))
            return true;
    }
    return false;
}

} // namespace

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
    try {
        auto current = service_.settings();
        const Config& old = current->config;
        const Config& next = parsed.config;
        if (old.server.port != next.server.port || old.server.host != next.server.host ||
            old.server.threads != next.server.threads ||
            old.server.console != next.server.console || old.storage.url != next.storage.url ||
            old.plugins.paths != next.plugins.paths ||
            old.plugins.builtin != next.plugins.builtin ||
            old.plugins.catalog != next.plugins.catalog || plugin_sections_changed(old, next))
            log_.warning("config reload: changes to [server], [storage], [plugins] and "
                         "[plugin.*] take effect at the next restart");
        // The catalog is re-read only once the new settings are built, and the
        // settings installed only once the catalog took: all or nothing.
        service_.reconfigure(next, [&] {
            if (!catalog_)
                return;
            messages = catalog_->reload();
            if (!messages.empty())
                throw CatalogRefused{};
        });
    } catch (const CatalogRefused&) {
        log_.error("config reload refused, the running config and catalog stay: the catalog "
                   "has a problem: %s",
                   messages.size() > 1 ? messages[1] : messages.front());
        return messages;
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
