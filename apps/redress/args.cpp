#include "args.hpp"

#include "errors.hpp"

namespace redress::cli {
namespace {

bool looks_like_flag(const std::string& arg) {
    return arg.size() > 1 && arg[0] == '-';
}

// "--name=value" into ("name", "value"); "--name" into ("name", nullopt).
std::pair<std::string, std::optional<std::string>> split_flag(const std::string& arg) {
    if (arg == "-h")
        return {"help", std::nullopt};
    std::string body = arg.rfind("--", 0) == 0 ? arg.substr(2) : arg.substr(1);
    auto eq = body.find('=');
    if (eq == std::string::npos)
        return {body, std::nullopt};
    return {body.substr(0, eq), body.substr(eq + 1)};
}

const FlagSpec* find_flag(const std::vector<FlagSpec>& flags, const std::string& name) {
    for (const auto& f : flags)
        if (f.name == name)
            return &f;
    return nullptr;
}

std::string flag_list(const std::vector<FlagSpec>& a, const std::vector<FlagSpec>& b) {
    std::string out;
    for (const auto* list : {&a, &b})
        for (const auto& f : *list)
            out += (out.empty() ? "--" : ", --") + f.name;
    return out;
}

// Reads one flag at args[i] (advancing i past its value); returns its name and value.
std::pair<const FlagSpec*, std::string> read_flag(const std::vector<FlagSpec>& own,
                                                  const std::vector<std::string>& args,
                                                  std::size_t& i, const std::string& command) {
    auto [name, inline_value] = split_flag(args[i]);
    const FlagSpec* spec = find_flag(own, name);
    if (!spec)
        spec = find_flag(global_flags(), name);
    if (!spec || (args[i].rfind("--", 0) != 0 && args[i] != "-h")) {
        std::string where = command.empty() ? "before the command" : "for '" + command + "'";
        throw UsageError("unknown flag " + args[i] + " " + where +
                             " (flags: " + flag_list(own, global_flags()) + ")",
                         command);
    }
    if (spec->value_name.empty()) {
        if (inline_value)
            throw UsageError("--" + name + " takes no value", command);
        return {spec, ""};
    }
    if (inline_value)
        return {spec, *inline_value};
    if (i + 1 >= args.size())
        throw UsageError("--" + name + " needs a value: --" + name + " " + spec->value_name,
                         command);
    return {spec, args[++i]};
}

bool set_global(const FlagSpec& spec, const std::string& value, GlobalOptions& g) {
    if (spec.name == "server")
        g.server = value;
    else if (spec.name == "token")
        g.token = value;
    else if (spec.name == "json")
        g.json = true;
    else if (spec.name == "help")
        g.help = true;
    else
        return false;
    return true;
}

} // namespace

const std::vector<FlagSpec>& global_flags() {
    static const std::vector<FlagSpec> flags{
        {"server", "URL",
         "the redressd to talk to (default: $REDRESS_URL, else http://127.0.0.1:8080)"},
        {"token", "T", "the API token (default: $REDRESS_TOKEN)"},
        {"json", "", "print the API's JSON instead of a table"},
        {"help", "", "show help (also -h)"},
    };
    return flags;
}

CommandLine split_command_line(const std::vector<std::string>& args,
                               bool (*is_group)(const std::string&)) {
    CommandLine out;
    std::size_t i = 0;
    for (; i < args.size() && looks_like_flag(args[i]) && args[i] != "--"; ++i) {
        auto [spec, value] = read_flag({}, args, i, "");
        set_global(*spec, value, out.global);
    }
    if (i < args.size() && args[i] == "--")
        ++i;
    if (i < args.size()) {
        out.words.push_back(args[i++]);
        if (is_group(out.words[0]) && i < args.size() && !looks_like_flag(args[i]))
            out.words.push_back(args[i++]);
    }
    out.rest.assign(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
    return out;
}

std::optional<std::string> ParsedArgs::value(const std::string& flag) const {
    auto it = values_.find(flag);
    if (it == values_.end())
        return std::nullopt;
    return it->second.back();
}

std::vector<std::string> ParsedArgs::values(const std::string& flag) const {
    auto it = values_.find(flag);
    return it == values_.end() ? std::vector<std::string>{} : it->second;
}

ParsedArgs parse_command_args(const CommandSpec& spec, const std::vector<std::string>& rest,
                              GlobalOptions& global) {
    ParsedArgs out;
    bool flags_done = false;
    for (std::size_t i = 0; i < rest.size(); ++i) {
        if (flags_done || !looks_like_flag(rest[i])) {
            out.add_positional(rest[i]);
            continue;
        }
        if (rest[i] == "--") {
            flags_done = true;
            continue;
        }
        auto [flag, value] = read_flag(spec.flags, rest, i, spec.name);
        if (set_global(*flag, value, global))
            continue;
        if (out.has(flag->name) && !flag->repeatable)
            throw UsageError("--" + flag->name + " is given twice", spec.name);
        out.add(flag->name, value);
    }
    const auto n = out.positional().size();
    if (n < spec.min_positional)
        throw UsageError("'" + spec.name + "' needs " + spec.arguments, spec.name);
    if (n > spec.max_positional)
        throw UsageError("unexpected argument \"" + out.positional()[spec.max_positional] +
                             "\" for '" + spec.name + "'" +
                             (spec.max_positional ? " (it takes " + spec.arguments + ")" : ""),
                         spec.name);
    return out;
}

bool asks_for_help(const std::vector<std::string>& rest) {
    for (const auto& a : rest) {
        if (a == "--")
            return false;
        if (a == "--help" || a == "-h")
            return true;
    }
    return false;
}

} // namespace redress::cli
