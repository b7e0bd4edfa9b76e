#!/usr/bin/env bash
# Installs what `make build` needs outside Python, idempotently, on Debian as root (or sudo):
#   fonts-noto-core  the fonts of the social cards (Latin and Arabic), nothing downloaded at build
#   libfribidi0      bidi for Pillow's Raqm layout engine: Arabic cards are shaped, or refused
#   libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
#                    text layout and font subsetting of WeasyPrint (the press releases' PDFs)
# Fast and offline when all is installed.
set -euo pipefail

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for package in fonts-noto-core libfribidi0 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "install-build-deps: apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    sudo_if_needed apt-get update -qq
    sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
