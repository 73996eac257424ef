// The REST API of complaints, departments and tokens (see GET /openapi.json).
// Every route but /health, /metrics and /openapi.json needs a bearer token;
// each checks the token's role and departments. Errors are JSON
// {"error": {"code", "message", "field"}} with the matching HTTP status.
#pragma once

#include <functional>
#include <redress/core/api/metrics.hpp>
#include <redress/core/config/config.hpp>
#include <redress/core/http/router.hpp>
#include <redress/core/plugin/plugin_host.hpp>
#include <redress/core/report/report_service.hpp>
#include <redress/core/service/compensation_service.hpp>
#include <redress/core/service/complaint_service.hpp>
#include <redress/core/store/store.hpp>
#include <string>
#include <vector>

namespace redress::core::api {

//! What the routes work with; everything must outlive the router.
struct ApiContext {
    ComplaintService& service;
    Store& store;
    Metrics& metrics;
    const PluginHost* plugins = nullptr;
    //! Re-reads the config (POST /admin/reload); returns the errors that kept
    //! the old one in force (empty: applied). Null: reload not offered.
    std::function<std::vector<std::string>()> reload;
};

//! The complaint, department, channel, token and admin routes.
void add_api_routes(http::Router& router, ApiContext& api);
//! Per-department channel states: GET/PUT/DELETE /departments/{id}/channels….
void add_channel_routes(http::Router& router, ApiContext& api);
//! Proposals, approval, agreement, tasks and budgets (compensation).
void add_compensation_routes(http::Router& router, ApiContext& api, CompensationService& comp);
//! The service-commitment catalog: GET /catalog, /catalog/lookup,
//! /catalog/versions, /catalog/entries/{id}, /catalog/diff. A null catalog
//! answers 404 no_catalog.
void add_catalog_routes(http::Router& router, ApiContext& api, const CatalogClient* catalog);
//! The reports: GET /reports (names, tables, formats) and GET /reports/{name}
//! rendered by the reporter plugin of the format asked for.
void add_report_routes(http::Router& router, ApiContext& api, report::ReportService& reports);
//! Every intake plugin's URL prefixes, with the caller's token checked and
//! passed on (see redress_intake_api.handle_http).
void add_plugin_routes(http::Router& router, ApiContext& api, PluginHost& plugins);

//! The OpenAPI 3 document of the whole API.
const std::string& openapi_document();

} // namespace redress::core::api
