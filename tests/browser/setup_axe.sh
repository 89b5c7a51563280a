#!/usr/bin/env bash
# Install axe-core (pinned) from the npm registry into node_modules/ at the repository root
# (git-ignored). tests/browser/test_accessibility.py injects node_modules/axe-core/axe.min.js.
# Idempotent: does nothing when the pinned version is already there.
set -euo pipefail
AXE_VERSION="4.14.1"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PKG="$ROOT/node_modules/axe-core/package.json"
if [ -f "$PKG" ] && grep -q "\"version\": \"$AXE_VERSION\"" "$PKG"; then
  exit 0
fi
npm install --prefix "$ROOT" --no-save --no-package-lock --no-audit --no-fund "axe-core@$AXE_VERSION"
test -f "$ROOT/node_modules/axe-core/axe.min.js"
