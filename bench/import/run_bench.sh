#!/usr/bin/env bash
# Imports a generated CSV of Chinese registration forms through a real redressd
# (SQLite, builtin plugins) with the redress CLI, and reports rows/s and the
# peak resident memory of both processes.
#
#   bench/import/run_bench.sh [BUILD_DIR] [ROWS]      (defaults: build, 1000000)
#
# BUILD_DIR must have redressd, redress and the import plugin built:
#   cmake --build BUILD_DIR --target redressd redress plugin_import
# Peak RSS: redressd's VmHWM from /proc just before it is stopped; the CLI's
# "Maximum resident set size" from /usr/bin/time -v.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
rows=${2:-1000000}
work=${BENCH_DIR:-$root/var/bench-import}
mkdir -p "$work"
csv="$work/forms-$rows.csv"

if [ ! -s "$csv" ]; then
    echo "generating $rows rows into $csv"
    python3 "$here/generate_csv.py" "$csv" --rows "$rows"
fi

rm -f "$work/redress.db" "$work/redress.db-wal" "$work/redress.db-shm"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/redress.toml" <<TOML
[server]
port = $port
threads = 4
[storage]
url = "sqlite://$work/redress.db"
[plugins]
builtin = true
[[department]]
id = "after-sales"
name = "售后服务部"
prefix = "AS"
channels = ["import"]
TOML

token=$("$build/bin/redressd" --config "$work/redress.toml" --create-token bench)
"$build/bin/redressd" --config "$work/redress.toml" >"$work/redressd.log" 2>&1 &
daemon=$!
trap 'kill $daemon 2>/dev/null || true' EXIT
python3 - "$port" <<'PY'
import sys, time, urllib.request
for _ in range(200):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/health", timeout=1)
        sys.exit(0)
    except Exception:
        time.sleep(0.1)
sys.exit("redressd did not answer /health in 20 s")
PY

echo "importing $(stat -c %s "$csv") bytes ($rows rows) into redressd on port $port"
start=$(date +%s.%N)
set +e
REDRESS_URL="http://127.0.0.1:$port" REDRESS_TOKEN="$token" \
    /usr/bin/time -v -o "$work/cli.time" \
    "$build/bin/redress" import "$csv" --department after-sales >"$work/cli.out" 2>"$work/cli.err"
code=$?
set -e
end=$(date +%s.%N)
daemon_hwm=$(awk '/VmHWM/ {print $2}' /proc/$daemon/status)
kill $daemon
wait $daemon 2>/dev/null || true
trap - EXIT

cli_hwm=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/cli.time")
cat "$work/cli.out"
echo "exit code:         $code"
python3 - "$start" "$end" "$rows" "$daemon_hwm" "$cli_hwm" <<'PY'
import sys
start, end, rows, daemon, cli = map(float, sys.argv[1:])
secs = end - start
print(f"elapsed:           {secs:.1f} s")
print(f"rows/s:            {rows / secs:,.0f}")
print(f"redressd peak RSS: {daemon / 1024:.1f} MiB (VmHWM)")
print(f"redress peak RSS:  {cli / 1024:.1f} MiB (/usr/bin/time -v)")
PY
