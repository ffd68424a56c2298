#!/usr/bin/env bash
# The main job: installs what is missing, builds, and renders the bundled
# sample pack (every document of every sample dossier, PDF and ODT) under out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
# Every document of every sample (lettre, projet de santé, budget, statuts,
# contrat, COPIL minutes, avenants), one folder a dossier, with manifests.
./build/generator/cli/trame batch samples --avenants samples/avenants --out out
echo "Pour remplir un dossier dans le navigateur : ./build/generator/cli/trame serve (puis ouvrir http://127.0.0.1:8080/)"
