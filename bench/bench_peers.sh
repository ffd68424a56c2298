#!/usr/bin/env bash
# Benchmark (not a test), issue 5 (d): the same contract funding and schedule produced in one run by
# Trame and by peers installed here from Debian's and npm's registries:
#   Carbone (npm "carbone", LibreOffice for PDF) and pandoc (Debian, ODT).
# Trame renders the full 14-page contrat-aci; the peers render its funding
# table and dated schedule (a smaller document), which favours the peers.
# Usage: bash bench/bench_peers.sh [N]   (after bash scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10}
root=$(pwd)
trame=$root/build/generator/cli/trame
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s%N; }

# Peers, installed by this script (pandoc and python3-uno from Debian, carbone from npm).
missing=""
command -v pandoc >/dev/null || missing="$missing pandoc"
dpkg-query -W -f='${Status}' python3-uno 2>/dev/null | grep -q "install ok installed" || missing="$missing python3-uno"
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
mkdir -p "$work/node" && (cd "$work/node" && npm install --silent --no-audit --no-fund carbone@3 >/dev/null 2>&1)

sample=samples/sud-manche.json
"$trame" funding "$sample" --json > "$work/funding.json"
python3 - "$work/funding.json" "$work/data.json" "$work/contrat.md" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
euro = lambda v: f"{v:,.2f}".replace(",", " ").replace(".", ",") + " €"
data = {"cpts": "CPTS Sud Manche", "size": f["size"], "total": euro(f["annual_max"]["total"]),
        "schedule_total": euro(f["schedule_total"]),
        "lines": [{"label": l["label"], "amount": euro(l["amount"])} for l in f["lines"]],
        "schedule": [{"date": p["date"], "label": p["label"], "amount": euro(p["amount"])} for p in f["schedule"]]}
json.dump(data, open(sys.argv[2], "w"), ensure_ascii=False)
md = [f"# Contrat tripartite — {data['cpts']}", "", f"Taille : {data['size']}. Montant annuel : {data['total']}.", "",
      "| Ligne | Montant |", "|---|---:|"] + [f"| {l['label']} | {l['amount']} |" for l in data["lines"]] + \
     ["", "| Date | Versement | Montant |", "|---|---|---:|"] + \
     [f"| {p['date']} | {p['label']} | {p['amount']} |" for p in data["schedule"]]
open(sys.argv[3], "w").write("\n".join(md) + "\n")
PY
# The Carbone template is an ODT Trame writes from bench/peers/carbone-template.xml.
echo "== Trame: contrat-aci (full contract), cold CLI run per document, mean of $N"
t0=$(now); for i in $(seq "$N"); do "$trame" render contrat-aci "$sample" --format pdf --out "$work/t" >/dev/null; done; t1=$(now)
trame_pdf=$(( (t1 - t0) / 1000000 / N ))
t0=$(now); for i in $(seq "$N"); do "$trame" render contrat-aci "$sample" --format odt --out "$work/t" >/dev/null; done; t1=$(now)
trame_odt=$(( (t1 - t0) / 1000000 / N ))
echo "   PDF ${trame_pdf} ms, ODT ${trame_odt} ms"

echo "== pandoc 2.17 (Markdown -> ODT), mean of $N"
t0=$(now); for i in $(seq "$N"); do pandoc "$work/contrat.md" -o "$work/pandoc.odt"; done; t1=$(now)
pandoc_odt=$(( (t1 - t0) / 1000000 / N ))
echo "   ODT ${pandoc_odt} ms"

echo "== Carbone 3 (ODT template; PDF through LibreOffice), mean of $N, LibreOffice started beforehand"
carbone_tpl="$work/carbone-template.odt"
"$root/build/bench/trame_template_odt" "$root/bench/peers/carbone-template.xml" "$carbone_tpl"
# Carbone drives LibreOffice through Debian's python3 with the uno module: /usr/bin first.
res=$(cd "$work/node" && PATH="/usr/lib/libreoffice/program:/usr/bin:$PATH" NODE_PATH="$work/node/node_modules" HOME="$work" node "$root/bench/peers/carbone-bench.js" "$carbone_tpl" "$work/data.json" "$N" "$work")
carbone_pdf=$(echo "$res" | awk '$1=="pdf"{print $2}')
carbone_odt=$(echo "$res" | awk '$1=="odt"{print $2}')
echo "   PDF ${carbone_pdf} ms, ODT ${carbone_odt} ms"
echo "== Trame in-process (warm, like Carbone's measure): contrat-aci"
inproc=$("$root/build/bench/trame_bench" --document contrat-aci --n 20 --cli-runs 0 "$sample")
tin_pdf=$(echo "$inproc" | awk '/load\+validate/{l=$2} /template -> tree/{t=$4} /PDF writer/{p=$3} END{printf "%.1f", l+t+p}')
tin_odt=$(echo "$inproc" | awk '/load\+validate/{l=$2} /template -> tree/{t=$4} /ODT writer/{o=$3} END{printf "%.1f", l+t+o}')
echo "   PDF ${tin_pdf} ms, ODT ${tin_odt} ms (load + validate + tree + writer)"
echo
awk -v tp="$tin_pdf" -v to="$tin_odt" -v cp="$carbone_pdf" -v co="$carbone_odt" 'BEGIN{
  printf "in-process ratios (peer / Trame): Carbone+LibreOffice PDF %.1fx; Carbone ODT %.1fx\n", cp/tp, co/to }'
awk -v tp="$trame_pdf" -v to="$trame_odt" -v cp="$carbone_pdf" -v co="$carbone_odt" -v po="$pandoc_odt" 'BEGIN{
  printf "cold-CLI ratios (peer / Trame CLI run): Carbone+LibreOffice PDF %.0fx (target >= 50x); Carbone ODT %.1fx; pandoc ODT %.1fx\n", cp/tp, co/to, po/to }'
