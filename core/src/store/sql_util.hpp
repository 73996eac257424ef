// Internal helpers of the SQL store's implementation files: parameters bound
// by value, typed reads of a result row, one-shot statements.
#pragma once

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redress::core::sql {

using Poco::Data::RecordSet;
using Poco::Data::Session;
using Poco::Data::Statement;

// Parameters bound by value, in order.
class Params {
public:
    Params& add(const std::string& v) { return push(v); }
    Params& add(std::string_view v) { return push(std::string(v)); }
    Params& add(const char* v) { return push(std::string(v)); }
    Params& add(std::int64_t v) { return push(static_cast<Poco::Int64>(v)); }
    Params& add(int v) { return push(static_cast<Poco::Int64>(v)); }
    Params& add(bool v) { return push(static_cast<Poco::Int64>(v ? 1 : 0)); }
    Params& add(const std::optional<std::int64_t>& v) {
        return push(v ? Poco::Nullable<Poco::Int64>(*v) : Poco::Nullable<Poco::Int64>());
    }
    Params& add(const std::optional<std::string>& v) {
        return push(v ? Poco::Nullable<std::string>(*v) : Poco::Nullable<std::string>());
    }
    void bind_to(Statement& s) const {
        for (const auto& b : binders_)
            b(s);
    }

private:
    template <class T>
    Params& push(T v) {
        binders_.push_back([v](Statement& s) { s.addBind(Poco::Data::Keywords::bind(v)); });
        return *this;
    }
    std::vector<std::function<void(Statement&)>> binders_;
};

// Reads typed cells of one RecordSet row by column index.
class Row {
public:
    Row(RecordSet& rs, std::size_t row)
        : rs_(rs)
        , row_(row) {}
    bool null(std::size_t col) const { return rs_.isNull(col, row_); }
    std::string text(std::size_t col) const {
        return null(col) ? std::string() : rs_.value(col, row_).convert<std::string>();
    }
    std::int64_t integer(std::size_t col) const {
        return null(col) ? 0 : rs_.value(col, row_).convert<Poco::Int64>();
    }
    std::optional<std::int64_t> optional_integer(std::size_t col) const {
        if (null(col))
            return std::nullopt;
        return integer(col);
    }

private:
    RecordSet& rs_;
    std::size_t row_;
};

// "(?, ?, …)" for values, each bound to p in order: an SQL IN list.
inline std::string in_list(const std::vector<std::string>& values, Params& p) {
    std::string out = "(";
    for (std::size_t i = 0; i < values.size(); ++i) {
        out += i ? ", ?" : "?";
        p.add(values[i]);
    }
    return out + ")";
}

inline std::size_t execute(Session& s, const std::string& sql, const Params& p = {}) {
    Statement st(s);
    st << sql;
    p.bind_to(st);
    return st.execute();
}

inline RecordSet query(Session& s, const std::string& sql, const Params& p = {}) {
    Statement st(s);
    st << sql;
    p.bind_to(st);
    st.execute();
    return RecordSet(st);
}

} // namespace redress::core::sql
