#include "complaint_query.hpp"
#include "query_params.hpp"
#include "route_support.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>
#include <algorithm>
#include <redress/core/api/api_routes.hpp>
#include <redress/core/api/complaint_json.hpp>
#include <redress/core/api/json_input.hpp>
#include <redress/core/auth/tokens.hpp>
#include <set>

namespace redress::core::api {
namespace {

using http::HttpContext;
using http::HttpError;
using Poco::Net::HTTPResponse;

// Token management can mint any scope, so it is kept to admins over every department.
void require_token_admin(const Actor& a) {
    if (!a.at_least(Role::Admin) || !a.may_act_on("*") ||
        std::find(a.departments.begin(), a.departments.end(), "*") == a.departments.end())
        throw HttpError(HTTPResponse::HTTP_FORBIDDEN, "forbidden",
                        "managing tokens needs an admin token for all departments (\"*\"); " +
                            a.name + " is " + std::string(to_string(a.role)));
}

// ---- Handlers ---------------------------------------------------------------------

void create_complaint(ApiContext& api, HttpContext& ctx) {
    Actor actor = require_actor(ctx, api.store);
    const std::string& body = ctx.body();
    JsonReader reader(parse_object(body));
    Complaint draft = complaint_from_json(reader);
    Store::IdempotencyKey key;
    key.key = ctx.request().get("Idempotency-Key", "");
    if (key.key.size() > 200 || !valid_utf8(key.key))
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_header",
                        "Idempotency-Key must be at most 200 bytes of UTF-8", "Idempotency-Key");
    if (!key.key.empty())
        key.hash = hash_secret(body); // SHA-256 of the request, to notice a reused key
    Store::Created result = api.service.submit(std::move(draft), actor, key);
    auto json = complaint_json(result.complaint);
    if (result.created) {
        api.metrics.count_complaint(result.complaint.department, result.complaint.channel);
        ctx.response().set("Location", "/complaints/" + result.complaint.tracking_number);
        ctx.send_json(HTTPResponse::HTTP_CREATED, *json);
    } else {
        ctx.response().set("Idempotent-Replayed", "true");
        ctx.send_json(HTTPResponse::HTTP_OK, *json);
    }
}

void get_complaint(ApiContext& api, HttpContext& ctx) {
    Actor actor = require_actor(ctx, api.store);
    auto found = api.service.get(ctx.param("id"), actor);
    auto json = complaint_json(found.complaint);
    Poco::JSON::Array::Ptr timeline = new Poco::JSON::Array;
    for (const auto& e : found.timeline)
        timeline->add(event_json(e));
    json->set("timeline", timeline);
    ctx.send_json(HTTPResponse::HTTP_OK, *json);
}

void list_complaints(ApiContext& api, HttpContext& ctx) {
    Actor actor = require_actor(ctx, api.store);
    Query q(ctx.request().getURI());
    ComplaintFilter f;
    complaint_filters(q, f);
    if (auto s = q.one("status")) {
        f.status = parse_status(*s);
        if (!f.status)
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                            "status \"" + *s + "\" is not a status", "status");
    }
    if (auto o = q.one("overdue")) {
        if (*o != "true" && *o != "false")
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                            "overdue must be true or false", "overdue");
        f.overdue = *o == "true";
    }
    complaint_order(q, f);
    limit_param(q, f.limit);
    q.finish();
    ComplaintPage page = api.service.list(f, actor);
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& c : page.items)
        items->add(complaint_json(c));
    Poco::JSON::Object out;
    out.set("items", items);
    if (auto cursor = complaint_cursor(f.order, page))
        out.set("next_cursor", *cursor);
    else
        out.set("next_cursor", Poco::Dynamic::Var());
    ctx.send_json(HTTPResponse::HTTP_OK, out);
}

void count_complaints(ApiContext& api, HttpContext& ctx) {
    Actor actor = require_actor(ctx, api.store);
    Query q(ctx.request().getURI());
    ComplaintFilter f;
    complaint_filters(q, f);
    q.finish();
    ComplaintCounts counts = api.service.counts(f, actor);
    Poco::JSON::Object::Ptr by_status = new Poco::JSON::Object;
    for (const auto& [status, n] : counts.by_status)
        by_status->set(std::string(to_string(status)), n);
    Poco::JSON::Object out;
    out.set("total", counts.total);
    out.set("by_status", by_status);
    out.set("overdue", counts.overdue);
    out.set("as_of", iso_time(counts.as_of_ms));
    ctx.send_json(HTTPResponse::HTTP_OK, out);
}

void transition(ApiContext& api, HttpContext& ctx) {
    Actor actor = require_actor(ctx, api.store);
    JsonReader body(parse_object(ctx.body()));
    TransitionRequest r;
    r.action = *body.string("action", true, 32);
    r.reason = body.string("reason", false).value_or("");
    r.data = body.raw_object("data");
    body.finish();
    TransitionResult result = api.service.transition(ctx.param("id"), actor, r);
    Poco::JSON::Object out;
    out.set("complaint", complaint_json(result.complaint));
    out.set("event", event_json(result.event));
    ctx.send_json(HTTPResponse::HTTP_OK, out);
}

void comment(ApiContext& api, HttpContext& ctx) {
    Actor actor = require_actor(ctx, api.store);
    JsonReader body(parse_object(ctx.body()));
    std::string text = *body.string("text", true);
    body.finish();
    Event e = api.service.comment(ctx.param("id"), actor, text).first;
    ctx.send_json(HTTPResponse::HTTP_CREATED, *event_json(e));
}

// The channels a department takes now: the config's list, or with runtime
// overrides when the daemon has a switchboard.
Poco::JSON::Array::Ptr channels_json(ApiContext& api, const Department& d) {
    Poco::JSON::Array::Ptr channels = new Poco::JSON::Array;
    if (api.service.channels()) {
        for (const auto& s : api.service.channels()->states(d))
            if (s.enabled)
                channels->add(s.channel);
    } else {
        for (const auto& c : d.channels)
            channels->add(c);
    }
    return channels;
}

void departments(ApiContext& api, HttpContext& ctx) {
    Actor actor = require_actor(ctx, api.store);
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    auto settings = api.service.settings();
    for (const auto& d : settings->config.departments) {
        if (!actor.may_act_on(d.id))
            continue;
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("id", d.id);
        o->set("name", d.name);
        o->set("prefix", d.prefix);
        o->set("channels", channels_json(api, d));
        Poco::JSON::Object::Ptr sla = new Poco::JSON::Object;
        sla->set("first_response", duration_text(d.sla.first_response));
        sla->set("resolution", duration_text(d.sla.resolution));
        o->set("sla", sla);
        Poco::JSON::Object::Ptr approval = new Poco::JSON::Object;
        approval->set("agent", d.approval.agent);
        approval->set("supervisor", d.approval.supervisor);
        approval->set("manager", d.approval.manager);
        o->set("approval", approval);
        o->set("currency", d.currency);
        o->set("timezone", d.calendar.timezone);
        list->add(o);
    }
    Poco::JSON::Object out;
    out.set("items", list);
    ctx.send_json(HTTPResponse::HTTP_OK, out);
}

// Who the token is, for a client to shape itself: the departments it may act
// on, "*" spelled out as every configured department, in config order.
void me(ApiContext& api, HttpContext& ctx) {
    Actor actor = require_actor(ctx, api.store);
    Poco::JSON::Array::Ptr departments = new Poco::JSON::Array;
    for (const auto& d : api.service.settings()->config.departments)
        if (actor.may_act_on(d.id))
            departments->add(d.id);
    Poco::JSON::Object out;
    out.set("name", actor.name);
    out.set("role", std::string(to_string(actor.role)));
    out.set("departments", departments);
    out.set("all_departments", std::find(actor.departments.begin(), actor.departments.end(), "*") !=
                                   actor.departments.end());
    ctx.send_json(HTTPResponse::HTTP_OK, out);
}

Poco::JSON::Object::Ptr token_json(const TokenRecord& t) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", t.id);
    o->set("name", t.name);
    o->set("role", std::string(to_string(t.role)));
    Poco::JSON::Array::Ptr d = new Poco::JSON::Array;
    for (const auto& x : t.departments)
        d->add(x);
    o->set("departments", d);
    o->set("created_at", iso_time(t.created_at_ms));
    if (t.revoked_at_ms)
        o->set("revoked_at", iso_time(*t.revoked_at_ms));
    else
        o->set("revoked_at", Poco::Dynamic::Var());
    return o;
}

void create_token(ApiContext& api, HttpContext& ctx) {
    Actor actor = require_actor(ctx, api.store);
    require_token_admin(actor);
    JsonReader body(parse_object(ctx.body()));
    std::string name = *body.string("name", true, 100);
    std::string role_text = *body.string("role", true, 16);
    auto role = parse_role(role_text);
    if (!role)
        throw HttpError(HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, "invalid_field",
                        "role must be one of agent, supervisor, manager, executive, admin", "role");
    std::vector<std::string> departments = *body.strings("departments", true);
    body.finish();
    std::vector<std::string> known;
    auto settings = api.service.settings();
    for (const auto& d : settings->config.departments)
        known.push_back(d.id);
    IssuedToken t = issue_token(api.store, known, name, *role, departments, api.service.now_ms());
    auto json = token_json(t.record);
    json->set("secret", t.secret);
    ctx.send_json(HTTPResponse::HTTP_CREATED, *json);
}

void list_tokens(ApiContext& api, HttpContext& ctx) {
    require_token_admin(require_actor(ctx, api.store));
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& t : api.store.tokens())
        list->add(token_json(t));
    Poco::JSON::Object out;
    out.set("items", list);
    ctx.send_json(HTTPResponse::HTTP_OK, out);
}

void revoke_token(ApiContext& api, HttpContext& ctx) {
    require_token_admin(require_actor(ctx, api.store));
    if (!api.store.revoke_token(ctx.param("id"), api.service.now_ms()))
        throw HttpError(HTTPResponse::HTTP_NOT_FOUND, "not_found",
                        "no live token " + ctx.param("id"));
    ctx.response().setStatusAndReason(HTTPResponse::HTTP_NO_CONTENT);
    ctx.response().setContentLength(0);
    ctx.response().send();
}

} // namespace

void add_api_routes(http::Router& router, ApiContext& api) {
    auto route = [&](const char* method, const char* pattern,
                     void (*h)(ApiContext&, HttpContext&)) {
        router.add(method, pattern, guarded([&api, h](HttpContext& ctx) { h(api, ctx); }));
    };
    route("POST", "/complaints", create_complaint);
    route("GET", "/complaints", list_complaints);
    // Before "/complaints/{id}": the router takes the first pattern that matches.
    route("GET", "/complaints/counts", count_complaints);
    route("GET", "/complaints/{id}", get_complaint);
    route("POST", "/complaints/{id}/transitions", transition);
    route("POST", "/complaints/{id}/comments", comment);
    route("GET", "/departments", departments);
    route("GET", "/me", me);
    route("POST", "/tokens", create_token);
    route("GET", "/tokens", list_tokens);
    route("DELETE", "/tokens/{id}", revoke_token);
    router.add("GET", "/openapi.json", [](HttpContext& ctx) {
        ctx.send_text(HTTPResponse::HTTP_OK, "application/json; charset=utf-8", openapi_document());
    });
    router.add("GET", "/metrics", [&api](HttpContext& ctx) {
        ctx.send_text(HTTPResponse::HTTP_OK, "text/plain; version=0.0.4; charset=utf-8",
                      api.metrics.prometheus(api.plugins, &api.store));
    });
}

} // namespace redress::core::api
