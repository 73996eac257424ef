// How compensation is shown to people: a proposal with the reasons for every
// decision in it (what a supervisor reads before approving), and tasks as a
// table.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <ostream>
#include <string>

namespace redress::cli {

//! Prints a proposal (the API's Proposal object) of complaint `tracking_number`:
//! decision, remedies, amount, the approval level and why, the factors the
//! policies saw, then each policy step (effect, amount before → after, reasons).
//! `dry_run`: the proposal is a preview that was not stored.
void print_proposal(std::ostream& out, const Poco::JSON::Object::Ptr& proposal,
                    const std::string& tracking_number, bool dry_run = false);

//! Prints tasks (the API's Task objects) as a table: id, complaint, remedy,
//! department, amount, due (UTC), status ("open, overdue" when late), assignee.
void print_task_table(std::ostream& out, const Poco::JSON::Array::Ptr& tasks);

//! "task 12: replacement for AS-2026-000001 (warehouse)".
std::string task_title(const Poco::JSON::Object::Ptr& task);

} // namespace redress::cli
