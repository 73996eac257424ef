#!/usr/bin/env bash
# Runs every benchmark and prints one summary table: each figure beside its
# physical limit measured in the same run, their ratio, the goal (issue 9) and
# whether it is met. About 4 minutes with the defaults.
#   bench/run.sh [BUILD_DIR]      (builds first with ./dev.sh build if BUILD_DIR lacks a benchmark)
# Environment:
#   BENCH_SECONDS=5               measured seconds per HTTP load row (1 s warm-up each)
#   BENCH_STARTUP_RUNS=10         start-up runs per config (median)
#   BENCH_REPORT_COMPLAINTS=50000 size of the generated report database;
#                                 1000000 for the full figures in bench/README.md
#                                 (reuses /tmp/redress-1m.db; ~2 min to make, ~10 to run)
#   BENCH_PG=0                    skip PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
seconds=${BENCH_SECONDS:-5}
startup_runs=${BENCH_STARTUP_RUNS:-10}
complaints=${BENCH_REPORT_COMPLAINTS:-50000}
needed=(redressd bench_plugin_call bench_loadgen bench_hello_server bench_catalog bench_report_data
    bench_report bench_startup)
for b in "${needed[@]}"; do
    [ -x "$build_dir/bin/$b" ] || { BUILD_DIR=$build_dir BUILD_TYPE=RelWithDebInfo ./dev.sh build; break; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results=$work/results
touch "$results"
export INTAKE_RESULTS=$results
began=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "commit:  $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- 2>/dev/null || echo ' (with uncommitted changes)'), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load average at start: $load_before"
echo

# gbench NAME BINARY REPS: Google Benchmark medians, "bench NAME BENCHMARK ns" rows.
gbench() {
    "$2" --benchmark_repetitions="$3" --benchmark_report_aggregates_only=true \
        --benchmark_format=csv 2>/dev/null |
        awk -F, -v n="$1" '/_median/ { gsub(/"/, "", $1); sub(/_median/, "", $1); print "bench", n, $1, $3 }' |
        tee -a "$results"
}
echo "== plugin call and catalog (Google Benchmark, medians)"
gbench plugin_call "$build_dir/bin/bench_plugin_call" 10
gbench catalog "$build_dir/bin/bench_catalog" 5

echo
echo "== intake on SQLite"
bench/intake.sh "$build_dir" "$seconds" sqlite
if [ "${BENCH_PG:-1}" != 0 ]; then
    echo
    echo "== intake on PostgreSQL"
    INTAKE_READS=0 bench/intake.sh "$build_dir" "$seconds" postgresql
fi

echo
echo "== start-up"
bench/startup.sh "$build_dir" "$startup_runs"

echo
echo "== report over $complaints complaints"
if [ "$complaints" -ge 1000000 ]; then
    db=/tmp/redress-1m.db
    [ -f "$db" ] || "$build_dir/bin/bench_report_data" --out "$db" --complaints "$complaints" --from 2025-01-01 --days 365
else
    db=$work/report.db
    "$build_dir/bin/bench_report_data" --out "$db" --complaints "$complaints" --from 2025-01-01 --days 365 >/dev/null
fi
for format in csv html; do
    "$build_dir/bin/bench_report" --db "$db" --format "$format" --report weekly \
        --from 2025-01-01 --to 2025-12-31 --granularity week --repeat 2 --out "$work/report.$format" |
        tee -a "$results"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# The summary. Rows: benchmark | figure | limit (measured in this run) | ratio | goal | met?
echo
echo "== summary ($(( $(date +%s) - began )) s; load average $load_before at start, $load_after at the end; ${seconds}s per load row)"
awk -v complaints="$complaints" '
function kv(line, key,   m) { return match(line, key "=[0-9.]+") ? substr(line, RSTART + length(key) + 1, RLENGTH - length(key) - 1) : "" }
function mib(k) { return k / 1024 }
function row(b, f, l, r, g, m) { rows[++n] = b "|" f "|" l "|" r "|" g "|" m }
function yes(c) { return c ? "yes" : "NO" }
$1 == "bench" { t[$2, $3] = $4 }
$1 == "intake" {
    split($0, p, "|"); sub(/^intake [a-z]+ /, "", p[1])
    rps[$2, p[1], p[2]] = p[3]; p99[$2, p[1], p[2]] = p[5]; bad[$2, p[1], p[2]] = p[6] + p[7]; cpu[$2, p[1], p[2]] = p[8]
}
$1 == "rss" { idle[$2, $3] = kv($0, "idle_kib"); hwm[$2, $3] = kv($0, "hwm_kib") }
$1 == "startup" { ms[$2] = kv($0, "median_ms"); srss[$2] = kv($0, "rss_kib"); splugins[$2] = kv($0, "plugins") }
/ bare SQL / { for (i = 1; i <= NF; ++i) { if ($i == "SQL") sql[$2] = $(i + 1); if ($i == "report") rpt[$2] = $(i + 1) } }
END {
    sdk = t["plugin_call", "PluginCallThroughSdk"]; direct = t["plugin_call", "DirectVirtualCall"]
    if (direct > 0)
        row("plugin call (propose: 1 field in, 2 out)", sprintf("%.1f ns", sdk), sprintf("direct virtual call %.1f ns", direct),
            sprintf("%.2fx", sdk / direct), "<= 2x", yes(sdk / direct <= 2))
    split("sqlite postgresql", backends, " ")
    for (b = 1; b <= 2; ++b) {
        be = backends[b]; name = be == "sqlite" ? "SQLite FULL" : "PostgreSQL fsync"
        for (c = 1; c <= 32; c += 31) {
            f = rps[be, "POST /complaints", c]; l = rps[be, "hello POST", c]
            if (f == "" || l == 0) continue
            goal = c == 32 ? ">= 50%" : "-"
            row(sprintf("intake POST /complaints, %s, %d conn", name, c),
                sprintf("%.0f req/s (p99 %.1f ms)%s", f, p99[be, "POST /complaints", c] / 1000, bad[be, "POST /complaints", c] ? " ERRORS" : ""),
                sprintf("Poco same POST %.0f req/s", l), sprintf("%.1f%%", 100 * f / l), goal, c == 32 ? yes(f / l >= 0.5) : "-")
            if (c == 32 && cpu[be, "hello POST", c] > 0)
                row(sprintf("  CPU per intake request, %s, 32 conn", name), sprintf("%d us", cpu[be, "POST /complaints", c]),
                    sprintf("Poco same POST %d us", cpu[be, "hello POST", c]),
                    sprintf("%.0fx", cpu[be, "POST /complaints", c] / cpu[be, "hello POST", c]), "-", "-")
        }
        f = rps[be, "GET /complaints/{id}", 32]; l = rps[be, "hello POST", 32]
        if (f != "" && l > 0)
            row(sprintf("read GET /complaints/{id}, %s, 32 conn", name), sprintf("%.0f req/s", f),
                sprintf("Poco POST %.0f req/s", l), sprintf("%.1f%%", 100 * f / l), "-", "-")
    }
    if (ms["none"] > 0) {
        row(sprintf("start-up, %s plugins (exec to /health 200)", splugins["fifty"]), sprintf("%.1f ms", ms["fifty"]),
            sprintf("host alone %.1f ms", ms["none"]), sprintf("%.2fx", ms["fifty"] / ms["none"]), "< 100 ms", yes(ms["fifty"] + 0 < 100))
        row("start-up, host alone (0 plugins)", sprintf("%.1f ms", ms["none"]), sprintf("Poco server %.1f ms", ms["hello"]),
            sprintf("%.2fx", ms["none"] / ms["hello"]), "-", "-")
        row(sprintf("idle RSS after start-up, %s plugins", splugins["fifty"]), sprintf("%.1f MiB", mib(srss["fifty"])),
            sprintf("Poco server %.1f MiB", mib(srss["hello"])), sprintf("%.1fx", srss["fifty"] / srss["hello"]), "< 20 MiB", yes(mib(srss["fifty"]) < 20))
        row("idle RSS after start-up, host alone", sprintf("%.1f MiB", mib(srss["none"])),
            sprintf("Poco server %.1f MiB", mib(srss["hello"])), sprintf("%.1fx", srss["none"] / srss["hello"]), "< 20 MiB", yes(mib(srss["none"]) < 20))
    }
    for (b = 1; b <= 2; ++b) {
        be = backends[b]; name = be == "sqlite" ? "SQLite" : "PostgreSQL"
        if (hwm[be, "redressd"] == "") continue
        row(sprintf("peak RSS, intake runs (1 + 32 conn), %s", name), sprintf("%.1f MiB", mib(hwm[be, "redressd"])),
            sprintf("Poco same load %.1f MiB", mib(hwm[be, "hello"])), sprintf("%.1fx", hwm[be, "redressd"] / hwm[be, "hello"]),
            "< 64 MiB", yes(mib(hwm[be, "redressd"]) < 64))
    }
    split("csv html", formats, " ")
    for (k = 1; k <= 2; ++k) if ((f = formats[k]) in sql)
        row(sprintf("weekly report, %d complaints, %s", complaints, f), sprintf("%.3f s", rpt[f]), sprintf("bare SQL %.3f s", sql[f]),
            sprintf("%.2fx", rpt[f] / sql[f]), "<= 1.5x", yes(rpt[f] / sql[f] <= 1.5))
    s = t["catalog", "ThroughPlugin/long_zh"]; d = t["catalog", "Search/long_zh"]
    if (d > 0)
        row("catalog classification, 243-byte ask, via C ABI", sprintf("%.1f us", s / 1000), sprintf("search alone %.1f us", d / 1000),
            sprintf("%.2fx", s / d), "-", "-")
    printf "| benchmark | figure | limit (same run) | ratio | goal | met? |\n|---|---|---|---|---|---|\n"
    for (i = 1; i <= n; ++i) { line = rows[i]; gsub(/\|/, " | ", line); print "| " line " |" }
}' "$results"
