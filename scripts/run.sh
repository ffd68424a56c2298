#!/usr/bin/env bash
# The main job: installs what is missing, builds, and renders the bundled
# sample pack (every document of every sample dossier, PDF and ODT) under out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
trame=./build/generator/cli/trame
status=0
for dossier in samples/*.json; do
  name=$(basename "$dossier" .json)
  echo "== $name"
  "$trame" pack "$dossier" --out "out/$name" || status=$?
done
echo "Documents écrits sous out/"
exit $status
