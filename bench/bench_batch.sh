#!/usr/bin/env bash
# Benchmark (not a test) of the batch targets of issue 5, on this machine:
#  (a) one dossier's full pack as a cold CLI run        target < 60 ms
#  (b) N dossiers (default 1000) full regeneration      target < 60 s
#  (c) incremental run after avenants touching 10       target < 2 s
#  (b') with --pdfa-cost: (b) again, in the same run, with a theme that turns PDF/A and
#       tagging off ("tagged_pdf": false, icc_profile left out): their cost on a batch (issue 13)
# Usage: bash bench/bench_batch.sh [N] [--pdfa-cost]   (after bash scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/new_avenants.sh
N=${1:-1000}
pdfa_cost=${2:-}
trame=./build/generator/cli/trame
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

echo "== (a) trame pack of samples/sud-manche.json, cold process, mean of 10"
"$trame" pack samples/sud-manche.json --out "$work/a" >/dev/null   # warm the page cache
t0=$(now)
for i in $(seq 10); do "$trame" pack samples/sud-manche.json --out "$work/a$i" >/dev/null; done
t1=$(now)
a=$(( $(ms "$t0" "$t1") / 10 ))
echo "   ${a} ms per pack (5 documents x PDF+ODT + manifest; target < 60 ms)"

echo "== (b) $N synthetic dossiers, full regeneration, --jobs $(nproc)"
python3 bench/gen_synthetic.py "$N" "$work/syn"
t0=$(now)
summary=$("$trame" batch "$work/syn/dossiers" --avenants "$work/syn/avenants" --out "$work/syn/out")
t1=$(now)
b=$(ms "$t0" "$t1")
files=$(echo "$summary" | sed -n 's/.* \([0-9][0-9]*\) fichier(s) écrit(s).*/\1/p')
echo "   ${b} ms for $N dossiers (${files} files written: PDF and ODT of every document, COPIL minutes and avenants included; target < 60000 ms)"

if [ "$pdfa_cost" = "--pdfa-cost" ]; then
  echo "== (b') the same $N dossiers, full regeneration, PDF/A and tagging off (theme overlay)"
  mkdir -p "$work/plain-theme"
  python3 -c 'import json, sys; t = json.load(open("templates/theme.json")); t["tagged_pdf"] = False; t.pop("icc_profile", None); json.dump(t, open(sys.argv[1], "w"))' "$work/plain-theme/theme.json"
  t0=$(now)
  "$trame" --modeles "$work/plain-theme" batch "$work/syn/dossiers" --avenants "$work/syn/avenants" --out "$work/syn/out-plain" >/dev/null
  t1=$(now)
  bp=$(ms "$t0" "$t1")
  echo "   ${bp} ms without, ${b} ms with: PDF/A + tagging cost $(awk "BEGIN{printf \"%+.1f\", ($b - $bp) * 100 / $bp}") % (bound +25 %)"
fi

echo "== (c) incremental run after a new avenant on 10 dossiers"
new_avenants "$work/syn"
t0=$(now)
out=$("$trame" batch "$work/syn/dossiers" --avenants "$work/syn/avenants" --out "$work/syn/out")
t1=$(now)
c=$(ms "$t0" "$t1")
echo "   ${c} ms; $out"
echo "   (target < 2000 ms)"
echo
echo "ratios to target: (a) $(awk "BEGIN{printf \"%.2f\", $a/60}")  (b) $(awk "BEGIN{printf \"%.2f\", $b/60000}")  (c) $(awk "BEGIN{printf \"%.2f\", $c/2000}")  (below 1 = target met)"
