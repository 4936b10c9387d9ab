#!/usr/bin/env bash
# Installs what the local stack runs:
#  1. Debian's packages of Prometheus and friends (the fallback, from the machine's own apt setup);
#  2. newer builds of the same programs from Debian's "sid" suite, unpacked into .tools/sid of this
#     repository (git ignores it) without touching the system's apt configuration. Prometheus 3.5
#     is the LTS line compose.yaml pins; bookworm ships 2.42.
# Idempotent: what is already there is not fetched again. Every apt call has a time bound.
# Usage: tools/install-components.sh   (as root for step 1; step 2 needs no root)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
sid_root="$repo/.tools/sid"
apt_timeout=${STACKTESTS_APT_TIMEOUT:-600}

fail() { echo "install-components.sh: $*" >&2; exit 3; }
# shellcheck source=tools/debian-packages.sh
. "$repo/tools/debian-packages.sh"

# Debian package -> the binaries it must provide once installed.
system_packages=(prometheus prometheus-alertmanager prometheus-node-exporter prometheus-pushgateway
                 mosquitto mosquitto-clients prometheus-mqtt-exporter)
# Packages fetched from sid; all are static Go binaries or link only to libraries bookworm has.
sid_packages=(prometheus promtool prometheus-alertmanager prometheus-node-exporter prometheus-pushgateway)

install_system_packages() {
  local missing=()
  for p in "${system_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then echo "Debian packages: all present"; return 0; fi
  [ "$(id -u)" -eq 0 ] || fail "missing Debian packages: ${missing[*]}; install them as root with:
  apt-get install -y --no-install-recommends ${missing[*]}"
  echo "Debian packages: installing ${missing[*]}"
  timeout "$apt_timeout" apt-get update -qq || fail "apt-get update failed or took over ${apt_timeout}s"
  DEBIAN_FRONTEND=noninteractive timeout "$apt_timeout" \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "apt-get install failed for: ${missing[*]}"
}

sid_binaries_present() {
  [ -x "$sid_root/usr/bin/prometheus" ] && [ -x "$sid_root/usr/bin/promtool" ] \
    && [ -x "$sid_root/usr/bin/prometheus-alertmanager" ] && [ -x "$sid_root/usr/bin/amtool" ] \
    && [ -x "$sid_root/usr/bin/prometheus-node-exporter" ] && [ -x "$sid_root/usr/bin/prometheus-pushgateway" ]
}

fetch_sid_packages() {
  if sid_binaries_present; then echo "sid builds: present in $sid_root"; return 0; fi
  unpack_suite_packages sid "$repo/.tools/apt-sid" "$sid_root" "${sid_packages[@]}"
  sid_binaries_present || fail "the sid packages did not provide the expected binaries in $sid_root/usr/bin"
}

# Proves the fetched builds run on this machine; prints one version line each.
check_sid_binaries() {
  local bin="$sid_root/usr/bin" b line
  for b in prometheus promtool prometheus-alertmanager amtool prometheus-node-exporter prometheus-pushgateway; do
    line=$(timeout 10 "$bin/$b" --version 2>&1 | head -1) || fail "$bin/$b does not run here: $line"
    echo "  $b: $line"
  done
}

install_system_packages
fetch_sid_packages
check_sid_binaries
