#!/usr/bin/env bash
# Installs the web editor served at /admin/ (docs/web-editing.md), idempotently: Sveltia CMS at
# the exact version of cms/package-lock.json (`npm ci`), and Debian's node/npm when missing.
# `make install` and `make build` run it, so the build itself never needs the network.
# Fast and offline when all is installed.
set -euo pipefail
cd "$(dirname "$0")"

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v npm >/dev/null 2>&1; then
    echo "cms/install.sh: apt-get install nodejs npm"
    export DEBIAN_FRONTEND=noninteractive
    sudo_if_needed apt-get update -qq
    sudo_if_needed apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

# Reinstalled only when the lock file changed (or the bundle is missing).
bundle=node_modules/@sveltia/cms/dist/sveltia-cms.js
stamp=node_modules/.installed-from-lock
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || [ ! -f "$bundle" ]; then
    echo "cms/install.sh: npm ci (@sveltia/cms)"
    npm ci --prefix . --ignore-scripts --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
fi
