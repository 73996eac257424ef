// Internal: reading a toml++ table key by key, with every problem recorded as a
// ConfigError at the offending node's position. Unknown keys are reported by
// finish(), so a typo never passes silently.
#pragma once

#include <cstdint>
#include <optional>
#include <redress/core/config/config_error.hpp>
#include <set>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

namespace redress::core::toml_reader {

//! Collects errors for one file.
class ErrorSink {
public:
    ErrorSink(std::string file, std::vector<ConfigError>& errors)
        : file_(std::move(file))
        , errors_(errors) {}
    void at(const toml::source_region& where, std::string key, std::string message);
    const std::string& file() const noexcept { return file_; }

private:
    std::string file_;
    std::vector<ConfigError>& errors_;
};

//! "string", "integer", "table"…
std::string_view type_name(const toml::node& node);

class TableReader {
public:
    //! path is the table's dotted path in messages ("" for the root).
    TableReader(const toml::table& table, std::string path, ErrorSink& sink)
        : table_(table)
        , path_(std::move(path))
        , sink_(sink) {}

    //! The node under key (marking key as known), or nullptr when absent.
    const toml::node* take(std::string_view key);

    std::optional<std::string> string(std::string_view key);
    std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
    std::optional<bool> boolean(std::string_view key);
    std::optional<std::vector<std::string>> strings(std::string_view key);
    const toml::table* table(std::string_view key);
    const toml::array* array(std::string_view key);

    //! Reports a missing key at the table's position.
    void missing(std::string_view key);
    //! Reports a bad value at node's position.
    void error(const toml::node& node, std::string_view key, std::string message);
    //! Reports each key never taken as unknown, listing the known ones.
    void finish();

    std::string path_of(std::string_view key) const;
    ErrorSink& sink() noexcept { return sink_; }
    const toml::table& raw() const noexcept { return table_; }

private:
    void wrong_type(const toml::node& node, std::string_view key, std::string_view expected);

    const toml::table& table_;
    std::string path_;
    ErrorSink& sink_;
    std::set<std::string, std::less<>> known_;
};

} // namespace redress::core::toml_reader
