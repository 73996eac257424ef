// The approval level a proposal needs, and why: the department's limits on the
// amount, the remedies' own levels ([remedies.<name>].approval), what a policy
// asked for, and a refusal's minimum. The monthly budget can add one level on
// top (next_level); the service decides that at proposal and at approval time.
#pragma once

#include <cstdint>
#include <redress/core/config/config.hpp>
#include <redress/core/model/complaint.hpp>
#include <string>
#include <vector>

namespace redress::core {

struct LevelDecision {
    Role level = Role::Agent;
    std::vector<std::string> reasons; //!< one sentence per rule that set or raised it
};

//! The level for a proposal before the budget is considered.
//! decision: "grant" | "refuse"; policy_level: "" or a level name.
LevelDecision base_approval_level(const Department& department, const Config& config,
                                  const std::string& decision, std::int64_t amount_minor,
                                  const std::vector<std::string>& remedies,
                                  const std::string& policy_level);

//! One level up; executive stays executive (admin is not an approval level).
Role next_level(Role level);

} // namespace redress::core
