#include <Poco/JSON/Array.h>
#include <chrono>
#include <redress/core/http/system_routes.hpp>

namespace redress::core::http {
namespace {

Poco::JSON::Array::Ptr strings(const std::vector<std::string>& values) {
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    for (const auto& v : values)
        a->add(v);
    return a;
}

Poco::JSON::Object::Ptr describe(const PluginLibrary& lib) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("name", lib.name());
    o->set("version", lib.version());
    o->set("description", lib.description());
    o->set("abi", std::to_string(lib.abi_major()) + "." + std::to_string(lib.abi_minor()));
    o->set("families", strings(family_names(lib.families())));
    o->set("file", lib.file().string());
    if (!lib.channels().empty())
        o->set("channels", strings(lib.channels()));
    if (!lib.report_format().empty())
        o->set("report_format", lib.report_format());
    Poco::JSON::Array::Ptr keys = new Poco::JSON::Array;
    for (const auto& k : lib.config_keys()) {
        Poco::JSON::Object::Ptr ko = new Poco::JSON::Object;
        ko->set("path", k.path);
        ko->set("required", k.required);
        if (!k.default_value.empty())
            ko->set("default", k.default_value);
        ko->set("description", k.description);
        keys->add(ko);
    }
    o->set("config", keys);
    return o;
}

} // namespace

Poco::JSON::Object plugins_json(const PluginHost* host, const PluginRegistry& registry) {
    Poco::JSON::Array::Ptr loaded = new Poco::JSON::Array;
    if (host)
        for (const auto& i : host->instances()) {
            auto o = describe(i->library());
            auto stats = i->stats();
            o->set("calls", stats.calls);
            o->set("errors", stats.errors);
            // "failing": isolated by its circuit breaker, calls are skipped.
            auto health = i->health();
            o->set("state", health.open ? "failing" : "ok");
            o->set("consecutive_failures", health.consecutive_faults);
            o->set("skipped", stats.skipped);
            if (!health.last_error.empty())
                o->set("last_error", health.last_error);
            if (health.open)
                o->set("retry_in_seconds", (health.retry_in.count() + 999) / 1000);
            loaded->add(o);
        }
    else
        for (const auto& lib : registry.libraries())
            loaded->add(describe(*lib));
    Poco::JSON::Array::Ptr refused = new Poco::JSON::Array;
    for (const auto& r : registry.refusals()) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("file", r.file.string());
        o->set("reason", r.reason);
        refused->add(o);
    }
    Poco::JSON::Object out;
    out.set("loaded", loaded);
    out.set("refused", refused);
    return out;
}

void add_system_routes(Router& router, const PluginHost& host, const PluginRegistry& registry,
                       std::string version) {
    auto started = std::chrono::steady_clock::now();
    router.add("GET", "/health", [version, started, &host](HttpContext& ctx) {
        Poco::JSON::Object o;
        o.set("status", "ok");
        o.set("version", version);
        o.set("abi", std::to_string(REDRESS_ABI_MAJOR) + "." + std::to_string(REDRESS_ABI_MINOR));
        o.set("plugins", host.instances().size());
        o.set("uptime_seconds", std::chrono::duration_cast<std::chrono::seconds>(
                                    std::chrono::steady_clock::now() - started)
                                    .count());
        ctx.send_json(Poco::Net::HTTPResponse::HTTP_OK, o);
    });
    router.add("GET", "/plugins", [&host, &registry](HttpContext& ctx) {
        ctx.send_json(Poco::Net::HTTPResponse::HTTP_OK, plugins_json(&host, registry));
    });
}

} // namespace redress::core::http
