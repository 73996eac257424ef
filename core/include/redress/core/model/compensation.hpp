// Compensation as the host keeps it: the proposal a complaint's policies (or a
// person) made, with every step's reasons; and the tasks the agreed remedies
// become for the departments that carry them out.
#pragma once

#include <cstdint>
#include <optional>
#include <redress/core/model/complaint.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace redress::core {

//! Where a proposal stands. A complaint has at most one open proposal
//! (proposed or approved); a new one supersedes it.
enum class ProposalStatus {
    Proposed,    //!< waiting for approval
    Approved,    //!< approved; waiting for the customer
    Declined,    //!< the approver said no (with a reason)
    Agreed,      //!< the customer accepted; remedies dispatched as tasks
    NotAccepted, //!< the customer did not accept
    Refused,     //!< a refusal, approved: the complaint was rejected
    Withdrawn,   //!< the complaint moved on (escalated, rejected, a new proposal)
};
std::string_view to_string(ProposalStatus s);
std::optional<ProposalStatus> parse_proposal_status(std::string_view s);

//! What one policy of the chain did to the proposal.
struct PolicyStep {
    std::string policy;
    std::string effect;   //!< "proposed", "capped", "raised", "vetoed", "amended", "abstained"
    std::string decision; //!< the proposal's decision after this step ("" when abstained)
    std::int64_t amount_before = 0, amount_after = 0;
    std::vector<std::string> remedies; //!< after this step
    std::string level;                 //!< the level this policy asked for, if any
    std::vector<std::string> reasons;
};

//! The inputs of a compensation decision besides the complaint (the handbook's
//! A–E, see redress/compensation.hpp). D and E come from the analysis.
struct CompensationFactors {
    bool long_term = false;             //!< A
    bool will_buy_again = false;        //!< B
    std::string word_of_mouth = "low";  //!< C: low | medium | high
    bool demand_reasonable = true;      //!< D
    std::string company_fault = "none"; //!< E: none | partial | full
    std::string customer_tier;          //!< free text, e.g. "standard", "key"
    std::optional<std::int64_t> ask_minor;
    std::vector<std::string> asked_remedies;
};

//! What a department's chain of policies decided, step by step.
struct PolicyChainResult {
    std::string decision; //!< "grant" | "refuse"
    std::vector<std::string> remedies;
    std::int64_t amount_minor = 0;
    std::string level; //!< the highest level a policy asked for ("" if none)
    std::vector<PolicyStep> steps;
    std::string factors_json = "{}"; //!< the factors the policies saw
};

struct Proposal {
    std::int64_t id = 0;
    std::int64_t complaint_id = 0;
    std::string department;
    std::string decision = "grant"; //!< "grant" | "refuse"
    std::vector<std::string> remedies;
    Money amount;
    Role required_level = Role::Agent;
    //! Why this level: limits, remedies, policy, budget — sentences.
    std::vector<std::string> level_reasons;
    std::vector<PolicyStep> steps;    //!< empty for a proposal made by hand
    std::string source;               //!< "policies" or "manual"
    std::string factors_json = "{}";  //!< the inputs the policies saw
    std::vector<std::string> reasons; //!< a manual proposal's own reasons
    ProposalStatus status = ProposalStatus::Proposed;
    std::string created_by;
    std::int64_t created_at_ms = 0;
    std::string decided_by; //!< approver or decliner
    std::optional<std::int64_t> decided_at_ms;
    std::string decision_note; //!< the decline reason, or the approval note
    std::string budget_month;  //!< "YYYY-MM" the approval was charged to; "" if not charged
};

enum class TaskStatus { Open, Done, Cancelled };
std::string_view to_string(TaskStatus s);
std::optional<TaskStatus> parse_task_status(std::string_view s);

//! One remedy to carry out, by one department.
struct Task {
    std::int64_t id = 0;
    std::int64_t complaint_id = 0;
    std::string tracking_number; //!< read only (joined from the complaint)
    std::int64_t proposal_id = 0;
    std::string department; //!< who carries it out
    std::string remedy;
    Money amount; //!< the money part, on the material remedy that carries it
    TaskStatus status = TaskStatus::Open;
    std::string assignee; //!< empty: anyone in the department
    std::int64_t due_at_ms = 0;
    std::string created_by;
    std::int64_t created_at_ms = 0;
    std::optional<std::int64_t> done_at_ms;
    std::string done_by;
    std::string note;
};

//! One JSON form of steps and string lists, shared by storage and the API.
std::string steps_to_json(const std::vector<PolicyStep>& steps);
//! Throws std::invalid_argument on malformed text.
std::vector<PolicyStep> steps_from_json(std::string_view json);
//! The remedy of a proposal that carries its money (its task gets the amount):
//! the first of refund, voucher, gift, replacement it names, else its first.
std::string money_remedy(const std::vector<std::string>& remedies);
std::string strings_to_json(const std::vector<std::string>& list);
//! Throws std::invalid_argument on malformed text.
std::vector<std::string> strings_from_json(std::string_view json);

} // namespace redress::core
