#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz) with clang in build-fuzz/ and
# runs each for SECONDS seconds (default 30: two minutes for the four),
# seeded from the samples and templates. A finding (crash, sanitizer report,
# internal error) stops with exit 1 and leaves its input in build-fuzz/findings/.
# Long run: bash scripts/fuzz.sh 3600
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-30}"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRAME_FUZZ=ON -DBUILD_TESTING=OFF \
  -DTRAME_STAGES="common;document;locale;template;dossier;funding" >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_dossier fuzz_expr fuzz_template fuzz_avenant
corpus=build-fuzz/corpus
mkdir -p "$corpus"/{dossier,expr,template,avenant} build-fuzz/findings
cp samples/*.json samples/invalides/*.json "$corpus/dossier/" 2>/dev/null || true
cp templates/*.xml templates/partials/*.xml "$corpus/template/"
find samples/avenants -name '*.json' -exec cp {} "$corpus/avenant/" \;
# Expressions: every {{ … }} and test="…" of the bundled templates, one a file.
grep -ohE '\{\{[^}]*\}\}|(test|each|value)="[^"]*"' templates/*.xml templates/partials/*.xml | sed -E 's/^\{\{ *//; s/ *\}\}$//; s/^[a-z]+="//; s/"$//' |
  sort -u | head -400 | awk -v d="$corpus/expr" '{ f = sprintf("%s/e%04d", d, NR); printf "%s", $0 > f; close(f) }'
export ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for h in dossier expr template avenant; do
  echo "fuzz_$h : ${SECONDS_EACH} s"
  build-fuzz/tests/fuzz/fuzz_$h -max_total_time="$SECONDS_EACH" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix=build-fuzz/findings/$h- -print_final_stats=1 "$corpus/$h" 2>&1 | tail -n 12
done
