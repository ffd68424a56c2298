#!/usr/bin/env bash
# Load benchmark of trame serve (not a test), issue 14's targets: 16 concurrent
# clients on the loopback, requests per second and latency percentiles for
# validate, the contract's PDF and the pack; the server's memory over 10 000
# contract requests (targets: >= 150 contract PDFs/s, p99 < 100 ms, memory flat).
# Usage: bash bench/bench_serve.sh [CLIENTS]   (after cmake --build build --target trame trame_bench_serve)
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-16}
trame=./build/generator/cli/trame
client=./build/bench/trame_bench_serve
work=$(mktemp -d)
"$trame" serve --port 0 --dossiers "$work/dossiers" > "$work/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q 'http://127.0.0.1:' "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")
csrf=$(curl -s "http://127.0.0.1:$port/api/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf"])')
# A run with failed requests says so on its line (and the script goes on).
run() { "$client" --port "$port" --pid "$server" --csrf "$csrf" --clients "$clients" "$@" || true; }
echo "trame serve on 127.0.0.1:$port, $clients clients, $(nproc) cores"
run --path /api/validate --body samples/sud-manche.json --requests 100 > /dev/null   # warm-up
echo "== validate (sud-manche.json)"
run --path /api/validate --body samples/sud-manche.json --requests 3000
echo "== contract PDF (POST /api/documents/contrat-aci.pdf)"
run --path /api/documents/contrat-aci.pdf --body samples/sud-manche.json --requests 2000
echo "== pack, PDF + ODT of every document, zip (POST /api/pack)"
run --path /api/pack --body samples/sud-manche.json --requests 200
echo "== memory over 10 000 contract PDFs (5 rounds of 2 000)"
for i in 1 2 3 4 5; do run --path /api/documents/contrat-aci.pdf --body samples/sud-manche.json --requests 2000; done
