#!/usr/bin/env bash
# Installs the Debian 12 packages Redress needs to build, run and test, and only
# those that are missing. Safe to run any number of times.
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build ccache pkg-config clang git
    libclang-rt-dev   # clang's runtimes: libFuzzer, ASan, UBSan (fuzz/; clang only recommends it)
    # libraries
    libboost-dev libboost-filesystem-dev libpoco-dev libtomlplusplus-dev
    libhowardhinnant-date-dev tzdata libpq-dev libsqlite3-dev libxlsxwriter-dev
    # PostgreSQL server: the tests start a throwaway cluster of their own
    postgresql
    dovecot-core dovecot-pop3d  # POP3 server: the e-mail channel tests start a throwaway one
    haproxy                     # load balancer: the scale-out tests put one in front of several redressd
    # tests and benchmarks
    googletest libgtest-dev libgmock-dev libbenchmark-dev curl
    python3-openpyxl  # reads back the xlsx reports in the tests
    chromium          # the console's end-to-end tests run in headless Chromium
    fonts-noto-cjk    # so its screenshots show the Chinese UI, not empty boxes
)
# Node.js drives Chromium in those tests (playwright-core from npm); Debian's
# packages unless a Node.js with npm is already installed (e.g. NodeSource's).
command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

# The console tests' one npm package (tests/console/package-lock.json), into
# tests/console/node_modules; nothing from npm is needed at run time.
npm_deps() {
    local dir
    dir="$(cd "$(dirname "$0")/.." && pwd)/tests/console"
    if [ ! -f "$dir/node_modules/playwright-core/package.json" ] ||
        [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
        echo "install-deps: npm ci in tests/console"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    npm_deps
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi

echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
npm_deps
