#include "plugin_section.hpp"

namespace redress::core::plugin_section {
namespace {

using toml_reader::ErrorSink;
using toml_reader::TableReader;

std::string_view expected_name(std::uint32_t type) {
    switch (type) {
    case REDRESS_CONFIG_STRING:
        return "a string";
    case REDRESS_CONFIG_PATH:
        return "a path (a string)";
    case REDRESS_CONFIG_INTEGER:
        return "an integer";
    case REDRESS_CONFIG_FLOAT:
        return "a number";
    case REDRESS_CONFIG_BOOLEAN:
        return "true or false";
    case REDRESS_CONFIG_STRING_LIST:
        return "an array of strings";
    case REDRESS_CONFIG_INTEGER_LIST:
        return "an array of integers";
    case REDRESS_CONFIG_TABLE:
        return "a table";
    case REDRESS_CONFIG_TABLE_LIST:
        return "an array of tables";
    default:
        return "a known type";
    }
}

class Validator {
public:
    Validator(const std::vector<PluginConfigKey>& schema, const std::filesystem::path& base_dir,
              ErrorSink& sink)
        : schema_(schema)
        , base_dir_(base_dir)
        , sink_(sink) {}

    // Validates table (whose schema prefix is prefix, "" at the top) into out.
    void table(const toml::table& t, const std::string& path, const std::string& prefix,
               Record& out) {
        TableReader r(t, path, sink_);
        for (const PluginConfigKey& key : schema_) {
            if (parent_of(key.path) != prefix)
                continue;
            std::string leaf = key.path.substr(prefix.empty() ? 0 : prefix.size() + 1);
            if (const toml::node* n = r.take(leaf))
                value(*n, r, leaf, key, out);
            else if (key.required)
                r.missing(leaf);
            else if (!key.default_value.empty())
                default_value(t, r, leaf, key, out);
        }
        r.finish();
    }

private:
    static std::string parent_of(const std::string& path) {
        auto dot = path.rfind('.');
        return dot == std::string::npos ? "" : path.substr(0, dot);
    }

    void value(const toml::node& n, TableReader& r, const std::string& leaf,
               const PluginConfigKey& key, Record& out) {
        auto wrong = [&] {
            r.error(n, leaf,
                    "expected " + std::string(expected_name(key.type)) + ", found " +
                        std::string(toml_reader::type_name(n)));
        };
        switch (key.type) {
        case REDRESS_CONFIG_STRING:
            if (!n.is_string())
                return wrong();
            out.set(leaf, n.as_string()->get());
            return;
        case REDRESS_CONFIG_PATH: {
            if (!n.is_string())
                return wrong();
            // Empty stays empty: "not set", for the plugin to decide.
            std::filesystem::path p(n.as_string()->get());
            out.set(leaf, p.empty() || p.is_absolute()
                              ? p.string()
                              : (base_dir_ / p).lexically_normal().string());
            return;
        }
        case REDRESS_CONFIG_INTEGER:
            if (!n.is_integer())
                return wrong();
            out.set(leaf, n.as_integer()->get());
            return;
        case REDRESS_CONFIG_FLOAT:
            if (n.is_floating_point())
                out.set(leaf, n.as_floating_point()->get());
            else if (n.is_integer())
                out.set(leaf, static_cast<double>(n.as_integer()->get()));
            else
                wrong();
            return;
        case REDRESS_CONFIG_BOOLEAN:
            if (!n.is_boolean())
                return wrong();
            out.set(leaf, n.as_boolean()->get());
            return;
        case REDRESS_CONFIG_STRING_LIST:
        case REDRESS_CONFIG_INTEGER_LIST:
        case REDRESS_CONFIG_TABLE_LIST: {
            if (!n.is_array())
                return wrong();
            const toml::array& a = *n.as_array();
            if (a.empty() && key.type == REDRESS_CONFIG_STRING_LIST) {
                // Present but empty is not absent: `severity = []` must not read
                // as "any severity". A null value says "given, and empty".
                out.set(leaf, std::monostate{});
                return;
            }
            for (std::size_t i = 0; i < a.size(); ++i) {
                const toml::node& el = *a.get(i);
                std::string item = leaf + "[" + std::to_string(i) + "]";
                if (key.type == REDRESS_CONFIG_STRING_LIST && el.is_string())
                    out.append(leaf, el.as_string()->get());
                else if (key.type == REDRESS_CONFIG_INTEGER_LIST && el.is_integer())
                    out.append(leaf, el.as_integer()->get());
                else if (key.type == REDRESS_CONFIG_TABLE_LIST && el.is_table())
                    table(*el.as_table(), r.path_of(item), key.path, out.add_record(leaf));
                else
                    r.error(el, item,
                            "expected " + std::string(expected_name(key.type)) +
                                ", found an element of type " +
                                std::string(toml_reader::type_name(el)));
            }
            return;
        }
        case REDRESS_CONFIG_TABLE:
            if (!n.is_table())
                return wrong();
            table(*n.as_table(), r.path_of(leaf), key.path, out.add_record(leaf));
            return;
        }
    }

    void default_value(const toml::table& where, TableReader& r, const std::string& leaf,
                       const PluginConfigKey& key, Record& out) {
        // The default is TOML text from the plugin; parse it as "v = <default>".
        toml::table parsed;
        try {
            parsed = toml::parse("v = " + key.default_value);
        } catch (const toml::parse_error& e) {
            sink_.at(where.source(), r.path_of(leaf),
                     "the plugin's default \"" + key.default_value +
                         "\" is not valid TOML: " + std::string(e.description()));
            return;
        }
        std::size_t before = errors_before();
        ErrorSink probe(sink_.file(), scratch_);
        TableReader pr(parsed, r.path_of(leaf), probe);
        Validator inner(schema_, base_dir_, probe);
        inner.value(*parsed.get("v"), pr, leaf, key, out);
        if (scratch_.size() > before)
            sink_.at(where.source(), r.path_of(leaf),
                     "the plugin's default \"" + key.default_value +
                         "\" does not have the declared type");
    }

    std::size_t errors_before() const { return scratch_.size(); }

    const std::vector<PluginConfigKey>& schema_;
    const std::filesystem::path& base_dir_;
    ErrorSink& sink_;
    std::vector<ConfigError> scratch_;
};

} // namespace

Record validate(const toml::table& section, const std::string& path,
                const std::vector<PluginConfigKey>& schema, const std::filesystem::path& base_dir,
                ErrorSink& sink) {
    Record out;
    Validator(schema, base_dir, sink).table(section, path, "", out);
    return out;
}

} // namespace redress::core::plugin_section
