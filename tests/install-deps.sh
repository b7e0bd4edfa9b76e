#!/usr/bin/env bash
# Installs what the quality gates need outside Python: Chromium (Debian) and the npm checkers.
set -euo pipefail
echo "install-deps: nothing yet"
