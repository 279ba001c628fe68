#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium: the e2e tests and `npm start` drive it with
# playwright-core, which brings no browser of its own (we never run `npx playwright install`).
# Idempotent: does nothing, not even `apt-get update`, when Chromium is already there.
# Safe to run while another script installs packages: apt waits on the dpkg lock, and each apt step is
# retried a few times if it still loses the race.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM") already present"
  exit 0
fi

# shellcheck source=lib/apt.sh
APT_WHO=ensure-chromium
. "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"
echo "ensure-chromium: installing chromium"
# With recommends, as before: Chromium's fonts come with them.
apt_install --with-recommends chromium

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: $CHROMIUM still missing after install" >&2
  exit 1
fi
echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null) installed"
