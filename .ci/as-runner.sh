#!/usr/bin/env bash
# Runs command lines as an unprivileged account with Docker access, as a GitHub-hosted runner's
# `runner` account runs a workflow's `run:` steps: each LINE in turn (bash -eo pipefail), as the
# account stacktests-ci, in a fresh copy of this repository in its home, with the variables a
# runner gives a step that the .ci/ scripts read (CI, GITHUB_WORKSPACE, RUNNER_TEMP, and
# GITHUB_PATH, whose lines are put first on PATH for the lines after, as the runner does). The lines
# are the workflows' own: each `run:` step is one call of a .ci/ script or run-tests.sh.
# Stops at the first line that fails, naming it, with its exit code. Run as root: it creates the
# account when missing and, for the duration of the run only, hands /var/run/docker.sock to a
# `docker` group the account is in (restored at the end).
#
#   .ci/as-runner.sh [--env NAME=VALUE]... LINE...
#     --env NAME=VALUE   added to every line: what this machine needs and a hosted runner does not
#                        (e.g. STACKTESTS_IMAGE_REGISTRY=stacktests.local)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
user=stacktests-ci
group=docker
socket=/var/run/docker.sock

fail() { echo "as-runner.sh: $*" >&2; exit 2; }
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --env) [ $# -ge 2 ] && [[ "$2" == *=* ]] || fail "--env needs NAME=VALUE"; extra+=("$2"); shift 2 ;;
    --) shift; break ;;
    -*) fail "unknown option $1" ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || fail "usage: .ci/as-runner.sh [--env NAME=VALUE]... LINE..."
[ "$(id -u)" -eq 0 ] || fail "run as root: it creates the account $user and lends it the Docker socket"

# One run at a time on this machine: runs share the account, its workspace and the socket's lending.
exec 9>/run/stacktests-as-runner.lock
flock -w 3600 9 || fail "another .ci/as-runner.sh run held the lock for an hour"

# The account: its own home, no password, no sudo.
if ! getent passwd "$user" >/dev/null; then
  useradd --create-home --shell /bin/bash --user-group "$user"
  echo "as-runner.sh: created the account $user"
fi
home=$(getent passwd "$user" | cut -d: -f6)
getent group "$group" >/dev/null || groupadd --system "$group"
id -nG "$user" | tr ' ' '\n' | grep -qx "$group" || usermod -aG "$group" "$user"

# Docker access for the run's duration: the socket's group becomes $group (mode g+rw), then back.
if [ -S "$socket" ]; then
  original=$(stat -c '%u:%g %a' "$socket")
  restore_socket="chown ${original% *} $socket; chmod ${original#* } $socket"
  trap 'eval "$restore_socket" 2>/dev/null && echo "as-runner.sh: $socket back to $(stat -c "%U:%G %a" "$socket")"' EXIT
  chgrp "$group" "$socket" && chmod g+rw "$socket"
  echo "as-runner.sh: $socket lent to group $group for this run ($(stat -c '%U:%G %a' "$socket"))"
else
  echo "as-runner.sh: no Docker socket at $socket: container steps will fail" >&2
fi

# docker compose for the user: a hosted runner has the plugin system-wide; here it may be in root's
# ~/.docker only. Link the same plugin into the account's ~/.docker when the account lacks it.
if command -v docker >/dev/null && ! runuser -u "$user" -- docker compose version >/dev/null 2>&1; then
  plugin=$(docker info --format '{{range .ClientInfo.Plugins}}{{if eq .Name "compose"}}{{.Path}}{{end}}{{end}}' 2>/dev/null || true)
  plugin=$(readlink -f "$plugin" 2>/dev/null || true)
  if [ -n "$plugin" ] && runuser -u "$user" -- test -x "$plugin"; then
    runuser -u "$user" -- mkdir -p "$home/.docker/cli-plugins"
    runuser -u "$user" -- ln -sf "$plugin" "$home/.docker/cli-plugins/docker-compose"
    echo "as-runner.sh: linked the compose plugin $plugin into $home/.docker/cli-plugins"
  else
    echo "as-runner.sh: $user has no docker compose plugin, and root's is not usable by it" >&2
  fi
fi

# A fresh copy of the repository as a checkout has it (tracked and not ignored files: no build
# output, no .tools), and an empty runner temp folder, both the account's.
workspace=$home/work/stacktests
temp=$home/work/.runner-temp
rm -rf "$workspace" "$temp"
mkdir -p "$workspace" "$temp"
git -C "$repo" ls-files -z --cached --others --exclude-standard \
  | (cd "$repo" && tar --null --ignore-failed-read -T - -cf -) | tar -C "$workspace" -xf -
chown -R "$user:$user" "$home/work"

# The step environment: a runner's, the account's own home for the .NET SDK and NuGet, the
# machine's variables a step needs whoever runs it (CA bundles, the SDK's settings), and --env.
# Nothing else of root's environment reaches the lines.
environment=(HOME="$home" USER="$user" LOGNAME="$user" SHELL=/bin/bash LANG="${LANG:-C.UTF-8}" CI=true
  GITHUB_WORKSPACE="$workspace" RUNNER_TEMP="$temp" RUNNER_OS=Linux GITHUB_PATH="$temp/github_path"
  DOTNET_CLI_HOME="$home" NUGET_PACKAGES="$home/.nuget/packages")
while IFS= read -r name; do environment+=("$name=${!name}"); done \
  < <(env | cut -d= -f1 | grep -E '^(DOTNET_|NUGET_|MSBUILD|SSL_CERT_|NODE_EXTRA_CA_CERTS$|CURL_CA_BUNDLE$|REQUESTS_CA_BUNDLE$|TZ$|LC_)' \
      | grep -vE '^(DOTNET_CLI_HOME|NUGET_PACKAGES)$' || true)
environment+=("${extra[@]}")
runuser -u "$user" -- touch "$temp/github_path"

path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
started=$SECONDS
for line in "$@"; do
  # GITHUB_PATH: each line a folder, the latest first, ahead of the runner's PATH.
  added=$(tac "$temp/github_path" | awk 'NF && !seen[$0]++' | paste -sd:)
  echo "-- as $user in $workspace: $line"
  clock=$SECONDS status=0
  (cd "$workspace" && runuser -u "$user" -- env -i "${environment[@]}" PATH="${added:+$added:}$path" \
    bash --noprofile --norc -eo pipefail -c "$line" </dev/null) || status=$?
  echo "-- exit $status in $((SECONDS - clock)) s: $line"
  [ "$status" -eq 0 ] || { echo "as-runner.sh: '$line' failed as $user with exit code $status" >&2; exit 1; }
done
echo "as-runner.sh: $# line(s) as $user in $((SECONDS - started)) s"
