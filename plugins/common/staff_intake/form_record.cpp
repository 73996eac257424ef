#include "form_record.hpp"

#include <redress/complaint.hpp>

namespace redress::intake {
namespace {

void set_text(RecordWriter& w, std::string_view key, const std::string& value) {
    if (!value.empty())
        w.set(key, value);
}

} // namespace

void write_form(const RegistrationForm& f, RecordWriter& r) {
    r.set(field::department, f.department);
    set_text(r, field::category, f.category);
    set_text(r, field::severity, f.severity);
    r.set(field::cause, f.cause);
    set_text(r, field::request, f.request);
    set_text(r, field::owner, f.owner);
    RecordWriter c = r.add_record(field::customer);
    set_text(c, customer_field::company, f.customer.company);
    set_text(c, customer_field::contact, f.customer.contact);
    set_text(c, customer_field::address, f.customer.address);
    set_text(c, customer_field::phone, f.customer.phone);
    set_text(c, customer_field::email, f.customer.email);
    set_text(c, customer_field::type, f.customer.type);
    if (f.product) {
        RecordWriter p = r.add_record(field::product);
        set_text(p, product_field::name, f.product->name);
        set_text(p, product_field::spec, f.product->spec);
        set_text(p, product_field::production_date, f.product->production_date);
        set_text(p, product_field::batch, f.product->batch);
        set_text(p, product_field::used_at, f.product->used_at);
        set_text(p, product_field::symptoms, f.product->symptoms);
        set_text(p, product_field::previous_brand, f.product->previous_brand);
    }
    if (f.loss) {
        RecordWriter l = r.add_record(field::loss);
        l.set("amount_minor", f.loss->amount_minor);
        l.set("currency", f.loss->currency);
    }
}

void write_actor(const Caller& caller, RecordWriter& request) {
    RecordWriter a = request.add_record("actor");
    a.set("name", caller.name);
    a.set("role", caller.role);
    for (const auto& d : caller.departments)
        a.append("departments", d);
}

} // namespace redress::intake
