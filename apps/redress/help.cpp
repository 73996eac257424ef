#include "help.hpp"

#include "text_width.hpp"

#include <algorithm>

namespace redress::cli {
namespace {

std::string usage_of(const CommandSpec& spec) {
    std::string u = "redress " + spec.name;
    if (!spec.arguments.empty())
        u += " " + spec.arguments;
    if (!spec.flags.empty())
        u += " [flags]";
    return u;
}

void print_flags(std::ostream& out, const std::vector<FlagSpec>& flags) {
    std::vector<std::string> left;
    std::size_t width = 0;
    for (const auto& f : flags) {
        left.push_back("--" + f.name + (f.value_name.empty() ? "" : " " + f.value_name));
        width = std::max(width, display_width(left.back()));
    }
    for (std::size_t i = 0; i < flags.size(); ++i)
        out << "  " << left[i] << std::string(width - display_width(left[i]) + 2, ' ')
            << flags[i].help << (flags[i].repeatable ? " (repeatable)" : "") << '\n';
}

} // namespace

void print_program_help(std::ostream& out) {
    out << "redress: the command-line client of the Redress complaint API (redressd).\n"
           "\n"
           "Usage: redress [global flags] COMMAND [arguments] [flags]\n"
           "\n"
           "Commands:\n";
    auto left_of = [](const CommandSpec& s) {
        return s.name + (s.arguments.empty() ? "" : " " + s.arguments);
    };
    std::size_t width = 0;
    for (const auto& c : all_commands())
        width = std::max(width, display_width(left_of(c.spec)));
    for (const auto& c : all_commands()) {
        std::string left = left_of(c.spec);
        out << "  " << left << std::string(width - display_width(left) + 2, ' ') << c.spec.summary
            << '\n';
    }
    out << "\n"
           "Global flags (before or after the command):\n";
    print_flags(out, global_flags());
    out << "\n"
           "Environment:\n"
           "  REDRESS_URL    the server when --server is not given\n"
           "  REDRESS_TOKEN  the API token when --token is not given\n"
           "\n"
           "Exit codes:\n"
           "  0  success\n"
           "  1  the API refused the request (4xx); stderr has\n"
           "     error: <code>: <message> [field: <field>]\n"
           "  2  usage error: unknown flag, missing argument, unreadable file\n"
           "  3  cannot reach the server: connection refused, timeout, connection cut\n"
           "  4  server error (5xx, or an answer that is not the API's)\n"
           "  5  import: some rows were refused (printed as row N: reason); the rest\n"
           "     were stored\n"
           "\n"
           "Times are shown in UTC. Run 'redress COMMAND --help' for a command's flags.\n";
}

void print_command_help(std::ostream& out, const CommandSpec& spec) {
    out << "Usage: " << usage_of(spec) << "\n\n" << spec.description << "\n";
    if (!spec.flags.empty()) {
        out << "\nFlags:\n";
        print_flags(out, spec.flags);
    }
    out << "\nGlobal flags: --server URL, --token T, --json (print the API's JSON), --help\n"
           "Exit codes: 0 success, 1 refused by the API, 2 usage error, 3 server unreachable,\n"
           "4 server error, 5 import rows refused (see redress --help).\n";
}

void print_group_help(std::ostream& out, const std::string& group) {
    // A group that is also a command of its own ("tasks") lists it first.
    const CommandSpec* own = nullptr;
    for (const auto& c : all_commands())
        if (c.spec.name == group)
            own = &c.spec;
    out << "Usage: redress " << group << (own ? " [SUBCOMMAND]" : " SUBCOMMAND") << "\n\n";
    if (own)
        out << "  " << usage_of(*own) << "\n      " << own->summary << "\n\n";
    out << "Subcommands:\n";
    for (const auto& c : all_commands())
        if (c.spec.name.rfind(group + " ", 0) == 0)
            out << "  " << usage_of(c.spec) << "\n      " << c.spec.summary << '\n';
    out << "\nRun 'redress " << group << " SUBCOMMAND --help' for its flags.\n";
}

} // namespace redress::cli
