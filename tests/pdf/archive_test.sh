#!/usr/bin/env bash
# Issue 13, items 1 and 2: every PDF of both samples (`trame pack`, avenants included) is
# PDF/A-2 by the clauses tests/pdf/pdfa_check.py checks, passes `qpdf --check`, reads
# without a word on stderr with `pdfinfo -meta` and `pdffonts` (every font embedded, with
# a ToUnicode map), and has a structure tree whose text (`pdfinfo -struct-text`) is the
# page text in reading order (tests/pdf/struct_text_check.py). Packing twice gives the
# same bytes (the file ID is a digest, the dates the dossier's).
# Usage: archive_test.sh TRAME SOURCE_DIR
set -euo pipefail
trame=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "ÉCHEC : $*"; failures=$((failures + 1)); }

pdfs=()
for sample in "$src"/samples/*.json; do
  name=$(basename "$sample" .json)
  args=("$sample" -f pdf)
  [ -d "$src/samples/avenants/$name" ] && args+=(--avenants "$src/samples/avenants")
  "$trame" pack "${args[@]}" -o "$work/$name" >/dev/null 2>"$work/pack.err" || { cat "$work/pack.err"; fail "trame pack $name"; continue; }
  "$trame" pack "${args[@]}" -o "$work/again-$name" >/dev/null 2>&1 || fail "trame pack $name (2)"
  for pdf in "$work/$name"/*.pdf; do
    pdfs+=("$pdf")
    cmp -s "$pdf" "$work/again-$name/$(basename "$pdf")" || fail "$pdf : deux générations diffèrent"
  done
done
[ ${#pdfs[@]} -ge 10 ] || fail "seulement ${#pdfs[@]} PDF produits"

python3 "$src/tests/pdf/pdfa_check.py" "${pdfs[@]}" || fail "pdfa_check.py"
for pdf in "${pdfs[@]}"; do
  qpdf --check "$pdf" >"$work/check.out" 2>&1 || { cat "$work/check.out"; fail "qpdf --check $pdf"; }
  grep -q "No syntax or stream encoding errors found" "$work/check.out" || fail "qpdf --check $pdf : $(cat "$work/check.out")"
  pdfinfo -meta "$pdf" >"$work/meta.out" 2>"$work/meta.err" || fail "pdfinfo -meta $pdf"
  [ ! -s "$work/meta.err" ] || fail "pdfinfo -meta $pdf : $(cat "$work/meta.err")"
  grep -q "<pdfaid:part>2</pdfaid:part>" "$work/meta.out" || fail "pdfinfo -meta $pdf : pas de pdfaid:part 2"
  pdffonts "$pdf" >"$work/fonts.out" 2>"$work/fonts.err" || fail "pdffonts $pdf"
  [ ! -s "$work/fonts.err" ] || fail "pdffonts $pdf : $(cat "$work/fonts.err")"
  # name type encoding emb sub uni object ID: emb and uni are the 5th and 3rd fields from the end.
  tail -n +3 "$work/fonts.out" | awk '$(NF-4) != "yes" || $(NF-2) != "yes" {bad = 1; print} END {exit bad}' ||
    fail "pdffonts $pdf : police non incorporée ou sans ToUnicode"
done
# One PDF a process, two at a time (pdfinfo -struct-text takes seconds on a contract).
printf '%s\0' "${pdfs[@]}" | xargs -0 -n 1 -P 2 python3 "$src/tests/pdf/struct_text_check.py" || fail "struct_text_check.py"

echo "${#pdfs[@]} PDF vérifiés"
if [ "$failures" -eq 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; exit 1; fi
