#include "catalog_model.hpp"

#include <algorithm>
#include <cstdio>

namespace redress::catalog_plugin {

std::string_view to_string(Status s) noexcept {
    switch (s) {
    case Status::Provided:
        return "provided";
    case Status::NotProvided:
        return "not_provided";
    case Status::Arrangeable:
        return "arrangeable";
    }
    return "provided";
}

std::optional<Status> parse_status(std::string_view s) noexcept {
    if (s == "provided")
        return Status::Provided;
    if (s == "not_provided")
        return Status::NotProvided;
    if (s == "arrangeable")
        return Status::Arrangeable;
    return std::nullopt;
}

namespace {
bool allows(const std::vector<std::string>& scope, std::string_view value, bool strict) {
    return scope.empty() || (value.empty() && !strict) ||
           std::find(scope.begin(), scope.end(), value) != scope.end();
}
} // namespace

bool Entry::in_scope(std::string_view department, std::string_view product_line,
                     std::string_view customer_tier, bool strict) const {
    return allows(departments, department, strict) && allows(product_lines, product_line, strict) &&
           allows(customer_tiers, customer_tier, strict);
}

const Entry* Version::find(std::string_view id) const {
    for (const auto& e : entries)
        if (e.id == id)
            return &e;
    return nullptr;
}

bool Version::in_force(std::chrono::year_month_day day) const {
    using std::chrono::sys_days;
    return sys_days(effective_from) <= sys_days(day) &&
           (!effective_until || sys_days(day) <= sys_days(*effective_until));
}

const Version* Catalog::at(std::chrono::year_month_day day) const {
    for (const auto& v : versions)
        if (v.in_force(day))
            return &v;
    return nullptr;
}

const Version* Catalog::find(std::string_view name) const {
    for (const auto& v : versions)
        if (v.name == name)
            return &v;
    return nullptr;
}

std::string format_date(std::chrono::year_month_day d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return buf;
}

std::optional<std::chrono::year_month_day> parse_date(std::string_view s) {
    // Exactly YYYY-MM-DD, digits only, and a real day.
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
        return std::nullopt;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9')
            return std::nullopt;
    auto num = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i)
            v = v * 10 + (s[i] - '0');
        return v;
    };
    std::chrono::year_month_day d{std::chrono::year(num(0, 4)),
                                  std::chrono::month(static_cast<unsigned>(num(5, 2))),
                                  std::chrono::day(static_cast<unsigned>(num(8, 2)))};
    if (!d.ok())
        return std::nullopt;
    return d;
}

} // namespace redress::catalog_plugin
