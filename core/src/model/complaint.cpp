#include <array>
#include <redress/core/model/complaint.hpp>
#include <utility>

namespace redress::core {
namespace {

template <class E, std::size_t N>
std::optional<E> find_name(const std::array<std::pair<E, std::string_view>, N>& names,
                           std::string_view s) {
    for (const auto& [e, name] : names)
        if (name == s)
            return e;
    return std::nullopt;
}

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& names, E e) {
    for (const auto& [x, name] : names)
        if (x == e)
            return name;
    return "unknown";
}

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
    return name_of(status_names, s);
}
std::optional<Status> parse_status(std::string_view s) {
    return find_name(status_names, s);
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
    return name_of(customer_type_names, t);
}
std::optional<CustomerType> parse_customer_type(std::string_view s) {
    return find_name(customer_type_names, s);
}

std::string_view to_string(Severity s) {
    return name_of(severity_names, s);
}
std::optional<Severity> parse_severity(std::string_view s) {
    return find_name(severity_names, s);
}

std::string_view to_string(Role r) {
    return name_of(role_names, r);
}
std::optional<Role> parse_role(std::string_view s) {
    return find_name(role_names, s);
}

} // namespace redress::core
