#include "commands.hpp"

namespace redress::cli {

const std::vector<Command>& all_commands() {
    static const std::vector<Command> commands = [] {
        std::vector<Command> all;
        for (auto group : {submit_commands, import_commands, query_commands, workflow_commands,
                           compensation_commands, catalog_commands, report_commands,
                           channel_commands, admin_commands})
            for (auto& c : group())
                all.push_back(std::move(c));
        return all;
    }();
    return commands;
}

void print_json_body(Context& ctx, const Reply& reply) {
    ctx.out << reply.body;
    if (reply.body.empty() || reply.body.back() != '\n')
        ctx.out << '\n';
}

} // namespace redress::cli
