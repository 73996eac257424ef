// GET /health and GET /plugins: liveness and the loaded/refused plugin list.
#pragma once

#include <redress/core/http/router.hpp>
#include <redress/core/plugin/plugin_host.hpp>
#include <redress/core/plugin/plugin_registry.hpp>
#include <string>

namespace redress::core::http {

//! Adds the routes; host and registry must outlive the router.
void add_system_routes(Router& router, const PluginHost& host, const PluginRegistry& registry,
                       std::string version);

//! The JSON of GET /plugins (also used by redressd --list-plugins --json).
Poco::JSON::Object plugins_json(const PluginHost* host, const PluginRegistry& registry);

} // namespace redress::core::http
