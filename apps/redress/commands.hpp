// The commands of redress, one group per file: each group lists its commands
// with their spec (flags, arguments, help) and the function that runs them.
#pragma once

#include "api_client.hpp"
#include "args.hpp"

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace redress::cli {

//! What a running command may use.
struct Context {
    ApiClient& api;
    bool json;         //!< --json: print the API's JSON instead of tables
    std::ostream& out; //!< results
    std::ostream& err; //!< notes for people (never needed by scripts)
};

//! A command: its spec and how it runs. `run` returns normally on success and
//! throws a CliError (UsageError, ApiError, UnreachableError) otherwise.
struct Command {
    CommandSpec spec;
    std::function<void(Context&, const ParsedArgs&)> run;
};

std::vector<Command> submit_commands();   //!< submit
std::vector<Command> query_commands();    //!< list, show
std::vector<Command> workflow_commands(); //!< transition, comment
std::vector<Command> admin_commands();    //!< departments, token create|list|revoke
std::vector<Command> import_commands();   //!< import
std::vector<Command> channel_commands();  //!< channel list|enable|disable|reset

//! propose, approve, agree, proposals, tasks [done|assign], budget
std::vector<Command> compensation_commands();

//! catalog lookup|list|versions|diff
std::vector<Command> catalog_commands();

//! reports, report NAME
std::vector<Command> report_commands();

//! Every command, in the order the program's help lists them.
const std::vector<Command>& all_commands();

//! Prints the body the API answered, as is, ending in a newline.
void print_json_body(Context& ctx, const Reply& reply);

} // namespace redress::cli
