#!/usr/bin/env bash
# Installs the Debian 12 packages tracuu builds and tests with, skipping those already present,
# then the browser-test dependencies (tests/web, from its package-lock.json).
# Everything tracuu needs comes from here: nothing is vendored or downloaded at build time.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ make pkg-config
  libxapian-dev libicu-dev libcpp-httplib-dev libpoppler-cpp-dev libxml2-dev libxxhash-dev
  nlohmann-json3-dev libcli11-dev doctest-dev
  libzip-dev libtesseract-dev libleptonica-dev tesseract-ocr-vie antiword
  chromium xapian-tools
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node and npm by command: a NodeSource "nodejs" package brings its own npm, and Debian's "npm"
# package would conflict with it.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ "${#missing[@]}" -ne 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Browser tests: playwright-core drives the Chromium installed above and must not download one.
web_tests=tests/web
if [ ! -d "$web_tests/node_modules" ] || [ "$web_tests/package-lock.json" -nt "$web_tests/node_modules" ]; then
  echo "setup: npm ci in $web_tests"
  (cd "$web_tests" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  touch "$web_tests/node_modules"
fi
