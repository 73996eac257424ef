// The seven-step complaint procedure as a state machine (DESIGN.md §1):
//
//   received → contacted → analysed → proposed → approved → agreed → implementing
//            → resolved → closed;   escalated, rejected, reopened beside them.
//
// apply() is pure: it checks the action is allowed from the current status, that
// the actor's role and departments permit it, and that the request carries what
// the step requires; then it returns the changed complaint and the event to
// append. It never touches storage. Every refusal is a TransitionError with a
// stable code and a message naming the status, the action and what is missing.
#pragma once

#include <Poco/JSON/Object.h>
#include <cstdint>
#include <functional>
#include <redress/core/config/config.hpp>
#include <redress/core/lifecycle/actor.hpp>
#include <redress/core/model/compensation.hpp>
#include <redress/core/model/complaint.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace redress::core {

//! A refused transition. code: "illegal_transition", "forbidden", "missing_field",
//! "invalid_field"; field names the offending data field when there is one.
class TransitionError : public std::runtime_error {
public:
    TransitionError(std::string code, const std::string& message, std::string field = {})
        : std::runtime_error(message)
        , code_(std::move(code))
        , field_(std::move(field)) {}
    const std::string& code() const noexcept { return code_; }
    const std::string& field() const noexcept { return field_; }

private:
    std::string code_, field_;
};

struct TransitionRequest {
    std::string action;
    std::string reason;
    Poco::JSON::Object::Ptr data = new Poco::JSON::Object; //!< never null
    //! What the host adds to an action; never read from a request body.
    struct FromHost {
        //! propose: what the department's policy chain decided.
        std::optional<PolicyChainResult> policies;
        //! resolve: the complaint's last open task, finished in the same commit.
        std::optional<std::int64_t> finishing_task;
        std::string task_note;
    } host;
};

//! What apply() needs besides the complaint: the departments (for escalation and
//! approval limits), the time, and whether two instants share a local day in the
//! complaint's department (for the same-day-reply flag).
struct TransitionContext {
    const Config& config;
    std::int64_t now_ms = 0;
    std::function<bool(std::int64_t, std::int64_t)> same_local_day;
};

struct TransitionResult {
    Complaint complaint;
    Event event;
};

//! One rule of the state machine, for documentation and the console.
struct ActionRule {
    std::string action;
    std::vector<Status> from;
    std::optional<Status> to;          //!< empty: the status does not change (assign)
    Role min_role;                     //!< approve: at least this, and the proposal's level
    std::vector<std::string> required; //!< data fields the action requires
};

class Lifecycle {
public:
    //! Every rule, in lifecycle order.
    static const std::vector<ActionRule>& rules();
    //! The actions possible from status (ignoring roles), in rule order.
    static std::vector<std::string> allowed_actions(Status status);
    //! The level needed to approve amount under the department's limits.
    static Role required_level(const ApprovalLimits& limits, std::int64_t amount_minor);
    //! The remedies a proposal may name.
    static const std::vector<std::string>& remedies();

    //! Applies request to complaint as actor; throws TransitionError.
    static TransitionResult apply(const Complaint& complaint, const Actor& actor,
                                  const TransitionRequest& request, const TransitionContext& ctx);
};

} // namespace redress::core
