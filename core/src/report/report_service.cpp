#include <cstdio>
#include <date/tz.h>
#include <fstream>
#include <redress/core/report/report_definitions.hpp>
#include <redress/core/report/report_engine.hpp>
#include <redress/core/report/report_renderer.hpp>
#include <redress/core/report/report_service.hpp>
#include <redress/report.hpp>

namespace redress::core::report {

namespace {

namespace p = redress::report::param;

Record params_of(const ReportRequest& r, const Config& config, const BusinessClock& clock,
                 std::int64_t now_ms) {
    const ReportDefinition* def = find_report(r.name);
    Record out;
    out.set(p::report, r.name)
        .set(p::title, def ? def->title(r.language) : r.name)
        .set(p::company, config.company.name)
        .set(p::language, r.language)
        .set(p::from, date_text(r.from))
        .set(p::to, date_text(r.to))
        .set(p::timezone, config.company.calendar.timezone)
        .set(p::granularity, std::string(to_string(r.granularity)))
        .set(p::generated_at, clock.local_text(now_ms));
    for (const auto& d : r.departments)
        out.append(p::departments, d);
    for (const auto& c : r.channels)
        out.append(p::channels, c);
    return out;
}

} // namespace

ReportService::ReportService(ComplaintService& complaints, const PluginHost* plugins)
    : complaints_(complaints)
    , plugins_(plugins) {}

std::vector<std::string> ReportService::formats() const {
    std::vector<std::string> out;
    if (plugins_)
        for (const auto& i : plugins_->instances())
            if (i->library().families() & REDRESS_FAMILY_REPORTER)
                out.push_back(i->library().report_format());
    return out;
}

std::shared_ptr<PluginInstance> ReportService::reporter(std::string_view format) const {
    if (plugins_)
        for (const auto& i : plugins_->instances())
            if ((i->library().families() & REDRESS_FAMILY_REPORTER) &&
                i->library().report_format() == format)
                return i;
    std::string list;
    for (const auto& f : formats())
        list += (list.empty() ? "" : ", ") + f;
    throw ReportError("format", "no reporter plugin writes \"" + std::string(format) +
                                    "\" (formats: " + (list.empty() ? "none loaded" : list) + ")");
}

std::string ReportService::content_type(std::string_view format) const {
    return reporter(format)->library().report_content_type();
}

std::chrono::year_month_day ReportService::today() const {
    const auto settings = complaints_.settings();
    const auto* zone = date::locate_zone(settings->config.company.calendar.timezone);
    const auto now =
        date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{complaints_.now_ms()}};
    const auto day = date::floor<date::days>(zone->to_local(now));
    return std::chrono::year_month_day{std::chrono::sys_days{day.time_since_epoch()}};
}

ReportRequest ReportService::request(const std::string& name,
                                     std::optional<std::chrono::year_month_day> from,
                                     std::optional<std::chrono::year_month_day> to,
                                     std::optional<Granularity> granularity) const {
    const ReportDefinition* def = find_report(name);
    if (!def) {
        std::string names;
        for (const auto& d : report_definitions())
            names += (names.empty() ? "" : ", ") + d.name;
        throw ReportError("name", "no report is named \"" + name + "\" (reports: " + names + ")");
    }
    ReportRequest r;
    r.name = name;
    auto [dfrom, dto] = default_range(def->range, today());
    // One date given: the other keeps the default span's length from it.
    const auto span = std::chrono::sys_days{dto} - std::chrono::sys_days{dfrom};
    if (from && !to)
        to = std::chrono::year_month_day{std::chrono::sys_days{*from} + span};
    if (to && !from)
        from = std::chrono::year_month_day{std::chrono::sys_days{*to} - span};
    r.from = from.value_or(dfrom);
    r.to = to.value_or(dto);
    r.granularity = granularity.value_or(def->granularity);
    return r;
}

void ReportService::write_file(const ReportRequest& request, std::string_view format,
                               const std::filesystem::path& out) const {
    auto plugin = reporter(format);
    const auto settings = complaints_.settings();
    const Config& config = settings->config;
    const std::int64_t now = complaints_.now_ms();
    ReportEngine engine(complaints_.store(), config, now);
    engine.check(request);
    const BusinessClock clock(config.company.calendar);

    const std::filesystem::path partial = out.string() + ".partial";
    std::ofstream file(partial, std::ios::binary | std::ios::trunc);
    if (!file)
        throw std::runtime_error("cannot write " + partial.string());
    try {
        render(engine, request, params_of(request, config, clock, now), *plugin,
               [&](std::string_view bytes) {
                   file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
                   return static_cast<bool>(file);
               });
        file.close();
        if (!file)
            throw std::runtime_error("writing " + partial.string() + " failed (disk full?)");
        std::filesystem::rename(partial, out);
    } catch (...) {
        file.close();
        std::error_code ec;
        std::filesystem::remove(partial, ec);
        throw;
    }
}

} // namespace redress::core::report
