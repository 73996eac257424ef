// Builds rules for the rules policy's tests: R("name").severity({"high"})
// .grant({"refund"}).amount(100'00).
#pragma once

#include "rules_model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace redress::test {

class R {
public:
    using List = std::vector<std::string>;
    explicit R(std::string name, std::string reason = "because") {
        r_.name = std::move(name);
        r_.reason = std::move(reason);
    }

    R& category(List v) { return set(r_.when.category, std::move(v)); }
    R& severity(List v) { return set(r_.when.severity, std::move(v)); }
    R& company_fault(List v) { return set(r_.when.company_fault, std::move(v)); }
    R& customer_tier(List v) { return set(r_.when.customer_tier, std::move(v)); }
    R& catalog_verdict(List v) { return set(r_.when.catalog_verdict, std::move(v)); }
    R& word_of_mouth(List v) { return set(r_.when.word_of_mouth, std::move(v)); }
    R& customer_type(List v) { return set(r_.when.customer_type, std::move(v)); }
    R& sla_breached(bool v) { return set(r_.when.sla_breached, v); }
    R& demand_reasonable(bool v) { return set(r_.when.demand_reasonable, v); }
    R& long_term(bool v) { return set(r_.when.long_term, v); }
    R& will_buy_again(bool v) { return set(r_.when.will_buy_again, v); }
    R& loss(std::optional<std::int64_t> min, std::optional<std::int64_t> max) {
        r_.when.loss = {min, max};
        return *this;
    }
    R& ask(std::optional<std::int64_t> min, std::optional<std::int64_t> max) {
        r_.when.ask = {min, max};
        return *this;
    }

    R& grant(List remedies) { return then("grant", std::move(remedies)); }
    R& extend(List remedies) { return then("extend", std::move(remedies)); }
    R& cap(std::int64_t cap) {
        r_.then.decision = "cap";
        return cap_minor(cap);
    }
    R& refuse() { return then("refuse", {}); }
    R& decision(std::string d) {
        r_.then.decision = std::move(d);
        return *this;
    }
    R& remedies(List v) {
        r_.then.remedies = std::move(v);
        return *this;
    }
    R& amount(std::int64_t v) { return set(r_.then.amount_minor, v); }
    R& share(double v) { return set(r_.then.share_of_loss, v); }
    R& cap_minor(std::int64_t v) { return set(r_.then.cap_minor, v); }
    R& level(std::string v) { return set(r_.then.level, std::move(v)); }

    operator rules::Rule() const { return r_; }

private:
    template <class T, class V>
    R& set(std::optional<T>& field, V&& v) {
        field = std::forward<V>(v);
        return *this;
    }
    R& then(const char* decision, List remedies) {
        r_.then.decision = decision;
        r_.then.remedies = std::move(remedies);
        return *this;
    }
    rules::Rule r_;
};

} // namespace redress::test
