#include "policy_input/typed_fields.hpp"

#include <redress/error.hpp>

namespace redress::policy_input {

void malformed(std::string_view path, const std::string& what) {
    throw Error(REDRESS_E_INVALID, std::string(path) + ": " + what);
}

std::optional<Value> typed(const RecordView& r, std::string_view key, const std::string& path,
                           ValueType t, const char* expected) {
    auto v = r.find(key);
    if (!v || v->is_null())
        return std::nullopt;
    if (v->type() != t)
        malformed(path, std::string("expected ") + expected);
    return v;
}

bool flag(const RecordView& r, std::string_view key, const std::string& path) {
    auto v = typed(r, key, path, ValueType::Bool, "true or false");
    return v && v->as_bool();
}

std::optional<std::string> text(const RecordView& r, std::string_view key,
                                const std::string& path) {
    auto v = typed(r, key, path, ValueType::String, "a string");
    if (!v)
        return std::nullopt;
    return std::string(v->as_string());
}

std::optional<std::int64_t> amount(const RecordView& r, std::string_view key,
                                   const std::string& path) {
    auto v = typed(r, key, path, ValueType::Int, "an integer amount in minor units");
    if (!v)
        return std::nullopt;
    if (v->as_int() < 0)
        malformed(path, "expected an amount >= 0, got " + std::to_string(v->as_int()));
    return v->as_int();
}

std::vector<std::string> texts(const RecordView& r, std::string_view key, const std::string& path) {
    std::vector<std::string> out;
    for (std::size_t i = 0, n = r.count(key); i < n; ++i) {
        Value v = r.get(key, i);
        if (v.type() != ValueType::String)
            malformed(path + "[" + std::to_string(i) + "]", "expected a string");
        out.emplace_back(v.as_string());
    }
    return out;
}

std::optional<RecordView> nested(const RecordView& r, std::string_view key,
                                 const std::string& path) {
    auto v = typed(r, key, path, ValueType::Record, "a record");
    if (!v)
        return std::nullopt;
    return v->as_record();
}

} // namespace redress::policy_input
