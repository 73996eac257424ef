// Renders a hand-made report stream (redress/report.hpp) through a built
// reporter plugin, across the C ABI, the way the host does. Tests of the
// reporters build streams with ReportStream and parse the bytes back.
#pragma once

#include "../test_support.hpp"

#include <initializer_list>
#include <redress/core/plugin/plugin_instance.hpp>
#include <redress/core/plugin/plugin_library.hpp>
#include <redress/core/plugin/record.hpp>
#include <redress/report.hpp>
#include <string>
#include <utility>
#include <vector>

namespace redress::test {

//! One column of a table: id, label, type (redress::report::type), currency.
struct ColumnSpec {
    std::string id, label, type, currency;
};

//! The parameters and the records of one report, built by hand.
class ReportStream {
public:
    using Value = core::RecordValue;

    ReportStream() {
        namespace p = redress::report::param;
        params.set(p::report, std::string("weekly"))
            .set(p::title, std::string("投诉周报"))
            .set(p::company, std::string("示例电器有限公司"))
            .set(p::language, std::string("zh"))
            .set(p::from, std::string("2026-11-16"))
            .set(p::to, std::string("2026-11-22"))
            .set(p::timezone, std::string("Asia/Shanghai"))
            .set(p::granularity, std::string("day"))
            .set(p::generated_at, std::string("2026-11-23 08:00"));
    }

    //! Starts a table. chart: "none", "bar", "stacked_bar", "line".
    ReportStream& table(const std::string& id, const std::string& title,
                        std::initializer_list<ColumnSpec> columns,
                        const std::string& chart = "none", const std::string& chart_label = "",
                        std::initializer_list<std::string> chart_series = {},
                        const std::string& chart_group = "") {
        namespace f = redress::report::field;
        auto& t = records.emplace_back();
        t.set(f::kind, std::string(redress::report::kind::table))
            .set(f::id, id)
            .set(f::title, title)
            .set(f::description, "描述：" + title)
            .set(f::chart, chart);
        for (const auto& c : columns) {
            auto& col = t.add_record(f::columns);
            col.set("id", c.id).set("label", c.label).set("type", c.type);
            if (!c.currency.empty())
                col.set("currency", c.currency);
        }
        if (!chart_label.empty())
            t.set(f::chart_label, chart_label);
        for (const auto& s : chart_series)
            t.append(f::chart_series, s);
        if (!chart_group.empty())
            t.set(f::chart_group, chart_group);
        return *this;
    }

    //! Appends a row to the last table. Use std::monostate{} for "no figure".
    template <class... V>
    ReportStream& row(V&&... values) {
        auto& r = records.emplace_back();
        r.set(redress::report::field::kind, std::string(redress::report::kind::row));
        (r.append(redress::report::field::values, to_value(std::forward<V>(values))), ...);
        return *this;
    }

    core::Record params;
    std::vector<core::Record> records;

private:
    static Value to_value(std::monostate) { return std::monostate{}; }
    static Value to_value(const char* s) { return std::string(s); }
    static Value to_value(std::string s) { return s; }
    static Value to_value(int i) { return std::int64_t{i}; }
    static Value to_value(std::int64_t i) { return i; }
    static Value to_value(double d) { return d; }
};

//! The built reporter plugin `name` (e.g. "report_csv") from the plugin folder.
inline std::shared_ptr<core::PluginInstance> load_reporter(const std::string& name,
                                                           const core::Record& config = {}) {
    auto lib =
        core::PluginLibrary::load(std::filesystem::path(REDRESS_PLUGIN_DIR) / (name + ".so"));
    return core::PluginInstance::create(lib, config, quiet_logger(),
                                        [] { return std::int64_t{1'795'000'000'000}; });
}

//! Renders the stream through the plugin and returns the bytes it wrote.
inline std::string render(core::PluginInstance& reporter, const ReportStream& stream) {
    std::size_t next = 0;
    std::string out;
    reporter.render(
        stream.params,
        [&]() -> const core::Record* {
            return next < stream.records.size() ? &stream.records[next++] : nullptr;
        },
        [&](std::string_view bytes) {
            out += bytes;
            return true;
        });
    return out;
}

} // namespace redress::test
