#!/usr/bin/env bash
# Installs, from Debian 12 packages only, whatever trame needs to build, run
# and test that is not already there. Idempotent; run as root (or with sudo).
set -euo pipefail

BUILD_PACKAGES=(
  build-essential cmake pkg-config
  nlohmann-json3-dev libharfbuzz-dev libdeflate-dev libxml2-dev libzip-dev libvalijson-dev
  libsimdjson-dev   # the dossier's JSON parser (nlohmann's for the messages of a malformed file)
  libcli11-dev libfmt-dev libicu-dev libhyphen-dev catch2 zlib1g-dev
  libssl-dev        # SHA-256 (libcrypto EVP); trame signer (CMS, PKCS#12, RFC 3161)
  libmimalloc-dev   # the allocator linked into the executables
  help2man          # the man page, from trame --help
  dpkg-dev          # cpack -G DEB computes the package's dependencies with dpkg-shlibdeps
  libcpp-httplib-dev  # trame serve
  libpng-dev        # PNG images of templates (decoded for the PDF)
)
# Fonts of the PDF: Liberation (the theme's), then DejaVu and Noto CJK for characters it lacks.
RUNTIME_PACKAGES=(hyphen-fr fonts-liberation2 fonts-dejavu-core fonts-noto-cjk bash-completion
  icc-profiles-free  # sRGB.icc: the output intent of every PDF (PDF/A-2)
)
TEST_PACKAGES=(poppler-utils qpdf libxml2-utils libreoffice-writer-nogui python3
  clang libclang-rt-14-dev  # libFuzzer (scripts/fuzz.sh)
  chromium unzip  # browser tests of trame serve (tests/web/browser.mjs) and the zips they download
  iproute2  # ss: the listening backlog of trame serve (tests/web/load_test.cpp)
  libnss3-tools python3  # trame signer's tests: certutil makes the NSS database pdfsig trusts; the loopback timestamp authority
)

wanted=("${BUILD_PACKAGES[@]}" "${RUNTIME_PACKAGES[@]}")
if [ "${1:-}" = "--with-tests" ]; then
  wanted+=("${TEST_PACKAGES[@]}")
  # Node.js and npm drive the browser tests; Debian's packages unless a Node.js is already there.
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then wanted+=(nodejs npm); fi
fi

missing=()
for p in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "trame: installation des paquets manquants : ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# puppeteer-core (from the npm registry, pinned by tests/web/package-lock.json) into
# tests/web/node_modules; skipped when the installed tree matches the lock file.
if [ "${1:-}" = "--with-tests" ]; then
  web="$(cd "$(dirname "$0")/.." && pwd)/tests/web"
  stamp="$web/node_modules/.trame-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$stamp" "$web/package-lock.json"; then
    echo "trame: installation de puppeteer-core (tests du navigateur)"
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$web/package-lock.json" "$stamp"
  fi
fi
