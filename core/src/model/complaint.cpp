#include "enum_names.hpp"

#include <array>
#include <redress/core/model/complaint.hpp>
#include <utility>

namespace redress::core {
namespace {

constexpr std::array<std::pair<Status, std::string_view>, 12> status_names{{
    {Status::Received, "received"},
    {Status::Contacted, "contacted"},
    {Status::Analysed, "analysed"},
    {Status::Proposed, "proposed"},
    {Status::Approved, "approved"},
    {Status::Agreed, "agreed"},
    {Status::Implementing, "implementing"},
    {Status::Resolved, "resolved"},
    {Status::Closed, "closed"},
    {Status::Escalated, "escalated"},
    {Status::Rejected, "rejected"},
    {Status::Reopened, "reopened"},
}};

constexpr std::array<std::pair<CustomerType, std::string_view>, 4> customer_type_names{{
    {CustomerType::Unknown, "unknown"},
    {CustomerType::Demanding, "demanding"},
    {CustomerType::Confused, "confused"},
    {CustomerType::Agitated, "agitated"},
}};

constexpr std::array<std::pair<Severity, std::string_view>, 4> severity_names{{
    {Severity::Low, "low"},
    {Severity::Medium, "medium"},
    {Severity::High, "high"},
    {Severity::Critical, "critical"},
}};

constexpr std::array<std::pair<Role, std::string_view>, 5> role_names{{
    {Role::Agent, "agent"},
    {Role::Supervisor, "supervisor"},
    {Role::Manager, "manager"},
    {Role::Executive, "executive"},
    {Role::Admin, "admin"},
}};

} // namespace

std::string_view to_string(Status s) {
    return enum_names::name_of(status_names, s);
}
std::optional<Status> parse_status(std::string_view s) {
    return enum_names::find(status_names, s);
}

const std::vector<Status>& all_statuses() {
    static const std::vector<Status> all = [] {
        std::vector<Status> v;
        for (const auto& [s, _] : status_names)
            v.push_back(s);
        return v;
    }();
    return all;
}

bool is_finished(Status s) {
    return s == Status::Closed || s == Status::Rejected;
}

std::string_view to_string(CustomerType t) {
    return enum_names::name_of(customer_type_names, t);
}
std::optional<CustomerType> parse_customer_type(std::string_view s) {
    return enum_names::find(customer_type_names, s);
}

std::string_view to_string(Severity s) {
    return enum_names::name_of(severity_names, s);
}
std::optional<Severity> parse_severity(std::string_view s) {
    return enum_names::find(severity_names, s);
}

std::string_view to_string(Role r) {
    return enum_names::name_of(role_names, r);
}
std::optional<Role> parse_role(std::string_view s) {
    return enum_names::find(role_names, s);
}

std::string format_money(std::int64_t amount, const std::string& currency) {
    bool negative = amount < 0;
    // Work on the magnitude as unsigned so INT64_MIN has one too.
    std::uint64_t magnitude =
        negative ? ~static_cast<std::uint64_t>(amount) + 1 : static_cast<std::uint64_t>(amount);
    std::string units = std::to_string(magnitude / 100);
    for (int i = static_cast<int>(units.size()) - 3; i > 0; i -= 3)
        units.insert(static_cast<std::size_t>(i), ",");
    std::uint64_t cents = magnitude % 100;
    return (negative ? "-" : "") + units + "." + (cents < 10 ? "0" : "") + std::to_string(cents) +
           (currency.empty() ? "" : " " + currency);
}

} // namespace redress::core
