#!/usr/bin/env bash
# Starts a throwaway webmail on loopback for the end-to-end tests: Postfix (SMTP submission for Roundcube,
# delivery straight into Maildirs), Dovecot (IMAP on those Maildirs) and Roundcube (elastic skin, SQLite)
# served by `php -S` with a few workers. Two local accounts: dr.house@doctor.test and pat@patient.test.
#
#   scripts/webmail/start.sh DIR      (DIR: a private folder under /tmp; created if missing)
#   scripts/webmail/stop.sh DIR
#
# Everything lives in DIR: configuration, Maildirs, queue, SQLite database, logs (DIR/logs/*.log), the PID of
# each server (DIR/pids/*.pid) and DIR/webmail.json (URL, ports, accounts) for the tests. Nothing in /etc is
# touched; Roundcube finds its configuration through ROUNDCUBE_CONFIG_DIR. Ports are free ones picked at
# random unless WEBMAIL_HTTP_PORT, WEBMAIL_IMAP_PORT or WEBMAIL_SMTP_PORT say otherwise.
# Run scripts/webmail/install.sh first (as root: Postfix and Dovecot drop privileges from root).
# Prints the webmail's URL on success; on failure stops whatever it had started and prints the logs' tails.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
case "$1" in
  /tmp/?*) ;;
  *) echo "webmail/start: DIR must be a folder under /tmp (got $1)" >&2; exit 2 ;;
esac
if [ "$(id -u)" -ne 0 ]; then
  echo "webmail/start: run as root (Postfix and Dovecot start as root and drop privileges)" >&2
  exit 1
fi
for c in /usr/sbin/dovecot /usr/sbin/postfix /usr/lib/postfix/sbin/master /usr/bin/php /usr/bin/sqlite3 \
  /var/lib/roundcube/public_html/index.php; do
  [ -e "$c" ] || { echo "webmail/start: $c is missing: run scripts/webmail/install.sh" >&2; exit 1; }
done

mkdir -p "$1"
DIR=$(cd "$1" && pwd -P)
if [ -e "$DIR/pids" ] && compgen -G "$DIR/pids/*.pid" >/dev/null; then
  echo "webmail/start: $DIR already has servers recorded: run scripts/webmail/stop.sh $DIR first" >&2
  exit 1
fi

# ---------------------------------------------------------------------------------------------- settings
DOCTOR=dr.house@doctor.test
DOCTOR_PASS=doctor-pass-1
PATIENT=pat@patient.test
PATIENT_PASS=patient-pass-1
SIZE_LIMIT=$((40 * 1024 * 1024))   # 40 MB for Postfix; Roundcube's PHP takes uploads up to 40M.
PHP_WORKERS=${WEBMAIL_PHP_WORKERS:-4}

# The Maildirs' owner. Dovecot refuses uid 0 for mail; a numeric uid with no passwd entry works for both
# Dovecot (static userdb) and Postfix (static virtual_uid_maps), so /etc/passwd stays untouched.
VMAIL_UID=${WEBMAIL_VMAIL_UID:-5000}
while getent passwd "$VMAIL_UID" >/dev/null || getent group "$VMAIL_UID" >/dev/null; do
  VMAIL_UID=$((VMAIL_UID + 1))
done
VMAIL_GID=$VMAIL_UID

listening() { (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PICKED=" "
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 25000))
    case "$PICKED" in *" $p "*) continue ;; esac
    if ! listening "$p"; then
      PICKED="$PICKED$p "
      echo "$p"
      return 0
    fi
  done
  echo "webmail/start: no free port found" >&2
  return 1
}
HTTP_PORT=${WEBMAIL_HTTP_PORT:-$(free_port)}
PICKED="$PICKED$HTTP_PORT "
IMAP_PORT=${WEBMAIL_IMAP_PORT:-$(free_port)}
PICKED="$PICKED$IMAP_PORT "
SMTP_PORT=${WEBMAIL_SMTP_PORT:-$(free_port)}

# A server already on one of these ports would answer in place of ours (and ours would fail to bind).
for p in "$HTTP_PORT" "$IMAP_PORT" "$SMTP_PORT"; do
  if listening "$p"; then
    echo "webmail/start: port $p on 127.0.0.1 is already in use" >&2
    exit 1
  fi
done

mkdir -p "$DIR"/{pids,logs,postfix,postfix-queue,postfix-data,dovecot/run,dovecot/state,mail} \
  "$DIR"/roundcube/{config,temp}
# Postfix's and Dovecot's unprivileged users must reach their folders inside DIR.
chmod 755 "$DIR" "$DIR/logs"
chmod 700 "$DIR/pids"

STARTED=()
fail() {
  echo "webmail/start: $*" >&2
  for f in "$DIR"/logs/*.log; do
    [ -s "$f" ] || continue
    echo "---- $f (last lines)" >&2
    tail -n 15 "$f" >&2
  done
  "$HERE/stop.sh" "$DIR" >&2 || true
  exit 1
}

# PID ANCESTOR: true when PID is ANCESTOR or one of its descendants (Dovecot's imap-login, Postfix's smtpd
# and php -S's workers hold the listening socket too).
descends_from() {
  local p=$1
  for _ in $(seq 1 20); do
    [ "$p" = "$2" ] && return 0
    p=$(awk '{ print $4 }' "/proc/$p/stat" 2>/dev/null) || return 1
    { [ -z "$p" ] || [ "$p" -le 1 ]; } && return 1
  done
  return 1
}

# PORT NAME PID: waits until PORT accepts connections, and makes sure it is PID (or a child of it) that
# listens there, not some other server.
wait_port() {
  local owner
  for _ in $(seq 1 150); do
    if listening "$1"; then
      kill -0 "$3" 2>/dev/null || fail "$2 ($3) exited, yet something listens on 127.0.0.1:$1"
      command -v ss >/dev/null 2>&1 || return 0
      # The listing may name short-lived children (a login process that has exited): look again.
      for _ in $(seq 1 20); do
        for owner in $(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2); do
          descends_from "$owner" "$3" && return 0
          [ -e "/proc/$owner" ] && fail "127.0.0.1:$1 is held by PID $owner, not by $2 ($3)"
        done
        sleep 0.1
      done
      return 0
    fi
    kill -0 "$3" 2>/dev/null || fail "$2 exited before listening on 127.0.0.1:$1"
    sleep 0.1
  done
  fail "$2 is not listening on 127.0.0.1:$1 after 15 s"
}

# ---------------------------------------------------------------------------------------------- Maildirs
for box in doctor.test/dr.house patient.test/pat; do
  mkdir -p "$DIR/mail/$box"/{cur,new,tmp}
done
chown -R "$VMAIL_UID:$VMAIL_GID" "$DIR/mail"
chmod -R 700 "$DIR/mail"
chmod 755 "$DIR/mail"

# ---------------------------------------------------------------------------------------------- Postfix
cat >"$DIR/postfix/main.cf" <<EOF
# Written by scripts/webmail/start.sh: a loopback-only Postfix that delivers to Maildirs for Dovecot.
compatibility_level = 3.6
queue_directory = $DIR/postfix-queue
data_directory = $DIR/postfix-data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.webmail.test
mydomain = webmail.test
myorigin = \$myhostname
mydestination =
local_recipient_maps =
relayhost =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination
smtp_dns_support_level = disabled
smtputf8_enable = yes
biff = no
append_dot_mydomain = no
readme_directory = no
# No syslog here: Postfix logs to a file.
maillog_file = $DIR/logs/postfix.log
maillog_file_prefixes = /var, /dev/stdout, /tmp
virtual_mailbox_domains = doctor.test, patient.test
virtual_mailbox_base = $DIR/mail
virtual_mailbox_maps = texthash:$DIR/postfix/vmailbox
virtual_uid_maps = static:$VMAIL_UID
virtual_gid_maps = static:$VMAIL_GID
virtual_minimum_uid = 100
# Sealed Direct messages are large: 40 MB. The virtual agent refuses to start when its mailbox limit is
# below message_size_limit, so lift that limit.
message_size_limit = $SIZE_LIMIT
virtual_mailbox_limit = 0
mailbox_size_limit = 0
EOF
cat >"$DIR/postfix/vmailbox" <<EOF
$DOCTOR doctor.test/dr.house/
$PATIENT patient.test/pat/
EOF
# No chroot (the queue is in DIR, not /var/spool) and one SMTP listener on a free loopback port.
cat >"$DIR/postfix/master.cf" <<EOF
# Written by scripts/webmail/start.sh
127.0.0.1:$SMTP_PORT inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
chmod 644 "$DIR/postfix/main.cf" "$DIR/postfix/master.cf" "$DIR/postfix/vmailbox"
: >"$DIR/logs/postfix.log"
# `postfix check` creates the queue's folders with the right owners; then run the master daemon itself in
# the background (not `postfix start`, which needs syslog, nor start-fg, whose PID is a shell's).
chown postfix "$DIR/postfix-data"
postfix -c "$DIR/postfix" check >"$DIR/logs/postfix-check.log" 2>&1 || fail "postfix check failed"
/usr/lib/postfix/sbin/master -c "$DIR/postfix" -s </dev/null >>"$DIR/logs/postfix.out.log" 2>&1 &
echo $! >"$DIR/pids/postfix.pid"
STARTED+=(postfix)

# ---------------------------------------------------------------------------------------------- Dovecot
cat >"$DIR/dovecot/users" <<EOF
$DOCTOR:{PLAIN}$DOCTOR_PASS
$PATIENT:{PLAIN}$PATIENT_PASS
EOF
# Dovecot's auth process runs as the dovecot user.
chown root:dovecot "$DIR/dovecot/users"
chmod 640 "$DIR/dovecot/users"
cat >"$DIR/dovecot/dovecot.conf" <<EOF
# Written by scripts/webmail/start.sh: IMAP on 127.0.0.1:$IMAP_PORT over the Maildirs Postfix writes.
base_dir = $DIR/dovecot/run
state_dir = $DIR/dovecot/state
instance_name = directseal-webmail-$IMAP_PORT
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = $DIR/logs/dovecot.log
info_log_path = $DIR/logs/dovecot.log
mail_location = maildir:$DIR/mail/%d/%n
first_valid_uid = 100
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DIR/dovecot/users
}
userdb {
  driver = static
  args = uid=$VMAIL_UID gid=$VMAIL_GID home=$DIR/mail/%d/%n
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
EOF
: >"$DIR/logs/dovecot.log"
/usr/sbin/dovecot -F -c "$DIR/dovecot/dovecot.conf" </dev/null >>"$DIR/logs/dovecot.out.log" 2>&1 &
echo $! >"$DIR/pids/dovecot.pid"
STARTED+=(dovecot)

# ---------------------------------------------------------------------------------------------- Roundcube
RC="$DIR/roundcube"
ln -sf /etc/roundcube/defaults.inc.php "$RC/config/defaults.inc.php"
ln -sf /etc/roundcube/mimetypes.php "$RC/config/mimetypes.php"
DES_KEY=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
cat >"$RC/config/config.inc.php" <<EOF
<?php
// Written by scripts/webmail/start.sh: Roundcube for the end-to-end tests (read through ROUNDCUBE_CONFIG_DIR).
\$config = [];
\$config['db_dsnw'] = 'sqlite:///$RC/roundcube.db?mode=0646';
\$config['imap_host'] = '127.0.0.1:$IMAP_PORT';
\$config['smtp_host'] = '127.0.0.1:$SMTP_PORT';
\$config['smtp_user'] = '';
\$config['smtp_pass'] = '';
\$config['des_key'] = '$DES_KEY';
\$config['log_dir'] = '$DIR/logs/roundcube/';
\$config['temp_dir'] = '$RC/temp/';
\$config['skin'] = 'elastic';
\$config['plugins'] = [];
\$config['product_name'] = 'Roundcube Webmail';
\$config['support_url'] = '';
\$config['enable_installer'] = false;
\$config['enable_spellcheck'] = false;
\$config['create_default_folders'] = true;
\$config['max_message_size'] = '40M';
\$config['language'] = 'en_US';
\$config['htmleditor'] = 0;
\$config['draft_autosave'] = 0;
\$config['login_rate_limit'] = 0;
EOF
mkdir -p "$DIR/logs/roundcube"
sqlite3 "$RC/roundcube.db" </usr/share/roundcube/SQL/sqlite.initial.sql || fail "cannot create Roundcube's database"

: >"$DIR/logs/php.log"
# setsid: php -S and its workers get a process group of their own (the workers can outlive the parent).
# Started from a non-interactive shell, setsid does not fork, so $! is the server's own PID.
ROUNDCUBE_CONFIG_DIR="$RC/config" PHP_CLI_SERVER_WORKERS=$PHP_WORKERS \
  setsid /usr/bin/php -d upload_max_filesize=40M -d post_max_size=40M -d memory_limit=512M \
  -d max_execution_time=120 -d display_errors=0 -d log_errors=1 -d error_log="$DIR/logs/php-errors.log" \
  -S "127.0.0.1:$HTTP_PORT" -t /var/lib/roundcube/public_html </dev/null >>"$DIR/logs/php.log" 2>&1 &
echo $! >"$DIR/pids/php.pid"
STARTED+=(php)

# ---------------------------------------------------------------------------------------------- readiness
wait_port "$SMTP_PORT" postfix "$(cat "$DIR/pids/postfix.pid")"
wait_port "$IMAP_PORT" dovecot "$(cat "$DIR/pids/dovecot.pid")"
wait_port "$HTTP_PORT" "php -S" "$(cat "$DIR/pids/php.pid")"
# Postfix's master writes its own PID file: it must be the process we recorded.
for _ in $(seq 1 50); do [ -s "$DIR/postfix-queue/pid/master.pid" ] && break; sleep 0.1; done
master_pid=$(tr -d ' \n' <"$DIR/postfix-queue/pid/master.pid" 2>/dev/null || true)
[ "$master_pid" = "$(cat "$DIR/pids/postfix.pid")" ] ||
  fail "postfix master PID $master_pid differs from the recorded $(cat "$DIR/pids/postfix.pid")"
# The login page must render (PHP, config and database all work).
page=$(php -r 'echo @file_get_contents($argv[1]);' "http://127.0.0.1:$HTTP_PORT/" || true)
case "$page" in
  *rcmloginuser*) ;;
  *) fail "Roundcube's login page does not show at http://127.0.0.1:$HTTP_PORT/" ;;
esac
# Record php -S's workers too (stop.sh also kills the whole process group).
pgrep -P "$(cat "$DIR/pids/php.pid")" >"$DIR/pids/php-workers.list" || true

cat >"$DIR/webmail.json" <<EOF
{
  "url": "http://127.0.0.1:$HTTP_PORT/",
  "dir": "$DIR",
  "ports": { "http": $HTTP_PORT, "imap": $IMAP_PORT, "smtp": $SMTP_PORT },
  "accounts": {
    "doctor": { "address": "$DOCTOR", "password": "$DOCTOR_PASS" },
    "patient": { "address": "$PATIENT", "password": "$PATIENT_PASS" }
  },
  "pids": {
    "postfix": $(cat "$DIR/pids/postfix.pid"),
    "dovecot": $(cat "$DIR/pids/dovecot.pid"),
    "php": $(cat "$DIR/pids/php.pid")
  },
  "logs": "$DIR/logs"
}
EOF
echo "http://127.0.0.1:$HTTP_PORT/"
