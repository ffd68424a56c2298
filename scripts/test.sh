#!/usr/bin/env bash
# Installs what is missing (including the readers the tests use: poppler,
# qpdf, libxml2-utils, LibreOffice, clang), builds and runs every test with ctest,
# then each fuzzing harness for 30 seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-tests
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
# A short run of each libFuzzer harness (two minutes in all; docs/architecture.md).
bash scripts/fuzz.sh 30
