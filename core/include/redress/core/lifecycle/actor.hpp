// Who is acting: the name recorded in events, a role, and the departments the
// actor may act on ("*" for all).
#pragma once

#include <algorithm>
#include <redress/core/model/complaint.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace redress::core {

struct Actor {
    std::string name;
    Role role = Role::Agent;
    std::vector<std::string> departments;

    bool may_act_on(std::string_view department) const {
        return std::any_of(departments.begin(), departments.end(),
                           [&](const std::string& d) { return d == "*" || d == department; });
    }
    bool at_least(Role r) const { return static_cast<int>(role) >= static_cast<int>(r); }
};

} // namespace redress::core
