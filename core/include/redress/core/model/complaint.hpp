// The complaint as the host keeps it: the registration form (投诉登记表) of
// DESIGN.md §1, its place in the lifecycle, its SLA clock and its version.
//
// Times are UTC milliseconds since the epoch; money is integer minor units
// plus an ISO 4217 code. Enumerations have stable lower-case names used in the
// API and the database (to_string / parse_*); parse_* return nullopt for an
// unknown name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redress::core {

enum class Status {
    Received,
    Contacted,
    Analysed,
    Proposed,
    Approved,
    Agreed,
    Implementing,
    Resolved,
    Closed,
    Escalated,
    Rejected,
    Reopened,
};
std::string_view to_string(Status s);
std::optional<Status> parse_status(std::string_view s);
//! Every status, in lifecycle order.
const std::vector<Status>& all_statuses();
//! Closed and rejected complaints are finished (they can still be reopened).
bool is_finished(Status s);

enum class CustomerType { Unknown, Demanding, Confused, Agitated };
std::string_view to_string(CustomerType t);
std::optional<CustomerType> parse_customer_type(std::string_view s);

enum class Severity { Low, Medium, High, Critical };
std::string_view to_string(Severity s);
std::optional<Severity> parse_severity(std::string_view s);

//! Approval levels, lowest first; admin is above every level.
enum class Role { Agent, Supervisor, Manager, Executive, Admin };
std::string_view to_string(Role r);
std::optional<Role> parse_role(std::string_view s);

struct Money {
    std::int64_t amount_minor = 0;
    std::string currency;
    friend bool operator==(const Money&, const Money&) = default;
};

//! "1,234.56 CNY": minor units shown with two decimals. Every currency a
//! department may configure has two (the config loader refuses JPY, KWD…).
std::string format_money(std::int64_t amount_minor, const std::string& currency);

struct Customer {
    std::string company, contact, address, phone, email;
    CustomerType type = CustomerType::Unknown;
};

struct Product {
    std::string name, spec, production_date, batch, used_at, symptoms, previous_brand;
};

//! How the service-commitment catalog classified the customer's ask at intake:
//! the verdict of the best-matching entry, from the version in force that day.
struct CatalogVerdict {
    std::string verdict; //!< "provided" | "not_provided" | "arrangeable"
    std::string entry;   //!< the entry's id
    std::string version; //!< the catalog version's name
    friend bool operator==(const CatalogVerdict&, const CatalogVerdict&) = default;
};

struct Complaint {
    std::int64_t id = 0;         //!< database id; 0 before it is stored
    std::string tracking_number; //!< e.g. "AS-2026-000123"
    std::string department, channel, category;
    Severity severity = Severity::Medium;
    Status status = Status::Received;
    Customer customer;
    std::string cause;   //!< in the customer's own words
    std::string request; //!< what the customer asks for
    Product product;
    std::optional<Money> loss;
    std::int64_t received_at_ms = 0;
    std::string recorder; //!< who wrote it down
    std::string owner;    //!< the named handler

    // SLA clock.
    std::int64_t first_response_due_ms = 0;
    std::int64_t resolution_due_ms = 0;
    std::optional<std::int64_t> first_responded_at_ms;
    std::optional<std::int64_t> resolved_at_ms;
    std::optional<std::int64_t> closed_at_ms;
    bool first_response_breached = false;
    bool resolution_breached = false;
    std::optional<bool> same_day_reply; //!< set at the first response

    // The current proposal (set by "propose", cleared by "reopen").
    std::optional<Money> proposed;
    std::optional<Role> required_level;
    std::optional<int> satisfaction; //!< 1–5, from the follow-up call
    //! Set at intake when a catalog is configured and an entry matched the request.
    std::optional<CatalogVerdict> catalog;

    std::int64_t created_at_ms = 0;
    std::int64_t updated_at_ms = 0;
    std::int64_t version = 0; //!< increases with every change (optimistic locking)
};

//! One entry of a complaint's timeline; append-only, never changed.
struct Event {
    std::int64_t id = 0;
    std::int64_t complaint_id = 0;
    std::int64_t at_ms = 0;
    std::string actor;
    std::string type; //!< "created", "transition", "comment", "assigned", "sla_breach"
    std::string from_status, to_status; //!< empty unless the status changed
    std::string reason;
    std::string data_json = "{}"; //!< details, as a JSON object
};

} // namespace redress::core
