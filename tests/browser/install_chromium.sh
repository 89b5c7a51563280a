#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests, only when it is missing (CI calls this).
# Never `playwright install`: the tests launch /usr/bin/chromium directly.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq && apt-get install -y -qq chromium
fi
