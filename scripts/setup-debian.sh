#!/usr/bin/env bash
# Installs the Debian 12 packages tracuu builds and tests with, skipping those already present.
# Everything tracuu needs comes from here: nothing is vendored or downloaded at build time.
set -euo pipefail

packages=(
  cmake g++ make pkg-config
  libxapian-dev libicu-dev libcpp-httplib-dev libpoppler-cpp-dev libxml2-dev libxxhash-dev
  nlohmann-json3-dev libcli11-dev doctest-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
