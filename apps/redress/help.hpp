// The text of `redress --help` and of `redress COMMAND --help`.
#pragma once

#include "commands.hpp"

#include <ostream>

namespace redress::cli {

//! The program's help: usage, commands, global flags, environment, exit codes.
void print_program_help(std::ostream& out);

//! A command's help: usage line, description, flags.
void print_command_help(std::ostream& out, const CommandSpec& spec);

//! The commands of a group word ("token"): a short list.
void print_group_help(std::ostream& out, const std::string& group);

} // namespace redress::cli
