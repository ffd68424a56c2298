#!/usr/bin/env bash
# The server's memory over many requests (issue 14; not a test): a fresh `trame serve`
# on the loopback, ROUNDS rounds of 2 000 contract PDFs from 16 clients, the server's
# VmRSS after each round. Extra arguments are environment settings for the server
# (e.g. MIMALLOC_SHOW_STATS=1). Bounded: ROUNDS rounds, 10 minutes at most each.
# Usage: bash bench/bench_serve_memory.sh [ROUNDS] [VAR=VALUE...]
#        (after cmake --build build --target trame trame_bench_serve)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-8}
shift || true
trame=./build/generator/cli/trame
client=./build/bench/trame_bench_serve
work=$(mktemp -d)
env "$@" "$trame" serve --port 0 --dossiers "$work/dossiers" > "$work/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q 'http://127.0.0.1:' "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")
csrf=$(curl -s "http://127.0.0.1:$port/api/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf"])')
for r in $(seq "$rounds"); do
  echo "round $r: $(timeout 600 "$client" --port "$port" --pid "$server" --csrf "$csrf" --clients 16 \
    --path /api/documents/contrat-aci.pdf --body samples/sud-manche.json --requests 2000 | grep -o 'RSS.*')"
done
