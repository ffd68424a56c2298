#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer
# (docs/architecture.md, « Sanitizers and fuzzing »): configures build-asan/
# (RelWithDebInfo, -DTRAME_SANITIZE=ON, the system allocator), builds every
# target and runs ctest there. The tests that spawn trame run build-asan's own
# sanitized executable. Any report (leak, overflow, use after free, undefined
# behaviour) fails its test; tests/sanitizers/lsan.supp lists what is
# suppressed and why. Extra arguments go to ctest (e.g. -R test_dossier).
# Expect the build to cost about three times a Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${JOBS:-$(nproc)}"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRAME_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
ctest --test-dir build-asan --output-on-failure -j"$jobs" --timeout 1800 "$@"
