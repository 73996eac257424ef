// The command line: global flags, the command words, and each command's own
// flags and positional arguments. Every mistake is a UsageError naming the
// flag or argument and what was expected.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace redress::cli {

//! One flag a command accepts, written --name VALUE, --name=VALUE or --name.
struct FlagSpec {
    std::string name;       //!< without the leading "--"
    std::string value_name; //!< e.g. "ID"; empty for a switch that takes no value
    std::string help;
    bool repeatable = false; //!< may be given more than once (values kept in order)
};

//! What one command accepts.
struct CommandSpec {
    std::string name;        //!< "list", or "token create" for a subcommand
    std::string arguments;   //!< the positional arguments for the usage line, e.g. "ID ACTION"
    std::string summary;     //!< one line for the program's help
    std::string description; //!< the text of the command's --help
    std::vector<FlagSpec> flags;
    std::size_t min_positional = 0;
    std::size_t max_positional = 0;
};

//! The flags every command takes, before or after the command words.
struct GlobalOptions {
    std::optional<std::string> server; //!< --server URL
    std::optional<std::string> token;  //!< --token T
    bool json = false;                 //!< --json
    bool help = false;                 //!< --help or -h
};

//! The global flags, for help output.
const std::vector<FlagSpec>& global_flags();

//! argv split into the global flags that precede the command, the command
//! words ("list", or "token" then "create"), and what follows them.
struct CommandLine {
    GlobalOptions global;
    std::vector<std::string> words;
    std::vector<std::string> rest;
};

//! Splits argv (without the program name). `is_group` tells whether a word
//! takes a subcommand word after it (like "token").
CommandLine split_command_line(const std::vector<std::string>& args,
                               bool (*is_group)(const std::string&));

//! A command's flags and positional arguments, as given.
class ParsedArgs {
public:
    //! Whether the flag was given (a switch, or a flag with a value).
    bool has(const std::string& flag) const { return values_.count(flag) != 0; }
    //! The value of a flag that takes one, if given.
    std::optional<std::string> value(const std::string& flag) const;
    //! Every value of a repeatable flag, in order; empty if not given.
    std::vector<std::string> values(const std::string& flag) const;
    const std::vector<std::string>& positional() const { return positional_; }

    void add(const std::string& flag, std::string value) {
        values_[flag].push_back(std::move(value));
    }
    void add_positional(std::string arg) { positional_.push_back(std::move(arg)); }

private:
    std::map<std::string, std::vector<std::string>> values_;
    std::vector<std::string> positional_;
};

//! Parses what follows the command words against the command's spec; global
//! flags found there are stored in `global`. "--" ends the flags.
ParsedArgs parse_command_args(const CommandSpec& spec, const std::vector<std::string>& rest,
                              GlobalOptions& global);

//! Whether --help or -h appears (before any "--").
bool asks_for_help(const std::vector<std::string>& rest);

} // namespace redress::cli
