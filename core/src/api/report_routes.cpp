// The reports over HTTP. Supervisors and above read them (they hold
// compensation and customer figures), each within the departments of their
// token. A report is rendered to a temporary file first: a failure is a clean
// JSON error, never half a spreadsheet.
#include "query_params.hpp"
#include "route_support.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/TemporaryFile.h>
#include <algorithm>
#include <fstream>
#include <redress/core/api/api_routes.hpp>
#include <redress/core/report/report_definitions.hpp>
#include <redress/core/report/report_engine.hpp>
#include <sstream>

namespace redress::core::api {
namespace {

using report::ReportError;

class ReportRoutes {
public:
    ReportRoutes(ApiContext& api, report::ReportService& reports)
        : api_(api)
        , reports_(reports) {}

    void list(HttpContext& ctx) {
        Actor actor = reader(ctx);
        (void)actor;
        Query(ctx.request().getURI()).finish();
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& d : report::report_definitions()) {
            Poco::JSON::Object o;
            o.set("name", d.name);
            o.set("title", d.title_zh);
            o.set("title_en", d.title_en);
            Poco::JSON::Array::Ptr tables = new Poco::JSON::Array;
            for (const auto& t : d.tables)
                tables->add(t);
            o.set("tables", tables);
            o.set("granularity", std::string(report::to_string(d.granularity)));
            auto r = reports_.request(d.name, std::nullopt, std::nullopt, std::nullopt);
            o.set("default_from", report::date_text(r.from));
            o.set("default_to", report::date_text(r.to));
            list->add(o);
        }
        Poco::JSON::Array::Ptr formats = new Poco::JSON::Array;
        for (const auto& f : reports_.formats())
            formats->add(f);
        Poco::JSON::Object body;
        body.set("reports", list);
        body.set("formats", formats);
        ctx.send_json(HTTPResponse::HTTP_OK, body);
    }

    void get(HttpContext& ctx) {
        Actor actor = reader(ctx);
        try {
            Query q(ctx.request().getURI());
            report::ReportRequest r =
                reports_.request(ctx.param("name"), date(q, "from"), date(q, "to"), granularity(q));
            r.departments = departments(q, actor);
            r.channels = q.many("channel");
            r.language = q.one("language").value_or("zh");
            r.table = q.one("table").value_or("");
            const std::string format = q.one("format").value_or("json");
            q.finish();
            send(ctx, r, format);
        } catch (const ReportError& e) {
            if (e.field() == "name")
                throw HttpError(HTTPResponse::HTTP_NOT_FOUND, "not_found", e.what());
            throw HttpError(HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, "invalid_parameter", e.what(),
                            e.field());
        } catch (const PluginCallError& e) {
            throw HttpError(HTTPResponse::HTTP_BAD_GATEWAY, "reporter_failed",
                            "the " + e.plugin() +
                                " plugin could not write the report: " + e.plugin_message());
        }
    }

private:
    Actor reader(HttpContext& ctx) {
        Actor actor = require_actor(ctx, api_.store);
        if (!actor.at_least(Role::Supervisor))
            throw HttpError(HTTPResponse::HTTP_FORBIDDEN, "forbidden",
                            "reports need role supervisor or higher; " + actor.name + " is " +
                                std::string(to_string(actor.role)));
        return actor;
    }

    static std::optional<std::chrono::year_month_day> date(Query& q, const std::string& name) {
        auto v = q.one(name);
        if (!v)
            return std::nullopt;
        auto d = report::parse_date(*v);
        if (!d)
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                            name + " must be a date YYYY-MM-DD", name);
        return d;
    }

    static std::optional<report::Granularity> granularity(Query& q) {
        auto v = q.one("granularity");
        if (!v)
            return std::nullopt;
        auto g = report::parse_granularity(*v);
        if (!g)
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                            "granularity must be day, week or month", "granularity");
        return g;
    }

    // The departments asked for, within the token's; none asked: all the token's.
    static std::vector<std::string> departments(Query& q, const Actor& actor) {
        std::vector<std::string> asked = q.many("department");
        const bool all = std::find(actor.departments.begin(), actor.departments.end(), "*") !=
                         actor.departments.end();
        if (asked.empty())
            return all ? std::vector<std::string>{} : actor.departments;
        for (const auto& d : asked)
            if (!actor.may_act_on(d))
                throw HttpError(HTTPResponse::HTTP_FORBIDDEN, "forbidden",
                                actor.name + " may not read department '" + d + "'", "department");
        return asked;
    }

    void send(HttpContext& ctx, const report::ReportRequest& r, const std::string& format) {
        const std::string content_type = reports_.content_type(format);
        Poco::TemporaryFile file; // removed when it goes out of scope
        reports_.write_file(r, format, file.path());
        std::ifstream in(file.path(), std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        const std::string name =
            r.name + "_" + report::date_text(r.from) + "_" + report::date_text(r.to) + "." + format;
        ctx.response().set("Content-Disposition",
                           std::string(format == "html" ? "inline" : "attachment") +
                               "; filename=\"" + name + "\"");
        ctx.send_text(HTTPResponse::HTTP_OK, content_type, bytes.str());
    }

    ApiContext& api_;
    report::ReportService& reports_;
};

} // namespace

void add_report_routes(http::Router& router, ApiContext& api, report::ReportService& reports) {
    auto routes = std::make_shared<ReportRoutes>(api, reports);
    router.add("GET", "/reports", guarded([routes](HttpContext& ctx) { routes->list(ctx); }));
    router.add("GET", "/reports/{name}", guarded([routes](HttpContext& ctx) { routes->get(ctx); }));
}

} // namespace redress::core::api
