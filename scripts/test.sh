#!/usr/bin/env bash
# Installs what is missing (including the readers the tests use: poppler,
# qpdf, libxml2-utils, LibreOffice), builds and runs every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-tests
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
