#include "goodwill_case.hpp"

#include <policy_input/typed_fields.hpp>
#include <redress/compensation.hpp>
#include <redress/error.hpp>

namespace redress::goodwill {
namespace {

namespace in = compensation::input;
namespace f = compensation::factor;
using namespace policy_input;

// Appended, not "\"" + std::string(s): GCC 12 at -O3 reports a false
// -Wrestrict in operator+(const char*, std::string&&).
std::string quoted(std::string_view s) {
    std::string q;
    q.reserve(s.size() + 2);
    q.append(1, '"').append(s).append(1, '"');
    return q;
}

} // namespace

std::optional<Severity> parse_severity(std::string_view s) noexcept {
    if (s == "low")
        return Severity::Low;
    if (s == "medium")
        return Severity::Medium;
    if (s == "high")
        return Severity::High;
    if (s == "critical")
        return Severity::Critical;
    return std::nullopt;
}

std::string_view to_string(Severity s) noexcept {
    switch (s) {
    case Severity::Low:
        return "low";
    case Severity::Medium:
        return "medium";
    case Severity::High:
        return "high";
    case Severity::Critical:
        return "critical";
    }
    return "low";
}

std::string_view to_string(Fault f) noexcept {
    switch (f) {
    case Fault::None:
        return "none";
    case Fault::Partial:
        return "partial";
    case Fault::Full:
        return "full";
    }
    return "none";
}

std::string_view to_string(WordOfMouth w) noexcept {
    switch (w) {
    case WordOfMouth::Low:
        return "low";
    case WordOfMouth::Medium:
        return "medium";
    case WordOfMouth::High:
        return "high";
    }
    return "low";
}

Case read_case(const RecordView& input) {
    Case c;
    const std::string fp = "input." + std::string(in::factors);
    if (auto factors = nested(input, in::factors, fp)) {
        const RecordView& r = *factors;
        auto at = [&](std::string_view key) {
            return fp + "." + std::string(key);
        };
        c.long_term = flag(r, f::long_term, at(f::long_term));
        c.will_buy_again = flag(r, f::will_buy_again, at(f::will_buy_again));
        c.demand_reasonable = flag(r, f::demand_reasonable, at(f::demand_reasonable));
        if (auto w = text(r, f::word_of_mouth, at(f::word_of_mouth))) {
            if (*w == "low")
                c.word_of_mouth = WordOfMouth::Low;
            else if (*w == "medium")
                c.word_of_mouth = WordOfMouth::Medium;
            else if (*w == "high")
                c.word_of_mouth = WordOfMouth::High;
            else
                malformed(at(f::word_of_mouth),
                          "expected \"low\", \"medium\" or \"high\", got " + quoted(*w));
        }
        if (auto e = text(r, f::company_fault, at(f::company_fault))) {
            if (*e == "none")
                c.company_fault = Fault::None;
            else if (*e == "partial")
                c.company_fault = Fault::Partial;
            else if (*e == "full")
                c.company_fault = Fault::Full;
            else
                malformed(at(f::company_fault),
                          "expected \"none\", \"partial\" or \"full\", got " + quoted(*e));
        }
        c.ask_minor = amount(r, f::ask_minor, at(f::ask_minor));
        c.loss_minor = amount(r, f::loss_minor, at(f::loss_minor));
        c.asked_remedies = texts(r, f::asked_remedies, at(f::asked_remedies));
        for (std::size_t i = 0; i < c.asked_remedies.size(); ++i)
            if (!compensation::is_remedy(c.asked_remedies[i]))
                malformed(at(f::asked_remedies) + "[" + std::to_string(i) + "]",
                          "unknown remedy " + quoted(c.asked_remedies[i]));
    }

    const std::string cp = "input." + std::string(in::complaint);
    if (auto complaint = nested(input, in::complaint, cp)) {
        if (auto s = text(*complaint, "severity", cp + ".severity")) {
            c.severity = parse_severity(*s);
            if (!c.severity)
                malformed(cp + ".severity",
                          "expected \"low\", \"medium\", \"high\" or \"critical\", got " +
                              quoted(*s));
        }
        if (auto customer = nested(*complaint, "customer", cp + ".customer"))
            c.agitated = text(*customer, "type", cp + ".customer.type") == "agitated";
    }

    c.sla_breached = flag(input, in::sla_breached, "input." + std::string(in::sla_breached));
    c.sla_breaches = texts(input, in::sla_breaches, "input." + std::string(in::sla_breaches));

    const std::string vp = "input." + std::string(in::catalog_verdict);
    if (auto verdict = text(input, in::catalog_verdict, vp)) {
        if (*verdict != "provided" && *verdict != "not_provided" && *verdict != "arrangeable")
            malformed(vp, "expected \"provided\", \"not_provided\" or \"arrangeable\", got " +
                              quoted(*verdict));
        CatalogCitation cc;
        cc.verdict = *verdict;
        const std::string cp2 = "input." + std::string(in::catalog);
        if (auto cat = nested(input, in::catalog, cp2)) {
            cc.entry = text(*cat, "entry", cp2 + ".entry").value_or("");
            cc.version = text(*cat, "version", cp2 + ".version").value_or("");
            cc.title = text(*cat, "title", cp2 + ".title").value_or(cc.entry);
            cc.currency = text(*cat, "currency", cp2 + ".currency").value_or("");
            cc.fee_minor = amount(*cat, "fee_minor", cp2 + ".fee_minor");
            cc.lead_time_days = amount(*cat, "lead_time_days", cp2 + ".lead_time_days");
            cc.alternative_titles = texts(*cat, "alternative_titles", cp2 + ".alternative_titles");
        }
        c.catalog = std::move(cc);
    }

    const std::string pp = "input." + std::string(in::proposal);
    if (auto proposal = nested(input, in::proposal, pp)) {
        namespace out = compensation::output;
        const std::string d = text(*proposal, out::decision, pp + ".decision")
                                  .value_or(std::string(compensation::abstain));
        if (d != compensation::grant && d != compensation::refuse && d != compensation::abstain)
            malformed(pp + ".decision",
                      "expected \"grant\", \"refuse\" or \"abstain\", got " + quoted(d));
        c.earlier_decision = d;
    }
    return c;
}

} // namespace redress::goodwill
