// plugin_probe FILE [EXPECTED_NAME]: loads one plugin library into the host
// the way redressd does, creates it with its defaults, calls every family it
// provides once, and prints what it answered. Exit 0 when all of that works.
#include <Poco/Logger.h>
#include <iostream>
#include <redress/core/config/config_loader.hpp>
#include <redress/core/plugin/plugin_host.hpp>
#include <redress/core/plugin/plugin_registry.hpp>

using namespace redress::core;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: plugin_probe FILE [EXPECTED_NAME]\n";
        return 2;
    }
    PluginRegistry registry;
    auto lib = registry.load_file(argv[1]);
    if (!lib) {
        std::cerr << "refused: " << registry.refusals().front().reason << "\n";
        return 1;
    }
    if (argc > 2 && lib->name() != argv[2]) {
        std::cerr << "name is " << lib->name() << ", expected " << argv[2] << "\n";
        return 1;
    }
    // Defaults come from the schema, exactly as for a config without a section.
    std::vector<ConfigError> errors;
    auto parsed = parse_config_text("[[department]]\nid=\"d\"\nname=\"D\"\nprefix=\"D\"\n",
                                    "probe.toml", errors);
    check_against_plugins(parsed, registry, errors);
    PluginHost host(registry, parsed.config, Poco::Logger::get("probe"));
    auto instance = host.find(lib->name());
    if (!instance) {
        std::cerr << "not created: " << registry.refusals().back().reason << "\n";
        return 1;
    }
    try {
        if (lib->families() & REDRESS_FAMILY_INTAKE) {
            Record request;
            request.set("method", std::string("GET")).set("path", std::string("/probe"));
            Record response = instance->handle_http(request);
            std::cout << "intake: " << response.integer("status").value_or(0) << " "
                      << response.string("body").value_or("") << "\n";
        }
        if (lib->families() & REDRESS_FAMILY_COMPENSATION) {
            Record input, proposal;
            instance->propose(input, proposal);
            std::cout << "compensation: " << proposal.count("remedy") << " remedies\n";
        }
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
    std::cout << "ok: " << lib->name() << " " << lib->version() << "\n";
    return 0;
}
