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

# The mirror this machine already uses, read from its deb822 sources (first non-security entry).
mirror_uri() {
  local uri
  uri=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | awk '{for (i = 2; i <= NF; i++) print $i}' | grep -v -- '-security' | head -1 || true)
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) {print $i; exit}}' /etc/apt/sources.list)
  fi
  [ -n "$uri" ] || fail "cannot find a Debian mirror URI in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
  echo "$uri"
}

sid_binaries_present() {
  [ -x "$sid_root/usr/bin/prometheus" ] && [ -x "$sid_root/usr/bin/promtool" ] \
    && [ -x "$sid_root/usr/bin/prometheus-alertmanager" ] && [ -x "$sid_root/usr/bin/amtool" ] \
    && [ -x "$sid_root/usr/bin/prometheus-node-exporter" ] && [ -x "$sid_root/usr/bin/prometheus-pushgateway" ]
}

fetch_sid_packages() {
  if sid_binaries_present; then echo "sid builds: present in $sid_root"; return 0; fi
  local apt_dir="$repo/.tools/apt-sid" keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [ -f "$keyring" ] || fail "$keyring is missing (package debian-archive-keyring)"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs" "$apt_dir/sources.list.d"
  echo "deb [signed-by=$keyring] $(mirror_uri) sid main" > "$apt_dir/sources.list"
  : > "$apt_dir/status"
  # A private apt: its own sources, lists, cache and (empty) status, so the system's apt is untouched.
  local apt_options=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
                     -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
                     -o "Dir::State::status=$apt_dir/status" -o "Debug::NoLocking=1" -o "Acquire::Retries=2")
  # As root, apt would hand downloads to its _apt user, which cannot write into this repository.
  [ "$(id -u)" -ne 0 ] || apt_options+=(-o "APT::Sandbox::User=root")
  echo "sid builds: reading the sid package list"
  timeout "$apt_timeout" apt-get "${apt_options[@]}" -qq update \
    || fail "apt-get update of the private sid list failed or took over ${apt_timeout}s"
  echo "sid builds: downloading ${sid_packages[*]}"
  (cd "$apt_dir/debs" && timeout "$apt_timeout" apt-get "${apt_options[@]}" -qq download "${sid_packages[@]}") \
    || fail "apt-get download from sid failed for: ${sid_packages[*]}"
  rm -rf "$sid_root.partial" && mkdir -p "$sid_root.partial"
  for deb in "$apt_dir"/debs/*.deb; do dpkg -x "$deb" "$sid_root.partial"; done
  rm -rf "$sid_root" && mv "$sid_root.partial" "$sid_root"
  rm -f "$apt_dir"/debs/*.deb
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
