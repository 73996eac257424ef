// The service-commitment catalog: the version in force, lookups in Chinese
// or English, the versions, one entry, and what changed between two versions.
// Any signed-in role may read the catalog: agents cite it to customers.
#include "query_params.hpp"
#include "route_support.hpp"

#include <Poco/JSON/Array.h>
#include <chrono>
#include <redress/catalog.hpp>
#include <redress/core/api/api_routes.hpp>
#include <redress/core/api/plugin_services.hpp>
#include <redress/core/catalog/catalog_client.hpp>
#include <redress/core/sla/business_clock.hpp>

namespace redress::core::api {
namespace {

namespace cq = catalog::query;

constexpr std::size_t max_q_bytes = 4096;

// Fields of the catalog's answers that are lists even with one element.
const std::set<std::string, std::less<>>& list_fields() {
    static const std::set<std::string, std::less<>> lists{
        "matches", "entries",      "versions",    "added",         "removed",        "changed",
        "fields",  "alternatives", "departments", "product_lines", "customer_tiers",
    };
    return lists;
}

// YYYY-MM-DD naming a real day.
bool is_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    auto num = [&](std::size_t at, std::size_t n) {
        return std::stoi(s.substr(at, n));
    };
    return std::chrono::year_month_day{std::chrono::year(num(0, 4)),
                                       std::chrono::month(static_cast<unsigned>(num(5, 2))),
                                       std::chrono::day(static_cast<unsigned>(num(8, 2)))}
        .ok();
}

class CatalogRoutes {
public:
    CatalogRoutes(ApiContext& api, const CatalogClient* catalog)
        : api_(api)
        , catalog_(catalog) {}

    void list(HttpContext& ctx) {
        Actor actor = require_actor(ctx, api_.store);
        (void)actor;
        Query q(ctx.request().getURI());
        Record query = base(catalog::op::list);
        if (auto status = q.one("status"); status && !status->empty()) {
            if (*status != catalog::provided && *status != catalog::not_provided &&
                *status != catalog::arrangeable)
                throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                                "status must be provided, not_provided or arrangeable", "status");
            query.set(cq::status, *status);
        }
        std::string department = scope(q, query);
        at(q, department, query);
        q.finish();
        reply(ctx, query, {"entries"});
    }

    void lookup(HttpContext& ctx) {
        require_actor(ctx, api_.store);
        Query q(ctx.request().getURI());
        Record query = base(catalog::op::lookup);
        auto text = q.one("q");
        if (!text || text->empty())
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                            "q is required: the words to look up, in Chinese or English", "q");
        if (text->size() > max_q_bytes)
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                            "q is longer than " + std::to_string(max_q_bytes) + " bytes", "q");
        query.set(cq::q, *text);
        if (auto limit = q.one("limit")) {
            int n = 0;
            try {
                std::size_t used = 0;
                n = std::stoi(*limit, &used);
                if (used != limit->size())
                    n = 0;
            } catch (const std::exception&) {
            }
            if (n < 1 || n > 50)
                throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                                "limit must be a whole number from 1 to 50", "limit");
            query.set(cq::limit, std::int64_t{n});
        }
        std::string department = scope(q, query);
        at(q, department, query);
        q.finish();
        reply(ctx, query, {"matches"});
    }

    void versions(HttpContext& ctx) {
        require_actor(ctx, api_.store);
        Query q(ctx.request().getURI());
        Record query = base(catalog::op::versions);
        at(q, "", query);
        q.finish();
        reply(ctx, query, {"versions"});
    }

    void entry(HttpContext& ctx) {
        require_actor(ctx, api_.store);
        Query q(ctx.request().getURI());
        Record query = base(catalog::op::entry);
        query.set(cq::id, ctx.param("id"));
        if (auto v = q.one("version")) {
            if (v->empty())
                throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                                "version must name a catalog version", "version");
            if (q.one("at"))
                throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                                "give version or at, not both", "at");
            query.set(cq::version, *v);
        } else {
            at(q, "", query);
        }
        q.finish();
        reply(ctx, query, {});
    }

    void diff(HttpContext& ctx) {
        require_actor(ctx, api_.store);
        Query q(ctx.request().getURI());
        Record query = base(catalog::op::diff);
        for (const char* key : {"from", "to"}) {
            auto v = q.one(key);
            if (!v || v->empty())
                throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                                std::string(key) + " is required: a catalog version's name "
                                                   "(GET /catalog/versions lists them)",
                                key);
            query.set(key, *v);
        }
        q.finish();
        reply(ctx, query, {"added", "removed", "changed"});
    }

private:
    Record base(std::string_view op) const {
        if (!catalog_)
            throw HttpError(HTTPResponse::HTTP_NOT_FOUND, "no_catalog",
                            "no service-commitment catalog is configured ([plugins] catalog)");
        Record query;
        query.set(cq::op, std::string(op));
        return query;
    }

    static void copy(Query& q, const char* param, std::string_view field, Record& query) {
        if (auto v = q.one(param); v && !v->empty())
            query.set(field, *v);
    }

    // department, product_line, customer_tier; returns the department.
    std::string scope(Query& q, Record& query) const {
        std::string department = q.one("department").value_or("");
        if (!department.empty()) {
            if (!api_.service.settings()->config.find_department(department))
                throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                                "no department \"" + department + "\"", "department");
            query.set(cq::department, department);
        }
        copy(q, "product_line", cq::product_line, query);
        copy(q, "customer_tier", cq::customer_tier, query);
        return department;
    }

    // The date the answer is for: `at`, or today in the department's (else
    // the company's) time zone.
    void at(Query& q, const std::string& department, Record& query) const {
        if (auto v = q.one("at")) {
            if (!is_date(*v))
                throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                                "at must be a date YYYY-MM-DD", "at");
            query.set(cq::at, *v);
            return;
        }
        auto settings = api_.service.settings();
        const Department* d = settings->config.find_department(department);
        BusinessClock clock(d ? d->calendar : settings->config.company.calendar);
        query.set(cq::at, clock.local_text(api_.service.now_ms()).substr(0, 10));
    }

    // Sends the answer; the lists named are present even when empty.
    void reply(HttpContext& ctx, const Record& query,
               std::initializer_list<const char*> lists) const {
        Record answer = catalog_->ask(query);
        Poco::JSON::Object::Ptr json = record_to_json(answer, list_fields());
        for (const char* key : lists)
            if (!json->has(key))
                json->set(key, Poco::JSON::Array::Ptr(new Poco::JSON::Array));
        ctx.send_json(HTTPResponse::HTTP_OK, *json);
    }

    ApiContext& api_;
    const CatalogClient* catalog_;
};

} // namespace

void add_catalog_routes(http::Router& router, ApiContext& api, const CatalogClient* catalog) {
    auto routes = std::make_shared<CatalogRoutes>(api, catalog);
    auto route = [&](const char* path, void (CatalogRoutes::*handler)(HttpContext&)) {
        router.add("GET", path,
                   guarded([routes, handler](HttpContext& ctx) { ((*routes).*handler)(ctx); }));
    };
    route("/catalog", &CatalogRoutes::list);
    route("/catalog/lookup", &CatalogRoutes::lookup);
    route("/catalog/versions", &CatalogRoutes::versions);
    route("/catalog/entries/{id}", &CatalogRoutes::entry);
    route("/catalog/diff", &CatalogRoutes::diff);
}

} // namespace redress::core::api
