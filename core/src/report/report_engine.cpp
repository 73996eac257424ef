#include "report_run.hpp"

#include <algorithm>
#include <date/tz.h>
#include <redress/core/report/report_definitions.hpp>

namespace redress::core::report {

namespace {

const date::time_zone* zone_of(const Config& config) {
    try {
        return date::locate_zone(config.company.calendar.timezone);
    } catch (const std::exception&) {
        throw ReportError("timezone", "the company's time zone \"" +
                                          config.company.calendar.timezone + "\" is unknown");
    }
}

bool valid_name(const std::string& s) {
    return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

} // namespace

ReportEngine::ReportEngine(Store& store, const Config& config, std::int64_t now_ms)
    : store_(store)
    , config_(config)
    , now_ms_(now_ms) {}

const std::vector<std::string>& ReportEngine::table_ids() {
    return find_report("weekly")->tables;
}

void ReportEngine::check(const ReportRequest& r) const {
    const ReportDefinition* def = find_report(r.name);
    if (!def) {
        std::string names;
        for (const auto& d : report_definitions())
            names += (names.empty() ? "" : ", ") + d.name;
        throw ReportError("name", "no report is named \"" + r.name + "\" (reports: " + names + ")");
    }
    if (!r.table.empty() &&
        std::find(def->tables.begin(), def->tables.end(), r.table) == def->tables.end()) {
        std::string ids;
        for (const auto& t : def->tables)
            ids += (ids.empty() ? "" : ", ") + t;
        throw ReportError("table", "report " + r.name + " has no table \"" + r.table +
                                       "\" (its tables: " + ids + ")");
    }
    if (!r.from.ok() || !r.to.ok())
        throw ReportError("from", "the dates must be real dates");
    if (std::chrono::sys_days{r.to} < std::chrono::sys_days{r.from})
        throw ReportError("to", "to (" + date_text(r.to) + ") is before from (" +
                                    date_text(r.from) + ")");
    const auto days = (std::chrono::sys_days{r.to} - std::chrono::sys_days{r.from}).count() + 1;
    if (days > 3660)
        throw ReportError("to", "a report covers at most 3660 days; this one asks for " +
                                    std::to_string(days));
    const std::int64_t per = r.granularity == Granularity::Day    ? 1
                             : r.granularity == Granularity::Week ? 7
                                                                  : 28;
    if (days / per > max_periods)
        throw ReportError("granularity", std::to_string(days) + " days by " +
                                             std::string(to_string(r.granularity)) +
                                             " are more than " + std::to_string(max_periods) +
                                             " periods; choose week or month");
    for (const auto& d : r.departments)
        if (!config_.find_department(d))
            throw ReportError("department", "no department is named \"" + d + "\"");
    for (const auto& c : r.channels)
        if (!valid_name(c))
            throw ReportError("channel", "\"" + c + "\" is not a channel name");
    if (r.language != "zh" && r.language != "en")
        throw ReportError("language", "language must be zh or en");
    zone_of(config_);
}

void ReportEngine::run(const ReportRequest& request, TableWriter& out) const {
    check(request);
    Run run(*this, request, out);
    if (!request.table.empty()) {
        run.table(request.table);
        return;
    }
    for (const auto& id : find_report(request.name)->tables)
        run.table(id);
}

ReportEngine::Run::Run(const ReportEngine& engine, const ReportRequest& request, TableWriter& out)
    : engine_(engine)
    , request_(request)
    , out_(out)
    , zone_(zone_of(engine.config_))
    , periods_(report::periods(request.from, request.to, request.granularity, zone_)) {}

void ReportEngine::Run::table(const std::string& id) {
    if (id == "overview")
        overview();
    else if (id == "department_performance")
        department_performance();
    else if (id == "volume_by_channel")
        volume(id, "c.channel");
    else if (id == "volume_by_department")
        volume(id, "c.department");
    else if (id == "volume_by_category")
        volume(id, "c.category");
    else if (id == "volume_by_customer_type")
        volume(id, "c.customer_type");
    else if (id == "volume_by_catalog_verdict")
        volume(id, "COALESCE(c.catalog_verdict, '')");
    else if (id == "satisfaction")
        satisfaction();
    else if (id == "compensation_by_department")
        compensation_by_department();
    else if (id == "compensation_by_remedy")
        compensation_by_remedy();
    else if (id == "compensation_by_policy")
        compensation_by_policy();
    else if (id == "complainants")
        complainants();
    else if (id == "repeat_complainants")
        repeat_complainants();
    else if (id == "backlog_by_age")
        backlog_by_age();
    else
        throw ReportError("table", "no table is named \"" + id + "\"");
}

Sql& Sql::in(const std::vector<std::string>& values) {
    text += " IN (";
    for (std::size_t i = 0; i < values.size(); ++i) {
        text += i ? ", ?" : "?";
        params.emplace_back(values[i]);
    }
    text += ")";
    return *this;
}

Sql ReportEngine::Run::complaint_filter(std::int64_t begin_ms, std::int64_t end_ms) const {
    Sql s;
    s += "c.received_at >= ";
    s.param(begin_ms);
    s += " AND c.received_at < ";
    s.param(end_ms);
    if (!request_.departments.empty()) {
        s += " AND c.department";
        s.in(request_.departments);
    }
    if (!request_.channels.empty()) {
        s += " AND c.channel";
        s.in(request_.channels);
    }
    return s;
}

Sql ReportEngine::Run::scope_filter(const std::string& alias) const {
    Sql s;
    if (!request_.departments.empty()) {
        s += " AND " + alias + ".department";
        s.in(request_.departments);
    }
    if (!request_.channels.empty()) {
        s += " AND c.channel";
        s.in(request_.channels);
    }
    return s;
}

std::string ReportEngine::Run::join_complaints(const std::string& alias) const {
    return request_.channels.empty() ? ""
                                     : " JOIN complaints c ON c.id = " + alias + ".complaint_id";
}

Sql ReportEngine::Run::period_of(const std::string& column) const {
    Sql s;
    s.text = period_index_sql(column, periods_, request_.granularity, zone_, s.params);
    return s;
}

std::string ReportEngine::Run::department_name(const std::string& id) const {
    const Department* d = engine_.config_.find_department(id);
    return d && !d->name.empty() ? d->name : id;
}

std::string ReportEngine::Run::local_date(std::int64_t ms) const {
    const auto t = date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{ms}};
    const auto day = date::floor<date::days>(zone_->to_local(t));
    return date_text(std::chrono::year_month_day{std::chrono::sys_days{day.time_since_epoch()}});
}

std::vector<const Department*> ReportEngine::Run::departments_in_scope() const {
    std::vector<const Department*> out;
    for (const auto& d : engine_.config_.departments)
        if (request_.departments.empty() ||
            std::find(request_.departments.begin(), request_.departments.end(), d.id) !=
                request_.departments.end())
            out.push_back(&d);
    return out;
}

} // namespace redress::core::report
