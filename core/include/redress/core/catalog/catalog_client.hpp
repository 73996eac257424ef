// The host's side of the service-commitment catalog: the one catalog plugin
// the config names ([plugins] catalog), asked through redress/catalog.hpp.
//
// Callers get ServiceErrors: a query the plugin finds malformed is Invalid,
// an unknown entry, version or date is NotFound, and any other failure is
// PluginFailed. classify() is the exception: intake must not fail because the
// catalog did, so it logs and answers nothing.
#pragma once

#include <memory>
#include <optional>
#include <redress/core/model/complaint.hpp>
#include <redress/core/plugin/plugin_instance.hpp>
#include <redress/core/plugin/record.hpp>
#include <string>
#include <vector>

namespace Poco {
class Logger;
}

namespace redress::core {

class CatalogClient {
public:
    CatalogClient(std::shared_ptr<PluginInstance> plugin, Poco::Logger& logger);

    const std::string& plugin_name() const { return plugin_->name(); }

    //! Sends a query (op and its fields) and returns the plugin's answer.
    Record ask(const Record& query) const;

    //! The verdict on the complaint's request (its ask) in its department on
    //! local_date ("YYYY-MM-DD"); nothing when no entry matches, the request is
    //! empty, or the catalog fails (logged).
    std::optional<CatalogVerdict> classify(const Complaint& c, const std::string& local_date) const;

    //! The input.catalog record policies get (redress/compensation.hpp) for a
    //! stored verdict: the entry as it read in the version that gave it. Only
    //! entry and version when that entry cannot be read any more (logged).
    Record citation(const CatalogVerdict& v) const;

    //! Re-reads the catalog; returns its problems (empty: reloaded). On
    //! problems the catalog already loaded keeps answering.
    std::vector<std::string> reload() const;

private:
    std::shared_ptr<PluginInstance> plugin_;
    Poco::Logger& logger_;
};

} // namespace redress::core
