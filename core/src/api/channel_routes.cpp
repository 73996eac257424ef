// Channels per department, and the config reload that can change them.
#include "route_support.hpp"

#include <Poco/JSON/Array.h>
#include <redress/core/api/api_routes.hpp>
#include <redress/core/api/complaint_json.hpp>
#include <redress/core/api/json_input.hpp>

namespace redress::core::api {
namespace {

ChannelSwitchboard& switchboard(ApiContext& api) {
    if (!api.service.channels())
        throw HttpError(HTTPResponse::HTTP_NOT_FOUND, "not_found",
                        "this server does not manage channels");
    return *api.service.channels();
}

// The department, if the actor may see it; 404 otherwise (ids are not disclosed).
const Department& visible_department(const ServiceSettings& s, const Actor& actor,
                                     const std::string& id) {
    const Department* d = s.config.find_department(id);
    if (!d || !actor.may_act_on(id))
        throw HttpError(HTTPResponse::HTTP_NOT_FOUND, "not_found", "no department " + id);
    return *d;
}

Poco::JSON::Object::Ptr status_json(const ChannelStatus& s) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("channel", s.channel);
    o->set("enabled", s.enabled);
    o->set("in_config", s.in_config);
    if (s.override_) {
        Poco::JSON::Object::Ptr ov = new Poco::JSON::Object;
        ov->set("enabled", s.override_->enabled);
        ov->set("by", s.override_->changed_by);
        ov->set("at", iso_time(s.override_->changed_at_ms));
        o->set("override", ov);
    } else {
        o->set("override", Poco::Dynamic::Var());
    }
    return o;
}

void list_channels(ApiContext& api, HttpContext& ctx) {
    Actor actor = require_actor(ctx, api.store);
    auto settings = api.service.settings();
    const Department& d = visible_department(*settings, actor, ctx.param("id"));
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& s : switchboard(api).states(d))
        items->add(status_json(s));
    Poco::JSON::Array::Ptr audit = new Poco::JSON::Array;
    for (const auto& c : api.store.channel_changes(d.id, 50)) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("channel", c.channel);
        if (c.enabled)
            o->set("enabled", *c.enabled);
        else
            o->set("enabled", Poco::Dynamic::Var());
        o->set("by", c.actor);
        o->set("at", iso_time(c.at_ms));
        audit->add(o);
    }
    Poco::JSON::Object out;
    out.set("department", d.id);
    out.set("items", items);
    out.set("audit", audit);
    ctx.send_json(HTTPResponse::HTTP_OK, out);
}

// Sets or clears a channel's override; supervisors and above, in their departments.
void change_channel(ApiContext& api, HttpContext& ctx, bool clear) {
    Actor actor = require_actor(ctx, api.store);
    auto settings = api.service.settings();
    const Department& d = visible_department(*settings, actor, ctx.param("id"));
    if (!actor.at_least(Role::Supervisor))
        throw HttpError(HTTPResponse::HTTP_FORBIDDEN, "forbidden",
                        "switching channels needs a supervisor, manager, executive or admin; " +
                            actor.name + " is " + std::string(to_string(actor.role)));
    std::optional<bool> enabled;
    if (!clear) {
        JsonReader body(parse_object(ctx.body()));
        enabled = *body.boolean("enabled", true);
        body.finish();
    }
    const std::string channel = ctx.param("channel");
    try {
        switchboard(api).set(d, channel, enabled, actor.name);
    } catch (const std::invalid_argument& e) {
        throw HttpError(HTTPResponse::HTTP_NOT_FOUND, "not_found", e.what(), "channel");
    }
    for (const auto& s : switchboard(api).states(d))
        if (s.channel == channel)
            return ctx.send_json(HTTPResponse::HTTP_OK, *status_json(s));
}

void reload(ApiContext& api, HttpContext& ctx) {
    Actor actor = require_actor(ctx, api.store);
    if (!actor.at_least(Role::Admin))
        throw HttpError(HTTPResponse::HTTP_FORBIDDEN, "forbidden",
                        "reloading the config needs an admin token");
    if (!api.reload)
        throw HttpError(HTTPResponse::HTTP_NOT_FOUND, "not_found", "reload is not offered");
    auto errors = api.reload();
    Poco::JSON::Object out;
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& e : errors)
        list->add(e);
    out.set("applied", errors.empty());
    out.set("errors", list);
    ctx.send_json(errors.empty() ? HTTPResponse::HTTP_OK : HTTPResponse::HTTP_UNPROCESSABLE_ENTITY,
                  out);
}

} // namespace

void add_channel_routes(http::Router& router, ApiContext& api) {
    router.add("GET", "/departments/{id}/channels",
               guarded([&api](HttpContext& ctx) { list_channels(api, ctx); }));
    router.add("PUT", "/departments/{id}/channels/{channel}",
               guarded([&api](HttpContext& ctx) { change_channel(api, ctx, false); }));
    router.add("DELETE", "/departments/{id}/channels/{channel}",
               guarded([&api](HttpContext& ctx) { change_channel(api, ctx, true); }));
    router.add("POST", "/admin/reload", guarded([&api](HttpContext& ctx) { reload(api, ctx); }));
}

} // namespace redress::core::api
