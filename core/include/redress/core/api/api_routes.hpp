// The REST API of complaints, departments and tokens (see GET /openapi.json).
// Every route but /health, /metrics and /openapi.json needs a bearer token;
// each checks the token's role and departments. Errors are JSON
// {"error": {"code", "message", "field"}} with the matching HTTP status.
#pragma once

#include <redress/core/api/metrics.hpp>
#include <redress/core/config/config.hpp>
#include <redress/core/http/router.hpp>
#include <redress/core/plugin/plugin_host.hpp>
#include <redress/core/service/complaint_service.hpp>
#include <redress/core/store/store.hpp>

namespace redress::core::api {

//! What the routes work with; everything must outlive the router.
struct ApiContext {
    ComplaintService& service;
    Store& store;
    const Config& config;
    Metrics& metrics;
    const PluginHost* plugins = nullptr;
};

void add_api_routes(http::Router& router, ApiContext& api);

//! The OpenAPI 3 document of the whole API.
const std::string& openapi_document();

} // namespace redress::core::api
