#!/usr/bin/env bash
# Installs the SDK from the build tree into a temporary prefix, builds
# examples/hello-plugin out of tree against it with the given C++ compiler,
# checks which compiler built it, and loads it into the g++-built host.
#   out_of_tree_build.sh BUILD_DIR SOURCE_DIR CXX_COMPILER PROBE
set -euo pipefail
build_dir=$1 source_dir=$2 cxx=$3 probe=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --component sdk --prefix "$work/sdk" >/dev/null
# Nothing but the standard library may be needed: no Boost, Poco or toml++ paths.
cmake -S "$source_dir/examples/hello-plugin" -B "$work/build" -G Ninja \
      -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PREFIX_PATH="$work/sdk" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/build" >/dev/null

plugin="$work/build/hello.so"
comment=$(readelf -p .comment "$plugin" 2>/dev/null || true)
case "$(basename "$cxx")" in
clang*) grep -q "clang" <<<"$comment" || { echo "hello.so was not built by clang: $comment"; exit 1; } ;;
esac
# Only the entry point is exported.
exported=$(nm -D --defined-only "$plugin" | awk '$2 == "T" {print $3}')
[ "$exported" = "redress_plugin_entry" ] || { echo "unexpected exports: $exported"; exit 1; }

# No STB_GNU_UNIQUE symbols: they would pin the library in memory forever.
if readelf -Ws "$plugin" | grep -q " UNIQUE "; then
    echo "hello.so has STB_GNU_UNIQUE symbols; it could never be unloaded"; exit 1
fi

"$probe" "$plugin" hello
