// The catalog's cost at intake: classifying a complaint's request against the
// example catalog (25 entries), directly and through the plugin's C ABI as
// redressd does it. The reference in the same run is reading the ask's
// terms alone (the part of the work that grows with the ask's length).
#include "catalog_loader.hpp"
#include "catalog_search.hpp"
#include "text_terms.hpp"

#include <Poco/Logger.h>
#include <benchmark/benchmark.h>
#include <redress/core/plugin/plugin_instance.hpp>
#include <string>

using namespace redress::catalog_plugin;

namespace {

const std::string short_zh = "要求赔偿误工费";
const std::string long_zh =
    "上个月买的空调用了不到三周就不制冷了，师傅上门两次都没修好，我请了两天假在家等，"
    "现在要求你们赔偿我的误工费和交通费，并且尽快换一台新的，否则我就去消费者协会投诉。";
const std::string english = "I want an extended warranty for my washing machine";
const std::string unrelated = "今天天气很好，门店的灯光也不错";

const Version& version() {
    static const Catalog c = load_catalog(BENCH_CATALOG_DIR, LoadOptions{});
    return c.versions.back();
}

void TermsOf(benchmark::State& state, const std::string& ask) {
    for (auto _ : state)
        benchmark::DoNotOptimize(terms_of(ask));
    state.counters["bytes"] = static_cast<double>(ask.size());
}

void Search(benchmark::State& state, const std::string& ask) {
    const Version& v = version();
    for (auto _ : state)
        benchmark::DoNotOptimize(search(v, ask, Scope{"after-sales", "", ""}, 0.35, 1));
}

void ThroughPlugin(benchmark::State& state, const std::string& ask) {
    using namespace redress::core;
    auto lib = PluginLibrary::load(BENCH_CATALOG_PLUGIN);
    Record config;
    config.set("dir", std::string(BENCH_CATALOG_DIR));
    config.set("languages", std::string("zh")).append("languages", std::string("en"));
    config.set("currency", std::string("CNY"));
    config.set("min_score", 0.35);
    config.set("limit", std::int64_t{5});
    auto plugin = PluginInstance::create(lib, config, Poco::Logger::get("bench"), system_clock());
    Record query;
    query.set("op", std::string("lookup"))
        .set("q", ask)
        .set("department", std::string("after-sales"));
    query.set("at", std::string("2026-11-23")).set("limit", std::int64_t{1});
    for (auto _ : state) {
        Record answer;
        plugin->lookup(query, answer);
        benchmark::DoNotOptimize(answer);
    }
}

} // namespace

BENCHMARK_CAPTURE(TermsOf, short_zh, short_zh);
BENCHMARK_CAPTURE(TermsOf, long_zh, long_zh);
BENCHMARK_CAPTURE(Search, short_zh, short_zh);
BENCHMARK_CAPTURE(Search, long_zh, long_zh);
BENCHMARK_CAPTURE(Search, english, english);
BENCHMARK_CAPTURE(Search, unrelated, unrelated);
BENCHMARK_CAPTURE(ThroughPlugin, short_zh, short_zh);
BENCHMARK_CAPTURE(ThroughPlugin, long_zh, long_zh);
BENCHMARK_MAIN();
