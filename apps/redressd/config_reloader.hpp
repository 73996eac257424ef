// Re-reads the config file on SIGHUP or POST /admin/reload. A file with
// errors is refused whole and the running config stays; a good one replaces
// the departments, their channels, SLA, approval limits and calendars, for the
// next request (requests in flight finish on the old). [server], [storage],
// [plugins] and [plugin.*] need a restart; a reload that changes them says so.
// The catalog re-reads its files with the config: a catalog with errors
// refuses the reload whole, like a config with errors.
#pragma once

#include <filesystem>
#include <mutex>
#include <redress/core/catalog/catalog_client.hpp>
#include <redress/core/plugin/plugin_registry.hpp>
#include <redress/core/service/complaint_service.hpp>
#include <string>
#include <vector>

namespace Poco {
class Logger;
}

namespace redressd {

class ConfigReloader {
public:
    ConfigReloader(std::filesystem::path file, const redress::core::PluginRegistry& registry,
                   redress::core::ComplaintService& service,
                   const redress::core::CatalogClient* catalog, Poco::Logger& log);
    //! Applies the file; returns its errors (empty: applied).
    std::vector<std::string> reload();

private:
    std::filesystem::path file_;
    const redress::core::PluginRegistry& registry_;
    redress::core::ComplaintService& service_;
    const redress::core::CatalogClient* catalog_;
    Poco::Logger& log_;
    std::mutex mutex_;
};

} // namespace redressd
