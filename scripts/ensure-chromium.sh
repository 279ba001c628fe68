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

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "ensure-chromium: need root (or sudo) to install chromium" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Wait up to 10 minutes for a concurrent apt/dpkg to release its locks.
APT_OPTS=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)

retry() {
  local n=0
  until "$@"; do
    n=$((n + 1))
    if [ "$n" -ge 5 ]; then
      echo "ensure-chromium: giving up after $n attempts: $*" >&2
      return 1
    fi
    echo "ensure-chromium: attempt $n failed (apt lock busy?); retrying in 15 s" >&2
    sleep 15
  done
}

# Only refresh the package lists when apt does not know a chromium candidate yet.
candidate=$(apt-cache policy chromium 2>/dev/null | awk '/Candidate:/ { print $2 }')
if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then
  echo "ensure-chromium: apt-get update"
  retry "${SUDO[@]}" apt-get "${APT_OPTS[@]}" update -q
fi

echo "ensure-chromium: installing chromium"
if ! retry "${SUDO[@]}" apt-get "${APT_OPTS[@]}" install -y -q chromium; then
  # The lists may be stale (a mirror dropped the old version): refresh once and try again.
  retry "${SUDO[@]}" apt-get "${APT_OPTS[@]}" update -q
  retry "${SUDO[@]}" apt-get "${APT_OPTS[@]}" install -y -q chromium
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: $CHROMIUM still missing after install" >&2
  exit 1
fi
echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null) installed"
