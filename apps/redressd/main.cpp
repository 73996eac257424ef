// redressd: loads the config and the plugins, serves the HTTP API until
// SIGTERM/SIGINT, then stops accepting, lets in-flight requests finish, and
// exits 0. --check-config and --list-plugins report and exit.
#include "daemon_options.hpp"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>
#include <iomanip>
#include <iostream>
#include <redress/core/config/config_loader.hpp>
#include <redress/core/http/api_server.hpp>
#include <redress/core/http/system_routes.hpp>
#include <redress/core/plugin/plugin_host.hpp>

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
        f.setUsage("--config FILE | --check-config FILE | --list-plugins [--config FILE] [--json]");
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
            std::cout << options_.config.string() << ": OK (" << c.departments.size()
                      << " departments, " << registry.libraries().size() << " plugins)\n";
            for (const auto& r : registry.refusals())
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
        for (const auto& r : registry.refusals())
            log.warning("plugin refused: %s: %s", r.file.string(), r.reason);

        PluginHost host(registry, config, Poco::Logger::get("plugins"));
        http::Router router;
        http::add_system_routes(router, host, registry, REDRESS_VERSION);
        http::ApiServer server(config.server, router, Poco::Logger::get("http"));
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
        waitForTerminationRequest();
        log.notice("shutting down: finishing in-flight requests");
        server.stop();
        log.notice("stopped");
        return EXIT_OK;
    }

    Options options_;
};

} // namespace redressd

POCO_SERVER_MAIN(redressd::Daemon)
