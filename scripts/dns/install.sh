#!/usr/bin/env bash
# Installs what the certificate-discovery tests run on loopback: BIND (the authoritative DNS server that
# serves CERT records, over UDP and TCP), dnsdist (the DNS-over-HTTPS front end, RFC 8484) and dig.
# Debian 12, as root or with sudo. Idempotent: no apt at all when everything is there.
# No daemon is started here: scripts/dns/start.sh runs both servers from a private folder.
set -euo pipefail

PKGS=(bind9 dnsdist dnsutils)

# shellcheck source=../lib/apt.sh
APT_WHO=dns/install
. "$(dirname "${BASH_SOURCE[0]}")/../lib/apt.sh"
mapfile -t missing < <(apt_missing "${PKGS[@]}")
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
echo "dns/install: installing ${missing[*]}"
apt_install "${missing[@]}"

for c in /usr/sbin/named /usr/bin/dnsdist /usr/bin/dig; do
  if [ ! -x "$c" ]; then
    echo "dns/install: $c is missing after the install" >&2
    exit 1
  fi
done
