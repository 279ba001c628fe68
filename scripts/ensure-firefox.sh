#!/usr/bin/env bash
# Makes sure Debian's Firefox ESR is at /usr/bin/firefox-esr: test/firefox drives it with puppeteer-core over
# WebDriver BiDi (no geckodriver, no browser download of puppeteer's own) to check the adapters in Firefox
# with the Firefox build of the extension loaded.
# Idempotent: does nothing, not even `apt-get update`, when Firefox ESR is already there.
set -euo pipefail

FIREFOX=/usr/bin/firefox-esr

if [ -x "$FIREFOX" ]; then
  echo "ensure-firefox: $("$FIREFOX" --version 2>/dev/null || echo "$FIREFOX") already present"
  exit 0
fi

# shellcheck source=lib/apt.sh
APT_WHO=ensure-firefox
. "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"
echo "ensure-firefox: installing firefox-esr"
# With recommends: its fonts come with them, and the screenshots need them.
apt_install --with-recommends firefox-esr

if [ ! -x "$FIREFOX" ]; then
  echo "ensure-firefox: $FIREFOX still missing after install" >&2
  exit 1
fi
echo "ensure-firefox: $("$FIREFOX" --version 2>/dev/null) installed"
