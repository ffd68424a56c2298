#!/usr/bin/env bash
# Benchmark (not a test): CPU time of incremental batch runs, which a loaded machine
# disturbs less than wall time. N synthetic dossiers (default 200) are rendered in
# full, then a new avenant is added to 10 of them and the batch run again, then the
# batch is run once more with nothing changed.
# Usage: bash bench/bench_incremental.sh [N] [TRAME]   (after bash scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/new_avenants.sh
N=${1:-200}
trame=${2:-./build/generator/cli/trame}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/gen_synthetic.py "$N" "$work/syn" >/dev/null
"$trame" batch "$work/syn/dossiers" --avenants "$work/syn/avenants" --out "$work/syn/out" >/dev/null
new_avenants "$work/syn"
run() {
  /usr/bin/time -f "%e %U %S" -o "$work/t" "$trame" batch "$work/syn/dossiers" --avenants "$work/syn/avenants" \
    --out "$work/syn/out" >"$work/o" 2>&1
  read -r wall user sys <"$work/t"
  echo "   $1: user+sys $(awk "BEGIN{printf \"%.2f\", $user+$sys}") s (wall $wall s); $(tail -1 "$work/o")"
}
echo "== $N dossiers"
run "new avenant on 10"
run "nothing changed"
