#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks, then the npm dependencies, then builds.
# Idempotent: each step is skipped when already done. Used by `npm run demo` and `.ci/run`.
#   scripts/setup.sh            packages to run the console (keytar build, keychain)
#   scripts/setup.sh --test     also the packages the tests need (chromium, xvfb, openssl)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libsecret-1-dev gnome-keyring dbus-x11 libsecret-tools)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(chromium xvfb xauth openssl)
fi

missing=()
# Other systems (macOS, Windows) bring their own keychain and need no packages here.
command -v dpkg-query >/dev/null 2>&1 || packages=()
for package in "${packages[@]+"${packages[@]}"}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when node_modules is missing or older than the lock file.
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "Installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Build only when an output is missing or older than a source file.
newest_source=$(find electron renderer vite.config.ts scripts/build-electron.mjs -type f -newer dist/.built 2>/dev/null | head -n 1 || true)
if [[ ! -f dist/.built || -n "$newest_source" ]]; then
  echo "Building the console"
  npm run --silent build
  touch dist/.built
fi
