#include "plugin_section.hpp"
#include "toml_reader.hpp"

#include <cerrno>
#include <cstring>
#include <date/tz.h>
#include <fstream>
#include <map>
#include <redress/core/config/config_loader.hpp>
#include <redress/core/report/report_definitions.hpp>
#include <redress/money.hpp>
#include <regex>
#include <set>
#include <sstream>

namespace redress::core {
namespace {

using toml_reader::ErrorSink;
using toml_reader::TableReader;

constexpr std::int64_t max_money = 1'000'000'000'000; // 10^12 minor units

// Every value checked with std::regex is first capped in length: libstdc++'s
// regex recurses per character and overflows the stack on long input.
constexpr std::size_t max_pattern_input = 64;

bool regex_ok(const std::string& s, const std::regex& re) {
    return s.size() <= max_pattern_input && std::regex_match(s, re);
}

// "1d4h30m", "4h", "3d": whole working days, hours and minutes.
std::optional<BusinessDuration> parse_business_duration(const std::string& s) {
    static const std::regex re(R"(^\s*(?:(\d{1,3})d)?\s*(?:(\d{1,4})h)?\s*(?:(\d{1,5})m)?\s*$)");
    std::smatch m;
    if (s.empty() || s.size() > max_pattern_input || !std::regex_match(s, m, re) ||
        (!m[1].matched && !m[2].matched && !m[3].matched))
        return std::nullopt;
    BusinessDuration d;
    d.days = m[1].matched ? std::stoi(m[1]) : 0;
    d.minutes = (m[2].matched ? std::stoi(m[2]) * 60 : 0) + (m[3].matched ? std::stoi(m[3]) : 0);
    if (d.days == 0 && d.minutes == 0)
        return std::nullopt;
    return d;
}

// "10s", "5m", "1h" → seconds, at most one day.
std::optional<int> parse_wall_seconds(const std::string& s) {
    static const std::regex re(R"(^\s*(\d{1,6})\s*(s|m|h)\s*$)");
    std::smatch m;
    if (s.size() > max_pattern_input || !std::regex_match(s, m, re))
        return std::nullopt;
    std::int64_t n = std::stoll(m[1]);
    n *= m[2] == "s" ? 1 : m[2] == "m" ? 60 : 3600;
    if (n > 86400)
        return std::nullopt;
    return static_cast<int>(n);
}

// "1MiB", "512KiB", "1048576" → bytes.
std::optional<std::int64_t> parse_size(const std::string& s) {
    static const std::regex re(R"(^\s*(\d{1,12})\s*(B|KiB|MiB|GiB|KB|MB|GB)?\s*$)");
    std::smatch m;
    if (s.size() > max_pattern_input || !std::regex_match(s, m, re))
        return std::nullopt;
    std::int64_t n = std::stoll(m[1]);
    static const std::map<std::string, std::int64_t> units{
        {"", 1},          {"B", 1},     {"KiB", 1 << 10},    {"MiB", 1 << 20},
        {"GiB", 1 << 30}, {"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000}};
    std::int64_t unit = units.at(m[2].str());
    if (n > (std::int64_t{1} << 40) / unit) // far beyond any limit; no overflow below
        return std::nullopt;
    return n * unit;
}

// "09:00" or a TOML local time → minutes after midnight; "24:00" allowed as a close.
std::optional<int> parse_clock(const toml::node& n) {
    if (auto t = n.value<toml::time>(); t && n.is_time())
        return t->hour * 60 + t->minute;
    if (auto s = n.value<std::string>(); s && n.is_string()) {
        static const std::regex re(R"(^(\d{2}):(\d{2})$)");
        std::smatch m;
        if (s->size() <= max_pattern_input && std::regex_match(*s, m, re)) {
            int h = std::stoi(m[1]), mi = std::stoi(m[2]);
            if ((h < 24 && mi < 60) || (h == 24 && mi == 0))
                return h * 60 + mi;
        }
    }
    return std::nullopt;
}

std::optional<std::chrono::year_month_day> parse_date(const toml::node& n) {
    using namespace std::chrono;
    if (auto d = n.value<toml::date>(); d && n.is_date())
        return year_month_day{year{d->year}, month{d->month}, day{d->day}};
    if (auto s = n.value<std::string>(); s && n.is_string()) {
        static const std::regex re(R"(^(\d{4})-(\d{2})-(\d{2})$)");
        std::smatch m;
        if (s->size() <= max_pattern_input && std::regex_match(*s, m, re)) {
            year_month_day ymd{year{std::stoi(m[1])}, month{unsigned(std::stoi(m[2]))},
                               day{unsigned(std::stoi(m[3]))}};
            if (ymd.ok())
                return ymd;
        }
    }
    return std::nullopt;
}

std::optional<std::chrono::weekday> parse_weekday(const std::string& s) {
    static const std::map<std::string, unsigned> days{
        {"sun", 0}, {"mon", 1}, {"tue", 2}, {"wed", 3}, {"thu", 4}, {"fri", 5}, {"sat", 6}};
    auto it = days.find(s);
    if (it == days.end())
        return std::nullopt;
    return std::chrono::weekday{it->second};
}

bool valid_timezone(const std::string& tz) {
    try {
        date::locate_zone(tz);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

class Parser {
public:
    Parser(const std::filesystem::path& file, ErrorSink& sink)
        : file_(file)
        , sink_(sink) {}

    Config parse(const toml::table& root) {
        Config c;
        c.file = file_;
        TableReader r(root, "", sink_);
        if (auto t = r.table("company"))
            company(*t, c.company);
        if (auto t = r.table("server"))
            server(*t, c.server);
        storage(r.table("storage"), c.storage);
        if (auto t = r.table("sla")) {
            TableReader sr(*t, "sla", sink_);
            wall_seconds(sr, "sweep_interval", c.sla.sweep_interval_s);
            sr.finish();
        }
        if (auto t = r.table("log"))
            log(*t, c.log);
        if (auto t = r.table("plugins"))
            plugins(*t, c.plugins);
        if (const toml::node* n = r.take("department")) {
            if (!n->is_array_of_tables())
                r.error(*n, "department", "expected [[department]] tables");
            else
                departments(*n->as_array(), c);
        }
        if (c.departments.empty())
            sink_.at(root.source(), "department", "at least one [[department]] is required");
        if (const toml::node* n = r.take("report")) {
            if (!n->is_array_of_tables())
                r.error(*n, "report", "expected [[report]] tables");
            else
                reports(*n->as_array(), c);
        }
        c.remedies = default_remedies();
        if (auto t = r.table("remedies"))
            remedies(*t, c);
        r.take("plugin"); // checked in phase 2, against the loaded plugins
        if (const toml::node* n = root.get("plugin"); n && !n->is_table())
            r.error(*n, "plugin", "expected a table of [plugin.<name>] sections");
        r.finish();
        return c;
    }

private:
    std::filesystem::path resolve(const std::string& p) const {
        std::filesystem::path path(p);
        return path.is_absolute() ? path : (file_.parent_path() / path).lexically_normal();
    }

    void company(const toml::table& t, CompanyConfig& c) {
        TableReader r(t, "company", sink_);
        if (auto v = r.string("name"))
            c.name = *v;
        if (auto v = r.string("currency"))
            currency(r, "currency", *v, c.currency);
        if (auto cal = r.table("calendar"))
            calendar(*cal, "company.calendar", c.calendar);
        r.finish();
    }

    void currency(TableReader& r, std::string_view key, const std::string& v, std::string& out) {
        static const std::regex re("^[A-Z]{3}$");
        // Amounts are minor units shown with two decimals (format_money);
        // ISO 4217 currencies with none or three are refused, not mis-shown.
        if (regex_ok(v, re) && !redress::money::supported_currency(v))
            r.error(*r.raw().get(key), key,
                    "currency \"" + v +
                        "\" does not have two decimal places; Redress keeps amounts in "
                        "hundredths, so it is not supported");
        else if (regex_ok(v, re))
            out = v;
        else
            r.error(*r.raw().get(key), key,
                    "expected an ISO 4217 code such as \"CNY\", found \"" + v + "\"");
    }

    void calendar(const toml::table& t, const std::string& path, Calendar& c) {
        TableReader r(t, path, sink_);
        if (auto tz = r.string("timezone")) {
            if (valid_timezone(*tz))
                c.timezone = *tz;
            else
                r.error(*t.get("timezone"), "timezone",
                        "unknown time zone \"" + *tz +
                            "\" (expected an IANA name such as \"Asia/Shanghai\")");
        }
        if (auto days = r.array("days")) {
            std::vector<std::chrono::weekday> out;
            for (std::size_t i = 0; i < days->size(); ++i) {
                const toml::node& n = *days->get(i);
                auto s = n.value<std::string>();
                auto wd = s && n.is_string() ? parse_weekday(*s) : std::nullopt;
                std::string key = "days[" + std::to_string(i) + "]";
                if (!wd)
                    r.error(n, key, "expected one of \"mon\" … \"sun\"");
                else if (std::find(out.begin(), out.end(), *wd) != out.end())
                    r.error(n, key, "day \"" + *s + "\" listed twice");
                else
                    out.push_back(*wd);
            }
            if (days->empty())
                r.error(*t.get("days"), "days", "at least one working day is required");
            c.days = out;
        }
        for (const char* key : {"open", "close"}) {
            if (const toml::node* n = r.take(key)) {
                auto m = parse_clock(*n);
                if (!m)
                    r.error(*n, key, "expected a time \"HH:MM\"");
                else
                    (std::string_view(key) == "open" ? c.open_minute : c.close_minute) = *m;
            }
        }
        if (c.open_minute >= c.close_minute)
            sink_.at(t.source(), path, "open must be before close");
        if (auto hs = r.array("holidays")) {
            c.holidays.clear();
            for (std::size_t i = 0; i < hs->size(); ++i) {
                const toml::node& n = *hs->get(i);
                if (auto d = parse_date(n))
                    c.holidays.push_back(*d);
                else
                    r.error(n, "holidays[" + std::to_string(i) + "]",
                            "expected a date such as 2026-10-01");
            }
        }
        r.finish();
    }

    void server(const toml::table& t, ServerConfig& s) {
        TableReader r(t, "server", sink_);
        if (auto v = r.string("host")) {
            if (v->empty())
                r.error(*t.get("host"), "host", "must not be empty");
            else
                s.host = *v;
        }
        if (auto v = r.integer("port", 0, 65535))
            s.port = static_cast<int>(*v);
        if (auto v = r.integer("threads", 1, 1024))
            s.threads = static_cast<int>(*v);
        if (auto v = r.integer("max_queued", 1, 65536))
            s.max_queued = static_cast<int>(*v);
        if (const toml::node* n = r.take("max_body")) {
            std::optional<std::int64_t> bytes;
            if (n->is_integer())
                bytes = n->as_integer()->get();
            else if (n->is_string())
                bytes = parse_size(n->as_string()->get());
            if (!bytes || *bytes < 1024 || *bytes > (std::int64_t{1} << 30))
                r.error(*n, "max_body", "expected a size between 1KiB and 1GiB, such as \"1MiB\"");
            else
                s.max_body_bytes = *bytes;
        }
        wall_seconds(r, "keep_alive_timeout", s.keep_alive_timeout_s);
        wall_seconds(r, "request_timeout", s.request_timeout_s);
        if (auto v = r.boolean("console"))
            s.console = *v;
        r.finish();
    }

    void wall_seconds(TableReader& r, std::string_view key, int& out) {
        if (auto v = r.string(key)) {
            auto secs = parse_wall_seconds(*v);
            if (!secs || *secs <= 0)
                r.error(*r.raw().get(key), key,
                        "expected a duration of at most a day, such as \"10s\", \"5m\" or \"1h\"");
            else
                out = *secs;
        }
    }

    void storage(const toml::table* t, StorageConfig& s) {
        std::string url = "sqlite://redress.db";
        if (t) {
            TableReader r(*t, "storage", sink_);
            if (auto v = r.string("url")) {
                if (v->rfind("sqlite://", 0) == 0 && v->size() > 9)
                    url = *v;
                else if (v->rfind("postgresql://", 0) == 0 || v->rfind("postgres://", 0) == 0)
                    url = *v;
                else
                    r.error(*t->get("url"), "url",
                            "expected \"sqlite://<path>\" or \"postgresql://…\", found \"" + *v +
                                "\"");
            }
            r.finish();
        }
        if (url.rfind("sqlite://", 0) == 0)
            url = "sqlite://" + resolve(url.substr(9)).string();
        s.url = url;
    }

    void log(const toml::table& t, LogConfig& l) {
        TableReader r(t, "log", sink_);
        if (auto v = r.string("level")) {
            static const std::set<std::string> levels{"fatal",  "critical",    "error", "warning",
                                                      "notice", "information", "debug", "trace"};
            if (levels.count(*v))
                l.level = *v;
            else
                r.error(
                    *t.get("level"), "level",
                    "expected one of fatal, critical, error, warning, notice, information, debug, "
                    "trace; found \"" +
                        *v + "\"");
        }
        r.finish();
    }

    void plugins(const toml::table& t, PluginsConfig& p) {
        TableReader r(t, "plugins", sink_);
        if (auto v = r.strings("paths"))
            for (std::size_t i = 0; i < v->size(); ++i) {
                auto dir = resolve((*v)[i]);
                std::error_code ec;
                if (!std::filesystem::is_directory(dir, ec))
                    r.error(*t.get("paths")->as_array()->get(i), "paths[" + std::to_string(i) + "]",
                            "plugin folder " + dir.string() + " does not exist");
                p.paths.push_back(dir);
            }
        if (auto v = r.boolean("builtin"))
            p.builtin = *v;
        wall_seconds(r, "poll_interval", p.poll_interval_s);
        if (auto v = r.integer("failure_threshold", 1, 1000))
            p.failure_threshold = static_cast<int>(*v);
        wall_seconds(r, "failure_backoff", p.failure_backoff_s);
        if (auto v = r.string("catalog"))
            p.catalog = *v;
        r.finish();
    }

    // [[report]]: name, format, every, at, dir, departments, channels, language.
    void reports(const toml::array& list, Config& c) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            const toml::table& t = *list.get(i)->as_table();
            TableReader r(t, "report[" + std::to_string(i) + "]", sink_);
            ReportSchedule s;
            if (auto v = r.string("name")) {
                if (!report::find_report(*v)) {
                    std::string names;
                    for (const auto& d : report::report_definitions())
                        names += (names.empty() ? "" : ", ") + d.name;
                    r.error(*t.get("name"), "name",
                            "no report is named \"" + *v + "\" (reports: " + names + ")");
                }
                s.report = *v;
            } else {
                r.missing("name");
            }
            if (auto v = r.string("format")) {
                static const std::regex re("^[a-z0-9][a-z0-9_-]{0,31}$");
                if (!regex_ok(*v, re))
                    r.error(*t.get("format"), "format",
                            "expected a format such as \"html\", found \"" + *v + "\"");
                s.format = *v;
            }
            if (auto v = r.string("every")) {
                static const std::set<std::string> every{"day",     "month",     "monday",
                                                         "tuesday", "wednesday", "thursday",
                                                         "friday",  "saturday",  "sunday"};
                if (!every.count(*v))
                    r.error(*t.get("every"), "every",
                            "expected \"day\", \"month\" or a weekday such as \"monday\", "
                            "found \"" +
                                *v + "\"");
                s.every = *v;
            }
            if (const toml::node* n = r.take("at")) {
                auto m = parse_clock(*n);
                if (!m || *m >= 24 * 60)
                    r.error(*n, "at", "expected a local time such as \"08:00\"");
                else
                    s.at_minute = *m;
            }
            if (auto v = r.string("dir"))
                s.dir = resolve(*v);
            else
                r.missing("dir");
            if (auto v = r.strings("departments")) {
                for (const auto& d : *v)
                    if (!c.find_department(d))
                        r.error(*t.get("departments"), "departments",
                                "names no department: \"" + d + "\"");
                s.departments = *v;
            }
            if (auto v = r.strings("channels"))
                s.channels = *v;
            if (auto v = r.string("language")) {
                if (*v != "zh" && *v != "en")
                    r.error(*t.get("language"), "language", "expected \"zh\" or \"en\"");
                s.language = *v;
            }
            r.finish();
            c.reports.push_back(std::move(s));
        }
    }

    void departments(const toml::array& list, Config& c) {
        std::map<std::string, std::size_t> ids, prefixes;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const toml::table& t = *list.get(i)->as_table();
            std::string path = "department[" + std::to_string(i) + "]";
            Department d;
            d.currency = c.company.currency;
            d.calendar = c.company.calendar;
            TableReader r(t, path, sink_);

            if (auto v = r.string("id")) {
                static const std::regex re("^[a-z0-9][a-z0-9-]{0,31}$");
                if (!regex_ok(*v, re))
                    r.error(*t.get("id"), "id",
                            "expected lower-case letters, digits and '-', at most 32, found \"" +
                                *v + "\"");
                else if (auto [it, fresh] = ids.emplace(*v, i); !fresh)
                    r.error(*t.get("id"), "id",
                            "duplicate department id \"" + *v + "\" (also department[" +
                                std::to_string(it->second) + "])");
                d.id = *v;
            } else if (!t.get("id")) {
                r.missing("id");
            }
            if (auto v = r.string("name"))
                d.name = *v;
            else if (!t.get("name"))
                r.missing("name");
            if (auto v = r.string("prefix")) {
                static const std::regex re("^[A-Z]{1,4}$");
                if (!regex_ok(*v, re))
                    r.error(*t.get("prefix"), "prefix",
                            "expected 1 to 4 capital letters such as \"AS\", found \"" + *v + "\"");
                else if (auto [it, fresh] = prefixes.emplace(*v, i); !fresh)
                    r.error(*t.get("prefix"), "prefix",
                            "duplicate tracking prefix \"" + *v + "\" (also department[" +
                                std::to_string(it->second) + "])");
                d.prefix = *v;
            } else if (!t.get("prefix")) {
                r.missing("prefix");
            }
            if (auto v = r.strings("channels")) {
                std::set<std::string> seen;
                for (std::size_t j = 0; j < v->size(); ++j)
                    if (!seen.insert((*v)[j]).second)
                        r.error(*t.get("channels")->as_array()->get(j),
                                "channels[" + std::to_string(j) + "]",
                                "channel \"" + (*v)[j] + "\" listed twice");
                d.channels = *v;
            }
            if (auto v = r.string("currency"))
                currency(r, "currency", *v, d.currency);
            if (auto sla = r.table("sla"))
                this->sla(*sla, path + ".sla", d.sla);
            if (auto a = r.table("approval"))
                approval(*a, path + ".approval", d.approval);
            if (auto cal = r.table("calendar"))
                calendar(*cal, path + ".calendar", d.calendar);
            if (auto v = r.strings("policies")) {
                std::set<std::string> seen;
                for (std::size_t j = 0; j < v->size(); ++j)
                    if (!seen.insert((*v)[j]).second)
                        r.error(*t.get("policies")->as_array()->get(j),
                                "policies[" + std::to_string(j) + "]",
                                "policy \"" + (*v)[j] + "\" listed twice");
                d.policies = *v;
            }
            if (auto b = r.table("budget")) {
                TableReader br(*b, path + ".budget", sink_);
                if (auto v = br.integer("monthly", 0, max_money))
                    d.monthly_budget = *v;
                br.finish();
            }
            r.finish();
            c.departments.push_back(std::move(d));
        }
    }

    void sla(const toml::table& t, const std::string& path, SlaTargets& s) {
        TableReader r(t, path, sink_);
        for (const char* key : {"first_response", "resolution"}) {
            if (auto v = r.string(key)) {
                if (auto d = parse_business_duration(*v))
                    (std::string_view(key) == "first_response" ? s.first_response : s.resolution) =
                        *d;
                else
                    r.error(*t.get(key), key,
                            "expected a business duration such as \"4h\", \"3d\" or \"1d4h\", "
                            "found \"" +
                                *v + "\"");
            }
        }
        r.finish();
    }

    static std::map<std::string, RemedyDispatch> default_remedies() {
        // Due times as a department would promise them; everything is carried out
        // by the complaint's own department until [remedies] says otherwise.
        return {
            {"replacement", {"", {2, 0}, "agent"}},    {"refund", {"", {3, 0}, "agent"}},
            {"gift", {"", {5, 0}, "agent"}},           {"voucher", {"", {1, 0}, "agent"}},
            {"apology", {"", {0, 4 * 60}, "agent"}},   {"senior_call", {"", {1, 0}, "supervisor"}},
            {"senior_visit", {"", {5, 0}, "manager"}}, {"plant_visit", {"", {10, 0}, "manager"}}};
    }

    // [remedies.<name>]: department (checked once every department is read), due, approval.
    void remedies(const toml::table& t, Config& c) {
        TableReader r(t, "remedies", sink_);
        for (auto&& [key, node] : t) {
            std::string name(key.str());
            const toml::table* entry = r.table(name);
            if (!entry)
                continue;
            auto it = c.remedies.find(name);
            if (it == c.remedies.end()) {
                std::string known;
                for (const auto& [k, v] : c.remedies)
                    known += (known.empty() ? "" : ", ") + k;
                r.error(node, name, "unknown remedy \"" + name + "\" (remedies: " + known + ")");
                continue;
            }
            std::string path = "remedies." + name;
            TableReader er(*entry, path, sink_);
            RemedyDispatch& d = it->second;
            if (auto v = er.string("department")) {
                if (!c.find_department(*v)) {
                    std::string ids;
                    for (const auto& dep : c.departments)
                        ids += (ids.empty() ? "" : ", ") + dep.id;
                    er.error(*entry->get("department"), "department",
                             "names no department: \"" + *v + "\" (departments: " + ids + ")");
                }
                d.department = *v;
            }
            if (auto v = er.string("due")) {
                if (auto due = parse_business_duration(*v))
                    d.due = *due;
                else
                    er.error(*entry->get("due"), "due",
                             "expected a business duration such as \"4h\", \"3d\" or \"1d4h\", "
                             "found \"" +
                                 *v + "\"");
            }
            if (auto v = er.string("approval")) {
                if (*v != "agent" && *v != "supervisor" && *v != "manager" && *v != "executive")
                    er.error(*entry->get("approval"), "approval",
                             "expected \"agent\", \"supervisor\", \"manager\" or \"executive\", "
                             "found \"" +
                                 *v + "\"");
                else
                    d.approval = *v;
            }
            er.finish();
        }
        r.finish();
    }

    void approval(const toml::table& t, const std::string& path, ApprovalLimits& a) {
        TableReader r(t, path, sink_);
        if (auto v = r.integer("agent", 0, max_money))
            a.agent = *v;
        if (auto v = r.integer("supervisor", 0, max_money))
            a.supervisor = *v;
        if (auto v = r.integer("manager", 0, max_money))
            a.manager = *v;
        if (a.agent > a.supervisor || a.supervisor > a.manager)
            sink_.at(t.source(), path,
                     "limits must not fall as the level rises (agent <= supervisor <= manager)");
        r.finish();
    }

    std::filesystem::path file_;
    ErrorSink& sink_;
};

struct Document {
    toml::table root;
};

} // namespace

ParsedConfig parse_config_text(std::string_view text, const std::filesystem::path& file,
                               std::vector<ConfigError>& errors) {
    ParsedConfig out;
    out.config.file = file;
    ErrorSink sink(file.string(), errors);
    auto doc = std::make_shared<Document>();
    try {
        doc->root = toml::parse(text, file.string());
    } catch (const toml::parse_error& e) {
        sink.at(e.source(), "", std::string(e.description()));
        return out;
    }
    out.config = Parser(file, sink).parse(doc->root);
    out.document = doc;
    return out;
}

ParsedConfig parse_config(const std::filesystem::path& file, std::vector<ConfigError>& errors) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        errors.push_back({file.string(), 0, 0, "",
                          "cannot open config file: " + std::string(std::strerror(errno))});
        return {};
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parse_config_text(buffer.str(), file, errors);
}

void check_against_plugins(ParsedConfig& parsed, const PluginRegistry& registry,
                           std::vector<ConfigError>& errors) {
    Config& c = parsed.config;
    ErrorSink sink(c.file.string(), errors);
    const auto* doc = static_cast<const Document*>(parsed.document.get());
    if (!doc)
        return;

    // Channels each department enables must be provided by a loaded plugin.
    std::string known;
    for (const auto& ch : registry.channels())
        known += (known.empty() ? "" : ", ") + ch;
    if (const auto* list = doc->root.get_as<toml::array>("department"))
        for (std::size_t i = 0; i < list->size() && i < c.departments.size(); ++i) {
            const auto* channels = list->get(i)->as_table()->get_as<toml::array>("channels");
            for (std::size_t j = 0; channels && j < c.departments[i].channels.size(); ++j) {
                const std::string& ch = c.departments[i].channels[j];
                if (!registry.find_channel(ch))
                    sink.at(channels->get(j)->source(),
                            "department[" + std::to_string(i) + "].channels[" + std::to_string(j) +
                                "]",
                            "unknown channel \"" + ch + "\" (" +
                                (known.empty() ? "no intake plugin is loaded"
                                               : "loaded channels: " + known) +
                                ")");
            }
        }

    // The catalog named in [plugins] must be a loaded catalog plugin.
    if (!c.plugins.catalog.empty()) {
        auto lib = registry.find(c.plugins.catalog);
        if (!lib || !(lib->families() & REDRESS_FAMILY_CATALOG)) {
            std::string catalogs;
            for (const auto& l : registry.libraries())
                if (l->families() & REDRESS_FAMILY_CATALOG)
                    catalogs += (catalogs.empty() ? "" : ", ") + l->name();
            const toml::node* at = doc->root["plugins"]["catalog"].node();
            sink.at(at ? at->source() : toml::source_region{}, "plugins.catalog",
                    "no catalog plugin named \"" + c.plugins.catalog + "\" is loaded (" +
                        (catalogs.empty() ? "none is" : "loaded catalogs: " + catalogs) + ")");
        }
    }

    // Policies each department runs must be loaded compensation plugins.
    std::string policies;
    for (const auto& lib : registry.libraries())
        if (lib->families() & REDRESS_FAMILY_COMPENSATION)
            policies += (policies.empty() ? "" : ", ") + lib->name();
    if (const auto* list = doc->root.get_as<toml::array>("department"))
        for (std::size_t i = 0; i < list->size() && i < c.departments.size(); ++i) {
            const auto* names = list->get(i)->as_table()->get_as<toml::array>("policies");
            for (std::size_t j = 0; names && j < c.departments[i].policies.size(); ++j) {
                const std::string& name = c.departments[i].policies[j];
                auto lib = registry.find(name);
                if (!lib || !(lib->families() & REDRESS_FAMILY_COMPENSATION))
                    sink.at(names->get(j)->source(),
                            "department[" + std::to_string(i) + "].policies[" + std::to_string(j) +
                                "]",
                            "unknown compensation policy \"" + name + "\" (" +
                                (policies.empty() ? "no compensation plugin is loaded"
                                                  : "loaded policies: " + policies) +
                                ")");
            }
        }

    // [plugin.<name>] sections against their plugin's schema.
    const auto* sections = doc->root.get_as<toml::table>("plugin");
    if (sections)
        for (auto&& [name, node] : *sections) {
            std::string path = "plugin." + std::string(name.str());
            if (!registry.find(name.str())) {
                std::string loaded;
                for (const auto& l : registry.libraries())
                    loaded += (loaded.empty() ? "" : ", ") + l->name();
                sink.at(name.source(), path,
                        "no plugin named \"" + std::string(name.str()) + "\" is loaded (" +
                            (loaded.empty() ? "none are" : "loaded: " + loaded) + ")");
            } else if (!node.is_table()) {
                sink.at(node.source(), path, "expected a table");
            }
        }
    for (const auto& lib : registry.libraries()) {
        const toml::table* section = nullptr;
        if (sections)
            if (const toml::node* n = sections->get(lib->name()); n && n->is_table())
                section = n->as_table();
        static const toml::table empty;
        c.plugin_configs[lib->name()] = plugin_section::validate(
            section ? *section : empty, "plugin." + lib->name(), lib->config_keys(),
            std::filesystem::absolute(c.file).parent_path(), sink);
    }
}

Config load_config(const std::filesystem::path& file, PluginRegistry& registry,
                   const std::vector<std::filesystem::path>& builtin_dirs) {
    std::vector<ConfigError> errors;
    ParsedConfig parsed = parse_config(file, errors);
    if (parsed.document) {
        if (parsed.config.plugins.builtin)
            for (const auto& dir : builtin_dirs)
                if (std::filesystem::is_directory(dir))
                    registry.load_directory(dir);
        for (const auto& dir : parsed.config.plugins.paths)
            registry.load_directory(dir);
        check_against_plugins(parsed, registry, errors);
    }
    if (!errors.empty())
        throw ConfigErrors(std::move(errors));
    return std::move(parsed.config);
}

} // namespace redress::core
