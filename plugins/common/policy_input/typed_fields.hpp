// Strict reading of a policy's input record (goodwill, rules): a field is
// absent, null, or of the expected type; anything else is REDRESS_E_INVALID
// naming the field's path ("input.factors.ask_minor: expected …").
#pragma once

#include <cstdint>
#include <optional>
#include <redress/record.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace redress::policy_input {

[[noreturn]] void malformed(std::string_view path, const std::string& what);

//! The value under key when present and not null, checked to have type t.
std::optional<Value> typed(const RecordView& r, std::string_view key, const std::string& path,
                           ValueType t, const char* expected);
//! A boolean; absent or null reads as false.
bool flag(const RecordView& r, std::string_view key, const std::string& path);
std::optional<std::string> text(const RecordView& r, std::string_view key, const std::string& path);
//! An amount in minor units, >= 0.
std::optional<std::int64_t> amount(const RecordView& r, std::string_view key,
                                   const std::string& path);
//! Every string under key.
std::vector<std::string> texts(const RecordView& r, std::string_view key, const std::string& path);
std::optional<RecordView> nested(const RecordView& r, std::string_view key,
                                 const std::string& path);

} // namespace redress::policy_input
