// The vocabulary of the rules policy: a rule (conditions → action), the case a
// rule is matched against, and the table of condition keys that the config
// reader, the validator and the matcher all walk, so that a new condition is
// one line there.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redress::rules {

//! "first": the first matching rule decides; "best": the matching rule with the
//! most conditions (keys present in `when`) decides.
enum class Mode { First, Best };
std::optional<Mode> parse_mode(std::string_view s) noexcept;

//! Inclusive bounds on an amount; a side left out is unbounded. A range with
//! either bound present matches only cases where that amount is stated.
struct Bounds {
    std::optional<std::int64_t> min, max;
    bool present() const noexcept { return min || max; }
    friend bool operator==(const Bounds&, const Bounds&) = default;
};

//! A rule's `when`. Every key left out (nullopt) matches anything; a list
//! matches when the case's value is one of its values.
struct Conditions {
    std::optional<std::vector<std::string>> category, severity, company_fault, customer_tier,
        catalog_verdict, word_of_mouth, customer_type;
    std::optional<bool> sla_breached, demand_reasonable, long_term, will_buy_again;
    Bounds loss, ask;

    //! The number of keys present (each bound of a range counts): what "best"
    //! mode ranks by.
    int specificity() const;
};

//! A rule's `then`, as written (the validator checks it).
struct Action {
    std::string decision = "grant"; //!< grant | extend | cap | refuse
    std::vector<std::string> remedies;
    std::optional<std::int64_t> amount_minor;
    std::optional<double> share_of_loss; //!< of the stated loss, added to amount_minor
    std::optional<std::int64_t> cap_minor;
    std::optional<std::string> level; //!< agent | supervisor | manager | executive
};

struct Rule {
    std::string name;
    std::string reason;
    Conditions when;
    Action then;
};

//! The proposal so far (input.proposal), when it is a grant or a refusal.
struct Earlier {
    std::string decision; //!< "grant" | "refuse"
    std::vector<std::string> remedies;
    std::int64_t amount_minor = 0;
    std::string level; //!< "" when none
};

//! The case as rules see it. A text value left out of the input is nullopt
//! and matches no list, except company_fault ("none") and word_of_mouth
//! ("low"), which read as their defaults; booleans left out read as false.
struct RuleCase {
    std::optional<std::string> category, severity, company_fault, customer_tier, catalog_verdict,
        word_of_mouth, customer_type;
    bool sla_breached = false, demand_reasonable = false, long_term = false, will_buy_again = false;
    std::optional<std::int64_t> loss_minor, ask_minor;
    std::optional<Earlier> proposal;
};

//! A list condition: its key under `when`, where it sits in a rule and in a
//! case, and its allowed values (empty: free text).
struct ListKey {
    std::string_view key;
    std::optional<std::vector<std::string>> Conditions::*rule;
    std::optional<std::string> RuleCase::*value;
    std::vector<std::string_view> allowed;
};
struct FlagKey {
    std::string_view key;
    std::optional<bool> Conditions::*rule;
    bool RuleCase::*value;
};
struct RangeKey {
    std::string_view name; //!< "loss": keys loss_min and loss_max
    Bounds Conditions::*rule;
    std::optional<std::int64_t> RuleCase::*value;
};
const std::vector<ListKey>& list_keys();
const std::vector<FlagKey>& flag_keys();
const std::vector<RangeKey>& range_keys();

//! Approval levels in rising order.
inline constexpr std::string_view levels[] = {"agent", "supervisor", "manager", "executive"};
//! The rank of a level (0 for agent), -1 for "" or an unknown name.
int level_rank(std::string_view level) noexcept;

//! "a", "a or b", "a, b or c" (for messages listing allowed values).
std::string one_of(const std::vector<std::string_view>& values);

} // namespace redress::rules
