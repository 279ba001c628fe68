#!/usr/bin/env bash
# Installs what the webmail end-to-end tests run on loopback: Roundcube (elastic skin, SQLite),
# Dovecot (IMAP + LMTP), Postfix, PHP's CLI (its built-in web server serves Roundcube) and sqlite3.
# Debian 12, as root or with sudo. Idempotent: quiet and fast (no apt at all) when everything is there.
# Preseeds debconf first so that dbconfig-common configures no database (it would pick PostgreSQL)
# and Postfix gets "No configuration": scripts/webmail/start.sh keeps every server's configuration
# in a private folder and never relies on /etc.
# Safe to run while another apt is busy: apt waits on the dpkg lock, and each step is retried.
set -euo pipefail

PKGS=(roundcube-core roundcube-sqlite3 dovecot-imapd dovecot-lmtpd postfix php-cli php-sqlite3 php-intl
  php-mbstring sqlite3)

missing=()
for p in "${PKGS[@]}"; do
  # "install ok installed" is the only state in which the package's files are all there.
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "webmail/install: need root (or sudo) to install: ${missing[*]}" >&2
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
      echo "webmail/install: giving up after $n attempts: $*" >&2
      return 1
    fi
    echo "webmail/install: attempt $n failed (dpkg lock busy?); retrying in 15 s" >&2
    sleep 15
  done
}

echo "webmail/install: installing ${missing[*]}"
retry "${SUDO[@]}" debconf-set-selections <<'SEL'
roundcube-core roundcube/dbconfig-install boolean false
roundcube-core roundcube/reconfigure-webserver multiselect
roundcube-core roundcube/restart-webserver boolean false
postfix postfix/main_mailer_type select No configuration
SEL

# Refresh the package lists only when apt knows no candidate for one of the missing packages.
for p in "${missing[@]}"; do
  candidate=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ { print $2 }')
  if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then
    retry "${SUDO[@]}" apt-get "${APT_OPTS[@]}" update -q
    break
  fi
done

if ! retry "${SUDO[@]}" apt-get "${APT_OPTS[@]}" install -y -q --no-install-recommends "${missing[@]}"; then
  # The lists may be stale (a mirror dropped the old version): refresh once and try again.
  retry "${SUDO[@]}" apt-get "${APT_OPTS[@]}" update -q
  retry "${SUDO[@]}" apt-get "${APT_OPTS[@]}" install -y -q --no-install-recommends "${missing[@]}"
fi

for c in /usr/sbin/dovecot /usr/sbin/postfix /usr/bin/php /usr/bin/sqlite3 /usr/share/roundcube/SQL/sqlite.initial.sql; do
  [ -e "$c" ] || { echo "webmail/install: $c still missing after install" >&2; exit 1; }
done
echo "webmail/install: done"
