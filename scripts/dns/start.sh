#!/usr/bin/env bash
# Starts a real DNS server and a DNS-over-HTTPS front end on loopback for the certificate-discovery tests:
# BIND (named) serves the zones, over UDP and TCP; dnsdist answers RFC 8484 GET/POST on plain HTTP and asks
# BIND (retrying over TCP by itself when a UDP answer is truncated).
#
#   scripts/dns/start.sh DIR
#
# DIR (absolute, private to the caller) holds one zone file per zone, named ORIGIN.zone (for example
# direct.clinic.test.zone). Both servers run from DIR on free loopback ports, without systemd and without
# reading /etc. Prints, and writes to DIR/env:  DNS=127.0.0.1:PORT  DOH=http://127.0.0.1:PORT/dns-query
# Stop with scripts/dns/stop.sh DIR. Install the servers first with scripts/dns/install.sh.
set -euo pipefail

W=${1:?usage: scripts/dns/start.sh DIR}
W=$(cd "$W" && pwd)
for c in /usr/sbin/named /usr/bin/dnsdist /usr/bin/dig; do
  [ -x "$c" ] || { echo "dns/start: $c is missing; run scripts/dns/install.sh" >&2; exit 1; }
done

# A port nobody listens on, over UDP and TCP.
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    if ! ss -Hlnu "sport = :$p" | grep -q . && ! ss -Hlnt "sport = :$p" | grep -q .; then
      echo "$p"
      return 0
    fi
  done
  echo "dns/start: no free port found" >&2
  return 1
}
DNS_PORT=$(free_port)
DOH_PORT=$(free_port)
while [ "$DOH_PORT" = "$DNS_PORT" ]; do DOH_PORT=$(free_port); done

zones=""
first=""
for z in "$W"/*.zone; do
  [ -e "$z" ] || { echo "dns/start: no *.zone file in $W" >&2; exit 1; }
  origin=$(basename "$z" .zone)
  first=${first:-$origin}
  zones+="zone \"$origin\" { type primary; file \"$z\"; };"$'\n'
done

cat > "$W/named.conf" <<CONF
options { directory "$W"; pid-file none; session-keyfile none;
  listen-on port $DNS_PORT { 127.0.0.1; }; listen-on-v6 { none; };
  recursion no; dnssec-validation no; allow-query { any; }; };
controls { };
$zones
CONF

cat > "$W/dnsdist.conf" <<CONF
setLocal('127.0.0.1:$(free_port)')
setSecurityPollSuffix('')
newServer({address='127.0.0.1:$DNS_PORT', name='auth', checkName='$first.', checkType='SOA'})
addDOHLocal('127.0.0.1:$DOH_PORT', nil, nil, '/dns-query', { customResponseHeaders={['access-control-allow-origin']='*'} })
CONF

named-checkconf -z "$W/named.conf" > "$W/checkconf.log" 2>&1 || { cat "$W/checkconf.log" >&2; exit 1; }
/usr/sbin/named -g -c "$W/named.conf" > "$W/named.log" 2>&1 < /dev/null &
echo $! > "$W/named.pid"
/usr/bin/dnsdist --supervised --disable-syslog -C "$W/dnsdist.conf" > "$W/dnsdist.log" 2>&1 < /dev/null &
echo $! > "$W/dnsdist.pid"

DOH="http://127.0.0.1:$DOH_PORT/dns-query"
# The SOA query for the first zone, id 0, base64url, for curl.
ready=0
for _ in $(seq 1 100); do
  if dig +time=1 +tries=1 -p "$DNS_PORT" @127.0.0.1 "$first" SOA 2>/dev/null | grep -q 'status: NOERROR' &&
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$DOH?dns=AAABAAABAAAAAAAAAAAGAAE" 2>/dev/null)" = 200 ]; then
    ready=1
    break
  fi
  sleep 0.1
done
if [ "$ready" != 1 ]; then
  echo "dns/start: the servers did not answer; logs in $W (named.log, dnsdist.log)" >&2
  tail -20 "$W/named.log" "$W/dnsdist.log" >&2 || true
  bash "$(dirname "${BASH_SOURCE[0]}")/stop.sh" "$W" || true
  exit 1
fi
printf 'DNS=127.0.0.1:%s\nDOH=%s\n' "$DNS_PORT" "$DOH" | tee "$W/env"
