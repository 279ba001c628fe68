# Sourced by the installers (ensure-chromium.sh, install-test-deps.sh, webmail/install.sh): one way to install
# Debian packages, as root or through sudo, safe while another apt runs (it waits on the dpkg lock, and each
# step is retried a few times if it still loses the race). Callers set APT_WHO to name themselves in messages.

export DEBIAN_FRONTEND=noninteractive
# Wait up to 10 minutes for a concurrent apt/dpkg to release its locks.
APT_OPTS=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)

# Sets SUDO (an array: empty as root) or exits when neither root nor sudo is available.
apt_need_root() {
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "$APT_WHO: need root (or sudo) to install: $*" >&2
    exit 1
  fi
}

apt_retry() {
  local n=0
  until "$@"; do
    n=$((n + 1))
    if [ "$n" -ge 5 ]; then
      echo "$APT_WHO: giving up after $n attempts: $*" >&2
      return 1
    fi
    echo "$APT_WHO: attempt $n failed (apt lock busy?); retrying in 15 s" >&2
    sleep 15
  done
}

# Installs the packages (without recommends, unless the first argument is --with-recommends). Refreshes the
# lists first only when apt knows no candidate for one of them, and once more if the install fails (a mirror
# may have dropped the old version).
apt_install() {
  local recommends=(--no-install-recommends)
  if [ "${1:-}" = --with-recommends ]; then
    recommends=()
    shift
  fi
  apt_need_root "$@"
  local p candidate
  for p in "$@"; do
    candidate=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ { print $2 }')
    if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then
      apt_retry "${SUDO[@]}" apt-get "${APT_OPTS[@]}" update -q
      break
    fi
  done
  if ! apt_retry "${SUDO[@]}" apt-get "${APT_OPTS[@]}" install -y -q "${recommends[@]}" "$@"; then
    apt_retry "${SUDO[@]}" apt-get "${APT_OPTS[@]}" update -q
    apt_retry "${SUDO[@]}" apt-get "${APT_OPTS[@]}" install -y -q "${recommends[@]}" "$@"
  fi
}

# Prints the packages of "$@" that are not fully installed ("install ok installed" is the only state in which
# all of a package's files are there), one a line; nothing when all are.
apt_missing() {
  local p
  for p in "$@"; do
    if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]; then
      echo "$p"
    fi
  done
}
