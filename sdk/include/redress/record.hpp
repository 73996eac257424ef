// redress/record.hpp — typed access to host-owned records.
//
// A record is the host's tree of named, typed values (see abi.h). Plugins never
// own the records the host passes in; they read them through RecordView and
// fill output records through RecordWriter. Views are cheap to copy and are
// valid only during the call that received them. Strings are UTF-8.
#pragma once

#include <cstdint>
#include <optional>
#include <redress/abi.h>
#include <redress/error.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace redress {

//! The type of a value in a record.
enum class ValueType : std::uint32_t {
    Null = REDRESS_VALUE_NULL,
    Bool = REDRESS_VALUE_BOOL,
    Int = REDRESS_VALUE_INT,
    Double = REDRESS_VALUE_DOUBLE,
    String = REDRESS_VALUE_STRING,
    Record = REDRESS_VALUE_RECORD,
};

class RecordView;

//! One value borrowed from a record; valid until that record changes.
//! The as_* accessors throw Error(REDRESS_E_TYPE) on a type mismatch.
class Value {
public:
    Value(const redress_host_api* api, const redress_value& raw)
        : api_(api)
        , raw_(raw) {}

    ValueType type() const noexcept { return static_cast<ValueType>(raw_.type); }
    bool is_null() const noexcept { return raw_.type == REDRESS_VALUE_NULL; }

    bool as_bool() const {
        expect(ValueType::Bool, "a boolean");
        return raw_.int_value != 0;
    }
    std::int64_t as_int() const {
        expect(ValueType::Int, "an integer");
        return raw_.int_value;
    }
    //! Integers convert to double; other types throw.
    double as_double() const {
        if (type() == ValueType::Int)
            return static_cast<double>(raw_.int_value);
        expect(ValueType::Double, "a number");
        return raw_.double_value;
    }
    std::string_view as_string() const {
        expect(ValueType::String, "a string");
        return {raw_.string_data, raw_.string_size};
    }
    RecordView as_record() const;

    const redress_value& raw() const noexcept { return raw_; }

private:
    void expect(ValueType t, const char* what) const {
        if (type() != t)
            throw Error(REDRESS_E_TYPE, std::string("expected ") + what);
    }

    const redress_host_api* api_;
    redress_value raw_;
};

//! Read-only view of a record. Lookups of absent fields return std::nullopt or
//! the given default; get() throws Error(REDRESS_E_NOT_FOUND) naming the field.
class RecordView {
public:
    RecordView(const redress_host_api* api, const redress_record* record)
        : api_(api)
        , record_(record) {}

    //! Number of values under key (0 when absent).
    std::size_t count(std::string_view key) const {
        return api_->record_value_count(record_, key.data(), key.size());
    }
    bool has(std::string_view key) const { return count(key) > 0; }

    //! Value number index under key, if present.
    std::optional<Value> find(std::string_view key, std::size_t index = 0) const {
        redress_value out{};
        if (api_->record_get(record_, key.data(), key.size(), index, &out) != REDRESS_OK)
            return std::nullopt;
        return Value(api_, out);
    }

    //! Value number index under key; throws naming the field when absent.
    Value get(std::string_view key, std::size_t index = 0) const {
        auto v = find(key, index);
        if (!v)
            throw Error(REDRESS_E_NOT_FOUND, "missing field '" + std::string(key) + "'");
        return *v;
    }

    //! The string under key, or fallback when absent or null; throws naming the
    //! field when present with another type.
    std::string_view string(std::string_view key, std::string_view fallback = {}) const {
        return typed<std::string_view>(key, fallback, [](const Value& v) { return v.as_string(); });
    }
    std::int64_t integer(std::string_view key, std::int64_t fallback = 0) const {
        return typed<std::int64_t>(key, fallback, [](const Value& v) { return v.as_int(); });
    }
    double number(std::string_view key, double fallback = 0) const {
        return typed<double>(key, fallback, [](const Value& v) { return v.as_double(); });
    }
    bool boolean(std::string_view key, bool fallback = false) const {
        return typed<bool>(key, fallback, [](const Value& v) { return v.as_bool(); });
    }

    //! Every string under key, in order. A single null value (a list given
    //! empty, as the host passes `key = []` from config) reads as no strings.
    std::vector<std::string_view> strings(std::string_view key) const {
        std::vector<std::string_view> out;
        std::size_t n = count(key);
        if (n == 1 && get(key).is_null())
            return out;
        for (std::size_t i = 0; i < n; ++i)
            out.push_back(annotate(key, [&] { return get(key, i).as_string(); }));
        return out;
    }
    //! Every nested record under key, in order.
    std::vector<RecordView> records(std::string_view key) const;
    //! The nested record under key, if present.
    std::optional<RecordView> record(std::string_view key) const;

    //! The field names, in insertion order.
    std::vector<std::string_view> keys() const {
        std::vector<std::string_view> out;
        std::size_t n = api_->record_field_count(record_);
        for (std::size_t i = 0; i < n; ++i) {
            const char* name = nullptr;
            std::size_t size = 0;
            if (api_->record_field_name(record_, i, &name, &size) == REDRESS_OK)
                out.emplace_back(name, size);
        }
        return out;
    }

    const redress_host_api* api() const noexcept { return api_; }
    const redress_record* raw() const noexcept { return record_; }

private:
    template <class T, class F>
    T typed(std::string_view key, T fallback, F convert) const {
        auto v = find(key);
        if (!v || v->is_null())
            return fallback;
        return annotate(key, [&] { return convert(*v); });
    }
    // Adds the field name to a type error, so messages say which field was wrong.
    template <class F>
    static auto annotate(std::string_view key, F f) -> decltype(f()) {
        try {
            return f();
        } catch (const Error& e) {
            throw Error(e.status(), "field '" + std::string(key) + "': " + e.what());
        }
    }

    const redress_host_api* api_;
    const redress_record* record_;
};

inline RecordView Value::as_record() const {
    expect(ValueType::Record, "a record");
    return RecordView(api_, raw_.record);
}

inline std::vector<RecordView> RecordView::records(std::string_view key) const {
    std::vector<RecordView> out;
    for (std::size_t i = 0, n = count(key); i < n; ++i)
        out.push_back(annotate(key, [&] { return get(key, i).as_record(); }));
    return out;
}

inline std::optional<RecordView> RecordView::record(std::string_view key) const {
    auto v = find(key);
    if (!v || v->is_null())
        return std::nullopt;
    return annotate(key, [&] { return v->as_record(); });
}

//! Writes fields into a host-owned record. set() replaces a field's values,
//! append() adds one. Accepts bool, integers, floating point and strings.
class RecordWriter {
public:
    RecordWriter(const redress_host_api* api, redress_record* record)
        : api_(api)
        , record_(record) {}

    template <class T>
    RecordWriter& set(std::string_view key, const T& value) {
        auto raw = to_raw(value);
        check(api_->record_set(record_, key.data(), key.size(), &raw), key);
        return *this;
    }
    template <class T>
    RecordWriter& append(std::string_view key, const T& value) {
        auto raw = to_raw(value);
        check(api_->record_append(record_, key.data(), key.size(), &raw), key);
        return *this;
    }
    //! Sets a field to null (present, without a value).
    RecordWriter& set_null(std::string_view key) {
        redress_value raw{};
        raw.type = REDRESS_VALUE_NULL;
        check(api_->record_set(record_, key.data(), key.size(), &raw), key);
        return *this;
    }
    //! Appends a nested record under key and returns a writer for it.
    RecordWriter add_record(std::string_view key) {
        redress_record* child = api_->record_add_record(record_, key.data(), key.size());
        if (!child)
            throw Error(REDRESS_E_INVALID, "cannot add a record under '" + std::string(key) + "'");
        return RecordWriter(api_, child);
    }

    RecordView view() const { return RecordView(api_, record_); }
    redress_record* raw() const noexcept { return record_; }

private:
    template <class T>
    static redress_value to_raw(const T& value) {
        redress_value raw{};
        if constexpr (std::is_same_v<T, bool>) {
            raw.type = REDRESS_VALUE_BOOL;
            raw.int_value = value ? 1 : 0;
        } else if constexpr (std::is_integral_v<T>) {
            raw.type = REDRESS_VALUE_INT;
            raw.int_value = static_cast<std::int64_t>(value);
        } else if constexpr (std::is_floating_point_v<T>) {
            raw.type = REDRESS_VALUE_DOUBLE;
            raw.double_value = static_cast<double>(value);
        } else {
            static_assert(std::is_convertible_v<const T&, std::string_view>,
                          "RecordWriter accepts bool, integers, floating point and strings");
            std::string_view s = value;
            raw.type = REDRESS_VALUE_STRING;
            raw.string_data = s.data();
            raw.string_size = s.size();
        }
        return raw;
    }
    static void check(redress_status status, std::string_view key) {
        if (status != REDRESS_OK)
            throw Error(status, "cannot write field '" + std::string(key) + "'");
    }

    const redress_host_api* api_;
    redress_record* record_;
};

} // namespace redress
