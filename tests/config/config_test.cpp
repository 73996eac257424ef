// Config loading: a good file gives typed values with defaults; every kind of
// mistake gives "file:line:column: key: message", and all of them are reported.
#include "../test_support.hpp"

#include <gtest/gtest.h>
#include <redress/core/config/config_loader.hpp>

using namespace redress::core;
using redress::test::fixture;
using redress::test::TempDir;

namespace {

// A valid minimal config the cases below break one line at a time.
const std::string minimal = R"([[department]]
id = "after-sales"
name = "售后服务部"
prefix = "AS"
channels = ["hello"]
)";

struct Loaded {
    ParsedConfig parsed;
    std::vector<std::string> errors;
};

Loaded load(const std::string& text) {
    PluginRegistry registry;
    registry.load_file(fixture("fixture_intake"));
    registry.load_file(fixture("fixture_policy"));
    std::vector<ConfigError> errors;
    Loaded out;
    out.parsed = parse_config_text(text, "/etc/redress/x.toml", errors);
    check_against_plugins(out.parsed, registry, errors);
    for (const auto& e : errors)
        out.errors.push_back(e.to_string());
    return out;
}

std::vector<std::string> errors_of(const std::string& text) {
    return load(text).errors;
}

} // namespace

TEST(Config, MinimalConfigLoadsWithDefaults) {
    auto l = load(minimal);
    ASSERT_TRUE(l.errors.empty()) << l.errors.front();
    const Config& c = l.parsed.config;
    EXPECT_EQ(c.server.port, 8080);
    EXPECT_EQ(c.server.host, "127.0.0.1");
    EXPECT_TRUE(c.server.console);
    EXPECT_EQ(c.storage.url, "sqlite:///etc/redress/redress.db");
    ASSERT_EQ(c.departments.size(), 1u);
    EXPECT_EQ(c.departments[0].name, "售后服务部");
    EXPECT_EQ(c.departments[0].currency, "CNY");
    EXPECT_EQ(c.departments[0].calendar.timezone, "Asia/Shanghai");
    EXPECT_EQ(c.departments[0].sla.first_response, (BusinessDuration{0, 240}));
    // The plugin's section is absent, so its declared defaults apply.
    const Record& intake = c.plugin_configs.at("fixture-intake");
    EXPECT_EQ(intake.string("greeting"), "你好");
    EXPECT_EQ(intake.integer("limit"), 10);
    EXPECT_EQ(c.plugin_configs.at("fixture-policy").integer("cap_minor"), 100000);
}

TEST(Config, FullConfigIsTyped) {
    auto l = load(R"([company]
name = "华东家电"
currency = "USD"
calendar = { timezone = "Europe/Berlin", days = ["mon", "sat"], open = "08:30", close = 17:00:00, holidays = [2026-12-25, "2026-12-26"] }

[server]
port = 0
threads = 4
max_body = "64KiB"
keep_alive_timeout = "2m"
console = false

[storage]
url = "postgresql://redress@127.0.0.1/redress"

[plugins]
paths = ["/tmp", "/usr/lib"]

[[department]]
id = "after-sales"
name = "售后服务部"
prefix = "AS"
channels = ["hello", "hello-fax"]
sla = { first_response = "1d4h30m", resolution = "3d" }
approval = { agent = 100, supervisor = 200, manager = 300 }
calendar = { timezone = "Asia/Shanghai" }

[plugin.fixture-intake]
greeting = "早上好"
tags = ["a", "b"]
mailbox = [{ host = "127.0.0.1", port = 1110 }, { host = "::1" }]
)");
    ASSERT_TRUE(l.errors.empty()) << l.errors.front();
    const Config& c = l.parsed.config;
    EXPECT_EQ(c.server.port, 0);
    EXPECT_EQ(c.server.max_body_bytes, 64 * 1024);
    EXPECT_EQ(c.server.keep_alive_timeout_s, 120);
    EXPECT_FALSE(c.server.console);
    EXPECT_EQ(c.storage.url, "postgresql://redress@127.0.0.1/redress");
    EXPECT_EQ(c.plugins.paths, (std::vector<std::filesystem::path>{"/tmp", "/usr/lib"}));
    const Department& d = c.departments[0];
    EXPECT_EQ(d.currency, "USD");
    EXPECT_EQ(d.sla.first_response, (BusinessDuration{1, 270}));
    EXPECT_EQ(d.approval.manager, 300);
    // Department calendar overrides the time zone only; the rest is the company's.
    EXPECT_EQ(d.calendar.timezone, "Asia/Shanghai");
    EXPECT_EQ(d.calendar.open_minute, 8 * 60 + 30);
    EXPECT_EQ(d.calendar.close_minute, 17 * 60);
    EXPECT_EQ(d.calendar.days.size(), 2u);
    EXPECT_EQ(d.calendar.holidays.size(), 2u);
    const Record& intake = c.plugin_configs.at("fixture-intake");
    EXPECT_EQ(intake.string("greeting"), "早上好");
    EXPECT_EQ(intake.count("tags"), 2u);
    ASSERT_EQ(intake.count("mailbox"), 2u);
    const auto& second = std::get<std::unique_ptr<Record>>(*intake.get("mailbox", 1));
    EXPECT_EQ(second->string("host"), "::1");
    EXPECT_EQ(second->integer("port"), 110); // default inside a table list
}

TEST(Config, ExampleCompanyConfigIsValid) {
    PluginRegistry registry;
    // Its channels come from the shipped plugins.
    Config c =
        load_config(REDRESS_SOURCE_DIR "/examples/company.toml", registry, {REDRESS_PLUGIN_DIR});
    EXPECT_EQ(c.departments.size(), 5u); // three take complaints, two carry out remedies
    EXPECT_EQ(c.departments[1].name, "客户服务中心");
    EXPECT_EQ(c.departments[0].policies, (std::vector<std::string>{"goodwill", "rules"}));
    EXPECT_EQ(c.departments[0].monthly_budget, 50000'00);
    EXPECT_EQ(c.remedies.at("replacement").department, "warehouse");
    EXPECT_EQ(c.remedies.at("plant_visit").approval, "manager");
    EXPECT_EQ(c.departments[1].calendar.days.size(), 6u);
    EXPECT_EQ(c.departments[1].calendar.holidays.size(), 11u); // inherited from the company
    EXPECT_TRUE(c.server.console);                             // shown commented, as the default
}

// ---- Bad configs: one per kind, exact position and message ----------------

TEST(Config, ScheduledReportsAreTypedWithTheirFolderResolved) {
    auto l = load(minimal + "[[report]]\nname = \"weekly\"\nformat = \"xlsx\"\nevery = "
                            "\"monday\"\nat = \"07:30\"\ndir = \"reports\"\n"
                            "departments = [\"after-sales\"]\nlanguage = \"en\"\n");
    ASSERT_TRUE(l.errors.empty()) << l.errors.front();
    ASSERT_EQ(l.parsed.config.reports.size(), 1u);
    const ReportSchedule& r = l.parsed.config.reports[0];
    EXPECT_EQ(r.report, "weekly");
    EXPECT_EQ(r.format, "xlsx");
    EXPECT_EQ(r.every, "monday");
    EXPECT_EQ(r.at_minute, 7 * 60 + 30);
    EXPECT_EQ(r.dir, "/etc/redress/reports");
    EXPECT_EQ(r.departments, std::vector<std::string>{"after-sales"});
    EXPECT_EQ(r.language, "en");
}

TEST(ConfigErrors, ScheduledReportsAreCheckedKeyByKey) {
    auto e = errors_of(minimal + "[[report]]\nname = \"nightly\"\nevery = \"fortnight\"\n"
                                 "at = \"25:00\"\ndepartments = [\"nowhere\"]\n"
                                 "language = \"fr\"\nformat = \"PDF!\"\ncolour = 1\n");
    std::string all;
    for (const auto& s : e)
        all += s + "\n";
    for (const char* text :
         {"report[0].name: no report is named \"nightly\" (reports: weekly, monthly",
          "report[0].every: expected \"day\", \"month\" or a weekday",
          "report[0].at: expected a local time", "report[0].departments: names no department",
          "report[0].language: expected \"zh\" or \"en\"", "report[0].format: expected a format",
          "report[0].colour: unknown key", "report[0].dir: "})
        EXPECT_NE(all.find(text), std::string::npos) << text << " in\n" << all;
}

TEST(ConfigErrors, SyntaxError) {
    auto e = errors_of("[server\nport = 1\n");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].rfind("/etc/redress/x.toml:1:8: ", 0), 0u) << e[0];
}

TEST(ConfigErrors, UnknownTopLevelKey) {
    auto e = errors_of("colour = \"red\"\n" + minimal);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0], "/etc/redress/x.toml:1:1: colour: unknown key (expected one of: company, "
                    "department, log, plugin, plugins, remedies, report, server, sla, storage)");
}

TEST(ConfigErrors, UnknownKeyInATableSuggestsTheKnownOnes) {
    auto e = errors_of("[server]\nprot = 80\n" + minimal);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0], "/etc/redress/x.toml:2:1: server.prot: unknown key (expected one of: "
                    "console, host, keep_alive_timeout, max_body, max_queued, port, "
                    "request_timeout, threads)");
}

TEST(ConfigErrors, ConsoleSwitchIsTrueOrFalse) {
    auto e = errors_of("[server]\nconsole = \"off\"\n" + minimal);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0], "/etc/redress/x.toml:2:11: server.console: expected true or false, found "
                    "string");
    e = errors_of("[server]\nconsole = 0\n" + minimal);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0], "/etc/redress/x.toml:2:11: server.console: expected true or false, found "
                    "integer");
}

TEST(ConfigErrors, WrongType) {
    auto e = errors_of("[server]\nport = \"eighty\"\n" + minimal);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0], "/etc/redress/x.toml:2:8: server.port: expected an integer, found string");
}

TEST(ConfigErrors, ValueOutOfRange) {
    auto e = errors_of("[server]\nport = 70000\n" + minimal);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0],
              "/etc/redress/x.toml:2:8: server.port: must be between 0 and 65535, found 70000");
}

TEST(ConfigErrors, DuplicateDepartmentIdAndPrefix) {
    auto e = errors_of(minimal +
                       "[[department]]\nid = \"after-sales\"\nname = \"x\"\nprefix = \"AS\"\n");
    ASSERT_EQ(e.size(), 2u);
    EXPECT_EQ(e[0], "/etc/redress/x.toml:7:6: department[1].id: duplicate department id "
                    "\"after-sales\" (also department[0])");
    EXPECT_EQ(e[1], "/etc/redress/x.toml:9:10: department[1].prefix: duplicate tracking prefix "
                    "\"AS\" (also department[0])");
}

TEST(ConfigErrors, UnknownChannelNamesTheLoadedOnes) {
    auto e = errors_of("[[department]]\nid = \"a\"\nname = \"A\"\nprefix = \"A\"\nchannels = "
                       "[\"hello\", \"fax\"]\n");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0], "/etc/redress/x.toml:5:22: department[0].channels[1]: unknown channel \"fax\" "
                    "(loaded channels: hello, hello-fax)");
}

TEST(ConfigErrors, DuplicateChannel) {
    auto e = errors_of("[[department]]\nid = \"a\"\nname = \"A\"\nprefix = \"A\"\nchannels = "
                       "[\"hello\", \"hello\"]\n");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(
        e[0],
        "/etc/redress/x.toml:5:22: department[0].channels[1]: channel \"hello\" listed twice");
}

TEST(ConfigErrors, BadSlaDuration) {
    auto e = errors_of(minimal + "sla = { first_response = \"4 hours\" }\n");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0], "/etc/redress/x.toml:6:26: department[0].sla.first_response: expected a "
                    "business duration such as \"4h\", \"3d\" or \"1d4h\", found \"4 hours\"");
}

TEST(ConfigErrors, UnknownTimeZone) {
    auto e = errors_of("[company.calendar]\ntimezone = \"Mars/Olympus\"\n" + minimal);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0], "/etc/redress/x.toml:2:12: company.calendar.timezone: unknown time zone "
                    "\"Mars/Olympus\" (expected an IANA name such as \"Asia/Shanghai\")");
}

TEST(ConfigErrors, ApprovalLimitsThatFallWithTheLevel) {
    auto e = errors_of(minimal + "approval = { supervisor = 900, manager = 100 }\n");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0], "/etc/redress/x.toml:6:12: department[0].approval: limits must not fall as "
                    "the level rises (agent <= supervisor <= manager)");
}

TEST(ConfigErrors, MissingRequiredDepartmentKeys) {
    auto e = errors_of("[[department]]\nid = \"a\"\n");
    ASSERT_EQ(e.size(), 2u);
    EXPECT_EQ(e[0], "/etc/redress/x.toml:1:1: department[0].name: missing required key");
    EXPECT_EQ(e[1], "/etc/redress/x.toml:1:1: department[0].prefix: missing required key");
}

TEST(ConfigErrors, BadPrefixAndId) {
    auto e = errors_of("[[department]]\nid = \"After Sales\"\nname = \"A\"\nprefix = \"as1\"\n");
    ASSERT_EQ(e.size(), 2u);
    EXPECT_EQ(e[0], "/etc/redress/x.toml:2:6: department[0].id: expected lower-case letters, "
                    "digits and '-', at most 32, found \"After Sales\"");
    EXPECT_EQ(e[1], "/etc/redress/x.toml:4:10: department[0].prefix: expected 1 to 4 capital "
                    "letters such as \"AS\", found \"as1\"");
}

TEST(ConfigErrors, BadHolidayAndOpeningHours) {
    auto e = errors_of(
        "[company.calendar]\nholidays = [\"2026-02-30\"]\nopen = \"19:00\"\nclose = \"18:00\"\n" +
        minimal);
    ASSERT_EQ(e.size(), 2u);
    EXPECT_EQ(e[0], "/etc/redress/x.toml:1:1: company.calendar: open must be before close");
    EXPECT_EQ(e[1], "/etc/redress/x.toml:2:13: company.calendar.holidays[0]: expected a date such "
                    "as 2026-10-01");
}

TEST(ConfigErrors, BadLogLevelAndStorageUrl) {
    auto e = errors_of("[log]\nlevel = \"verbose\"\n[storage]\nurl = \"mysql://db\"\n" + minimal);
    ASSERT_EQ(e.size(), 2u);
    EXPECT_EQ(e[0], "/etc/redress/x.toml:4:7: storage.url: expected \"sqlite://<path>\" or "
                    "\"postgresql://…\", found \"mysql://db\"");
    EXPECT_EQ(e[1].rfind("/etc/redress/x.toml:2:9: log.level: expected one of fatal", 0), 0u)
        << e[1];
}

TEST(ConfigErrors, PluginSectionUnknownKey) {
    auto e = errors_of(minimal + "[plugin.fixture-intake]\ngreting = \"hi\"\n");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0], "/etc/redress/x.toml:7:1: plugin.fixture-intake.greting: unknown key "
                    "(expected one of: enabled, greeting, limit, mailbox, ratio, tags)");
}

TEST(ConfigErrors, PluginSectionWrongTypes) {
    auto e = errors_of(minimal + "[plugin.fixture-intake]\ngreeting = 5\ntags = [\"a\", 2]\n");
    ASSERT_EQ(e.size(), 2u);
    EXPECT_EQ(e[0], "/etc/redress/x.toml:7:12: plugin.fixture-intake.greeting: expected a string, "
                    "found integer");
    EXPECT_EQ(e[1], "/etc/redress/x.toml:8:14: plugin.fixture-intake.tags[1]: expected an array "
                    "of strings, found an element of type integer");
}

TEST(ConfigErrors, PluginSectionMissingRequiredKeyInTableList) {
    auto e = errors_of(minimal + "[[plugin.fixture-intake.mailbox]]\nport = 995\n");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(
        e[0],
        "/etc/redress/x.toml:6:1: plugin.fixture-intake.mailbox[0].host: missing required key");
}

TEST(ConfigErrors, SectionForAPluginThatIsNotLoaded) {
    auto e = errors_of(minimal + "[plugin.e-mail]\nhost = \"x\"\n");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0], "/etc/redress/x.toml:6:9: plugin.e-mail: no plugin named \"e-mail\" is loaded "
                    "(loaded: fixture-intake, fixture-policy)");
}

TEST(ConfigErrors, NoDepartment) {
    auto e = errors_of("[server]\nport = 1\n");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_NE(e[0].find("department: at least one [[department]] is required"), std::string::npos)
        << e[0];
}

TEST(ConfigErrors, EveryErrorIsReportedNotOnlyTheFirst) {
    auto e = errors_of(R"([server]
port = -1
threads = "many"
[log]
level = 3
[[department]]
id = "a"
name = "A"
prefix = "A"
channels = ["nope"]
sla = { resolution = "soon" }
)");
    EXPECT_EQ(e.size(), 5u);
}

TEST(ConfigErrors, LoadConfigReportsBothPhasesInFileOrder) {
    TempDir dir;
    auto file = dir.write("x.toml", "[[department]]\nid = \"a\"\nname = \"A\"\nprefix = \"A\"\n"
                                    "channels = [\"fax\"]\nsla = { first_response = \"soon\" }\n");
    PluginRegistry registry;
    try {
        load_config(file, registry);
        FAIL();
    } catch (const ConfigErrors& e) {
        ASSERT_EQ(e.errors().size(), 2u);
        EXPECT_EQ(e.errors()[0].line, 5); // phase 2: unknown channel
        EXPECT_EQ(e.errors()[1].line, 6); // phase 1: bad duration
        EXPECT_EQ(
            std::string(e.what()).rfind("2 config error(s):\n  " + file.string() + ":5:13: ", 0),
            0u);
    }
}

TEST(ConfigErrors, MissingFile) {
    PluginRegistry registry;
    try {
        load_config("/nonexistent/redress.toml", registry);
        FAIL();
    } catch (const ConfigErrors& e) {
        ASSERT_EQ(e.errors().size(), 1u);
        EXPECT_EQ(e.errors()[0].to_string(),
                  "/nonexistent/redress.toml: cannot open config file: No such file or directory");
    }
}

TEST(ConfigErrors, LongAndHugeValuesAreErrorsNotCrashes) {
    // libstdc++'s regex recursed per character: 30,000 spaces overflowed the stack.
    std::string spaces(30000, ' ');
    auto e = errors_of(minimal + "sla = { first_response = \"" + spaces + "4h\" }\n");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_NE(e[0].find("department[0].sla.first_response: expected a business duration"),
              std::string::npos);
    e = errors_of("[server]\nrequest_timeout = \"" + spaces +
                  "10s\"\nmax_body = \"17179869185GiB\"\n"
                  "keep_alive_timeout = \"999999h\"\n" +
                  minimal);
    ASSERT_EQ(e.size(), 3u);
    EXPECT_NE(e[0].find("3:12: server.max_body: expected a size between 1KiB and 1GiB"),
              std::string::npos)
        << e[0];
    EXPECT_NE(e[1].find("4:22: server.keep_alive_timeout: expected a duration of at most a day"),
              std::string::npos)
        << e[1];
    EXPECT_NE(e[2].find("2:19: server.request_timeout: expected a duration of at most a day"),
              std::string::npos)
        << e[2];
    e = errors_of("[[department]]\nid = \"" + std::string(100000, 'a') +
                  "\"\nname = \"A\"\nprefix = \"A\"\n");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_NE(e[0].find("department[0].id: expected lower-case letters"), std::string::npos);
}

TEST(ConfigErrors, MissingPluginFolder) {
    auto e = errors_of("[plugins]\npaths = [\"/etc\", \"no-such-plugins\"]\n" + minimal);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0], "/etc/redress/x.toml:2:18: plugins.paths[1]: plugin folder "
                    "/etc/redress/no-such-plugins does not exist");
}

TEST(ConfigErrors, HostileInputDoesNotCrash) {
    // Deep nesting, huge numbers, invalid UTF-8, NUL bytes.
    for (std::string text :
         {std::string(5000, '['), std::string("x = 99999999999999999999999\n"),
          std::string("name = \"\xff\xfe\"\n"), std::string("a = \"b\0c\"\n", 11),
          std::string("[[department]]\n") + std::string(100000, 'x')}) {
        auto e = errors_of(text);
        EXPECT_FALSE(e.empty());
    }
}

TEST(ConfigErrors, CompensationKeysAreChecked) {
    auto e = errors_of(R"([[department]]
id = "after-sales"
name = "售后服务部"
prefix = "AS"
channels = ["hello"]
policies = ["fixture-policy", "fixture-intake", "fixture-policy"]
budget = { monthly = -5 }
currency = "JPY"
[remedies]
pony = { due = "1d" }
refund = { department = "finance", due = "soon", approval = "boss" }
)");
    std::string all;
    for (const auto& s : e)
        all += s + "\n";
    for (const char* expected : {
             "x.toml:6:49: department[0].policies[2]: policy \"fixture-policy\" listed twice",
             "x.toml:7:22: department[0].budget.monthly: ",
             "x.toml:8:12: department[0].currency: currency \"JPY\" does not have two decimal "
             "places",
             "x.toml:10:8: remedies.pony: unknown remedy \"pony\"",
             "x.toml:11:25: remedies.refund.department: names no department: \"finance\"",
             "x.toml:11:42: remedies.refund.due: expected a business duration",
             "x.toml:11:61: remedies.refund.approval: expected \"agent\", \"supervisor\"",
             "department[0].policies[1]: unknown compensation policy \"fixture-intake\" (loaded "
             "policies: fixture-policy)",
         })
        EXPECT_NE(all.find(expected), std::string::npos) << expected << "\nin:\n" << all;
}

TEST(Config, CompensationKeysLoad) {
    auto l = load(minimal + "policies = [\"fixture-policy\"]\nbudget = { monthly = 300_00 }\n"
                            "[remedies]\nrefund = { department = \"after-sales\", due = \"4h\", "
                            "approval = \"manager\" }\n");
    ASSERT_TRUE(l.errors.empty()) << l.errors[0];
    const Config& c = l.parsed.config;
    EXPECT_EQ(c.departments[0].policies, std::vector<std::string>{"fixture-policy"});
    EXPECT_EQ(c.departments[0].monthly_budget, 300'00);
    EXPECT_EQ(c.remedies.size(), 8u); // every remedy, defaults filled
    EXPECT_EQ(c.remedies.at("refund").due, (BusinessDuration{0, 240}));
    EXPECT_EQ(c.remedies.at("refund").approval, "manager");
    EXPECT_EQ(c.remedies.at("senior_visit").approval, "manager"); // a default
}
