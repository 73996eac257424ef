// Runs a department's compensation policies in order and records each step.
//
// Every policy gets the case (redress/compensation.hpp: the complaint, the
// factors, SLA breaches, the catalog verdict) and, from the second on, the
// proposal so far. Its output is checked strictly; a policy that fails or
// answers nonsense stops the chain with an error naming it (a skipped policy
// could be the one that vetoes, so the chain never silently goes on).
#pragma once

#include <memory>
#include <optional>
#include <redress/core/model/compensation.hpp>
#include <redress/core/model/complaint.hpp>
#include <redress/core/plugin/plugin_instance.hpp>
#include <string>
#include <utility>
#include <vector>

namespace redress::core {

//! The case as the policies see it.
struct PolicyCase {
    Complaint complaint;
    std::string currency;
    CompensationFactors factors;
    std::vector<std::string> sla_breaches; //!< "first_response", "resolution"
    std::optional<std::string> catalog_verdict;
    //! input.catalog (redress/compensation.hpp): the entry cited, with the verdict.
    std::optional<Record> catalog;
};

//! A policy of the chain: its configured name and its running instance.
struct ChainedPolicy {
    std::string name;
    std::shared_ptr<PluginInstance> instance;
};

//! Runs the chain. Throws ServiceError: PluginFailed ("policy_failed") when a
//! policy fails or writes an invalid proposal; Conflict ("no_proposal") when
//! every policy abstains.
PolicyChainResult run_policy_chain(const std::vector<ChainedPolicy>& policies, const PolicyCase& c);

//! The factors as JSON (what the proposal records the policies saw).
std::string factors_to_json(const CompensationFactors& f, const PolicyCase& c);

} // namespace redress::core
