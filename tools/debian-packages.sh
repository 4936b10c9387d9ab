# Sourced, not run: fetching Debian packages of another suite (sid, trixie) without touching the
# system's apt setup. A private apt configuration (its own sources, lists, cache and empty status)
# reuses the mirror this machine already uses; `apt-get download` and `dpkg -x` unpack the
# packages into a folder. Every apt call has a time bound (STACKTESTS_APT_TIMEOUT, default 600 s).
# The caller defines fail() (message, exit).

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

# unpack_suite_packages SUITE APT_DIR TARGET PACKAGE...: downloads the packages of SUITE with a
# private apt kept in APT_DIR and unpacks them, all together, into TARGET (replaced whole).
unpack_suite_packages() {
  local suite=$1 apt_dir=$2 target=$3; shift 3
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg apt_timeout=${STACKTESTS_APT_TIMEOUT:-600}
  [ -f "$keyring" ] || fail "$keyring is missing (package debian-archive-keyring)"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs" "$apt_dir/sources.list.d"
  echo "deb [signed-by=$keyring] $(mirror_uri) $suite main" > "$apt_dir/sources.list"
  : > "$apt_dir/status"
  local apt_options=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
                     -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
                     -o "Dir::State::status=$apt_dir/status" -o "Debug::NoLocking=1" -o "Acquire::Retries=2")
  # As root, apt would hand downloads to its _apt user, which cannot write into this repository.
  [ "$(id -u)" -ne 0 ] || apt_options+=(-o "APT::Sandbox::User=root")
  echo "$suite packages: reading the $suite package list"
  timeout "$apt_timeout" apt-get "${apt_options[@]}" -qq update \
    || fail "apt-get update of the private $suite list failed or took over ${apt_timeout}s"
  echo "$suite packages: downloading $*"
  rm -f "$apt_dir"/debs/*.deb
  (cd "$apt_dir/debs" && timeout "$apt_timeout" apt-get "${apt_options[@]}" -qq download "$@") \
    || fail "apt-get download from $suite failed for: $*"
  rm -rf "$target.partial" && mkdir -p "$target.partial"
  local deb
  for deb in "$apt_dir"/debs/*.deb; do dpkg -x "$deb" "$target.partial"; done
  rm -rf "$target" && mv "$target.partial" "$target"
  rm -f "$apt_dir"/debs/*.deb
}
