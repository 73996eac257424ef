// A complaint as the record plugins read (the field names of the SDK's
// redress/complaint.hpp, plus status, due times and version).
#pragma once

#include <redress/core/model/complaint.hpp>
#include <redress/core/plugin/record.hpp>

namespace redress::core {

//! Writes c's fields into r (nested customer, product and loss records).
void write_complaint_record(Record& r, const Complaint& c);

} // namespace redress::core
