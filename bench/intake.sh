#!/usr/bin/env bash
# Durable intake (POST /complaints, 201 after commit) and GET /complaints/{id}
# through the real redressd, at 1 and 32 connections, beside the bare Poco
# server (bench_hello_server) sent the same POST with the same body, measured
# in the same run. redressd runs as the example company's after-sales
# department does: the shipped plugins loaded and the catalog classifying each
# request at intake.
#   bench/intake.sh [BUILD_DIR] [SECONDS] [sqlite|postgresql]
# SQLite: WAL, synchronous=FULL. PostgreSQL: a throwaway cluster from
# tests/support/pg_cluster.sh (fsync and synchronous_commit at their default, on).
# Environment:
#   INTAKE_RESULTS=FILE  also append machine-readable rows to FILE (bench/run.sh)
#   INTAKE_READS=0       skip the GET /complaints/{id} rows
#   INTAKE_PERF=DIR      perf record redressd (call graphs) during the 32-connection
#                        intake run; perf.data and two reports go to DIR. The
#                        figures of that run are disturbed by perf: profile only.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${1:-build}
seconds=${2:-5}
backend=${3:-sqlite}
results=${INTAKE_RESULTS:-/dev/null}
work=$(mktemp -d)
pids=()
pg_url_file=
cleanup() {
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do while kill -0 "$p" 2>/dev/null; do sleep 0.05; done; done
    [ -z "$pg_url_file" ] || tests/support/pg_cluster.sh stop "$pg_url_file" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# json FIELD < loadgen output: a number from the loadgen's --json line.
json() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }
# kib PID KEY: a VmRSS/VmHWM figure of a running process, in KiB.
kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

# start NAME CMD... : runs a server, waits for "listening on host:port"; sets
# port_NAME and pid_NAME (not in a subshell, so cleanup knows the process).
start() {
    local name=$1 log="$work/$1.log" port=
    shift
    "$@" >"$log" 2>&1 &
    pids+=($!)
    printf -v "pid_$name" '%s' "$!"
    for _ in $(seq 300); do
        port=$(sed -n 's/.*listening on [^:]*:\([0-9]*\).*/\1/p' "$log" | head -n 1)
        [ -n "$port" ] && { printf -v "port_$name" '%s' "$port"; return; }
        sleep 0.1
    done
    echo "$name did not start: $(cat "$log")" >&2
    exit 1
}

# ticks PID: CPU time (user + system) the process has used, in clock ticks.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

rows=()
load() { # load LABEL CONNECTIONS URL PID [loadgen options...]
    local label=$1 conns=$2 url=$3 pid=$4 out before cpu_us
    shift 4
    before=$(ticks "$pid")
    out=$("$build/bin/bench_loadgen" --url "$url" --connections "$conns" --duration "$seconds" --json "$@") || true
    # The server's CPU per request: its CPU time over the warm-up and the
    # measured window, divided by the requests of both at the measured rate.
    # Unlike req/s, this barely depends on what else the machine is doing.
    cpu_us=$(awk -v t="$(($(ticks "$pid") - before))" -v hz="$(getconf CLK_TCK)" -v r="$(json requests_per_second <<<"$out")" \
        -v s="$seconds" 'BEGIN { printf "%.0f", (r > 0 ? 1e6 * t / hz / (r * (s + 1)) : 0) }')
    local row
    row="$label|$conns|$(json requests_per_second <<<"$out")|$(json p50 <<<"$out")|$(json p99 <<<"$out")|$(json non_2xx <<<"$out")|$(json connection_errors <<<"$out")|$cpu_us"
    rows+=("$row")
    echo "intake $backend $row" >>"$results"
}

case "$backend" in
sqlite) storage="sqlite://$work/bench.db" ;;
postgresql)
    pg_url_file=$work/pg.url
    tests/support/pg_cluster.sh start "$pg_url_file" >&2
    storage=$(cat "$pg_url_file")
    ;;
*) echo "intake.sh: backend must be sqlite or postgresql, got '$backend'" >&2; exit 2 ;;
esac

cat >"$work/bench.toml" <<TOML
[server]
port = 0
threads = 64
[storage]
url = "$storage"
[plugins]
catalog = "catalog"
[plugin.catalog]
dir = "$root/examples/catalog"
[[department]]
id = "after-sales"
name = "售后服务部"
prefix = "AS"
channels = ["web", "email", "phone", "visit", "fax", "letter", "sales_rep", "import"]
sla = { first_response = "4h", resolution = "3d" }
TOML
cat >"$work/complaint.json" <<'JSON'
{"department":"after-sales","channel":"phone","category":"quality","severity":"high","customer":{"company":"上海恒源贸易有限公司","contact":"王建国","phone":"+86 21 6234 1188","type":"agitated"},"cause":"滚筒洗衣机用了三天就开始漏水，地板都泡坏了。","request":"换一台新的，并赔偿地板维修费。","product":{"name":"滚筒洗衣机 X7 8kg","batch":"B-2026-07"},"loss":{"amount_minor":129900,"currency":"CNY"}}
JSON
token=$("$build/bin/redressd" --config "$work/bench.toml" --create-token bench 2>/dev/null)
auth="Authorization: Bearer $token"
post=(--method POST --body-file "$work/complaint.json" --header "$auth" --unique-header Idempotency-Key)

start hello "$build/bin/bench_hello_server" --port 0 --threads 64
start api "$build/bin/redressd" --config "$work/bench.toml"
sleep 0.5
hello_idle=$(kib "$pid_hello" VmRSS) api_idle=$(kib "$pid_api" VmRSS)

# The reference first, then redressd, back to back at each concurrency.
for c in 1 32; do
    load "hello POST" $c "http://127.0.0.1:$port_hello/complaints" "$pid_hello" "${post[@]}"
    perf_pid=
    if [ -n "${INTAKE_PERF:-}" ] && [ $c -eq 32 ]; then
        mkdir -p "$INTAKE_PERF"
        # Started now, it samples the warm-up too; stopped after the run.
        perf record -F 499 --call-graph dwarf,32768 -o "$INTAKE_PERF/perf.data" -p "$pid_api" \
            >"$INTAKE_PERF/record.log" 2>&1 &
        perf_pid=$!
    fi
    load "POST /complaints" $c "http://127.0.0.1:$port_api/complaints" "$pid_api" "${post[@]}"
    if [ -n "$perf_pid" ]; then
        kill -INT "$perf_pid"
        wait "$perf_pid" || true
    fi
done
hello_hwm=$(kib "$pid_hello" VmHWM) api_hwm=$(kib "$pid_api" VmHWM) api_loaded=$(kib "$pid_api" VmRSS)
echo "rss $backend hello idle_kib=$hello_idle hwm_kib=$hello_hwm" >>"$results"
echo "rss $backend redressd idle_kib=$api_idle hwm_kib=$api_hwm after_kib=$api_loaded" >>"$results"
if [ "${INTAKE_READS:-1}" != 0 ]; then
    id=$(curl -s -H "$auth" -H 'Content-Type: application/json' --data-binary @"$work/complaint.json" \
        "http://127.0.0.1:$port_api/complaints" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
    for c in 1 32; do load "GET /complaints/{id}" $c "http://127.0.0.1:$port_api/complaints/$id" "$pid_api" --header "$auth"; done
fi
if [ -n "${INTAKE_PERF:-}" ]; then
    perf report -i "$INTAKE_PERF/perf.data" --no-children --sort dso,symbol --stdio --percent-limit 0.5 \
        >"$INTAKE_PERF/self.txt" 2>/dev/null || true
    perf report -i "$INTAKE_PERF/perf.data" --children --sort symbol --stdio -g none --percent-limit 2 \
        >"$INTAKE_PERF/children.txt" 2>/dev/null || true
fi

echo "intake on $backend: ${seconds}s per row after 1s warm-up; redressd with the shipped plugins and the catalog"
printf '%-22s %5s %10s %10s %10s %8s %7s %9s %12s\n' "request" "conns" "req/s" "p50 µs" "p99 µs" "non-2xx" "errors" "vs hello" "CPU µs/req"
declare -A hello_rate
for r in "${rows[@]}"; do
    IFS='|' read -r label conns rps p50 p99 bad errors cpu <<<"$r"
    [[ $label == hello* ]] && hello_rate[$conns]=$rps
    ratio=$(awk -v a="$rps" -v b="${hello_rate[$conns]}" 'BEGIN { printf "%.1f%%", 100 * a / b }')
    printf '%-22s %5s %10.0f %10.0f %10.0f %8s %7s %9s %12s\n' "$label" "$conns" "$rps" "$p50" "$p99" "$bad" "$errors" "$ratio" "$cpu"
done
awk -v hi="$hello_idle" -v hh="$hello_hwm" -v ai="$api_idle" -v ah="$api_hwm" -v al="$api_loaded" 'BEGIN {
    printf "RSS: hello idle %.1f MiB, peak %.1f MiB; redressd idle %.1f MiB, peak %.1f MiB (%.1f MiB after the intake runs)\n",
        hi / 1024, hh / 1024, ai / 1024, ah / 1024, al / 1024 }'
