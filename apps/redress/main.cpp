// redress: the command-line client of the Redress API. It speaks only HTTP
// to redressd; every outcome maps to an exit code scripts can rely on
// (errors.hpp, README.md).
#include "api_client.hpp"
#include "args.hpp"
#include "commands.hpp"
#include "errors.hpp"
#include "help.hpp"

#include <Poco/Exception.h>
#include <cstdlib>
#include <iostream>
#include <set>

namespace redress::cli {
namespace {

const char* const default_url = "http://127.0.0.1:8080";

// A group is the first word of two-word commands ("token create", "channel list").
// A group word may also be a command of its own: "tasks" lists, "tasks done"
// and "tasks assign" are its subcommands. A word after it that is not a flag
// is always read as a subcommand.
bool is_group(const std::string& word) {
    for (const auto& c : all_commands())
        if (c.spec.name.rfind(word + " ", 0) == 0)
            return true;
    return false;
}

// "create, list or revoke": the subcommands of a group.
std::string subcommands_of(const std::string& group) {
    std::vector<std::string> subs;
    for (const auto& c : all_commands())
        if (c.spec.name.rfind(group + " ", 0) == 0)
            subs.push_back(c.spec.name.substr(group.size() + 1));
    std::string out;
    for (std::size_t i = 0; i < subs.size(); ++i)
        out += (i == 0 ? "" : i + 1 == subs.size() ? " or " : ", ") + subs[i];
    return out;
}

std::string from_env(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : fallback;
}

const Command* find_command(const std::string& name) {
    for (const auto& c : all_commands())
        if (c.spec.name == name)
            return &c;
    return nullptr;
}

std::string command_names() {
    std::string out;
    std::set<std::string> seen;
    for (const auto& c : all_commands()) {
        std::string word = c.spec.name.substr(0, c.spec.name.find(' '));
        if (seen.insert(word).second)
            out += (out.empty() ? "" : ", ") + word;
    }
    return out + ", help";
}

// `redress help [COMMAND...]`.
ExitCode help(const std::vector<std::string>& words, std::ostream& out) {
    std::string name;
    for (const auto& w : words)
        name += (name.empty() ? "" : " ") + w;
    if (name.empty())
        print_program_help(out);
    else if (is_group(name))
        print_group_help(out, name);
    else if (const Command* c = find_command(name))
        print_command_help(out, c->spec);
    else
        throw UsageError("no command '" + name + "' (commands: " + command_names() + ")");
    return ExitCode::Success;
}

ExitCode run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    CommandLine line = split_command_line(args, is_group);
    if (line.words.empty()) {
        if (line.global.help) {
            print_program_help(out);
            return ExitCode::Success;
        }
        throw UsageError("no command given (commands: " + command_names() + ")");
    }
    if (line.words[0] == "help")
        return help(line.rest, out);
    std::string name = line.words[0] + (line.words.size() > 1 ? " " + line.words[1] : "");
    const Command* command = find_command(name);
    if (!command) {
        if (is_group(name)) {
            if (line.global.help || asks_for_help(line.rest)) {
                print_group_help(out, name);
                return ExitCode::Success;
            }
            throw UsageError("'" + name + "' needs a subcommand: " + subcommands_of(name), name);
        }
        if (is_group(line.words[0]))
            throw UsageError("no subcommand '" + line.words[1] + "' of '" + line.words[0] + "' (" +
                                 subcommands_of(line.words[0]) + ")",
                             line.words[0]);
        throw UsageError("no command '" + name + "' (commands: " + command_names() + ")");
    }
    if (line.global.help || asks_for_help(line.rest)) {
        print_command_help(out, command->spec);
        return ExitCode::Success;
    }
    GlobalOptions global = line.global;
    ParsedArgs parsed = parse_command_args(command->spec, line.rest, global);
    ApiClient api(global.server ? *global.server : from_env("REDRESS_URL", default_url),
                  global.token ? *global.token : from_env("REDRESS_TOKEN", ""));
    Context ctx{api, global.json, out, err};
    command->run(ctx, parsed);
    return ExitCode::Success;
}

} // namespace
} // namespace redress::cli

int main(int argc, char** argv) {
    using namespace redress::cli;
    std::vector<std::string> args(argv + 1, argv + argc);
    ExitCode code;
    try {
        code = run(args, std::cout, std::cerr);
    } catch (const UsageError& e) {
        std::cerr << "error: " << e.what() << "\n"
                  << "run 'redress " << (e.command().empty() ? "" : e.command() + " ")
                  << "--help' for usage\n";
        code = e.exit_code();
    } catch (const CliError& e) {
        std::cerr << "error: " << e.what() << '\n';
        code = e.exit_code();
    } catch (const Poco::Exception& e) {
        // A reply of an unexpected shape (a JSON field of the wrong type, ...).
        std::cerr << "error: unexpected_reply: " << e.displayText() << '\n';
        code = ExitCode::ServerError;
    } catch (const std::exception& e) {
        // A reply of an unexpected shape (a JSON field of the wrong type, ...).
        std::cerr << "error: unexpected_reply: " << e.what() << '\n';
        code = ExitCode::ServerError;
    }
    std::cout.flush();
    return static_cast<int>(code);
}
