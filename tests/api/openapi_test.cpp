// The OpenAPI document and the router agree: every route is documented with
// its method, and every documented operation is routed.
#include "../test_support.hpp"

#include <Poco/JSON/Parser.h>
#include <algorithm>
#include <cctype>
#include <gtest/gtest.h>
#include <redress/core/api/api_routes.hpp>
#include <redress/core/http/system_routes.hpp>

using namespace redress::core;

TEST(OpenApi, DocumentsEveryRouteAndRoutesEveryDocumentedOperation) {
    redress::test::TempDir dir;
    auto store = open_store("sqlite://" + (dir / "x.db").string());
    Config config;
    ComplaintService service(*store, config);
    Metrics metrics;
    PluginRegistry registry;
    PluginHost host(registry, config, redress::test::quiet_logger());
    api::ApiContext ctx{service, *store, metrics, &host, {}};
    http::Router router;
    http::add_system_routes(router, host, registry, "test");
    api::add_api_routes(router, ctx);
    api::add_channel_routes(router, ctx);
    CompensationService compensation(service, {});
    api::add_compensation_routes(router, ctx, compensation);
    api::add_catalog_routes(router, ctx, nullptr);
    report::ReportService reports(service, &host);
    api::add_report_routes(router, ctx, reports);

    auto doc =
        Poco::JSON::Parser().parse(api::openapi_document()).extract<Poco::JSON::Object::Ptr>();
    ASSERT_EQ(doc->getValue<std::string>("openapi").substr(0, 2), "3.");
    auto paths = doc->getObject("paths");
    std::set<std::pair<std::string, std::string>> routed;
    for (const auto& [method, pattern] : router.routes()) {
        std::string m = method;
        std::transform(m.begin(), m.end(), m.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        routed.emplace(m, pattern);
        ASSERT_TRUE(paths->has(pattern)) << pattern << " is routed but missing from openapi.json";
        EXPECT_TRUE(paths->getObject(pattern)->has(m))
            << method << " " << pattern << " is not documented";
    }
    for (const auto& [pattern, ops] : *paths)
        for (const auto& [method, _] : *ops.extract<Poco::JSON::Object::Ptr>())
            EXPECT_TRUE(routed.count({method, pattern}))
                << method << " " << pattern << " is documented but not routed";
    EXPECT_GE(routed.size(), 13u);
}
