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

# shellcheck source=../lib/apt.sh
APT_WHO=webmail/install
. "$(dirname "${BASH_SOURCE[0]}")/../lib/apt.sh"
mapfile -t missing < <(apt_missing "${PKGS[@]}")
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
apt_need_root "${missing[@]}"

echo "webmail/install: installing ${missing[*]}"
apt_retry "${SUDO[@]}" debconf-set-selections <<'SEL'
roundcube-core roundcube/dbconfig-install boolean false
roundcube-core roundcube/reconfigure-webserver multiselect
roundcube-core roundcube/restart-webserver boolean false
postfix postfix/main_mailer_type select No configuration
SEL

apt_install "${missing[@]}"

for c in /usr/sbin/dovecot /usr/sbin/postfix /usr/bin/php /usr/bin/sqlite3 /usr/share/roundcube/SQL/sqlite.initial.sql; do
  [ -e "$c" ] || { echo "webmail/install: $c still missing after install" >&2; exit 1; }
done
echo "webmail/install: done"
