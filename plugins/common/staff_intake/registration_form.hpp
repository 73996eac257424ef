// redress/intake/registration_form.hpp — the registration form (投诉登记表)
// as staff tools send it in JSON, read strictly.
//
// The JSON shape is the REST API's POST /complaints body: department,
// category, severity, cause, request, customer{…}, product{…},
// loss{amount_minor, currency}, owner. There is no received_at: the host
// times receipt itself when it registers the complaint. What the host decides (a way to
// reach the customer, whether the department exists) stays with the host;
// this reader checks types, sizes and spellings so that a wrong field is
// named before anything is sent. Channel, recorder, ref and channel_data are
// not part of it: each channel sets them itself.
#pragma once

#include "json_reader.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace redress::intake {

struct CustomerForm {
    std::string company, contact, address, phone, email;
    std::string type; //!< "demanding" | "confused" | "agitated" | "unknown" | ""
};

struct ProductForm {
    std::string name, spec, production_date, batch, used_at, symptoms, previous_brand;
};

struct LossForm {
    std::int64_t amount_minor = 0; //!< minor units (fen)
    std::string currency;          //!< ISO 4217, e.g. "CNY"
};

struct RegistrationForm {
    std::string department;
    std::string category;
    std::string severity; //!< "" (the host's default) or low | medium | high | critical
    std::string cause;
    std::string request;
    std::string owner; //!< the named handler; "" for the host's default
    CustomerForm customer;
    std::optional<ProductForm> product;
    std::optional<LossForm> loss;
};

//! Reads the form's fields from body (the request body's reader). Does not
//! call body.finish(): the channel reads its own fields first. A "recorder"
//! field is refused (422 naming it): the recorder is whoever signed in.
RegistrationForm read_registration_form(JsonReader& body);

} // namespace redress::intake
