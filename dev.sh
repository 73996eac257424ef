#!/usr/bin/env bash
# The developer entry point. The README's quick start is these two commands:
#
#   ./dev.sh up      install what is missing, build, start redressd on examples/company.toml
#   ./dev.sh test    install what is missing, build, run every test
#
# Other commands: deps, build, asan (tests under ASan+UBSan), fuzz (libFuzzer, fuzz/run.sh), format. BUILD_DIR and BUILD_TYPE override the defaults.
set -euo pipefail
cd "$(dirname "$0")"

build_dir=${BUILD_DIR:-build}
build_type=${BUILD_TYPE:-RelWithDebInfo}
jobs=${JOBS:-2}

deps() { bash scripts/install-deps.sh; }

build() {
    local launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" "${launcher[@]}" "$@"
    cmake --build "$build_dir" -j "$jobs"
}

case "${1:-}" in
deps) deps ;;
build) deps; shift; build "$@" ;;
up)
    deps
    build
    mkdir -p var
    config=examples/company.toml
    # First start: an admin token (this also creates the database).
    if [ ! -s var/admin.token ] || [ ! -f var/redress.db ]; then
        "$build_dir/bin/redressd" --config "$config" --create-token admin >var/admin.token
    fi
    "$build_dir/bin/redressd" --config "$config" &
    pid=$!
    trap 'kill -TERM $pid 2>/dev/null' INT TERM
    for _ in $(seq 50); do
        curl -sf http://127.0.0.1:8080/health >/dev/null 2>&1 && break
        kill -0 $pid 2>/dev/null || { wait $pid; exit $?; }
        sleep 0.2
    done
    examples/seed.sh http://127.0.0.1:8080 var || echo "dev.sh: seeding failed; redressd keeps running" >&2
    cat <<EOT

redressd is running on http://127.0.0.1:8080 with examples/company.toml (Ctrl-C stops it).
The console: http://127.0.0.1:8080/console/ (sign in with a token).
Tokens are in var/: admin.token, agent.token, supervisor.token. Try:
  curl -s -H "Authorization: Bearer \$(cat var/agent.token)" http://127.0.0.1:8080/complaints?limit=5
  build/bin/redress list --token "\$(cat var/agent.token)"
EOT
    wait $pid
    ;;
test)
    deps
    build
    ctest --test-dir "$build_dir" --output-on-failure -j "$jobs"
    ;;
asan)
    # The whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer.
    deps
    launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
    cmake --preset asan "${launcher[@]}"
    cmake --build --preset asan -j "$jobs"
    ctest --preset asan
    ;;
fuzz)
    # Every libFuzzer target for a bounded time (seconds each; default 30).
    deps
    shift
    fuzz/run.sh "$@"
    ;;
format)
    git ls-files '*.h' '*.hpp' '*.cpp' '*.c' | xargs clang-format -i
    ;;
*)
    echo "usage: ./dev.sh up|test|build|asan|fuzz|deps|format" >&2
    exit 2
    ;;
esac
