// redress/plugin.hpp — the four plugin families and the macro that exports a plugin.
//
// Write a class that derives from one or more of IntakeChannel,
// CompensationPolicy, CommitmentCatalog and Reporter, give it
//
//     static redress::PluginInfo info();                  // name, version, schema…
//     MyPlugin(redress::Host host, redress::ConfigView config);
//
// and put REDRESS_PLUGIN(MyPlugin) in one .cpp file. The macro defines the C
// entry point of abi.h; every call through it is wrapped so that an exception
// becomes a status code and a message, never an unwinding across the boundary.
// The host creates one instance per plugin, may call it from several threads
// at once (except poll(), which is never concurrent with itself), and destroys
// it before unloading the library.
#pragma once

#include <exception>
#include <redress/abi.h>
#include <redress/config.hpp>
#include <redress/error.hpp>
#include <redress/host.hpp>
#include <redress/http.hpp>
#include <redress/io.hpp>
#include <redress/record.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace redress {

//! What a plugin says about itself. Read once, when the library is loaded.
struct PluginInfo {
    std::string name;                  //!< unique: [a-z0-9][a-z0-9_-]*, at most 64 bytes
    std::string version;               //!< the plugin's own version
    std::string description;           //!< one line
    std::vector<ConfigKey> config;     //!< the keys of [plugin.<name>]
    std::vector<std::string> channels; //!< IntakeChannel: channel names provided
    //! IntakeChannel: URL path prefixes served ("/intake"); none: /channels/<channel>
    std::vector<std::string> http_prefixes;
    std::string report_format;       //!< Reporter: e.g. "csv"
    std::string report_content_type; //!< Reporter: e.g. "text/csv; charset=utf-8"
};

//! An intake channel: complaints arrive through HTTP requests routed to it
//! and/or through periodic polling of an outside source.
class IntakeChannel {
public:
    virtual ~IntakeChannel() = default;
    //! Handles a request under one of PluginInfo::http_prefixes (or
    //! /channels/<channel> when it declares none). Default: 404.
    virtual void handle_http(const HttpRequest& request, HttpResponse& response) {
        (void)request;
        response.status(404).content_type("text/plain; charset=utf-8").body("no such endpoint");
    }
    //! One round of background work. Default: nothing.
    virtual void poll() {}
};

//! A compensation policy: reads the case, writes or amends a proposal.
class CompensationPolicy {
public:
    virtual ~CompensationPolicy() = default;
    virtual void propose(const RecordView& input, RecordWriter& proposal) = 0;
};

//! A service-commitment catalog: answers what is provided, not provided or arrangeable.
class CommitmentCatalog {
public:
    virtual ~CommitmentCatalog() = default;
    virtual void lookup(const RecordView& query, RecordWriter& answer) = 0;
};

//! A report format: renders streamed rows into bytes.
class Reporter {
public:
    virtual ~Reporter() = default;
    virtual void render(const RecordView& params, Rows& rows, Sink& out) = 0;
};

namespace detail {

inline void set_error(const redress_host_api* api, redress_error* error, redress_status status,
                      std::string_view message) noexcept {
    if (api && error)
        api->error_set(error, status, message.data(), message.size());
}

// The one place where exceptions stop: everything inside f() may throw.
template <class F>
redress_status guarded(const redress_host_api* api, redress_error* error, F&& f) noexcept {
    try {
        f();
        return REDRESS_OK;
    } catch (const Error& e) {
        set_error(api, error, e.status(), e.what());
        return e.status() == REDRESS_OK ? REDRESS_E_INTERNAL : e.status();
    } catch (const std::exception& e) {
        set_error(api, error, REDRESS_E_INTERNAL, e.what());
    } catch (...) {
        set_error(api, error, REDRESS_E_INTERNAL, "unknown exception");
    }
    return REDRESS_E_INTERNAL;
}

template <class T>
struct Instance {
    Instance(const redress_host_api* a, redress_host* host, const redress_record* config)
        : api(a)
        , object(Host(a, host), ConfigView(RecordView(a, config))) {}
    const redress_host_api* api;
    T object;
};

// Tag is a type from an anonymous namespace in the plugin's translation unit
// (see REDRESS_PLUGIN), so every Adapter<T, Tag> — and the static descriptor
// storage inside it — has internal linkage. Without that, GCC emits the storage
// as an STB_GNU_UNIQUE symbol, which the dynamic linker shares between plugins
// whose classes have the same name, even with RTLD_LOCAL.
template <class T, class Tag>
class Adapter {
    static_assert(std::is_base_of_v<IntakeChannel, T> || std::is_base_of_v<CompensationPolicy, T> ||
                      std::is_base_of_v<CommitmentCatalog, T> || std::is_base_of_v<Reporter, T>,
                  "a plugin derives from at least one of IntakeChannel, CompensationPolicy, "
                  "CommitmentCatalog, Reporter");

    static Instance<T>& self(void* p) { return *static_cast<Instance<T>*>(p); }

    static redress_status create(const redress_host_api* api, redress_host* host,
                                 const redress_record* config, void** out, redress_error* error) {
        return guarded(api, error, [&] { *out = new Instance<T>(api, host, config); });
    }
    static void destroy(void* p) { delete static_cast<Instance<T>*>(p); }

    static redress_status handle_http(void* p, const redress_record* req, redress_record* resp,
                                      redress_error* error) {
        auto& i = self(p);
        return guarded(i.api, error, [&] {
            HttpRequest request(RecordView(i.api, req));
            HttpResponse response(RecordWriter(i.api, resp));
            static_cast<IntakeChannel&>(i.object).handle_http(request, response);
        });
    }
    static redress_status poll(void* p, redress_error* error) {
        auto& i = self(p);
        return guarded(i.api, error, [&] { static_cast<IntakeChannel&>(i.object).poll(); });
    }
    static redress_status propose(void* p, const redress_record* input, redress_record* proposal,
                                  redress_error* error) {
        auto& i = self(p);
        return guarded(i.api, error, [&] {
            RecordWriter out(i.api, proposal);
            static_cast<CompensationPolicy&>(i.object).propose(RecordView(i.api, input), out);
        });
    }
    static redress_status lookup(void* p, const redress_record* query, redress_record* answer,
                                 redress_error* error) {
        auto& i = self(p);
        return guarded(i.api, error, [&] {
            RecordWriter out(i.api, answer);
            static_cast<CommitmentCatalog&>(i.object).lookup(RecordView(i.api, query), out);
        });
    }
    static redress_status render(void* p, const redress_record* params, redress_rows* rows,
                                 redress_sink* sink, redress_error* error) {
        auto& i = self(p);
        return guarded(i.api, error, [&] {
            Rows in(i.api, rows);
            Sink out(i.api, sink);
            static_cast<Reporter&>(i.object).render(RecordView(i.api, params), in, out);
        });
    }

    // Everything the descriptor points into, built once and kept for the
    // library's lifetime.
    struct Storage {
        PluginInfo info;
        std::vector<redress_config_key> keys;
        std::vector<const char*> channels;
        std::vector<const char*> prefixes;
        redress_intake_api intake{};
        redress_compensation_api compensation{};
        redress_catalog_api catalog{};
        redress_reporter_api reporter{};
        redress_plugin_descriptor descriptor{};

        Storage()
            : info(T::info()) {
            for (const ConfigKey& k : info.config)
                keys.push_back({k.path.c_str(), static_cast<std::uint32_t>(k.type),
                                k.required ? REDRESS_CONFIG_REQUIRED : 0u,
                                k.default_value.empty() ? nullptr : k.default_value.c_str(),
                                k.description.c_str()});
            for (const std::string& c : info.channels)
                channels.push_back(c.c_str());
            for (const std::string& p : info.http_prefixes)
                prefixes.push_back(p.c_str());

            descriptor.struct_size = sizeof(redress_plugin_descriptor);
            descriptor.abi_major = REDRESS_ABI_MAJOR;
            descriptor.abi_minor = REDRESS_ABI_MINOR;
            descriptor.name = info.name.c_str();
            descriptor.version = info.version.c_str();
            descriptor.description = info.description.c_str();
            descriptor.config_keys = keys.data();
            descriptor.config_key_count = keys.size();
            descriptor.create = &Adapter::create;
            descriptor.destroy = &Adapter::destroy;
            if constexpr (std::is_base_of_v<IntakeChannel, T>) {
                intake.struct_size = sizeof intake;
                intake.channels = channels.data();
                intake.channel_count = channels.size();
                intake.handle_http = &Adapter::handle_http;
                intake.poll = &Adapter::poll;
                intake.http_prefixes = prefixes.data();
                intake.http_prefix_count = prefixes.size();
                descriptor.intake = &intake;
                descriptor.families |= REDRESS_FAMILY_INTAKE;
            }
            if constexpr (std::is_base_of_v<CompensationPolicy, T>) {
                compensation.struct_size = sizeof compensation;
                compensation.propose = &Adapter::propose;
                descriptor.compensation = &compensation;
                descriptor.families |= REDRESS_FAMILY_COMPENSATION;
            }
            if constexpr (std::is_base_of_v<CommitmentCatalog, T>) {
                catalog.struct_size = sizeof catalog;
                catalog.lookup = &Adapter::lookup;
                descriptor.catalog = &catalog;
                descriptor.families |= REDRESS_FAMILY_CATALOG;
            }
            if constexpr (std::is_base_of_v<Reporter, T>) {
                reporter.struct_size = sizeof reporter;
                reporter.format = info.report_format.c_str();
                reporter.content_type = info.report_content_type.c_str();
                reporter.render = &Adapter::render;
                descriptor.reporter = &reporter;
                descriptor.families |= REDRESS_FAMILY_REPORTER;
            }
        }
    };

public:
    //! The descriptor, or NULL if T::info() threw (the host then refuses the library).
    static const redress_plugin_descriptor* descriptor() noexcept {
        try {
            static const Storage storage;
            return &storage.descriptor;
        } catch (...) {
            return nullptr;
        }
    }
};

} // namespace detail
} // namespace redress

//! Exports Class as this library's plugin. Use exactly once per library, at
//! namespace scope.
#define REDRESS_PLUGIN(Class)                                                                      \
    namespace {                                                                                    \
    struct RedressPluginLocalTag {};                                                               \
    }                                                                                              \
    extern "C" REDRESS_EXPORT const redress_plugin_descriptor* redress_plugin_entry(void) {        \
        return ::redress::detail::Adapter<Class, RedressPluginLocalTag>::descriptor();             \
    }
