#!/usr/bin/env bash
# Installs the interop peers the test suite drives: OpenSSL (`openssl cms`), NSS tools (`cmsutil`,
# `certutil`, `pk12util`), GnuPG's S/MIME tool (`gpgsm` with `gpg-agent` and `gpgconf`), BouncyCastle 1.72
# (bcprov/bcpkix/bcutil/bcmail jars, javax.mail, and a JDK for `javac`/`java`), plus GNU time
# (/usr/bin/time -v: peak memory in the benchmark).
# Idempotent: does nothing (not even `apt-get update`) when every command and jar is already present.
# Meant for Debian 12 run as root (or with sudo available). Safe to run while another apt is busy:
# apt waits on the dpkg lock, and the whole step is retried a few times if it still loses the race.
set -eu

# command -> Debian package that provides it
missing_pkgs=""
need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    case " $missing_pkgs " in *" $2 "*) ;; *) missing_pkgs="$missing_pkgs $2" ;; esac
  fi
}
need openssl openssl
need cmsutil libnss3-tools
need certutil libnss3-tools
need pk12util libnss3-tools
need gpgsm gpgsm
need gpg-agent gpg-agent
need gpgconf gpgconf
# GNU time, not the shell keyword: the benchmark reads its "Maximum resident set size".
[ -x /usr/bin/time ] || missing_pkgs="$missing_pkgs time"
need javac default-jdk-headless
need java default-jdk-headless
# Jars have no command to look for: ask dpkg (apt_missing) whether each package is fully installed.
# shellcheck source=lib/apt.sh
APT_WHO=install-test-deps
. "$(dirname "$0")/lib/apt.sh"
# The same jars as the post-check below and test/interop/support/bouncycastle.ts (JARS); javax.activation comes
# with libmail-java, but is named so the two checks agree.
for p in $(apt_missing libbcprov-java libbcpkix-java libbcutil-java libbcmail-java libmail-java libactivation-java); do
  missing_pkgs="$missing_pkgs $p"
done

# Quiet when everything is present.
if [ -z "$missing_pkgs" ]; then
  exit 0
fi

echo "install-test-deps: installing:$missing_pkgs"
# shellcheck disable=SC2086 # one word per package
apt_install $missing_pkgs

for c in openssl cmsutil certutil pk12util gpgsm gpg-agent gpgconf /usr/bin/time javac java; do
  command -v "$c" >/dev/null 2>&1 || { echo "install-test-deps: $c still missing" >&2; exit 1; }
done
for j in bcprov bcpkix bcutil bcmail javax.mail javax.activation; do
  [ -f "/usr/share/java/$j.jar" ] || { echo "install-test-deps: /usr/share/java/$j.jar still missing" >&2; exit 1; }
done
echo "install-test-deps: done"
