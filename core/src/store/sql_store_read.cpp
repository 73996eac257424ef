// The reports' read-only queries (Store::read_rows).
#include "sql_store.hpp"
#include "sql_util.hpp"

#include <charconv>

namespace redress::core {

using namespace sql;

namespace {

void bind(Statement& st, const SqlValue& v) {
    using Poco::Data::Keywords::bind;
    if (std::holds_alternative<std::int64_t>(v))
        st.addBind(bind(static_cast<Poco::Int64>(std::get<std::int64_t>(v))));
    else if (std::holds_alternative<double>(v))
        st.addBind(bind(std::get<double>(v)));
    else if (std::holds_alternative<std::string>(v))
        st.addBind(bind(std::get<std::string>(v)));
    else
        st.addBind(bind(Poco::Nullable<Poco::Int64>()));
}

SqlValue cell(RecordSet& rs, std::size_t col, std::size_t row, SqlType type) {
    if (rs.isNull(col, row))
        return std::monostate{};
    const Poco::Dynamic::Var& v = rs.value(col, row);
    switch (type) {
    case SqlType::Integer: {
        // PostgreSQL's SUM of BIGINT is numeric and arrives as text.
        if (v.isString()) {
            const std::string s = v.convert<std::string>();
            std::int64_t out = 0;
            auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
            if (ec == std::errc() && end == s.data() + s.size())
                return out;
            return static_cast<std::int64_t>(std::stod(s));
        }
        return static_cast<std::int64_t>(v.convert<Poco::Int64>());
    }
    case SqlType::Real:
        return v.convert<double>();
    case SqlType::Text:
        return v.convert<std::string>();
    }
    return std::monostate{};
}

} // namespace

void SqlStore::read_rows(const std::string& text, const std::vector<SqlValue>& params,
                         const std::vector<SqlType>& columns,
                         const std::function<void(const std::vector<SqlValue>&)>& on_row) {
    RecordSet rs = [&] {
        try {
            Session s = reader();
            Statement st(s);
            st << sql(text);
            for (const auto& p : params)
                bind(st, p);
            st.execute();
            return RecordSet(st);
        } catch (const Poco::Exception& e) {
            throw StoreError(backend() + ": " + e.displayText());
        }
    }();
    if (rs.columnCount() != columns.size())
        throw StoreError("a report query returned " + std::to_string(rs.columnCount()) +
                         " columns, expected " + std::to_string(columns.size()));
    std::vector<SqlValue> values(columns.size());
    for (std::size_t row = 0; row < rs.rowCount(); ++row) {
        try {
            for (std::size_t c = 0; c < columns.size(); ++c)
                values[c] = cell(rs, c, row, columns[c]);
        } catch (const Poco::Exception& e) {
            throw StoreError(backend() + ": reading a report row: " + e.displayText());
        }
        on_row(values);
    }
}

} // namespace redress::core
