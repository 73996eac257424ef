// The typed configuration of redressd, as read from one TOML file.
//
// Units: money in integer minor units of the department's currency; business
// durations in working days and minutes of the department's calendar; wall
// durations in seconds. Paths are absolute (relative ones in the file are
// resolved against the file's folder).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <redress/core/plugin/record.hpp>
#include <string>
#include <vector>

namespace redress::core {

struct ServerConfig {
    std::string host = "127.0.0.1";
    int port = 8080;      //!< 0 picks a free port (logged at start)
    int threads = 16;     //!< worker threads: one per active keep-alive connection
    int max_queued = 256; //!< accepted connections waiting for a thread
    std::int64_t max_body_bytes = 1 << 20;
    int keep_alive_timeout_s = 10;
    int request_timeout_s = 30;
    bool console = true; //!< serve the browser console at /console/ (and redirect / there)
};

struct StorageConfig {
    std::string url; //!< "sqlite:///abs/path.db" or "postgresql://…"
};

struct SlaConfig {
    int sweep_interval_s = 60; //!< how often overdue complaints are checked for breaches
};

struct LogConfig {
    std::string level = "information"; //!< Poco level: fatal … trace
};

struct PluginsConfig {
    std::vector<std::filesystem::path> paths; //!< folders searched for *.so, in order
    bool builtin = true;     //!< also search the plugins shipped with redressd (searched first)
    int poll_interval_s = 1; //!< how often intake plugins get poll() (each decides what to do)
    //! A plugin failing this many calls in a row is isolated: its calls are
    //! skipped for failure_backoff_s, then one is tried again.
    int failure_threshold = 5;
    int failure_backoff_s = 30;
    //! The plugin that answers catalog questions and classifies requests at
    //! intake ([plugins] catalog); empty: no catalog.
    std::string catalog;
};

//! Monday to Friday. (A function, not a brace list: GCC 12 warns falsely on the latter.)
inline std::vector<std::chrono::weekday> monday_to_friday() {
    std::vector<std::chrono::weekday> days;
    for (unsigned d = 1; d <= 5; ++d)
        days.emplace_back(d);
    return days;
}

//! Working time: days of the week, daily opening hours, holidays, time zone.
struct Calendar {
    std::string timezone = "Asia/Shanghai";
    std::vector<std::chrono::weekday> days = monday_to_friday();
    int open_minute = 9 * 60;   //!< minutes after local midnight
    int close_minute = 18 * 60; //!< exclusive
    std::vector<std::chrono::year_month_day> holidays;
};

//! A target in business time: whole working days plus working minutes.
struct BusinessDuration {
    int days = 0;
    int minutes = 0;
    friend bool operator==(const BusinessDuration&, const BusinessDuration&) = default;
};

struct SlaTargets {
    BusinessDuration first_response{0, 4 * 60};
    BusinessDuration resolution{3, 0};
};

//! The largest amount each level may approve; above manager needs an executive.
struct ApprovalLimits {
    std::int64_t agent = 0;
    std::int64_t supervisor = 500'00;
    std::int64_t manager = 5000'00;
};

//! Who carries out a remedy once the customer agrees, how soon, and the least
//! approval level a proposal naming it needs ([remedies.<name>]).
struct RemedyDispatch {
    std::string department; //!< empty: the complaint's own department
    BusinessDuration due{1, 0};
    std::string approval = "agent"; //!< "agent" | "supervisor" | "manager" | "executive"
};

struct Department {
    std::string id;     //!< [a-z0-9-]+, used in URLs and tokens
    std::string name;   //!< display name, any UTF-8 (e.g. 售后服务部)
    std::string prefix; //!< tracking-number prefix, 1–4 capital letters (e.g. "AS")
    std::vector<std::string> channels; //!< enabled intake channels at start
    SlaTargets sla;
    ApprovalLimits approval;
    std::string currency; //!< ISO 4217
    Calendar calendar;
    //! Compensation policies (plugin names), run in this order for a proposal.
    std::vector<std::string> policies;
    //! Compensation approved per calendar month (local time), minor units; 0: no budget.
    std::int64_t monthly_budget = 0;
};

//! A report written to a folder on a schedule ([[report]]). The report covers
//! its default range as of the day it runs (weekly: the week before).
struct ReportSchedule {
    std::string report;          //!< a report name (report_definitions.hpp)
    std::string format = "html"; //!< a reporter plugin's format, checked at start
    //! "day", a weekday ("monday" … "sunday") or "month" (the 1st).
    std::string every = "monday";
    int at_minute = 8 * 60; //!< local time of the company's zone
    std::filesystem::path dir;
    std::vector<std::string> departments; //!< empty: all
    std::vector<std::string> channels;    //!< empty: all
    std::string language = "zh";
};

struct CompanyConfig {
    std::string name;
    std::string currency = "CNY";
    Calendar calendar;
};

struct Config {
    std::filesystem::path file;
    CompanyConfig company;
    ServerConfig server;
    StorageConfig storage;
    SlaConfig sla;
    LogConfig log;
    PluginsConfig plugins;
    std::vector<Department> departments;
    std::vector<ReportSchedule> reports; //!< [[report]]
    //! Every remedy (compensation::remedies) with its dispatch; defaults filled.
    std::map<std::string, RemedyDispatch> remedies;
    //! Validated [plugin.<name>] sections with defaults filled, by plugin name.
    //! Plugins without a section get an empty record with their defaults.
    std::map<std::string, Record> plugin_configs;

    const Department* find_department(std::string_view id) const;
};

} // namespace redress::core
