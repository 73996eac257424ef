#include "rules_engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <money_text/money_text.hpp>
#include <redress/compensation.hpp>

namespace redress::rules {

using plugin_text::format_money;
using plugin_text::format_percent;
namespace {

namespace comp = compensation;

constexpr std::int64_t max_amount = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t max_recorded = 1'000'000'000'000; // the largest the host records

// Computed in long double (a 64-bit mantissa holds every int64) and clamped.
std::int64_t scaled(std::int64_t minor, double factor) {
    long double v = static_cast<long double>(minor) * static_cast<long double>(factor);
    if (!(v > 0))
        return 0;
    v = std::round(v);
    return v >= static_cast<long double>(max_amount) ? max_amount : static_cast<std::int64_t>(v);
}

std::int64_t plus(std::int64_t a, std::int64_t b) {
    return a > max_amount - b ? max_amount : a + b;
}

// The union of remedy lists, in compensation::remedies order.
std::vector<std::string> ordered(const std::vector<std::string>& a,
                                 const std::vector<std::string>& b = {}) {
    std::vector<std::string> out;
    for (std::string_view r : comp::remedies)
        if (std::find(a.begin(), a.end(), r) != a.end() ||
            std::find(b.begin(), b.end(), r) != b.end())
            out.emplace_back(r);
    return out;
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i)
        out += (i == 0 ? "" : ", ") + parts[i];
    return out;
}

class Application {
public:
    Application(const Rule& rule, const RuleCase& c)
        : rule_(rule)
        , t_(rule.then)
        , c_(c)
        , tag_("rule '" + rule.name + "': ") {}

    std::optional<Outcome> run() {
        const Earlier* p = c_.proposal ? &*c_.proposal : nullptr;
        const bool earlier_grant = p && p->decision == comp::grant;
        const bool earlier_refuse = p && p->decision == comp::refuse;
        say(rule_.reason);
        const std::string& earlier_level = p ? p->level : empty_;
        const std::string& own_level = t_.level ? *t_.level : empty_;
        o_.level = level_rank(own_level) > level_rank(earlier_level) ? own_level : earlier_level;

        if (t_.decision == "refuse") {
            o_.decision = comp::refuse;
            return o_;
        }
        if (t_.decision == "cap") {
            if (!earlier_grant)
                return std::nullopt;
            o_.decision = comp::grant;
            o_.remedies = ordered(p->remedies);
            o_.amount_minor = p->amount_minor;
            if (!cap(o_.amount_minor))
                say(format_money(o_.amount_minor) + " is within the cap of " +
                    format_money(*t_.cap_minor) + ".");
            return o_;
        }
        if (t_.decision == "extend" && earlier_refuse)
            return std::nullopt;
        o_.decision = comp::grant;
        const std::int64_t add = added();
        if (t_.decision == "extend" && earlier_grant) {
            o_.remedies = ordered(p->remedies, t_.remedies);
            o_.amount_minor = plus(p->amount_minor, add);
            std::vector<std::string> fresh;
            for (const std::string& r : o_.remedies)
                if (std::find(p->remedies.begin(), p->remedies.end(), r) == p->remedies.end())
                    fresh.push_back(r);
            std::string what = "added to the proposal so far:";
            if (!fresh.empty())
                what += " " + join(fresh) + (add > 0 ? ";" : ".");
            if (add > 0)
                what += " " + format_money(p->amount_minor) + " + " + format_money(add) + " = " +
                        format_money(o_.amount_minor) + ".";
            if (!fresh.empty() || add > 0)
                say(what);
        } else {
            if (t_.decision == "extend")
                say("there is no proposal so far, so this extension is the grant.");
            o_.remedies = ordered(t_.remedies);
            o_.amount_minor = add;
        }
        cap(o_.amount_minor);
        if (o_.amount_minor > max_recorded) {
            say(format_money(o_.amount_minor) + " exceeds the largest amount the host records (" +
                format_money(max_recorded) + ").");
            o_.amount_minor = max_recorded;
        }
        return o_;
    }

private:
    // amount_minor + share_of_loss × the stated loss.
    std::int64_t added() {
        std::int64_t a = t_.amount_minor.value_or(0);
        if (!t_.share_of_loss)
            return a;
        const std::string share = format_percent(*t_.share_of_loss);
        if (!c_.loss_minor) {
            say("no loss is stated, so the " + share + " share of the loss adds nothing.");
            return a;
        }
        const std::int64_t total = plus(a, scaled(*c_.loss_minor, *t_.share_of_loss));
        say((a > 0 ? format_money(a) + " + " : std::string()) + share + " of the stated loss (" +
            format_money(*c_.loss_minor) + ") = " + format_money(total) + ".");
        return total;
    }

    // Lowers amount to cap_minor; true when it did.
    bool cap(std::int64_t& amount) {
        if (!t_.cap_minor || amount <= *t_.cap_minor)
            return false;
        say("cap: " + format_money(amount) + " exceeds the cap of " + format_money(*t_.cap_minor) +
            ".");
        amount = *t_.cap_minor;
        return true;
    }

    void say(const std::string& s) { o_.reasons.push_back(tag_ + s); }

    const Rule& rule_;
    const Action& t_;
    const RuleCase& c_;
    const std::string tag_;
    const std::string empty_;
    Outcome o_;
};

} // namespace

bool matches(const Conditions& when, const RuleCase& c) {
    for (const ListKey& k : list_keys()) {
        const auto& allowed = when.*k.rule;
        if (!allowed)
            continue;
        const auto& value = c.*k.value;
        if (!value || std::find(allowed->begin(), allowed->end(), *value) == allowed->end())
            return false;
    }
    for (const FlagKey& k : flag_keys())
        if (when.*k.rule && *(when.*k.rule) != c.*k.value)
            return false;
    for (const RangeKey& k : range_keys()) {
        const Bounds& b = when.*k.rule;
        if (!b.present())
            continue;
        const auto& value = c.*k.value;
        if (!value || (b.min && *value < *b.min) || (b.max && *value > *b.max))
            return false;
    }
    return true;
}

const Rule* select(const std::vector<Rule>& rules, Mode mode, const RuleCase& c) {
    const Rule* best = nullptr;
    for (const Rule& r : rules) {
        if (!matches(r.when, c))
            continue;
        if (mode == Mode::First)
            return &r;
        if (!best || r.when.specificity() > best->when.specificity())
            best = &r;
    }
    return best;
}

std::optional<Outcome> apply(const Rule& rule, const RuleCase& c) {
    return Application(rule, c).run();
}

void write(const Outcome& o, RecordWriter& out) {
    namespace f = comp::output;
    out.set(f::decision, o.decision);
    for (const std::string& r : o.remedies)
        out.append(f::remedies, r);
    if (o.decision == comp::grant)
        out.set(f::amount_minor, o.amount_minor);
    if (!o.level.empty())
        out.set(f::level, o.level);
    for (const std::string& r : o.reasons)
        out.append(f::reasons, r);
}

} // namespace redress::rules
