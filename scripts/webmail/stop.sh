#!/usr/bin/env bash
# Stops the servers scripts/webmail/start.sh DIR started, by the PIDs it recorded in DIR/pids:
# Postfix's master, Dovecot's master and `php -S` with its workers (and each one's children).
# A PID is only signalled while it still runs the program recorded for it (no recycled PIDs).
# Idempotent: a DIR with nothing left running is fine. Keeps DIR (logs, Maildirs) unless --rm is given.
#
#   scripts/webmail/stop.sh DIR [--rm]
set -uo pipefail

if [ $# -lt 1 ] || [ -z "$1" ]; then
  echo "usage: $0 DIR [--rm]" >&2
  exit 2
fi
DIR=$1
REMOVE=${2:-}
[ -d "$DIR" ] || exit 0

# PID PROGRAM: true while PID runs PROGRAM (its command line starts with that program's path or name).
runs() {
  local cmd
  [ -r "/proc/$1/cmdline" ] || return 1
  cmd=$({ tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null) || return 1
  case "$cmd" in *"$2"*) return 0 ;; *) return 1 ;; esac
}

# PID is a live process (a zombie waiting for a parent that never reaps it, as PID 1 in a container may not,
# counts as gone).
alive() {
  local st
  st=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}

# Every descendant of PID, deepest last.
descendants() {
  local c
  for c in $(pgrep -P "$1" 2>/dev/null); do
    echo "$c"
    descendants "$c"
  done
}

stop_one() { # NAME PROGRAM
  local f="$DIR/pids/$1.pid" pid kids k
  [ -s "$f" ] || { rm -f "$f"; return 0; }
  pid=$(tr -d ' \n' <"$f")
  kids=""
  if runs "$pid" "$2"; then
    kids=$(descendants "$pid")
    # php -S runs in a process group of its own (setsid): signal the group, then the parent.
    if [ "$1" = php ] && [ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" = "$pid" ]; then
      kill -TERM -- "-$pid" 2>/dev/null
    fi
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 50); do
      runs "$pid" "$2" || break
      sleep 0.1
    done
    if runs "$pid" "$2"; then
      echo "webmail/stop: $1 ($pid) ignored SIGTERM; killing it" >&2
      kill -KILL "$pid" 2>/dev/null
    fi
  fi
  # Children that outlived their parent (php -S workers, Postfix or Dovecot helpers).
  # (The recorded workers are only signalled while they still run php.)
  [ "$1" = php ] && [ -s "$DIR/pids/php-workers.list" ] &&
    for k in $(cat "$DIR/pids/php-workers.list"); do runs "$k" "$2" && kids="$kids $k"; done
  for k in $kids; do kill -TERM "$k" 2>/dev/null; done
  for _ in $(seq 1 30); do
    local left=""
    for k in $kids; do alive "$k" && left="$left $k"; done
    [ -z "$left" ] && break
    sleep 0.1
  done
  for k in $kids; do alive "$k" && kill -KILL "$k" 2>/dev/null; done
  rm -f "$f"
}

stop_one php /usr/bin/php
[ -f "$DIR/pids/php-workers.list" ] && rm -f "$DIR/pids/php-workers.list"
stop_one dovecot /usr/sbin/dovecot
stop_one postfix /usr/lib/postfix/sbin/master

if [ "$REMOVE" = --rm ]; then
  rm -rf "$DIR"
fi
exit 0
