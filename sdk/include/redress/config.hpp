// redress/config.hpp — a plugin's configuration: the schema it declares and
// the read-only view it receives.
//
// The host validates the plugin's TOML section ([plugin.<name>]) against the
// declared ConfigKeys before the plugin is created: unknown keys, wrong types
// and missing required keys are reported to the operator with file:line:column,
// and defaults are filled in. So a plugin may read declared keys without
// re-checking their types.
#pragma once

#include <cstdint>
#include <redress/abi.h>
#include <redress/record.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace redress {

//! The type of a config key; lists and tables map to repeated and nested record values.
enum class ConfigType : std::uint32_t {
    String = REDRESS_CONFIG_STRING,
    Integer = REDRESS_CONFIG_INTEGER,
    Float = REDRESS_CONFIG_FLOAT,
    Boolean = REDRESS_CONFIG_BOOLEAN,
    StringList = REDRESS_CONFIG_STRING_LIST,
    IntegerList = REDRESS_CONFIG_INTEGER_LIST,
    Table = REDRESS_CONFIG_TABLE,
    TableList = REDRESS_CONFIG_TABLE_LIST,
    //! A file or folder; a relative one arrives resolved against the config
    //! file's folder (needs a host of ABI 1.2 or later).
    Path = REDRESS_CONFIG_PATH,
};

//! One declared key. path is "key", or "table.key" for a key inside a Table or
//! TableList declared as "table". default_value is a TOML value ("30",
//! "\"pop3\"", "[]"), empty for none.
struct ConfigKey {
    std::string path;
    ConfigType type = ConfigType::String;
    bool required = false;
    std::string default_value;
    std::string description;
};

//! The plugin's validated config section. Lists are repeated values; tables
//! and arrays of tables are nested records (see RecordView::record/records).
class ConfigView {
public:
    explicit ConfigView(RecordView section)
        : section_(section) {}

    std::string_view string(std::string_view key, std::string_view fallback = {}) const {
        return section_.string(key, fallback);
    }
    std::int64_t integer(std::string_view key, std::int64_t fallback = 0) const {
        return section_.integer(key, fallback);
    }
    double number(std::string_view key, double fallback = 0) const {
        return section_.number(key, fallback);
    }
    bool boolean(std::string_view key, bool fallback = false) const {
        return section_.boolean(key, fallback);
    }
    std::vector<std::string_view> strings(std::string_view key) const {
        return section_.strings(key);
    }
    //! The tables of a TableList key (or the one table of a Table key).
    std::vector<ConfigView> tables(std::string_view key) const {
        std::vector<ConfigView> out;
        for (const RecordView& r : section_.records(key))
            out.emplace_back(r);
        return out;
    }
    bool has(std::string_view key) const { return section_.has(key); }

    const RecordView& record() const noexcept { return section_; }

private:
    RecordView section_;
};

} // namespace redress
