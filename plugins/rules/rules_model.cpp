#include "rules_model.hpp"

namespace redress::rules {

std::optional<Mode> parse_mode(std::string_view s) noexcept {
    if (s == "first")
        return Mode::First;
    if (s == "best")
        return Mode::Best;
    return std::nullopt;
}

int Conditions::specificity() const {
    int n = 0;
    for (const ListKey& k : list_keys())
        n += (this->*k.rule).has_value();
    for (const FlagKey& k : flag_keys())
        n += (this->*k.rule).has_value();
    for (const RangeKey& k : range_keys())
        n += (this->*k.rule).min.has_value() + (this->*k.rule).max.has_value();
    return n;
}

const std::vector<ListKey>& list_keys() {
    static const std::vector<ListKey> keys{
        {"category", &Conditions::category, &RuleCase::category, {}},
        {"severity",
         &Conditions::severity,
         &RuleCase::severity,
         {"low", "medium", "high", "critical"}},
        {"company_fault",
         &Conditions::company_fault,
         &RuleCase::company_fault,
         {"none", "partial", "full"}},
        {"customer_tier", &Conditions::customer_tier, &RuleCase::customer_tier, {}},
        {"catalog_verdict",
         &Conditions::catalog_verdict,
         &RuleCase::catalog_verdict,
         {"provided", "not_provided", "arrangeable"}},
        {"word_of_mouth",
         &Conditions::word_of_mouth,
         &RuleCase::word_of_mouth,
         {"low", "medium", "high"}},
        {"customer_type",
         &Conditions::customer_type,
         &RuleCase::customer_type,
         {"demanding", "confused", "agitated"}},
    };
    return keys;
}

const std::vector<FlagKey>& flag_keys() {
    static const std::vector<FlagKey> keys{
        {"sla_breached", &Conditions::sla_breached, &RuleCase::sla_breached},
        {"demand_reasonable", &Conditions::demand_reasonable, &RuleCase::demand_reasonable},
        {"long_term", &Conditions::long_term, &RuleCase::long_term},
        {"will_buy_again", &Conditions::will_buy_again, &RuleCase::will_buy_again},
    };
    return keys;
}

const std::vector<RangeKey>& range_keys() {
    static const std::vector<RangeKey> keys{
        {"loss", &Conditions::loss, &RuleCase::loss_minor},
        {"ask", &Conditions::ask, &RuleCase::ask_minor},
    };
    return keys;
}

int level_rank(std::string_view level) noexcept {
    for (int i = 0; i < static_cast<int>(std::size(levels)); ++i)
        if (levels[i] == level)
            return i;
    return -1;
}

std::string one_of(const std::vector<std::string_view>& values) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += i + 1 == values.size() ? " or " : ", ";
        out += values[i];
    }
    return out;
}

} // namespace redress::rules
