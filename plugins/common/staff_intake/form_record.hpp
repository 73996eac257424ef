// redress/intake/form_record.hpp — writes what staff intake read into the
// host's request records (field names of redress/complaint.hpp).
#pragma once

#include "registration_form.hpp"

#include <redress/http.hpp>
#include <redress/record.hpp>

namespace redress::intake {

//! Writes the form's fields into a complaint.submit request; empty text
//! fields and absent parts are left out, so the host applies its defaults.
void write_form(const RegistrationForm& form, RecordWriter& request);

//! Adds the nested "actor" record (name, role, departments) so the host
//! applies the caller's role and department scope.
void write_actor(const Caller& caller, RecordWriter& request);

} // namespace redress::intake
