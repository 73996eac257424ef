#!/usr/bin/env bash
# Start-up time (exec to GET /health answering 200, median of RUNS) and idle
# memory of redressd with 50 plugins, beside the host alone (no plugins, the
# reference), and the bare Poco server's start-up for scale.
#   bench/startup.sh [BUILD_DIR] [RUNS]
# The 50 plugins: every plugin shipped beside redressd (12), the catalog
# reading examples/catalog, and copies of bench_named_policy (a policy named
# after its file, bench-startup-NN) to make up the rest. Both configs: SQLite,
# 32 server threads, one department, the database created by an uncounted run.
# INTAKE_RESULTS=FILE also appends machine-readable rows to FILE (bench/run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=$(realpath "${1:-build}")
runs=${2:-10}
results=${INTAKE_RESULTS:-/dev/null}
target=50
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

builtin=$(find "$build" -path '*/redress/plugins/*.so' | wc -l)
copies=$((target - builtin))
mkdir -p "$work/plugins"
for i in $(seq -w 1 "$copies"); do
    cp "$build/bench/bench_named_policy.so" "$work/plugins/bench-startup-$i.so"
done
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

common() { # common DB
    cat <<TOML
[server]
host = "127.0.0.1"
port = $port
threads = 32
[storage]
url = "sqlite://$work/$1.db"
TOML
}
{
    common none
    cat <<TOML
[plugins]
builtin = false
[[department]]
id = "after-sales"
name = "售后服务部"
prefix = "AS"
TOML
} >"$work/none.toml"
{
    common fifty
    cat <<TOML
[plugins]
paths = ["$work/plugins"]
catalog = "catalog"
[plugin.catalog]
dir = "$root/examples/catalog"
[plugin.bench-startup-01]
share = 0.8
[[department]]
id = "after-sales"
name = "售后服务部"
prefix = "AS"
channels = ["web", "email", "phone", "visit", "fax", "letter", "sales_rep", "import"]
sla = { first_response = "4h", resolution = "3d" }
policies = ["goodwill", "bench-startup-01"]
TOML
} >"$work/fifty.toml"

field() { sed -n "s/.*\"$1\":\([0-9.-]*\).*/\1/p"; }
measure() { # measure NAME CMD...
    local name=$1 out
    shift
    out=$("$build/bin/bench_startup" --port "$port" --runs "$runs" --log "$work/$name.log" -- "$@") ||
        { cat "$work/$name.log" >&2; exit 1; }
    local plugins
    plugins=$(sed -n 's/.*\\"plugins\\":\([0-9]*\).*/\1/p' <<<"$out")
    echo "startup $name median_ms=$(field median_ms <<<"$out") min_ms=$(field min_ms <<<"$out") max_ms=$(field max_ms <<<"$out") rss_kib=$(field rss_kib <<<"$out") hwm_kib=$(field hwm_kib <<<"$out") threads=$(field threads <<<"$out") plugins=${plugins:--}" |
        tee -a "$results"
}

echo "start-up: exec to GET /health 200, median of $runs runs (+1 uncounted); memory 1 s after the last"
measure hello "$build/bin/bench_hello_server" --port "$port" --threads 32
measure none "$build/bin/redressd" --config "$work/none.toml"
measure fifty "$build/bin/redressd" --config "$work/fifty.toml"
