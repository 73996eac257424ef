#include <redress/core/plugin/complaint_record.hpp>
#include <string>

namespace redress::core {

static void write_money(Record& r, std::string_view key, const std::optional<Money>& m) {
    if (!m)
        return;
    Record& o = r.add_record(key);
    o.set("amount_minor", m->amount_minor);
    o.set("currency", m->currency);
}

void write_complaint_record(Record& r, const Complaint& c) {
    r.set("tracking_number", c.tracking_number);
    r.set("department", c.department);
    r.set("channel", c.channel);
    r.set("category", c.category);
    r.set("severity", std::string(to_string(c.severity)));
    r.set("status", std::string(to_string(c.status)));
    r.set("cause", c.cause);
    r.set("request", c.request);
    r.set("recorder", c.recorder);
    r.set("owner", c.owner);
    r.set("received_at", c.received_at_ms);
    r.set("first_response_due", c.first_response_due_ms);
    r.set("resolution_due", c.resolution_due_ms);
    r.set("version", c.version);
    if (c.satisfaction)
        r.set("satisfaction", static_cast<std::int64_t>(*c.satisfaction));
    Record& cu = r.add_record("customer");
    cu.set("company", c.customer.company);
    cu.set("contact", c.customer.contact);
    cu.set("address", c.customer.address);
    cu.set("phone", c.customer.phone);
    cu.set("email", c.customer.email);
    cu.set("type", std::string(to_string(c.customer.type)));
    Record& p = r.add_record("product");
    p.set("name", c.product.name);
    p.set("spec", c.product.spec);
    p.set("production_date", c.product.production_date);
    p.set("batch", c.product.batch);
    p.set("used_at", c.product.used_at);
    p.set("symptoms", c.product.symptoms);
    p.set("previous_brand", c.product.previous_brand);
    write_money(r, "loss", c.loss);
}

} // namespace redress::core
