// What every fuzz target shares: how a finding ends the run, and how to see
// what an input did (REDRESS_FUZZ_VERBOSE=1 prints each expected refusal, to
// check a seed or a reproducer: build-fuzz/bin/<target>_fuzz FILE).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

namespace redress::fuzz {

//! A broken promise that no sanitizer would see: printed, then abort(), which
//! libFuzzer records as a crash with its input.
[[noreturn]] inline void finding(const char* target, const std::string& what) {
    std::fprintf(stderr, "%s: finding: %s\n", target, what.c_str());
    std::abort();
}

//! An expected outcome (a refusal, an accepted input), shown only when asked for.
inline void note(const char* target, const std::string& what) {
    static const bool verbose = [] {
        const char* v = std::getenv("REDRESS_FUZZ_VERBOSE");
        return v && *v && *v != '0';
    }();
    if (verbose)
        std::fprintf(stderr, "%s: %s\n", target, what.c_str());
}

} // namespace redress::fuzz
