#!/usr/bin/env bash
# Report generation over a generated database, each format in its own process
# (so peak RSS is that format's), beside the bare SQL the report needs.
#   bench/report/run.sh [DB] [BUILD_DIR]     (DB default /tmp/redress-1m.db, made if missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
db=${1:-/tmp/redress-1m.db}
build_dir=${2:-build}
[ -f "$db" ] || "$build_dir/bin/bench_report_data" --out "$db" --complaints 1000000 --from 2025-01-01 --days 365
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "database: $db ($(du -h "$db" | cut -f1)), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
# The standard weekly report over the whole year (every complaint), by week,
# then the ordinary case: last week's report, by day.
for format in csv json html xlsx; do
    "$build_dir/bin/bench_report" --db "$db" --format "$format" --report weekly \
        --from 2025-01-01 --to 2025-12-31 --granularity week --repeat 3
done
for format in csv html; do
    "$build_dir/bin/bench_report" --db "$db" --format "$format" --report weekly \
        --from 2025-12-22 --to 2025-12-28 --granularity day --repeat 3
done
