// Report generation against the bare SQL it needs, on a database filled by
// bench_report_data. One run:
//   1. renders the report once through the reporter plugin (warm-up), noting
//      every query the metrics ran;
//   2. alternately replays those queries (reading and dropping the rows) and
//      renders the whole report to a file, --repeat times each;
//   3. prints the best of each, their ratio and the process's peak RSS.
// Run one format per process so peak RSS belongs to it (bench/report/run.sh).
//
//   bench_report --db /tmp/1m.db --format html [--report weekly] [--from D --to D]
//                [--granularity week] [--repeat 3] [--out /tmp/report.html]
#include <Poco/Logger.h>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <redress/core/config/config_loader.hpp>
#include <redress/core/plugin/plugin_instance.hpp>
#include <redress/core/plugin/plugin_library.hpp>
#include <redress/core/plugin/plugin_registry.hpp>
#include <redress/core/report/report_definitions.hpp>
#include <redress/core/report/report_engine.hpp>
#include <redress/core/report/report_renderer.hpp>
#include <redress/core/sla/business_clock.hpp>
#include <redress/core/store/store.hpp>
#include <sys/resource.h>

using namespace redress::core;
using namespace redress::core::report;

namespace {

struct Query {
    std::string sql;
    std::vector<SqlValue> params;
    std::vector<SqlType> columns;
};

class NullWriter final : public TableWriter {
public:
    void table(const TableSpec&) override {}
    void row(const std::vector<Cell>&) override {}
};

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

long peak_rss_kib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

std::string arg(int argc, char** argv, const char* name, const std::string& fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return fallback;
}

} // namespace

int main(int argc, char** argv) try {
    const std::string db = arg(argc, argv, "--db", "");
    if (db.empty()) {
        std::cerr << "usage: bench_report --db FILE.db --format csv|json|html|xlsx [--report "
                     "weekly] [--from D --to D] [--granularity G] [--repeat N] [--out FILE]\n";
        return 2;
    }
    const std::string format = arg(argc, argv, "--format", "csv");
    const int repeat = std::stoi(arg(argc, argv, "--repeat", "3"));
    const std::string out_file = arg(argc, argv, "--out", "/tmp/bench_report." + format);

    std::vector<ConfigError> errors;
    ParsedConfig parsed = parse_config(BENCH_DEFAULT_CONFIG, errors);
    Config config = parsed.config;
    auto store = open_store("sqlite://" + db, 4);

    ReportRequest request;
    request.name = arg(argc, argv, "--report", "weekly");
    const ReportDefinition* def = find_report(request.name);
    if (!def)
        throw std::runtime_error("no report " + request.name);
    request.from = *parse_date(arg(argc, argv, "--from", "2025-01-01"));
    request.to = *parse_date(arg(argc, argv, "--to", "2025-12-31"));
    request.granularity = *parse_granularity(
        arg(argc, argv, "--granularity", std::string(to_string(def->granularity))));

    const std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    ReportEngine engine(*store, config, now);
    std::vector<Query> queries;
    engine.set_query_observer(
        [&](const std::string& sql, const std::vector<SqlValue>& p, const std::vector<SqlType>& c) {
            queries.push_back({sql, p, c});
        });

    auto lib =
        PluginLibrary::load(std::filesystem::path(BENCH_PLUGIN_DIR) / ("report_" + format + ".so"));
    auto reporter =
        PluginInstance::create(lib, Record{}, Poco::Logger::get("bench"), [now] { return now; });
    Record params;
    params.set("report", request.name).set("title", def->title("zh")).set("language", "zh");
    params.set("from", date_text(request.from)).set("to", date_text(request.to));
    params.set("granularity", std::string(to_string(request.granularity)));
    params.set("timezone", config.company.calendar.timezone).set("company", config.company.name);
    params.set("generated_at", BusinessClock(config.company.calendar).local_text(now));

    std::size_t bytes = 0;
    auto render_once = [&] {
        std::ofstream file(out_file, std::ios::binary | std::ios::trunc);
        bytes = 0;
        render(engine, request, params, *reporter, [&](std::string_view b) {
            file.write(b.data(), static_cast<std::streamsize>(b.size()));
            bytes += b.size();
            return static_cast<bool>(file);
        });
    };
    auto t0 = std::chrono::steady_clock::now();
    render_once(); // warm-up; records the queries
    const double first = seconds_since(t0);
    engine.set_query_observer({});

    double best_sql = 1e9, best_report = 1e9;
    std::size_t rows = 0;
    for (int i = 0; i < repeat; ++i) {
        auto t = std::chrono::steady_clock::now();
        rows = 0;
        for (const auto& q : queries)
            store->read_rows(q.sql, q.params, q.columns,
                             [&](const std::vector<SqlValue>&) { ++rows; });
        best_sql = std::min(best_sql, seconds_since(t));
        t = std::chrono::steady_clock::now();
        render_once();
        best_report = std::min(best_report, seconds_since(t));
    }
    std::printf("%-8s %-6s %-5s queries %3zu rows %6zu  bare SQL %8.3f s  report %8.3f s  "
                "ratio %5.2fx  first run %7.3f s  output %9zu B  peak RSS %7.1f MiB\n",
                request.name.c_str(), format.c_str(),
                std::string(to_string(request.granularity)).c_str(), queries.size(), rows, best_sql,
                best_report, best_report / best_sql, first, bytes,
                static_cast<double>(peak_rss_kib()) / 1024.0);
    return 0;
} catch (const std::exception& e) {
    std::cerr << "bench_report: " << e.what() << "\n";
    return 1;
}
