#include "goodwill_decision.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <money_text/money_text.hpp>
#include <redress/compensation.hpp>

namespace redress::goodwill {

using plugin_text::format_money;
using plugin_text::format_percent;
namespace {

namespace comp = compensation;

// Amounts are computed in long double (a 64-bit mantissa holds every int64)
// and clamped, so basis × share cannot overflow for any stated amount.
std::int64_t to_amount(long double v) {
    constexpr long double top = static_cast<long double>(std::numeric_limits<std::int64_t>::max());
    if (!(v > 0))
        return 0;
    v = std::round(v);
    return v >= top ? std::numeric_limits<std::int64_t>::max() : static_cast<std::int64_t>(v);
}

std::int64_t scaled(std::int64_t minor, double factor) {
    return to_amount(static_cast<long double>(minor) * static_cast<long double>(factor));
}

// "A", "A and B", "A, B and C".
std::string join_and(const std::vector<std::string>& parts) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0)
            out += i + 1 == parts.size() ? " and " : ", ";
        out += parts[i];
    }
    return out;
}

std::string_view fault_phrase(Fault f) {
    switch (f) {
    case Fault::None:
        return "not at fault";
    case Fault::Partial:
        return "partly at fault";
    case Fault::Full:
        return "fully at fault";
    }
    return "not at fault";
}

// The chosen remedies; listed in compensation::remedies order.
class RemedySet {
public:
    void add(std::string_view remedy) {
        for (std::size_t i = 0; i < comp::remedies.size(); ++i)
            if (comp::remedies[i] == remedy)
                on_[i] = true;
    }
    bool has_material() const {
        for (std::size_t i = 0; i < comp::remedies.size(); ++i)
            if (on_[i] && comp::is_material(comp::remedies[i]))
                return true;
        return false;
    }
    std::vector<std::string> list() const {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < comp::remedies.size(); ++i)
            if (on_[i])
                out.emplace_back(comp::remedies[i]);
        return out;
    }

private:
    std::array<bool, comp::remedies.size()> on_{};
};

class Weighing {
public:
    Weighing(const GoodwillConfig& config, const Case& c)
        : cfg_(config)
        , c_(c) {}

    Proposal run() {
        if (!c_.demand_reasonable && !c_.long_term && !c_.will_buy_again)
            return handbook_no();
        share_of_basis();
        if (c_.company_fault == Fault::None && p_.amount_minor == 0)
            return not_at_fault();
        limit(p_.amount_minor);
        if (c_.company_fault == Fault::Full && c_.ask_minor && p_.amount_minor > *c_.ask_minor)
            say("补偿多一点: fully at fault, the company gives a little more than asked: " +
                format_money(p_.amount_minor) + " against an ask of " +
                format_money(*c_.ask_minor) + ".");
        material();
        return grant();
    }

private:
    // Step 1: not D, not A, not B.
    Proposal handbook_no() {
        p_.decision = comp::refuse;
        p_.level = "supervisor";
        say("D: the demand is excessive, not reasonable.");
        say("A: there is no long-term relationship with this customer.");
        say("B: no further purchase is expected once this is solved.");
        say("The handbook's answer is a clear, polite no: tell the customer plainly and "
            "courteously why the demand cannot be met.");
        return p_;
    }

    // Step 2: the fault share of the basis, with the A–C bonuses when D.
    void share_of_basis() {
        const Fault e = c_.company_fault;
        const double share = cfg_.share_for(e);
        std::int64_t basis = 0;
        std::string basis_name;
        if (c_.loss_minor) {
            basis = *c_.loss_minor;
            basis_name = "the stated loss";
        } else if (c_.ask_minor) {
            basis = *c_.ask_minor;
            basis_name = "the customer's ask";
        }
        const std::string who = "E: the company is " + std::string(fault_phrase(e));
        if (basis_name.empty()) {
            say(who + "; neither a loss nor an ask is stated, so there is no amount to share.");
            return;
        }
        const std::int64_t fault_part = scaled(basis, share);
        say(who + ": " + format_percent(share) + " of " + basis_name + " (" + format_money(basis) +
            ") is " + format_money(fault_part) + ".");
        p_.amount_minor = fault_part;
        if (fault_part == 0)
            return;
        if (!c_.demand_reasonable) {
            say("D: the demand is excessive, so only the fault share is offered, without the "
                "A–C bonuses; it is not a plain no because of " +
                join_and(relationship()) + ".");
            return;
        }
        double bonus = 0;
        std::vector<std::string> letters;
        auto add = [&](bool applies, double value, const char* letter, const std::string& why) {
            if (!applies || value <= 0)
                return;
            bonus += value;
            letters.emplace_back(letter);
            say(std::string(letter) + ": " + why + ": +" + format_percent(value) + ".");
        };
        add(c_.long_term, cfg_.long_term_bonus, "A", "a long-term relationship");
        add(c_.will_buy_again, cfg_.buy_again_bonus, "B", "the customer will buy again");
        add(true, cfg_.bonus_for(c_.word_of_mouth), "C",
            "word of mouth is " + std::string(to_string(c_.word_of_mouth)));
        if (letters.empty())
            return;
        p_.amount_minor = scaled(basis, share * (1.0 + bonus));
        say("With +" + format_percent(bonus) + " for " + join_and(letters) + ": " +
            format_money(fault_part) + " becomes " + format_money(p_.amount_minor) + ".");
    }

    // Steps 3 and 4: the ask, then the caps; each that lowers says so.
    void limit(std::int64_t& amount) {
        if (c_.ask_minor) {
            const std::int64_t ask = *c_.ask_minor;
            if (c_.company_fault == Fault::Full) {
                const std::int64_t most = scaled(ask, 1.0 + cfg_.generosity_when_at_fault);
                if (amount > most) {
                    say("ask: " + format_money(amount) + " exceeds the customer's ask of " +
                        format_money(ask) + " plus " +
                        format_percent(cfg_.generosity_when_at_fault) + " (" + format_money(most) +
                        ").");
                    amount = most;
                }
            } else if (amount > ask) {
                say("ask: " + format_money(amount) + " exceeds the customer's ask of " +
                    format_money(ask) + ".");
                amount = ask;
            }
        }
        if (c_.loss_minor) {
            const std::int64_t most = scaled(*c_.loss_minor, cfg_.cap_share_of_loss);
            if (amount > most) {
                say("cap: " + format_money(amount) + " exceeds " +
                    format_percent(cfg_.cap_share_of_loss) + " of the stated loss (" +
                    format_money(*c_.loss_minor) + " × " + format_percent(cfg_.cap_share_of_loss) +
                    " = " + format_money(most) + ").");
                amount = most;
            }
        }
        if (amount > cfg_.cap_minor) {
            say("cap: " + format_money(amount) + " exceeds the cap of " +
                format_money(cfg_.cap_minor) + ".");
            amount = cfg_.cap_minor;
        }
    }

    // Step 5: not at fault and nothing owed.
    Proposal not_at_fault() {
        std::vector<std::string> matters;
        if (c_.long_term)
            matters.emplace_back("a long-term relationship (A)");
        if (c_.will_buy_again)
            matters.emplace_back("further purchases (B)");
        if (c_.word_of_mouth == WordOfMouth::High)
            matters.emplace_back("high word of mouth (C)");
        if (c_.demand_reasonable && !matters.empty() && cfg_.gesture_minor > 0) {
            std::int64_t gesture = cfg_.gesture_minor;
            limit(gesture);
            if (gesture > 0) {
                say("Gesture: the company is not at fault, but the customer matters (" +
                    join_and(matters) + ") and the demand is reasonable (D): a voucher of " +
                    format_money(gesture) + ".");
                p_.amount_minor = gesture;
                remedies_.add("voucher");
                return grant();
            }
        }
        if (c_.demand_reasonable) {
            say("D: the demand is reasonable, though the company is not at fault (E): an "
                "apology, without compensation.");
            remedies_.add("apology");
            return grant();
        }
        p_.decision = comp::refuse;
        p_.level = "supervisor";
        say("D: the demand is excessive and the company is not at fault (E): the answer is no.");
        say("Say no with care, to keep " + join_and(relationship()) + ".");
        return p_;
    }

    // Step 6, material part.
    void material() {
        std::vector<std::string> asked;
        for (const std::string& r : c_.asked_remedies)
            if (comp::is_material(r))
                asked.push_back(r);
        if (c_.company_fault != Fault::None) {
            if (c_.demand_reasonable && !asked.empty()) {
                for (const std::string& r : asked)
                    remedies_.add(r);
                say("Remedies: " + join_and(in_order(asked)) + ", as the customer asked.");
            } else {
                remedies_.add(cfg_.default_material);
                if (asked.empty())
                    say("Remedies: " + cfg_.default_material +
                        ", the default, as the customer asked for no material remedy.");
                else
                    say("Remedies: " + cfg_.default_material + " rather than the " +
                        join_and(in_order(asked)) + " asked for, as the demand is excessive (D).");
            }
        }
        if (p_.amount_minor > 0 && !remedies_.has_material()) {
            remedies_.add("voucher");
            say("Remedies: the amount is given as a voucher.");
        }
    }

    // Step 6, non-material part; then the grant as written.
    Proposal grant() {
        const bool at_fault = c_.company_fault != Fault::None;
        if (at_fault || c_.agitated) {
            remedies_.add("apology");
            if (at_fault && c_.agitated)
                say("Apology: the company is at fault (E) and the customer is agitated.");
            else if (at_fault)
                say("Apology: the company is at fault (E).");
            else
                say("Apology: the customer is agitated; acknowledge the feelings first.");
        }
        std::vector<std::string> call;
        if (c_.severity && *c_.severity >= cfg_.senior_call_from)
            call.push_back("severity " + std::string(to_string(*c_.severity)) + " (calls from " +
                           std::string(to_string(cfg_.senior_call_from)) + ")");
        if (c_.word_of_mouth == WordOfMouth::High)
            call.emplace_back("word of mouth high (C)");
        if (!call.empty()) {
            remedies_.add("senior_call");
            say("Senior call (层次高一点): " + join_and(call) + ".");
        }
        if (c_.severity && *c_.severity >= cfg_.senior_visit_from && c_.long_term) {
            remedies_.add("senior_visit");
            say("Senior visit: severity " + std::string(to_string(*c_.severity)) +
                " (visits from " + std::string(to_string(cfg_.senior_visit_from)) +
                ") and a long-term relationship (A).");
        }
        if (cfg_.plant_visit && c_.company_fault == Fault::Full && c_.long_term) {
            remedies_.add("plant_visit");
            say("Plant visit (办法多一点): a long-term customer (A) and the company fully at "
                "fault (E).");
        }
        p_.decision = comp::grant;
        p_.remedies = remedies_.list();
        return p_;
    }

    // Remedy names deduplicated, in compensation::remedies order.
    static std::vector<std::string> in_order(const std::vector<std::string>& names) {
        RemedySet s;
        for (const std::string& n : names)
            s.add(n);
        return s.list();
    }

    std::vector<std::string> relationship() const {
        std::vector<std::string> out;
        if (c_.long_term)
            out.emplace_back("the long-term relationship (A)");
        if (c_.will_buy_again)
            out.emplace_back("the purchases still expected (B)");
        return out;
    }

    void say(std::string reason) { p_.reasons.push_back(std::move(reason)); }

    const GoodwillConfig& cfg_;
    const Case& c_;
    Proposal p_;
    RemedySet remedies_;
};

std::string sla_reason(const Case& c) {
    std::string which = c.sla_breaches.empty() ? "" : " (" + join_and(c.sla_breaches) + ")";
    return "SLA: a service target was breached" + which +
           "; lateness is compensated by the department's rules, not here.";
}

} // namespace

namespace {

// The service agreement decides asks it does not cover (seeds/003): an
// arrangeable service is quoted, not given away; one not provided is declined
// plainly with the alternatives. Only when the company is not at fault: where
// it is (E), the handbook's weighing stands and the catalog is mentioned, since
// the ask may be one part of a complaint about a real failure.
std::optional<Proposal> catalog_answer(const Case& c) {
    if (!c.catalog || c.catalog->verdict == "provided")
        return std::nullopt;
    const CatalogCitation& cc = *c.catalog;
    const std::string cited =
        "The service catalog" +
        (cc.version.empty() ? std::string() : " (version " + cc.version + ")");
    const std::string what = "\"" + (cc.title.empty() ? cc.entry : cc.title) + "\"";
    Proposal p;
    p.decision = comp::refuse;
    p.level = "supervisor";
    if (cc.verdict == "arrangeable") {
        std::string quote = cc.fee_minor ? plugin_text::format_money(*cc.fee_minor) +
                                               (cc.currency.empty() ? "" : " " + cc.currency)
                                         : "the listed fee";
        std::string lead = cc.lead_time_days
                               ? ", ready in " + std::to_string(*cc.lead_time_days) +
                                     " working day" + (*cc.lead_time_days == 1 ? "" : "s")
                               : "";
        p.reasons.push_back(cited + " lists " + what + " as arranged for a fee: quote " + quote +
                            lead + " rather than compensate.");
    } else {
        std::string alts;
        for (const auto& t : cc.alternative_titles)
            alts += (alts.empty() ? "" : "; ") + t;
        p.reasons.push_back(cited + " says " + what +
                            " is not provided: tell the customer plainly" +
                            (alts.empty() ? "." : " and offer instead: " + alts + "."));
    }
    return p;
}

} // namespace

std::optional<Proposal> decide(const GoodwillConfig& config, const Case& c) {
    Proposal p = Weighing(config, c).run();
    if (auto by_catalog = catalog_answer(c)) {
        if (c.company_fault == Fault::None)
            p = std::move(*by_catalog);
        else
            p.reasons.push_back("The company is at fault (E), so the weighing above stands; "
                                "for the ask itself the catalog says: " +
                                by_catalog->reasons.front());
    }
    if (c.sla_breached)
        p.reasons.push_back(sla_reason(c));
    // A veto earlier in the chain stands: goodwill computes its own answer
    // (so malformed input still fails) but does not overturn a refusal.
    if (c.earlier_decision == comp::refuse)
        return std::nullopt;
    return p;
}

void write(const Proposal& p, RecordWriter& out) {
    namespace o = comp::output;
    out.set(o::decision, p.decision);
    for (const std::string& r : p.remedies)
        out.append(o::remedies, r);
    if (p.decision == comp::grant)
        out.set(o::amount_minor, p.amount_minor);
    if (!p.level.empty())
        out.set(o::level, p.level);
    for (const std::string& r : p.reasons)
        out.append(o::reasons, r);
}

} // namespace redress::goodwill
