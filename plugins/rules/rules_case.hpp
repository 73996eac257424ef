// Reads the policy's input record (redress/compensation.hpp) into a RuleCase.
#pragma once

#include "rules_model.hpp"

#include <redress/record.hpp>

namespace redress::rules {

//! Reads the case. Absent values follow RuleCase's rules; a present value that
//! is malformed (word_of_mouth "huge", a negative loss, an unknown remedy in
//! the proposal so far) throws Error(REDRESS_E_INVALID) naming the field.
RuleCase read_case(const RecordView& input);

} // namespace redress::rules
