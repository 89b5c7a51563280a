#!/usr/bin/env bash
# Install the Debian packages the tests drive for real, only when missing (CI calls this):
# Chromium for the browser tests and HAProxy for the room (several processes behind a balancer);
# poppler-utils (pdfinfo, pdftotext, pdftoppm) for the Regiorapport tests and the DejaVu fonts
# the report is set in.
# Never `playwright install`: the tests launch /usr/bin/chromium directly.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${missing[@]}"
fi
