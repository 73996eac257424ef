// redressd: loads the config and the plugins, serves the HTTP API until
// SIGTERM/SIGINT, then stops accepting, lets in-flight requests finish, and
// exits 0. --check-config and --list-plugins report and exit.
#include "config_reloader.hpp"
#include "daemon_options.hpp"
#include "hangup_listener.hpp"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>
#include <algorithm>
#include <csignal>
#include <iomanip>
#include <iostream>
#include <redress/core/api/api_routes.hpp>
#include <redress/core/api/metrics.hpp>
#include <redress/core/api/plugin_services.hpp>
#include <redress/core/auth/tokens.hpp>
#include <redress/core/catalog/catalog_client.hpp>
#include <redress/core/config/config_loader.hpp>
#include <redress/core/http/api_server.hpp>
#include <redress/core/http/console_routes.hpp>
#include <redress/core/http/system_routes.hpp>
#include <redress/core/plugin/plugin_host.hpp>
#include <redress/core/plugin/plugin_poller.hpp>
#include <redress/core/report/report_engine.hpp>
#include <redress/core/report/report_scheduler.hpp>
#include <redress/core/service/channel_switchboard.hpp>
#include <redress/core/service/complaint_service.hpp>
#include <redress/core/service/sla_sweeper.hpp>
#include <redress/core/store/poll_lease.hpp>
#include <redress/core/store/store.hpp>

namespace redressd {

using namespace redress::core;
using Poco::Util::Option;

class Daemon : public Poco::Util::ServerApplication {
protected:
    void defineOptions(Poco::Util::OptionSet& options) override {
        ServerApplication::defineOptions(options);
        options.addOption(
            Option("config", "c", "run with this config file")
                .argument("FILE")
                .callback(Poco::Util::OptionCallback<Daemon>(this, &Daemon::on_config)));
        options.addOption(
            Option("check-config", "",
                   "check a config file (and its plugins) and exit; 1 on errors")
                .argument("FILE")
                .callback(Poco::Util::OptionCallback<Daemon>(this, &Daemon::on_check)));
        options.addOption(
            Option("list-plugins", "",
                   "list loaded and refused plugins (with --config: its folders too) and exit")
                .callback(Poco::Util::OptionCallback<Daemon>(this, &Daemon::on_list)));
        options.addOption(
            Option("create-token", "",
                   "with --config: create an API token named NAME in the store, print its secret, "
                   "exit")
                .argument("NAME")
                .callback(Poco::Util::OptionCallback<Daemon>(this, &Daemon::on_create_token)));
        options.addOption(
            Option("role", "",
                   "with --create-token: agent, supervisor, manager, executive or admin (default "
                   "admin)")
                .argument("ROLE")
                .callback(Poco::Util::OptionCallback<Daemon>(this, &Daemon::on_role)));
        options.addOption(
            Option("departments", "",
                   "with --create-token: comma-separated department ids, or * (default *)")
                .argument("IDS")
                .callback(Poco::Util::OptionCallback<Daemon>(this, &Daemon::on_departments)));
        options.addOption(
            Option("json", "", "with --list-plugins: print JSON")
                .callback(Poco::Util::OptionCallback<Daemon>(this, &Daemon::on_json)));
        options.addOption(
            Option("version", "v", "print the version and exit")
                .callback(Poco::Util::OptionCallback<Daemon>(this, &Daemon::on_version)));
        options.addOption(
            Option("help", "h", "show this help and exit")
                .callback(Poco::Util::OptionCallback<Daemon>(this, &Daemon::on_help)));
    }

    int main(const std::vector<std::string>& args) override {
        if (!args.empty()) {
            std::cerr << "redressd: unexpected argument '" << args.front() << "' (see --help)\n";
            return EXIT_USAGE;
        }
        switch (options_.mode) {
        case Mode::Help:
            return help();
        case Mode::Version:
            std::cout << "redressd " << REDRESS_VERSION << "\n";
            return EXIT_OK;
        case Mode::CheckConfig:
            return check_config();
        case Mode::ListPlugins:
            return list_plugins();
        case Mode::CreateToken:
            return create_token();
        case Mode::Run:
            return serve();
        }
        return EXIT_SOFTWARE;
    }

private:
    void on_config(const std::string&, const std::string& v) { options_.config = v; }
    void on_check(const std::string&, const std::string& v) {
        options_.mode = Mode::CheckConfig;
        options_.config = v;
    }
    void on_list(const std::string&, const std::string&) { options_.mode = Mode::ListPlugins; }
    void on_json(const std::string&, const std::string&) { options_.json = true; }
    void on_create_token(const std::string&, const std::string& v) {
        options_.mode = Mode::CreateToken;
        options_.token_name = v;
    }
    void on_role(const std::string&, const std::string& v) { options_.token_role = v; }
    void on_departments(const std::string&, const std::string& v) {
        options_.token_departments = v;
    }
    void on_version(const std::string&, const std::string&) {
        options_.mode = Mode::Version;
        stopOptionsProcessing();
    }
    void on_help(const std::string&, const std::string&) {
        options_.mode = Mode::Help;
        stopOptionsProcessing();
    }

    int help() {
        Poco::Util::HelpFormatter f(options());
        f.setCommand("redressd");
        f.setUsage(
            "--config FILE | --check-config FILE | --list-plugins [--config FILE] [--json] | "
            "--config FILE --create-token NAME [--role ROLE] [--departments IDS]");
        f.setHeader("Redress complaint-handling daemon.");
        f.format(std::cout);
        return EXIT_OK;
    }

    static void setup_logging(const std::string& level) {
        Poco::AutoPtr<Poco::PatternFormatter> formatter(
            new Poco::PatternFormatter("%Y-%m-%d %H:%M:%S.%i [%p] %s: %t"));
        Poco::AutoPtr<Poco::FormattingChannel> channel(
            new Poco::FormattingChannel(formatter, new Poco::ConsoleChannel(std::clog)));
        Poco::Logger::root().setChannel(channel);
        Poco::Logger::root().setLevel(level);
    }

    int check_config() {
        PluginRegistry registry;
        try {
            Config c = load_config(options_.config, registry, builtin_plugin_dirs());
            // Creating the plugins checks what only they can (a rules table's
            // unreachable rules, say); a plugin refusing its config fails the check.
            std::size_t refused_at_load = registry.refusals().size();
            setup_logging("none"); // the refusals are reported below, once
            PluginHost host(registry, c, Poco::Logger::get("plugins"));
            const auto& refusals = registry.refusals();
            // A refused plugin that is used (a department's policy or channel,
            // or the catalog) fails the check; an unused one is only listed.
            auto used = [&](const std::filesystem::path& file) {
                for (const auto& lib : registry.libraries()) {
                    if (lib->file() != file)
                        continue;
                    if (lib->name() == c.plugins.catalog)
                        return true;
                    for (const auto& d : c.departments) {
                        for (const auto& p : d.policies)
                            if (p == lib->name())
                                return true;
                        for (const auto& ch : lib->channels())
                            if (std::find(d.channels.begin(), d.channels.end(), ch) !=
                                d.channels.end())
                                return true;
                    }
                }
                return false;
            };
            bool failed = false;
            for (std::size_t i = refused_at_load; i < refusals.size(); ++i)
                if (used(refusals[i].file)) {
                    std::cerr << options_.config.string() << ": plugin "
                              << refusals[i].file.string()
                              << " refused its config: " << refusals[i].reason << "\n";
                    failed = true;
                }
            if (failed)
                return 1;
            std::cout << options_.config.string() << ": OK (" << c.departments.size()
                      << " departments, " << registry.libraries().size() << " plugins)\n";
            for (const auto& r : refusals)
                std::cout << "  refused plugin " << r.file.string() << ": " << r.reason << "\n";
            return EXIT_OK;
        } catch (const ConfigErrors& e) {
            std::cerr << e.what() << "\n";
            return 1;
        }
    }

    int list_plugins() {
        PluginRegistry registry;
        std::unique_ptr<Config> config;
        std::unique_ptr<PluginHost> host;
        if (!options_.config.empty()) {
            try {
                config = std::make_unique<Config>(
                    load_config(options_.config, registry, builtin_plugin_dirs()));
                setup_logging("error");
                host =
                    std::make_unique<PluginHost>(registry, *config, Poco::Logger::get("plugins"));
            } catch (const ConfigErrors& e) {
                std::cerr << e.what() << "\n";
                return 1;
            }
        } else {
            for (const auto& dir : builtin_plugin_dirs())
                registry.load_directory(dir);
        }
        if (options_.json) {
            http::plugins_json(host.get(), registry).stringify(std::cout, 2);
            std::cout << "\n";
            return EXIT_OK;
        }
        std::cout << "loaded:\n";
        auto print = [](const PluginLibrary& lib) {
            std::string families;
            for (const auto& f : family_names(lib.families()))
                families += (families.empty() ? "" : ",") + f;
            std::cout << "  " << std::left << std::setw(20) << lib.name() << std::setw(10)
                      << lib.version() << std::setw(24) << families << lib.file().string() << "\n";
        };
        if (host)
            for (const auto& i : host->instances())
                print(i->library());
        else
            for (const auto& lib : registry.libraries())
                print(*lib);
        std::cout << "refused:\n";
        for (const auto& r : registry.refusals())
            std::cout << "  " << r.file.string() << ": " << r.reason << "\n";
        return EXIT_OK;
    }

    int create_token() {
        if (options_.config.empty()) {
            std::cerr << "redressd: --create-token needs --config FILE (to find the store)\n";
            return EXIT_USAGE;
        }
        PluginRegistry registry;
        try {
            Config config = load_config(options_.config, registry, builtin_plugin_dirs());
            auto role = parse_role(options_.token_role);
            if (!role) {
                std::cerr << "redressd: unknown role '" << options_.token_role
                          << "' (agent, supervisor, manager, executive, admin)\n";
                return EXIT_USAGE;
            }
            std::vector<std::string> departments, known;
            for (std::size_t start = 0; start <= options_.token_departments.size();) {
                auto end = std::min(options_.token_departments.find(',', start),
                                    options_.token_departments.size());
                if (end > start)
                    departments.push_back(options_.token_departments.substr(start, end - start));
                start = end + 1;
            }
            for (const auto& d : config.departments)
                known.push_back(d.id);
            auto store = open_store(config.storage.url, config.server.threads + 4);
            IssuedToken t = issue_token(*store, known, options_.token_name, *role, departments,
                                        system_clock()());
            std::cout << t.secret << "\n";
            std::cerr << "created token " << t.record.id << " (" << t.record.name << ", "
                      << to_string(t.record.role) << ", " << options_.token_departments
                      << "); the secret above is shown only once\n";
            return EXIT_OK;
        } catch (const ConfigErrors& e) {
            std::cerr << e.what() << "\n";
            return 1;
        } catch (const std::exception& e) {
            std::cerr << "redressd: " << e.what() << "\n";
            return 1;
        }
    }

    int serve() {
        if (options_.config.empty()) {
            std::cerr << "redressd: --config FILE is required (see --help)\n";
            return EXIT_USAGE;
        }
        PluginRegistry registry;
        Config config;
        try {
            config = load_config(options_.config, registry, builtin_plugin_dirs());
        } catch (const ConfigErrors& e) {
            std::cerr << e.what() << "\n";
            return 1;
        }
        setup_logging(config.log.level);
        Poco::Logger& log = Poco::Logger::get("redressd");
        block_hangups(); // before any thread starts: SIGHUP means reload; SIGTERM waits for its
                         // turn
        // A peer closing a socket (a POP3 server, an HTTP client) must not end the
        // process; the write then fails with EPIPE and is handled where it happens.
        std::signal(SIGPIPE, SIG_IGN);
        for (const auto& r : registry.refusals())
            log.warning("plugin refused: %s: %s", r.file.string(), r.reason);

        std::unique_ptr<Store> store;
        try {
            store = open_store(config.storage.url, config.server.threads + 4);
        } catch (const StoreError& e) {
            log.critical("cannot open the store: %s", std::string(e.what()));
            std::cerr << "redressd: cannot open the store: " << e.what() << "\n";
            return EXIT_UNAVAILABLE;
        }
        log.information("store: %s, schema version %d", store->backend(), store->schema_version());

        PluginHost host(registry, config, Poco::Logger::get("plugins"));
        ChannelSwitchboard channels(*store, host.channels(), system_clock());
        ComplaintService service(*store, config, system_clock(), &channels);
        api::PluginServices plugin_services(service);
        host.set_services(&plugin_services);
        Metrics metrics;
        std::unique_ptr<CatalogClient> catalog;
        if (!config.plugins.catalog.empty()) {
            auto instance = host.find(config.plugins.catalog);
            if (!instance) {
                log.critical("the catalog plugin '%s' is not running (see the warnings above)",
                             config.plugins.catalog);
                std::cerr << "redressd: the catalog plugin '" << config.plugins.catalog
                          << "' is not running (see the log)\n";
                return 1;
            }
            catalog = std::make_unique<CatalogClient>(instance, Poco::Logger::get("catalog"));
            service.set_classifier([&catalog](const Complaint& c, const std::string& day) {
                return catalog->classify(c, day);
            });
        }
        ConfigReloader reloader(options_.config, registry, service, catalog.get(), log);
        api::ApiContext api_context{service, *store, metrics, &host, [&reloader] {
                                        return reloader.reload();
                                    }};
        http::Router router;
        http::add_system_routes(router, host, registry, REDRESS_VERSION);
        api::add_api_routes(router, api_context);
        api::add_channel_routes(router, api_context);
        CompensationService compensation(service, [&host](std::string_view name) {
            auto i = host.find(name);
            return i && (i->library().families() & REDRESS_FAMILY_COMPENSATION) ? i : nullptr;
        });
        compensation.set_catalog(catalog.get());
        api::add_compensation_routes(router, api_context, compensation);
        api::add_catalog_routes(router, api_context, catalog.get());
        report::ReportService reports(service, &host);
        api::add_report_routes(router, api_context, reports);
        // After the API (which may take "/"), before plugin prefixes (so one
        // asking for /console is refused instead of shadowing the console).
        if (config.server.console)
            http::add_console_routes(router);
        for (const auto& schedule : config.reports)
            try {
                reports.reporter(schedule.format);
            } catch (const report::ReportError& e) {
                log.critical("[[report]] %s: %s", schedule.report, std::string(e.what()));
                std::cerr << "redressd: [[report]] " << schedule.report << ": " << e.what() << "\n";
                return 1;
            }
        try {
            api::add_plugin_routes(router, api_context, host);
        } catch (const std::invalid_argument& e) {
            log.critical("plugin URL prefixes clash: %s", std::string(e.what()));
            std::cerr << "redressd: plugin URL prefixes clash: " << e.what() << "\n";
            return 1;
        }
        http::ApiServer server(
            config.server, router, Poco::Logger::get("http"),
            [&metrics](const std::string& method, const std::string& route, int status) {
                metrics.count_request(method, route, status);
            });
        SlaSweeper sweeper(service, std::chrono::seconds(config.sla.sweep_interval_s),
                           Poco::Logger::get("sla"));
        // Several hosts on one database take turns at the background jobs that
        // must not run twice at once: a channel's poll, the scheduled reports.
        PollLeases leases(config.storage.url);
        report::ReportScheduler scheduler(reports, service, Poco::Logger::get("reports"),
                                          std::chrono::seconds(60), &leases);
        std::vector<std::shared_ptr<PluginInstance>> intake;
        for (const auto& i : host.instances())
            if (i->library().families() & REDRESS_FAMILY_INTAKE)
                intake.push_back(i);
        PluginPoller poller(
            intake, std::chrono::seconds(config.plugins.poll_interval_s),
            {&leases, [&metrics](const std::string& plugin) { metrics.count_poll_skipped(plugin); },
             &Poco::Logger::get("plugins")});
        HangupListener hangups([&reloader] { reloader.reload(); });
        try {
            server.start();
        } catch (const Poco::Exception& e) {
            log.critical("cannot listen on %s:%d: %s", config.server.host, config.server.port,
                         e.displayText());
            return EXIT_UNAVAILABLE;
        }
        log.notice("listening on %s:%d (%d departments, %z plugins)", config.server.host,
                   server.port(), static_cast<int>(config.departments.size()),
                   host.instances().size());
        if (config.server.console)
            log.information("console: http://%s:%d/console/", config.server.host, server.port());
        waitForTerminationRequest();
        log.notice("shutting down: finishing in-flight requests");
        server.stop();
        host.set_services(nullptr);
        log.notice("stopped");
        return EXIT_OK;
    }

    Options options_;
};

} // namespace redressd

POCO_SERVER_MAIN(redressd::Daemon)
