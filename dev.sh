#!/usr/bin/env bash
# The developer entry point. The README's quick start is these two commands:
#
#   ./dev.sh up      install what is missing, build, start redressd on examples/company.toml
#   ./dev.sh test    install what is missing, build, run every test
#
# Other commands: deps, build, asan (tests under ASan+UBSan), format. BUILD_DIR and BUILD_TYPE override the defaults.
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
    exec "$build_dir/bin/redressd" --config examples/company.toml
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
format)
    git ls-files '*.h' '*.hpp' '*.cpp' '*.c' | xargs clang-format -i
    ;;
*)
    echo "usage: ./dev.sh up|test|build|asan|deps|format" >&2
    exit 2
    ;;
esac
