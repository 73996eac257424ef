#!/usr/bin/env bash
# Runs every benchmark and prints one table. Usage: bench/run.sh [BUILD_DIR]
# (builds first with ./dev.sh build if BUILD_DIR has no benchmarks).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
[ -x "$build_dir/bin/bench_plugin_call" ] && [ -x "$build_dir/bin/bench_loadgen" ] && [ -x "$build_dir/bin/bench_catalog" ] || BUILD_TYPE=RelWithDebInfo ./dev.sh build

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "commit:  $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo

# Plugin call through the SDK's C ABI vs a direct virtual call (medians of 10).
"$build_dir/bin/bench_plugin_call" --benchmark_repetitions=10 --benchmark_report_aggregates_only=true \
    --benchmark_format=csv 2>/dev/null |
    awk -F, '/_median/ { gsub(/"/, "", $1); sub(/_median/, "", $1); t[$1] = $3 }
        END {
            printf "%-34s %12s %12s %8s %8s\n", "benchmark", "SDK (ns)", "direct (ns)", "ratio", "goal"
            printf "%-34s %12.1f %12.1f %7.2fx %8s\n", "plugin call (propose, 1 in 2 out)",
                   t["PluginCallThroughSdk"], t["DirectVirtualCall"],
                   t["PluginCallThroughSdk"] / t["DirectVirtualCall"], "<= 2x"
        }'

echo
# The catalog's classification of a complaint's request at intake (medians of 5).
"$build_dir/bin/bench_catalog" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_format=csv 2>/dev/null |
    awk -F, '/_median/ { gsub(/"/, "", $1); sub(/_median/, "", $1); printf "%-34s %10.1f us\n", "catalog " $1, $3 / 1000 }'

echo
# Durable intake and reads through redressd, beside a bare Poco hello server.
bench/intake.sh "$build_dir" "${BENCH_SECONDS:-5}"
