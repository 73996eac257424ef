// Compensation behind the API: proposals from the department's policy chain,
// tiered approval against limits and the monthly budget, the customer's
// agreement, and the tasks the agreed remedies become for the departments that
// carry them out. The complaint resolves when its last task is done; the
// follow-up call (phone channel) then closes or reopens it.
//
// Every step is a lifecycle transition of the complaint (through
// ComplaintService), and the proposal, budget and task changes it implies are
// committed with it in one transaction (this class is the service's
// TransitionEffects). So the plain transitions (propose, approve, revise,
// agree, implement, resolve, reject, escalate) keep the same rules.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <redress/core/catalog/catalog_client.hpp>
#include <redress/core/compensation/policy_chain.hpp>
#include <redress/core/service/complaint_service.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace redress::core {

//! Finds the running compensation plugin of a name (null: not running).
using PolicyFinder = std::function<std::shared_ptr<PluginInstance>(std::string_view)>;

struct ProposalRequest {
    CompensationFactors factors; //!< A, B, C, tier, ask; D and E are taken from the analysis
    bool dry_run = false;        //!< run the policies, store nothing
    std::string note;
};

struct ProposalOutcome {
    Proposal proposal;
    std::optional<TransitionResult> transition; //!< empty for a dry run
};

struct ApprovalRequest {
    bool approve = true;
    std::string reason; //!< required to decline; the refusal's wording when approving one
    std::string note;
    bool customer_told = false; //!< approving a refusal rejects the complaint: the customer is told
};

struct AgreementRequest {
    bool accepted = true;
    std::string reason; //!< required when not accepted
    std::string note;
};

struct AgreementOutcome {
    Complaint complaint;
    std::vector<Task> tasks;
};

struct BudgetStatus {
    std::string department, month, currency;
    std::int64_t budget = 0; //!< 0: no budget
    std::int64_t spent = 0;
};

class CompensationService final : public TransitionEffects {
public:
    //! Installs itself as complaints' TransitionEffects.
    CompensationService(ComplaintService& complaints, PolicyFinder policies);
    ~CompensationService() override;

    //! The catalog whose entries policies get cited (input.catalog) for a
    //! complaint with a verdict; null: the verdict alone. Set before serving.
    void set_catalog(const CatalogClient* catalog) noexcept { catalog_ = catalog; }

    //! Runs the department's policies on the analysed complaint and proposes
    //! the result (propose transition), unless dry_run.
    ProposalOutcome propose(const std::string& tracking_number, const Actor& actor,
                            const ProposalRequest& request);
    //! Approves (approve transition; a refusal: reject) or declines (revise).
    TransitionResult decide(const std::string& tracking_number, const Actor& actor,
                            const ApprovalRequest& request);
    //! The customer's answer: accepted → agree and implement (tasks created);
    //! not accepted → revise.
    AgreementOutcome agreement(const std::string& tracking_number, const Actor& actor,
                               const AgreementRequest& request);

    //! A complaint's proposals, oldest first (NotFound if not visible).
    std::vector<Proposal> proposals(const std::string& tracking_number, const Actor& actor);
    //! Tasks of the departments the actor may see (and the filter's, if any).
    std::vector<Task> tasks(TaskFilter filter, const Actor& actor);
    //! A complaint's tasks.
    std::vector<Task> tasks_of(const Complaint& complaint);
    //! Marks a task done; the last one resolves its complaint. The actor must be
    //! in the task's department.
    Task finish_task(std::int64_t id, const Actor& actor, const std::string& note);
    //! Gives a task to someone in its department.
    Task assign_task(std::int64_t id, const Actor& actor, const std::string& assignee);
    //! A department's budget this month (or month "YYYY-MM").
    BudgetStatus budget(const std::string& department, const Actor& actor,
                        std::optional<std::string> month = std::nullopt);

    UpdateEffects plan(const Complaint& before, TransitionResult& result, const Actor& actor,
                       const TransitionRequest& request, const ServiceSettings& settings) override;

private:
    Task visible_task(std::int64_t id, const Actor& actor);
    // Records a task change that does not move the complaint (a "task" event),
    // if the complaint is still at complaint.version; nullopt if it moved on
    // (the caller decides again: this may now be the last open task).
    std::optional<Task> change_task(const Task& task, const Complaint& complaint,
                                    const Actor& actor, UpdateEffects::TaskChange change,
                                    const std::string& event_reason);

    ComplaintService& complaints_;
    PolicyFinder policies_;
    const CatalogClient* catalog_ = nullptr;
};

} // namespace redress::core
