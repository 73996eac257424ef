// A call into a plugin through the SDK's C ABI (host record -> C function ->
// C++ adapter -> RecordView/RecordWriter -> host function table) against the
// same work done by a direct virtual call on the host's own record type.
// The ratio of the two is the price of ABI stability.
#include <Poco/Logger.h>
#include <benchmark/benchmark.h>
#include <redress/core/plugin/plugin_instance.hpp>

using namespace redress::core;

namespace {

struct DirectPolicy {
    virtual ~DirectPolicy() = default;
    virtual void propose(const Record& input, Record& proposal) = 0;
};

struct DirectImpl final : DirectPolicy {
    void propose(const Record& input, Record& proposal) override {
        std::int64_t loss = input.integer("loss_minor").value_or(0);
        proposal.set("amount_minor", loss / 2).set("remedy", std::string("voucher"));
    }
};

Record make_input() {
    Record input;
    input.set("loss_minor", std::int64_t{129900});
    return input;
}

void DirectVirtualCall(benchmark::State& state) {
    std::unique_ptr<DirectPolicy> policy = std::make_unique<DirectImpl>();
    benchmark::DoNotOptimize(policy.get());
    Record input = make_input();
    Record proposal;
    for (auto _ : state) {
        policy->propose(input, proposal);
        benchmark::DoNotOptimize(proposal);
    }
}
BENCHMARK(DirectVirtualCall);

void PluginCallThroughSdk(benchmark::State& state) {
    auto lib = PluginLibrary::load(BENCH_POLICY_PATH);
    auto plugin = PluginInstance::create(lib, {}, Poco::Logger::get("bench"), system_clock());
    Record input = make_input();
    Record proposal;
    for (auto _ : state) {
        plugin->propose(input, proposal);
        benchmark::DoNotOptimize(proposal);
    }
}
BENCHMARK(PluginCallThroughSdk);

} // namespace

BENCHMARK_MAIN();
