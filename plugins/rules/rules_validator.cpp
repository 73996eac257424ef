#include "rules_validator.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <redress/compensation.hpp>
#include <set>

namespace redress::rules {
namespace {

namespace comp = compensation;

constexpr double max_share = 10.0;
constexpr std::int64_t max_amount = 1'000'000'000'000; // the largest the host records
constexpr std::size_t max_reason_bytes = 2000;         // the longest reason the host keeps
constexpr std::size_t max_name_bytes = 100; // keeps the figures' reasons short enough too

std::string label(std::size_t i, const Rule& r) {
    return "rule " + std::to_string(i + 1) + " '" + r.name + "'";
}

std::string number_text(double v) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%g", v);
    return buffer;
}

const std::vector<std::string_view>& remedy_names() {
    static const std::vector<std::string_view> names(comp::remedies.begin(), comp::remedies.end());
    return names;
}

std::int64_t lo(const Bounds& b) {
    return b.min.value_or(std::numeric_limits<std::int64_t>::min());
}
std::int64_t hi(const Bounds& b) {
    return b.max.value_or(std::numeric_limits<std::int64_t>::max());
}

bool same_set(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return std::set<std::string>(a.begin(), a.end()) == std::set<std::string>(b.begin(), b.end());
}

bool identical(const Conditions& a, const Conditions& b) {
    for (const ListKey& k : list_keys()) {
        const auto &x = a.*k.rule, &y = b.*k.rule;
        if (x.has_value() != y.has_value() || (x && !same_set(*x, *y)))
            return false;
    }
    for (const FlagKey& k : flag_keys())
        if (a.*k.rule != b.*k.rule)
            return false;
    for (const RangeKey& k : range_keys())
        if (!(a.*k.rule == b.*k.rule))
            return false;
    return true;
}

// One rule's own problems; can_match is cleared when it can never match.
class RuleCheck {
public:
    RuleCheck(std::size_t index, const std::vector<Rule>& rules, Report& report)
        : index_(index)
        , rule_(rules[index])
        , all_(rules)
        , report_(report) {}

    bool run() {
        names();
        conditions();
        action();
        return can_match_;
    }

private:
    void error(const std::string& what) {
        report_.errors.push_back(label(index_, rule_) + ": " + what);
    }

    void names() {
        if (rule_.name.empty())
            error("the name is empty");
        else if (rule_.name.size() > max_name_bytes)
            error("the name has " + std::to_string(rule_.name.size()) + " bytes, at most " +
                  std::to_string(max_name_bytes));
        else
            for (std::size_t i = 0; i < index_; ++i)
                if (all_[i].name == rule_.name) {
                    error("the name is already used by rule " + std::to_string(i + 1));
                    break;
                }
        // Written as "rule '<name>': <reason>".
        const std::size_t written = rule_.name.size() + rule_.reason.size() + 9;
        if (rule_.reason.empty())
            error("the reason is empty; a supervisor reads it");
        else if (written > max_reason_bytes)
            error("the reason is too long: with the rule's name it has " + std::to_string(written) +
                  " bytes, at most " + std::to_string(max_reason_bytes));
    }

    void conditions() {
        const Conditions& c = rule_.when;
        for (const ListKey& k : list_keys()) {
            const auto& values = c.*k.rule;
            if (!values)
                continue;
            const std::string key = "when." + std::string(k.key);
            if (values->empty()) {
                error(key + " is an empty list and can never match");
                can_match_ = false;
            }
            for (const std::string& v : *values) {
                if (k.allowed.empty()) {
                    if (v.empty())
                        error(key + ": an empty value never matches");
                } else if (std::find(k.allowed.begin(), k.allowed.end(), v) == k.allowed.end()) {
                    error(key + ": unknown value \"" + v + "\" (expected " + one_of(k.allowed) +
                          ")");
                }
            }
        }
        for (const RangeKey& k : range_keys()) {
            const Bounds& b = c.*k.rule;
            const std::string min_key = "when." + std::string(k.name) + "_min";
            const std::string max_key = "when." + std::string(k.name) + "_max";
            if (b.min && *b.min < 0)
                error(min_key + " is negative (" + std::to_string(*b.min) + ")");
            if (b.max && *b.max < 0)
                error(max_key + " is negative (" + std::to_string(*b.max) + ")");
            if (b.min && b.max && *b.min > *b.max) {
                error(min_key + " (" + std::to_string(*b.min) + ") is greater than " + max_key +
                      " (" + std::to_string(*b.max) + "), so the rule can never match");
                can_match_ = false;
            }
        }
    }

    void amount(const char* key, const std::optional<std::int64_t>& v) {
        if (v && *v < 0)
            error("then." + std::string(key) + " is negative (" + std::to_string(*v) + ")");
        else if (v && *v > max_amount)
            error("then." + std::string(key) + " is " + std::to_string(*v) + ", over " +
                  std::to_string(max_amount) + ", the largest amount the host records");
    }

    void not_allowed(const std::string& why, const std::string& key) {
        error(why + "; then." + key + " is not allowed");
    }

    void action() {
        const Action& t = rule_.then;
        if (t.level && level_rank(*t.level) < 0)
            error("then.level: unknown level \"" + *t.level + "\" (expected " +
                  one_of({std::begin(levels), std::end(levels)}) + ")");
        bool material = false;
        for (const std::string& r : t.remedies) {
            if (!comp::is_remedy(r))
                error("then.remedies: unknown remedy \"" + r + "\" (expected " +
                      one_of(remedy_names()) + ")");
            material = material || comp::is_material(r);
        }
        amount("amount_minor", t.amount_minor);
        amount("cap_minor", t.cap_minor);
        if (t.share_of_loss && !(*t.share_of_loss >= 0.0 && *t.share_of_loss <= max_share))
            error("then.share_of_loss is " + number_text(*t.share_of_loss) + ", outside 0 to 10");

        const bool money =
            (t.amount_minor && *t.amount_minor > 0) || (t.share_of_loss && *t.share_of_loss > 0);
        if (t.decision == "grant" || t.decision == "extend") {
            const std::string what = t.decision == "grant" ? "a grant" : "an extend";
            if (t.remedies.empty())
                error(what + " names at least one remedy (then.remedies)");
            else if (money && !material)
                error(what + " with an amount names a material remedy to carry it "
                             "(replacement, refund, gift or voucher)");
        } else if (t.decision == "cap") {
            const std::string why =
                "a cap keeps the proposal's remedies and only lowers its amount";
            if (!t.cap_minor)
                error("a cap needs then.cap_minor");
            if (!t.remedies.empty())
                not_allowed(why, "remedies");
            if (t.amount_minor)
                not_allowed(why, "amount_minor");
            if (t.share_of_loss)
                not_allowed(why, "share_of_loss");
        } else if (t.decision == "refuse") {
            const std::string why = "a refusal grants nothing";
            if (!t.remedies.empty())
                not_allowed(why, "remedies");
            if (t.amount_minor)
                not_allowed(why, "amount_minor");
            if (t.share_of_loss)
                not_allowed(why, "share_of_loss");
            if (t.cap_minor)
                not_allowed(why, "cap_minor");
        } else {
            error("then.decision: unknown decision \"" + t.decision +
                  "\" (expected grant, extend, cap or refuse)");
        }
    }

    std::size_t index_;
    const Rule& rule_;
    const std::vector<Rule>& all_;
    Report& report_;
    bool can_match_ = true;
};

} // namespace

bool covers(const Conditions& b, const Conditions& a) {
    for (const ListKey& k : list_keys()) {
        const auto &general = b.*k.rule, &specific = a.*k.rule;
        if (!general)
            continue;
        if (!specific)
            return false;
        for (const std::string& v : *specific)
            if (std::find(general->begin(), general->end(), v) == general->end())
                return false;
    }
    for (const FlagKey& k : flag_keys())
        if (b.*k.rule && b.*k.rule != a.*k.rule)
            return false;
    for (const RangeKey& k : range_keys()) {
        const Bounds &general = b.*k.rule, &specific = a.*k.rule;
        if (!general.present())
            continue;
        if (!specific.present() || lo(general) > lo(specific) || hi(general) < hi(specific))
            return false;
    }
    return true;
}

bool overlap(const Conditions& a, const Conditions& b) {
    for (const ListKey& k : list_keys()) {
        const auto &x = a.*k.rule, &y = b.*k.rule;
        if (x && y && std::none_of(x->begin(), x->end(), [&](const std::string& v) {
                return std::find(y->begin(), y->end(), v) != y->end();
            }))
            return false;
    }
    for (const FlagKey& k : flag_keys())
        if (a.*k.rule && b.*k.rule && *(a.*k.rule) != *(b.*k.rule))
            return false;
    for (const RangeKey& k : range_keys()) {
        const Bounds &x = a.*k.rule, &y = b.*k.rule;
        if (x.present() && y.present() && std::max(lo(x), lo(y)) > std::min(hi(x), hi(y)))
            return false;
    }
    return true;
}

Report validate_rules(const std::vector<Rule>& rules, Mode mode) {
    Report report;
    if (rules.empty())
        report.warnings.push_back("no rules: the policy abstains on every case");
    std::vector<bool> can_match(rules.size());
    for (std::size_t j = 0; j < rules.size(); ++j) {
        can_match[j] = RuleCheck(j, rules, report).run();
        if (!can_match[j])
            continue;
        const Rule& b = rules[j];
        auto error = [&](const std::string& what) {
            report.errors.push_back(label(j, b) + ": " + what);
        };
        // Kept until the rule turns out to be unreachable, when they mean nothing.
        std::vector<std::string> overlaps;
        bool decided = false;
        for (std::size_t i = 0; i < j && !decided; ++i) {
            if (!can_match[i])
                continue;
            const Rule& a = rules[i];
            if (identical(a.when, b.when)) {
                error("the same conditions as " + label(i, a) +
                      "; only one of them can ever decide");
                decided = mode == Mode::First;
            } else if (mode == Mode::First) {
                if (covers(a.when, b.when)) {
                    error("unreachable: " + label(i, a) +
                          " comes first and matches every case this one matches");
                    decided = true;
                } else if (overlap(a.when, b.when)) {
                    overlaps.push_back("rules '" + a.name + "' and '" + b.name + "' overlap; '" +
                                       a.name + "' decides where both match");
                }
            } else if (a.when.specificity() == b.when.specificity() && overlap(a.when, b.when)) {
                error("ambiguous: " + label(i, a) +
                      " can match the same cases with as many conditions (" +
                      std::to_string(b.when.specificity()) + ")");
            }
        }
        if (!decided)
            report.warnings.insert(report.warnings.end(), overlaps.begin(), overlaps.end());
    }
    return report;
}

} // namespace redress::rules
