#include <Poco/Logger.h>
#include <date/tz.h>
#include <redress/core/report/report_definitions.hpp>
#include <redress/core/report/report_engine.hpp>
#include <redress/core/report/report_scheduler.hpp>

namespace redress::core::report {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

// ISO weekday number (1 = Monday) of a schedule's `every`, or 0.
unsigned weekday_of(const std::string& every) {
    static const char* const names[] = {"monday", "tuesday",  "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};
    for (unsigned i = 0; i < 7; ++i)
        if (every == names[i])
            return i + 1;
    return 0;
}

std::string file_name(const ReportRequest& r, const std::string& format) {
    std::string name = r.name + "_" + date_text(r.from) + "_" + date_text(r.to);
    for (const auto& d : r.departments)
        name += (&d == &r.departments.front() ? "_" : "+") + d;
    for (const auto& c : r.channels)
        name += (&c == &r.channels.front() ? "_via_" : "+") + c;
    return name + "." + format;
}

} // namespace

ReportScheduler::ReportScheduler(ReportService& reports, ComplaintService& complaints,
                                 Poco::Logger& logger, std::chrono::seconds interval,
                                 PollLeases* leases)
    : reports_(reports)
    , complaints_(complaints)
    , logger_(logger)
    , interval_(interval)
    , lease_(leases ? leases->lease("report-schedule") : nullptr)
    , thread_([this] { loop(); }) {}

ReportScheduler::~ReportScheduler() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void ReportScheduler::loop() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
        lock.unlock();
        try {
            // Without the lease another host is on it (or nobody can be sure
            // of going alone): this pass is skipped, the next one tries again.
            // No schedule, no lease (and no lock file beside a SQLite database).
            const bool scheduled = !complaints_.settings()->config.reports.empty();
            if (!lease_ || !scheduled) {
                run_due(complaints_.now_ms());
            } else if (lease_->try_acquire()) {
                try {
                    run_due(complaints_.now_ms());
                } catch (...) {
                    lease_->release();
                    throw;
                }
                if (!lease_->release())
                    logger_.warning("lease %s was lost during a pass over the scheduled reports "
                                    "(its database connection ended)",
                                    lease_->name());
            }
        } catch (const std::exception& e) {
            logger_.error("scheduled reports: %s", std::string(e.what()));
        }
        lock.lock();
        wake_.wait_for(lock, interval_, [this] { return stop_; });
    }
}

std::optional<std::pair<ReportRequest, std::filesystem::path>>
ReportScheduler::due(const ReportSchedule& s, const std::string& timezone, std::int64_t now_ms) {
    const auto* zone = date::locate_zone(timezone);
    const auto local = zone->to_local(
        date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{now_ms}});
    const auto local_day = date::floor<date::days>(local);
    const sys_days today{local_day.time_since_epoch()};
    const auto minute_now = std::chrono::duration_cast<std::chrono::minutes>(local - local_day);
    const bool passed_today = minute_now.count() >= s.at_minute;

    // The latest day on or before today (today only if the time has passed)
    // that the schedule names.
    sys_days day = passed_today ? today : today - days{1};
    const unsigned wd = weekday_of(s.every);
    if (wd)
        day -= days{(std::chrono::weekday{day}.iso_encoding() + 7 - wd) % 7};
    else if (s.every == "month")
        day = sys_days{std::chrono::year_month_day{day}.year() /
                       std::chrono::year_month_day{day}.month() / std::chrono::day{1}};
    const ReportDefinition* def = find_report(s.report);
    if (!def)
        return std::nullopt;
    auto [from, to] = default_range(def->range, std::chrono::year_month_day{day});
    ReportRequest r;
    r.name = s.report;
    r.from = from;
    r.to = to;
    r.granularity = def->granularity;
    r.departments = s.departments;
    r.channels = s.channels;
    r.language = s.language;
    return std::make_pair(r, s.dir / file_name(r, s.format));
}

std::vector<std::filesystem::path> ReportScheduler::run_due(std::int64_t now_ms) {
    std::vector<std::filesystem::path> written;
    const auto settings = complaints_.settings();
    for (const auto& s : settings->config.reports) {
        try {
            auto run = due(s, settings->config.company.calendar.timezone, now_ms);
            if (!run || std::filesystem::exists(run->second))
                continue;
            std::filesystem::create_directories(s.dir);
            reports_.write_file(run->first, s.format, run->second);
            logger_.information("scheduled report written: %s", run->second.string());
            written.push_back(run->second);
        } catch (const std::exception& e) {
            logger_.error("scheduled report %s (%s) failed, will retry: %s", s.report, s.format,
                          std::string(e.what()));
        }
    }
    return written;
}

} // namespace redress::core::report
