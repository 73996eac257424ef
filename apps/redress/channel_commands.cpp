// redress channel list|enable|disable|reset: which channels a department takes.
#include "commands.hpp"
#include "display_format.hpp"
#include "json_util.hpp"
#include "table.hpp"

#include <Poco/JSON/Array.h>

namespace redress::cli {
namespace {

std::string channel_path(const ParsedArgs& args) {
    return "/departments/" + path_segment(args.positional()[0]) + "/channels/" +
           path_segment(args.positional()[1]);
}

std::string state_text(const Poco::JSON::Object::Ptr& s) {
    return s && s->has("enabled") && s->getValue<bool>("enabled") ? "enabled" : "disabled";
}

// Why a channel is in its state: the config, or who switched it and when.
std::string source_text(const Poco::JSON::Object::Ptr& s) {
    auto o = object_of(s, "override");
    if (!o)
        return s && s->has("in_config") && s->getValue<bool>("in_config") ? "config"
                                                                          : "config (not listed)";
    return "switched by " + text_of(o, "by") + " at " + short_time(text_of(o, "at"));
}

void list(Context& ctx, const ParsedArgs& args) {
    Reply reply = ctx.api.get("/departments/" + path_segment(args.positional()[0]) + "/channels");
    if (ctx.json)
        return print_json_body(ctx, reply);
    auto body = reply.object();
    Table table({"CHANNEL", "STATE", "WHY"});
    auto items = body->getArray("items");
    for (std::size_t i = 0; items && i < items->size(); ++i) {
        auto s = items->getObject(i);
        table.add_row({text_of(s, "channel"), state_text(s), source_text(s)});
    }
    table.print(ctx.out);
    auto audit = body->getArray("audit");
    if (!audit || audit->size() == 0)
        return;
    ctx.out << "\nlatest switches:\n";
    Table log({"AT (UTC)", "BY", "CHANNEL", "CHANGE"});
    for (std::size_t i = 0; i < audit->size(); ++i) {
        auto a = audit->getObject(i);
        std::string change = a->isNull("enabled")           ? "reset to config"
                             : a->getValue<bool>("enabled") ? "enabled"
                                                            : "disabled";
        log.add_row(
            {short_time(text_of(a, "at")), text_of(a, "by"), text_of(a, "channel"), change});
    }
    log.print(ctx.out);
}

void change(Context& ctx, const ParsedArgs& args, const char* method, const std::string& body) {
    Reply reply = ctx.api.send(method, channel_path(args), body);
    if (ctx.json)
        return print_json_body(ctx, reply);
    auto s = reply.object();
    ctx.out << args.positional()[0] << ": " << text_of(s, "channel") << " " << state_text(s) << " ("
            << source_text(s) << ")\n";
}

CommandSpec spec(const char* name, const char* summary, const char* description) {
    CommandSpec s;
    s.name = name;
    s.arguments = "DEPARTMENT CHANNEL";
    s.summary = summary;
    s.description = description;
    s.min_positional = s.max_positional = 2;
    return s;
}

} // namespace

std::vector<Command> channel_commands() {
    CommandSpec l;
    l.name = "channel list";
    l.arguments = "DEPARTMENT";
    l.summary = "the channels a department takes, and why";
    l.description = "Lists every channel the loaded plugins provide with its state in\n"
                    "DEPARTMENT (from the config, or switched at run time, by whom and\n"
                    "when), then the latest switches.";
    l.min_positional = l.max_positional = 1;
    return {
        {l, list},
        {spec("channel enable", "take complaints on a channel (supervisor)",
              "Switches CHANNEL on in DEPARTMENT at once. The switch is stored, audited\n"
              "and wins over the config until `redress channel reset`."),
         [](Context& c, const ParsedArgs& a) {
             change(c, a, "PUT", R"({"enabled":true})");
         }},
        {spec("channel disable", "refuse complaints on a channel (supervisor)",
              "Switches CHANNEL off in DEPARTMENT at once: complaints arriving on it are\n"
              "refused with an error naming both. Stored, audited, survives restarts."),
         [](Context& c, const ParsedArgs& a) {
             change(c, a, "PUT", R"({"enabled":false})");
         }},
        {spec("channel reset", "let the config decide a channel again (supervisor)",
              "Removes the run-time switch of CHANNEL in DEPARTMENT; the department's\n"
              "channels list in the config decides again."),
         [](Context& c, const ParsedArgs& a) {
             change(c, a, "DELETE", "");
         }},
    };
}

} // namespace redress::cli
