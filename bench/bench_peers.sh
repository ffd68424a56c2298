#!/usr/bin/env bash
# Benchmark (not a test), issue 5 (d): the same 15-page contrat-aci produced in one run by
# Trame and by peers installed here from Debian's and npm's registries:
#   Carbone (npm "carbone", LibreOffice for PDF) and pandoc (Debian, ODT).
# Usage: bash bench/bench_peers.sh [N]   (after bash scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10}
root=$(pwd)
trame=$root/build/generator/cli/trame
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s%N; }
ms() { awk -v u="$1" 'BEGIN{printf "%.1f", u / 1000}'; }  # microseconds -> ms

# Peers, installed by this script (pandoc, LibreOffice, python3-uno and npm from Debian,
# carbone from npm's registry).
missing=""
command -v pandoc >/dev/null || missing="$missing pandoc"
command -v soffice >/dev/null || missing="$missing libreoffice-writer-nogui"
command -v npm >/dev/null || missing="$missing npm"
command -v pdfinfo >/dev/null || missing="$missing poppler-utils"
dpkg-query -W -f='${Status}' python3-uno 2>/dev/null | grep -q "install ok installed" || missing="$missing python3-uno"
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
mkdir -p "$work/node"
if ! (cd "$work/node" && npm install --silent --no-audit --no-fund carbone@3 >"$work/npm.log" 2>&1); then
  echo "npm install carbone@3 failed:" >&2; cat "$work/npm.log" >&2; exit 1
fi

sample=samples/sud-manche.json
# The same contract for every producer: Trame writes it; its ODT, turned into a Carbone
# template (tables as Carbone loops, their rows as data) and into Markdown for pandoc,
# is what the peers render. Their documents read like Trame's, page for page.
"$trame" render contrat-aci "$sample" --format pdf,odt --out "$work/ref" >/dev/null
cpts=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["cpts"]["nom"])' "$sample")
python3 bench/peers/make_carbone_template.py "$work/ref/contrat-aci.odt" "$cpts" "$work/carbone-template.odt" "$work/data.json"
pandoc "$work/ref/contrat-aci.odt" -t markdown -o "$work/contrat.md"
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/{print $2}'; }

echo "== Trame: contrat-aci, whole CLI run per document (cold process), mean of $N"
t0=$(now); for i in $(seq "$N"); do "$trame" render contrat-aci "$sample" --format pdf --out "$work/t" >/dev/null; done; t1=$(now)
trame_pdf=$(( (t1 - t0) / 1000 / N ))
t0=$(now); for i in $(seq "$N"); do "$trame" render contrat-aci "$sample" --format odt --out "$work/t" >/dev/null; done; t1=$(now)
trame_odt=$(( (t1 - t0) / 1000 / N ))
echo "   PDF $(ms "$trame_pdf") ms ($(pages "$work/t/contrat-aci.pdf") pages), ODT $(ms "$trame_odt") ms"

echo "== Trame in-process (warm, as a server or a batch runs it), mean of $((N * 5))"
# One format a loop, as each peer is measured.
inproc() { "$root/build/bench/trame_bench" --document contrat-aci --n $((N * 5)) --cli-runs 0 --only "$1" "$sample"; }
tin_pdf=$(inproc pdf | awk '/load\+validate  /{l=$2} /template -> tree/{t=$4} /PDF writer/{p=$3} END{printf "%.2f", l+t+p}')
tin_odt=$(inproc odt | awk '/load\+validate  /{l=$2} /template -> tree/{t=$4} /ODT writer/{o=$3} END{printf "%.2f", l+t+o}')
echo "   PDF ${tin_pdf} ms, ODT ${tin_odt} ms (load + validate + tree + writer)"

echo "== pandoc $(pandoc --version | awk 'NR==1{print $2}') (Markdown -> ODT), whole run, mean of $N"
t0=$(now); for i in $(seq "$N"); do pandoc "$work/contrat.md" -o "$work/pandoc.odt"; done; t1=$(now)
pandoc_odt=$(( (t1 - t0) / 1000 / N ))
echo "   ODT $(ms "$pandoc_odt") ms"

# Carbone drives LibreOffice through Debian's python3 with the uno module: /usr/bin first.
carbone() { (cd "$work/node" && PATH="/usr/lib/libreoffice/program:/usr/bin:$PATH" NODE_PATH="$work/node/node_modules" HOME="$1" node "$root/bench/peers/carbone-bench.js" "$work/carbone-template.odt" "$work/data.json" "$2" "$work"); }
echo "== Carbone 3 (PDF through LibreOffice), warm: LibreOffice started beforehand, mean of $N"
res=$(carbone "$work/home" "$N")
carbone_pdf=$(echo "$res" | awk '$1=="pdf"{print $2}')
carbone_odt=$(echo "$res" | awk '$1=="odt"{print $2}')
echo "   PDF ${carbone_pdf} ms ($(pages "$work/carbone.pdf") pages), ODT ${carbone_odt} ms"
COLD=${COLD:-3}
echo "== Carbone 3, cold: a fresh process that starts LibreOffice, mean of $COLD"
t0=$(now); for i in $(seq "$COLD"); do carbone "$work/home-cold-$i" cold >/dev/null; done; t1=$(now)
carbone_cold=$(( (t1 - t0) / 1000 / COLD ))
echo "   PDF $(ms "$carbone_cold") ms"
echo
awk -v tp="$tin_pdf" -v to="$tin_odt" -v cp="$carbone_pdf" -v co="$carbone_odt" \
    -v ctp="$trame_pdf" -v cto="$trame_odt" -v cc="$carbone_cold" -v po="$pandoc_odt" 'BEGIN{
  printf "PDF, warm  (Carbone + LibreOffice running / Trame in-process):  %5.1fx  (issue target >= 50x)\n", cp / tp
  printf "PDF, cold  (Carbone + LibreOffice start / Trame CLI run):        %5.1fx\n", cc / ctp
  printf "ODT, warm  (Carbone / Trame in-process):                         %5.1fx\n", co / to
  printf "ODT, cold  (pandoc run / Trame CLI run):                         %5.1fx\n", po / cto }'
