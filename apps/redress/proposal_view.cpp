#include "proposal_view.hpp"

#include "display_format.hpp"
#include "form.hpp"
#include "json_util.hpp"
#include "table.hpp"
#include "text_width.hpp"

namespace redress::cli {
namespace {

std::string utc(const std::string& iso) {
    return iso.empty() ? "" : long_time(iso) + " UTC";
}

std::string yes_no(const std::string& json_bool) {
    return json_bool == "true" ? "yes" : json_bool == "false" ? "no" : json_bool;
}

// "a supervisor", "an executive".
std::string a_level(const std::string& level) {
    bool vowel = !level.empty() && std::string("aeiou").find(level[0]) != std::string::npos;
    return (vowel ? "an " : "a ") + level;
}

std::int64_t int_of(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!o || !o->has(key) || o->isNull(key))
        return 0;
    return o->getValue<Poco::Int64>(key);
}

std::vector<std::string> strings_of(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    std::vector<std::string> out;
    if (!o || !o->isArray(key))
        return out;
    auto a = o->getArray(key);
    for (std::size_t i = 0; i < a->size(); ++i)
        out.push_back(a->get(static_cast<unsigned>(i)).toString());
    return out;
}

std::string joined(const std::vector<std::string>& list, const std::string& separator = ", ") {
    std::string out;
    for (const auto& s : list)
        out += (out.empty() ? "" : separator) + s;
    return out;
}

// Reasons one per line, each starting "- ", for a Form field.
std::string bullets(const std::vector<std::string>& reasons) {
    std::string out;
    for (const auto& r : reasons)
        out += (out.empty() ? "" : "\n") + ("- " + single_line(r));
    return out;
}

// The inputs the policies saw: the handbook's A–E, then the customer's ask,
// the stated loss and the SLA breaches.
void print_factors(Form& form, const Poco::JSON::Object::Ptr& f, const std::string& currency) {
    if (!f || f->size() == 0)
        return;
    form.section("Factors");
    form.field("A long-term", yes_no(text_of(f, "long_term")));
    form.field("B will buy again", yes_no(text_of(f, "will_buy_again")));
    form.field("C word of mouth", text_of(f, "word_of_mouth"));
    form.field("D demand reasonable", yes_no(text_of(f, "demand_reasonable")));
    form.field("E company fault", text_of(f, "company_fault"));
    form.field("customer tier", text_of(f, "customer_tier"));
    if (f->has("ask_minor") && !f->isNull("ask_minor"))
        form.field("customer asks", money(int_of(f, "ask_minor"), currency));
    form.field("asked remedies", joined(strings_of(f, "asked_remedies")));
    if (f->has("loss_minor") && !f->isNull("loss_minor"))
        form.field("stated loss", money(int_of(f, "loss_minor"), currency));
    auto breaches = strings_of(f, "sla_breaches");
    for (auto& b : breaches)
        for (auto& c : b)
            if (c == '_')
                c = ' ';
    form.field("SLA breached", breaches.empty() ? "" : joined(breaches));
    form.field("catalog verdict", text_of(f, "catalog_verdict"));
}

// "  1. goodwill (proposed): grant 0.00 → 1948.50 CNY", then its remedies,
// the level it asks for and its reasons, indented under it.
void print_step(std::ostream& out, std::size_t n, const Poco::JSON::Object::Ptr& s,
                const std::string& currency) {
    std::string effect = text_of(s, "effect");
    std::string head = "  " + std::to_string(n) + ". " + text_of(s, "policy") + " (" + effect + ")";
    std::int64_t before = int_of(s, "amount_before"), after = int_of(s, "amount_after");
    std::string decision = text_of(s, "decision");
    if (effect != "abstained") {
        head += ": " + (decision.empty() ? std::string() : decision + " ");
        head += before == after ? money(after, currency) + " (unchanged)"
                                : amount(before, currency) + " → " + money(after, currency);
    }
    out << head << '\n';
    const std::string indent(n < 10 ? 5 : 6, ' ');
    if (effect != "abstained")
        if (auto remedies = joined(strings_of(s, "remedies")); !remedies.empty())
            out << indent << "remedies: " << remedies << '\n';
    if (auto level = text_of(s, "level"); !level.empty())
        out << indent << "asks for " << a_level(level) << " or higher\n";
    for (const auto& r : strings_of(s, "reasons"))
        out << indent << "- " << single_line(r) << '\n';
}

} // namespace

void print_proposal(std::ostream& out, const Poco::JSON::Object::Ptr& p,
                    const std::string& tracking_number, bool dry_run) {
    std::string currency = text_of(p, "currency");
    if (dry_run)
        out << "Proposal for " << tracking_number << " (dry run: nothing was stored)\n";
    else
        out << "Proposal " << text_of(p, "id") << " for " << tracking_number << '\n';
    Form form(out, 24);
    if (!dry_run)
        form.field("status", text_of(p, "status"));
    form.field("decision", text_of(p, "decision"));
    auto remedies = joined(strings_of(p, "remedies"));
    form.field("remedies", remedies.empty() ? "none" : remedies);
    form.field("amount", money(int_of(p, "amount_minor"), currency));
    std::string level = text_of(p, "required_level");
    if (!level.empty()) {
        std::string why = bullets(strings_of(p, "level_reasons"));
        form.field("approval by", a_level(level) + " or higher" + (why.empty() ? "" : "\n" + why));
    }
    form.field("source", text_of(p, "source"));
    form.field("reasons", bullets(strings_of(p, "reasons")));
    if (!dry_run) {
        std::string by = text_of(p, "created_by"), at = utc(text_of(p, "created_at"));
        form.field("proposed by", by + (at.empty() ? "" : " at " + at));
        std::string decider = text_of(p, "decided_by");
        if (!decider.empty()) {
            std::string when = utc(text_of(p, "decided_at"));
            form.field("decided by", decider + (when.empty() ? "" : " at " + when));
        }
        form.field("decision note", text_of(p, "decision_note"));
        form.field("budget month", text_of(p, "budget_month"));
    }
    print_factors(form, object_of(p, "factors"), currency);
    if (p && p->isArray("steps") && p->getArray("steps")->size() > 0) {
        auto steps = p->getArray("steps");
        out << "Policy steps\n";
        for (std::size_t i = 0; i < steps->size(); ++i)
            print_step(out, i + 1, steps->getObject(static_cast<unsigned>(i)), currency);
    }
}

void print_task_table(std::ostream& out, const Poco::JSON::Array::Ptr& tasks) {
    if (!tasks || tasks->size() == 0) {
        out << "no tasks match\n";
        return;
    }
    Table table(
        {"ID", "COMPLAINT", "REMEDY", "DEPARTMENT", "AMOUNT", "DUE (UTC)", "STATUS", "ASSIGNEE"});
    for (std::size_t i = 0; i < tasks->size(); ++i) {
        auto t = tasks->getObject(static_cast<unsigned>(i));
        std::int64_t minor = int_of(t, "amount_minor");
        std::string status = text_of(t, "status");
        if (text_of(t, "overdue") == "true")
            status += ", overdue";
        table.add_row({text_of(t, "id"), text_of(t, "tracking_number"), text_of(t, "remedy"),
                       text_of(t, "department"),
                       minor == 0 ? "" : money(minor, text_of(t, "currency")),
                       short_time(text_of(t, "due_at")), status, text_of(t, "assignee")});
    }
    table.print(out);
}

std::string task_title(const Poco::JSON::Object::Ptr& t) {
    return "task " + text_of(t, "id") + ": " + text_of(t, "remedy") + " for " +
           text_of(t, "tracking_number") + " (" + text_of(t, "department") + ")";
}

} // namespace redress::cli
