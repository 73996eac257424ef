#include "toml_reader.hpp"

namespace redress::core::toml_reader {

void ErrorSink::at(const toml::source_region& where, std::string key, std::string message) {
    ConfigError e;
    e.file = file_;
    e.line = static_cast<int>(where.begin.line);
    e.column = static_cast<int>(where.begin.column);
    e.key = std::move(key);
    e.message = std::move(message);
    errors_.push_back(std::move(e));
}

std::string_view type_name(const toml::node& node) {
    switch (node.type()) {
    case toml::node_type::string:
        return "string";
    case toml::node_type::integer:
        return "integer";
    case toml::node_type::floating_point:
        return "float";
    case toml::node_type::boolean:
        return "boolean";
    case toml::node_type::date:
        return "date";
    case toml::node_type::time:
        return "time";
    case toml::node_type::date_time:
        return "date-time";
    case toml::node_type::array:
        return "array";
    case toml::node_type::table:
        return "table";
    default:
        return "nothing";
    }
}

std::string TableReader::path_of(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const toml::node* TableReader::take(std::string_view key) {
    known_.emplace(key);
    return table_.get(key);
}

void TableReader::wrong_type(const toml::node& node, std::string_view key,
                             std::string_view expected) {
    error(node, key,
          "expected " + std::string(expected) + ", found " + std::string(type_name(node)));
}

void TableReader::error(const toml::node& node, std::string_view key, std::string message) {
    sink_.at(node.source(), path_of(key), std::move(message));
}

void TableReader::missing(std::string_view key) {
    sink_.at(table_.source(), path_of(key), "missing required key");
}

std::optional<std::string> TableReader::string(std::string_view key) {
    const toml::node* n = take(key);
    if (!n)
        return std::nullopt;
    if (auto s = n->value<std::string>())
        return s;
    wrong_type(*n, key, "a string");
    return std::nullopt;
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, std::int64_t min,
                                                 std::int64_t max) {
    const toml::node* n = take(key);
    if (!n)
        return std::nullopt;
    if (!n->is_integer()) {
        wrong_type(*n, key, "an integer");
        return std::nullopt;
    }
    std::int64_t v = n->as_integer()->get();
    if (v < min || v > max) {
        error(*n, key,
              "must be between " + std::to_string(min) + " and " + std::to_string(max) +
                  ", found " + std::to_string(v));
        return std::nullopt;
    }
    return v;
}

std::optional<bool> TableReader::boolean(std::string_view key) {
    const toml::node* n = take(key);
    if (!n)
        return std::nullopt;
    if (auto b = n->value<bool>(); b && n->is_boolean())
        return b;
    wrong_type(*n, key, "true or false");
    return std::nullopt;
}

std::optional<std::vector<std::string>> TableReader::strings(std::string_view key) {
    const toml::array* a = array(key);
    if (!a)
        return std::nullopt;
    std::vector<std::string> out;
    bool ok = true;
    for (std::size_t i = 0; i < a->size(); ++i) {
        const toml::node& el = *a->get(i);
        if (auto s = el.value<std::string>(); s && el.is_string()) {
            out.push_back(*s);
        } else {
            error(el, std::string(key) + "[" + std::to_string(i) + "]",
                  "expected a string, found " + std::string(type_name(el)));
            ok = false;
        }
    }
    return ok ? std::optional(out) : std::nullopt;
}

const toml::table* TableReader::table(std::string_view key) {
    const toml::node* n = take(key);
    if (!n)
        return nullptr;
    if (n->is_table())
        return n->as_table();
    wrong_type(*n, key, "a table");
    return nullptr;
}

const toml::array* TableReader::array(std::string_view key) {
    const toml::node* n = take(key);
    if (!n)
        return nullptr;
    if (n->is_array())
        return n->as_array();
    wrong_type(*n, key, "an array");
    return nullptr;
}

void TableReader::finish() {
    for (auto&& [k, v] : table_) {
        if (known_.count(k.str()))
            continue;
        std::string known;
        for (const auto& name : known_)
            known += (known.empty() ? "" : ", ") + name;
        sink_.at(k.source(), path_of(k.str()),
                 "unknown key" +
                     (known.empty() ? std::string() : " (expected one of: " + known + ")"));
    }
}

} // namespace redress::core::toml_reader
