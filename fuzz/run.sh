#!/usr/bin/env bash
# Runs every libFuzzer target for a bounded time (fuzz/README.md):
#
#   fuzz/run.sh [seconds-per-target]      default 30; CI runs ./dev.sh fuzz with the default
#
# Builds the `fuzz` preset in build-fuzz/ if needed, fuzzes each target on a
# copy of its seed corpus (fuzz/corpus/<target>/, never written to), prints
# one line per target and exits 1 if any target found something; the input
# that did it is kept (the path is printed) with the target's log beside it.
# FUZZ_TARGETS="mail config" limits the run; FUZZ_WORK sets the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-30}
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: fuzz/run.sh [seconds-per-target]" >&2; exit 2; }
jobs=${JOBS:-2}
# One narrow leak suppression; see the file for why.
export LSAN_OPTIONS="suppressions=$PWD/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

# -max_len per target: a request body, a config file, a chunk of CSV, a mail
# (the corpus has one of about 15 KB), a descriptor with its config schema.
declare -A max_len=(
    [json_intake]=8192
    [config]=16384
    [csv_import]=4096
    [mail]=24576
    [plugin_descriptor]=4096
)
read -r -a targets <<<"${FUZZ_TARGETS:-json_intake config csv_import mail plugin_descriptor}"

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
work=${FUZZ_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/redress-fuzz.XXXXXX")}
mkdir -p "$work"
build_start=$SECONDS
if ! { [ -f build-fuzz/build.ninja ] || cmake --preset fuzz "${launcher[@]}"; } >"$work/build.log" 2>&1 ||
    ! cmake --build --preset fuzz -j "$jobs" >>"$work/build.log" 2>&1; then
    tail -40 "$work/build.log" >&2
    echo "fuzz: the build failed (log: $work/build.log)" >&2
    exit 1
fi
echo "fuzz: build-fuzz/ built in $((SECONDS - build_start))s"
echo "fuzz: ${#targets[@]} target(s), ${seconds}s each; work in $work"

failed=0
for t in "${targets[@]}"; do
    [ -n "${max_len[$t]:-}" ] || { echo "fuzz: unknown target $t" >&2; exit 2; }
    corpus="$work/$t/corpus"
    rm -rf "${work:?}/$t"
    mkdir -p "$corpus"
    cp fuzz/corpus/"$t"/* "$corpus"/
    log="$work/$t/fuzz.log"
    start=$SECONDS
    # -timeout: one input running 10 s is a finding (a hang) too;
    # -rss_limit_mb: so is one taking 2 GB.
    # TMPDIR: the mail target writes attachments under it.
    if TMPDIR="$work/$t" build-fuzz/bin/"$t"_fuzz "$corpus" -max_total_time="$seconds" -max_len="${max_len[$t]}" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/$t/" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2 || true)
        printf 'fuzz: %-18s ok     %8s runs in %3ss, coverage %s, corpus %s files\n' \
            "$t" "${runs:-?}" "$((SECONDS - start))" "${cov:-?}" "$(find "$corpus" -type f | wc -l)"
    else
        failed=1
        artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
        printf 'fuzz: %-18s FAILED after %ss: %s\n' "$t" "$((SECONDS - start))" \
            "$(grep -m1 -E 'ERROR: |finding: |runtime error|SUMMARY' "$log" | cut -c1-160)"
        echo "      input: ${artifact:-none written}  log: $log"
        echo "      reproduce: build-fuzz/bin/${t}_fuzz ${artifact:-<input>}"
    fi
done
exit $failed
