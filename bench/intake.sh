#!/usr/bin/env bash
# Durable intake (POST /complaints, 201 after commit) and GET /complaints/{id}
# through the real redressd on SQLite (WAL, synchronous=FULL), at 1 and 32
# connections, beside a bare Poco "hello" server measured in the same run.
#   bench/intake.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
seconds=${2:-5}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# json FIELD < loadgen output: a number from the loadgen's --json line.
json() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }

# start CMD... : runs a server, waits for "listening on host:port", prints the port.
start() {
    local log="$work/server-${#pids[@]}.log"
    "$@" >"$log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do
        port=$(sed -n 's/.*listening on [^:]*:\([0-9]*\).*/\1/p' "$log" | head -n 1)
        [ -n "$port" ] && { echo "$port"; return; }
        sleep 0.1
    done
    echo "server did not start: $(cat "$log")" >&2
    exit 1
}

load() { # load LABEL CONNECTIONS URL [loadgen options...]
    local label=$1 conns=$2 url=$3
    shift 3
    local out
    out=$("$build/bin/bench_loadgen" --url "$url" --connections "$conns" --duration "$seconds" --json "$@")
    printf '%s|%s|%s|%s|%s|%s\n' "$label" "$conns" "$(json requests_per_second <<<"$out")" \
        "$(json p50 <<<"$out")" "$(json p99 <<<"$out")" "$(json non_2xx <<<"$out")"
}

hello=$(start "$build/bin/bench_hello_server" --port 0 --threads 64)

cat >"$work/bench.toml" <<TOML
[server]
port = 0
threads = 64
[storage]
url = "sqlite://$work/bench.db"
[plugins]
builtin = false
[[department]]
id = "after-sales"
name = "售后服务部"
prefix = "AS"
TOML
token=$("$build/bin/redressd" --config "$work/bench.toml" --create-token bench 2>/dev/null)
api=$(start "$build/bin/redressd" --config "$work/bench.toml")
auth="Authorization: Bearer $token"
cat >"$work/complaint.json" <<'JSON'
{"department":"after-sales","channel":"phone","category":"quality","severity":"high","customer":{"company":"上海恒源贸易有限公司","contact":"王建国","phone":"+86 21 6234 1188","type":"agitated"},"cause":"滚筒洗衣机用了三天就开始漏水，地板都泡坏了。","request":"换一台新的，并赔偿地板维修费。","product":{"name":"滚筒洗衣机 X7 8kg","batch":"B-2026-07"},"loss":{"amount_minor":129900,"currency":"CNY"}}
JSON
id=$(curl -s -H "$auth" -H 'Content-Type: application/json' --data-binary @"$work/complaint.json" \
    "http://127.0.0.1:$api/complaints" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')

results=()
for c in 1 32; do results+=("$(load "hello GET /" $c "http://127.0.0.1:$hello/")"); done
for c in 1 32; do
    results+=("$(load "POST /complaints (durable)" $c "http://127.0.0.1:$api/complaints" --method POST \
        --body-file "$work/complaint.json" --header "$auth" --unique-header Idempotency-Key)")
done
for c in 1 32; do results+=("$(load "GET /complaints/{id}" $c "http://127.0.0.1:$api/complaints/$id" --header "$auth")"); done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); ${seconds}s per row; SQLite WAL synchronous=FULL"
printf '%-28s %5s %12s %10s %10s %8s %10s\n' "request" "conns" "req/s" "p50 µs" "p99 µs" "non-2xx" "vs hello"
declare -A hello_rate
for r in "${results[@]}"; do
    IFS='|' read -r label conns rps p50 p99 bad <<<"$r"
    [[ $label == hello* ]] && hello_rate[$conns]=$rps
    ratio=$(awk -v a="$rps" -v b="${hello_rate[$conns]}" 'BEGIN { printf "%.1f%%", 100 * a / b }')
    printf '%-28s %5s %12.0f %10.0f %10.0f %8s %10s\n' "$label" "$conns" "$rps" "$p50" "$p99" "$bad" "$ratio"
done
