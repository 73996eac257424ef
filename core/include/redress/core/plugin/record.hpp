// The host's implementation of the SDK's opaque redress_record: an ordered map
// from field names to lists of typed values, with nested records owned by
// their parent. Plugins reach it only through the host function table; host
// code uses the methods below. Not thread-safe: one writer at a time.
//
// Address stability (the SDK hands out pointers into records): a value, and a
// field's name, stay where they are until that field is replaced by set(),
// erased, or the record is destroyed. append() and adding fields move nothing,
// which is why fields and values live in deques, not vectors.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <redress/abi.h>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

struct redress_record;

namespace redress::core {

using Record = ::redress_record;

//! One value of a record field.
using RecordValue =
    std::variant<std::monostate, bool, std::int64_t, double, std::string, std::unique_ptr<Record>>;

//! A named field and its values, in insertion order.
struct RecordField {
    std::string name;
    std::deque<RecordValue> values;
};

} // namespace redress::core

struct redress_record {
    redress_record() = default;
    redress_record(const redress_record& other);
    redress_record& operator=(const redress_record& other);
    redress_record(redress_record&&) noexcept = default;
    redress_record& operator=(redress_record&&) noexcept = default;

    //! The field named key, or nullptr.
    const redress::core::RecordField* find(std::string_view key) const;
    //! Value number index of key, or nullptr.
    const redress::core::RecordValue* get(std::string_view key, std::size_t index = 0) const;
    std::size_t count(std::string_view key) const;

    //! Replaces key's values with one value.
    redress_record& set(std::string_view key, redress::core::RecordValue value);
    //! Appends a value to key's list.
    redress_record& append(std::string_view key, redress::core::RecordValue value);
    //! Appends a new empty nested record under key and returns it.
    redress_record& add_record(std::string_view key);
    //! Removes key; true if it was present.
    bool erase(std::string_view key);

    //! The string under key, if present and a string.
    std::optional<std::string_view> string(std::string_view key) const;
    //! The integer under key, if present and an integer.
    std::optional<std::int64_t> integer(std::string_view key) const;
    //! The nested record under key, if present and a record.
    const redress_record* record(std::string_view key) const;

    const std::deque<redress::core::RecordField>& fields() const noexcept { return fields_; }

private:
    redress::core::RecordField& field(std::string_view key);
    std::deque<redress::core::RecordField> fields_;
};
