// redress submit: registers a complaint and prints its tracking number and
// SLA due times.
#include "commands.hpp"
#include "complaint_input.hpp"
#include "display_format.hpp"
#include "json_util.hpp"

namespace redress::cli {
namespace {

void submit(Context& ctx, const ParsedArgs& args) {
    auto body = complaint_body(args);
    std::map<std::string, std::string> headers;
    if (auto key = args.value("idempotency-key"))
        headers["Idempotency-Key"] = *key;
    Reply reply = ctx.api.post("/complaints", to_json(*body), headers);
    if (ctx.json) {
        print_json_body(ctx, reply);
        return;
    }
    auto c = reply.object();
    auto sla = object_of(c, "sla");
    // The tracking number alone on the first line, for `| head -n1`.
    ctx.out << text_of(c, "id") << '\n';
    ctx.out << "first response due  " << long_time(text_of(sla, "first_response_due")) << " UTC\n";
    ctx.out << "resolution due      " << long_time(text_of(sla, "resolution_due")) << " UTC\n";
    if (reply.header("Idempotent-Replayed") == "true")
        ctx.err << "note: already registered with this Idempotency-Key; nothing new was created\n";
}

} // namespace

std::vector<Command> submit_commands() {
    CommandSpec spec;
    spec.name = "submit";
    spec.summary = "register a complaint from flags or a .json/.toml file";
    spec.description =
        "Registers a complaint and prints its tracking number (alone on the first line)\n"
        "and its SLA due times.\n"
        "\n"
        "The form comes from flags, or from --file: a .json file holding the API's body\n"
        "(POST /complaints), or a .toml file with the same keys and tables, e.g.\n"
        "\n"
        "    department = \"after-sales\"\n"
        "    channel = \"phone\"\n"
        "    cause = \"洗衣机漏水\"\n"
        "    [customer]\n"
        "    contact = \"王先生\"\n"
        "    phone = \"+86 21 5555 0101\"\n"
        "    [loss]\n"
        "    amount_minor = 129900\n"
        "    currency = \"CNY\"\n"
        "\n"
        "Flags given with --file override the file's values.";
    spec.flags = complaint_field_flags();
    spec.flags.push_back({"file", "F", "read the form from a .json or .toml file"});
    spec.flags.push_back(
        {"idempotency-key", "K",
         "send Idempotency-Key: K; a retry with the same key never registers twice"});
    return {{spec, submit}};
}

} // namespace redress::cli
