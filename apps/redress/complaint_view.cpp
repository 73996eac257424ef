#include "complaint_view.hpp"

#include "display_format.hpp"
#include "form.hpp"
#include "json_util.hpp"
#include "table.hpp"

#include <Poco/JSON/Array.h>

namespace redress::cli {
namespace {

std::string utc(const std::string& iso) {
    return iso.empty() ? "" : long_time(iso) + " UTC";
}

std::string yes_no(const std::string& json_bool) {
    return json_bool == "true" ? "yes" : json_bool == "false" ? "no" : json_bool;
}

std::string money_of(const Poco::JSON::Object::Ptr& o) {
    if (!o || !o->has("amount_minor"))
        return "";
    return money(o->getValue<Poco::Int64>("amount_minor"), text_of(o, "currency"));
}

std::string joined(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!o || !o->isArray(key))
        return "";
    std::string out;
    auto a = o->getArray(key);
    for (std::size_t i = 0; i < a->size(); ++i)
        out += (i ? ", " : "") + a->getElement<std::string>(i);
    return out;
}

std::string breaches(const Poco::JSON::Object::Ptr& sla) {
    std::string out;
    if (text_of(sla, "first_response_breached") == "true")
        out = "first response";
    if (text_of(sla, "resolution_breached") == "true")
        out += (out.empty() ? "" : ", ") + std::string("resolution");
    return out.empty() ? "no" : out;
}

// The event column: a transition's action ("contact"), else the event type.
std::string event_name(const Poco::JSON::Object::Ptr& e) {
    std::string action = text_of(object_of(e, "data"), "action");
    return action.empty() ? text_of(e, "type") : action;
}

std::string detail(const Poco::JSON::Object::Ptr& e) {
    std::string reason = text_of(e, "reason");
    if (!reason.empty())
        return reason;
    if (text_of(e, "type") == "assigned")
        return "owner: " + text_of(object_of(e, "data"), "owner");
    return "";
}

} // namespace

void print_complaint_form(std::ostream& out, const Poco::JSON::Object::Ptr& c) {
    Form form(out);
    form.heading("Complaint", text_of(c, "id"));
    form.field("status", text_of(c, "status"));
    form.field("department", text_of(c, "department"));
    form.field("channel", text_of(c, "channel"));
    form.field("category", text_of(c, "category"));
    form.field("severity", text_of(c, "severity"));
    form.field("received", utc(text_of(c, "received_at")));
    form.field("recorder", text_of(c, "recorder"));
    form.field("owner", text_of(c, "owner"));

    auto customer = object_of(c, "customer");
    form.section("Customer");
    form.field("company", text_of(customer, "company"));
    form.field("contact", text_of(customer, "contact"));
    form.field("type", text_of(customer, "type"));
    form.field("phone", text_of(customer, "phone"));
    form.field("email", text_of(customer, "email"));
    form.field("address", text_of(customer, "address"));

    form.section("Statement");
    form.field("cause", text_of(c, "cause"));
    form.field("request", text_of(c, "request"));

    auto product = object_of(c, "product");
    form.section("Product");
    form.field("name", text_of(product, "name"));
    form.field("spec", text_of(product, "spec"));
    form.field("production date", text_of(product, "production_date"));
    form.field("batch", text_of(product, "batch"));
    form.field("used at", text_of(product, "used_at"));
    form.field("symptoms", text_of(product, "symptoms"));
    form.field("previous brand", text_of(product, "previous_brand"));

    if (auto loss = money_of(object_of(c, "loss")); !loss.empty())
        form.heading("Loss", loss);

    auto sla = object_of(c, "sla");
    form.section("SLA");
    form.field("first response due", utc(text_of(sla, "first_response_due")));
    form.field("resolution due", utc(text_of(sla, "resolution_due")));
    form.field("first responded", utc(text_of(sla, "first_responded_at")));
    form.field("resolved", utc(text_of(sla, "resolved_at")));
    form.field("same-day reply", yes_no(text_of(sla, "same_day_reply")));
    form.field("breached", breaches(sla));

    if (auto proposal = object_of(c, "proposal")) {
        form.section("Proposal");
        form.field("amount", money_of(proposal));
        form.field("approval by", text_of(proposal, "required_level"));
    }
    if (auto s = text_of(c, "satisfaction"); !s.empty())
        form.heading("Satisfaction", s + " of 5");
    if (auto closed = text_of(c, "closed_at"); !closed.empty())
        form.heading("Closed", utc(closed));
    auto next = joined(c, "allowed_actions");
    form.heading("Next actions", next.empty() ? "none" : next);
}

void print_timeline(std::ostream& out, const Poco::JSON::Object::Ptr& c) {
    Table table({"TIME (UTC)", "ACTOR", "EVENT", "FROM → TO", "REASON"});
    if (c && c->isArray("timeline")) {
        auto events = c->getArray("timeline");
        for (std::size_t i = 0; i < events->size(); ++i) {
            auto e = events->getObject(i);
            if (!e)
                continue;
            std::string from = text_of(e, "from"), to = text_of(e, "to");
            std::string move =
                from.empty() && to.empty() ? "" : from + (from.empty() ? "" : " ") + "→ " + to;
            table.add_row(
                {long_time(text_of(e, "at")), text_of(e, "actor"), event_name(e), move, detail(e)});
        }
    }
    out << "Timeline\n";
    table.print(out);
}

} // namespace redress::cli
