#include "rules_case.hpp"

#include <algorithm>
#include <policy_input/typed_fields.hpp>
#include <redress/compensation.hpp>
#include <redress/error.hpp>

namespace redress::rules {
namespace {

namespace in = compensation::input;
namespace f = compensation::factor;
using namespace policy_input;
namespace out = compensation::output;

// A text that must be one of allowed when present.
std::optional<std::string> word(const RecordView& r, std::string_view key, const std::string& path,
                                const std::vector<std::string_view>& allowed) {
    auto s = text(r, key, path);
    if (s && std::find(allowed.begin(), allowed.end(), *s) == allowed.end()) {
        std::string expected;
        for (std::size_t i = 0; i < allowed.size(); ++i)
            expected += (i == 0                    ? "\""
                         : i + 1 == allowed.size() ? " or \""
                                                   : ", \"") +
                        std::string(allowed[i]) + "\"";
        malformed(path, "expected " + expected + ", got \"" + *s + "\"");
    }
    return s;
}

const std::vector<std::string_view>& allowed_for(std::string_view key) {
    for (const ListKey& k : list_keys())
        if (k.key == key)
            return k.allowed;
    static const std::vector<std::string_view> none;
    return none;
}

std::optional<Earlier> earlier(const RecordView& r, const std::string& path) {
    auto decision = word(r, out::decision, path + ".decision", {"grant", "refuse", "abstain"});
    if (!decision || *decision == compensation::abstain)
        return std::nullopt;
    Earlier e;
    e.decision = *decision;
    for (std::size_t i = 0, n = r.count(out::remedies); i < n; ++i) {
        std::string at = path + ".remedies[" + std::to_string(i) + "]";
        Value v = r.get(out::remedies, i);
        if (v.type() != ValueType::String)
            malformed(at, "expected a string");
        if (!compensation::is_remedy(v.as_string()))
            malformed(at, "unknown remedy \"" + std::string(v.as_string()) + "\"");
        e.remedies.emplace_back(v.as_string());
    }
    e.amount_minor = amount(r, out::amount_minor, path + ".amount_minor").value_or(0);
    std::vector<std::string_view> level_names(std::begin(levels), std::end(levels));
    e.level = word(r, out::level, path + ".level", level_names).value_or("");
    return e;
}

} // namespace

RuleCase read_case(const RecordView& input) {
    RuleCase c;
    const std::string fp = "input." + std::string(in::factors);
    if (auto factors = nested(input, in::factors, fp)) {
        const RecordView& r = *factors;
        auto at = [&](std::string_view key) {
            return fp + "." + std::string(key);
        };
        c.long_term = flag(r, f::long_term, at(f::long_term));
        c.will_buy_again = flag(r, f::will_buy_again, at(f::will_buy_again));
        c.demand_reasonable = flag(r, f::demand_reasonable, at(f::demand_reasonable));
        c.word_of_mouth =
            word(r, f::word_of_mouth, at(f::word_of_mouth), allowed_for("word_of_mouth"));
        c.company_fault =
            word(r, f::company_fault, at(f::company_fault), allowed_for("company_fault"));
        c.customer_tier = text(r, f::customer_tier, at(f::customer_tier));
        c.ask_minor = amount(r, f::ask_minor, at(f::ask_minor));
        c.loss_minor = amount(r, f::loss_minor, at(f::loss_minor));
    }
    if (!c.word_of_mouth)
        c.word_of_mouth = "low";
    if (!c.company_fault)
        c.company_fault = "none";

    const std::string cp = "input." + std::string(in::complaint);
    if (auto complaint = nested(input, in::complaint, cp)) {
        c.category = text(*complaint, "category", cp + ".category");
        c.severity = word(*complaint, "severity", cp + ".severity", allowed_for("severity"));
        if (auto customer = nested(*complaint, "customer", cp + ".customer"))
            c.customer_type = text(*customer, "type", cp + ".customer.type");
    }
    c.sla_breached = flag(input, in::sla_breached, "input." + std::string(in::sla_breached));
    c.catalog_verdict =
        word(input, in::catalog_verdict, "input." + std::string(in::catalog_verdict),
             allowed_for("catalog_verdict"));
    const std::string pp = "input." + std::string(in::proposal);
    if (auto proposal = nested(input, in::proposal, pp))
        c.proposal = earlier(*proposal, pp);
    return c;
}

} // namespace redress::rules
