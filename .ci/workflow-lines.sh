#!/usr/bin/env bash
# Proves that a workflow's `run:` lines work for an unprivileged user with Docker access, as a
# GitHub-hosted runner's `runner` account has: runs every `run:` step of every job of WORKFLOW.yml,
# in order, as the account stacktests-ci, each job in a fresh copy of this repository in that
# account's home. Fails (non-zero) naming the workflow, job, step and line of the first step that
# failed. Run as root: it creates the account when missing and, for the duration of the run only,
# hands /var/run/docker.sock to a `docker` group the account is in (restored at the end).
#
#   .ci/workflow-lines.sh [options] WORKFLOW.yml
#     --dry-run          print each step's lines and environment, and only parse them as the user (bash -n)
#     --only REGEX       run only the steps whose name matches (repeatable)
#     --job NAME         only this job (repeatable)
#     --command LINE     run LINE as the user after the job's (selected) steps, in its environment and workspace
#     --secret NAME=VAL  the value of ${{ secrets.NAME }} (default: empty, and the output says so)
#     --env NAME=VAL     added to every step: what this machine needs and a hosted runner does not
#                        (e.g. STACKTESTS_IMAGE_REGISTRY=stacktests.local TESTCONTAINERS_RYUK_DISABLED=true)
#
# `uses:` steps are skipped (named on the output): the machine's own dotnet, node and docker stand in
# for setup-dotnet and setup-node. `${{ ... }}` expressions are replaced, and each replacement is
# printed: secrets.X empty unless given, env.X from the step's environment, github.workspace and
# runner.temp as here, anything else empty. The workflow is parsed with PyYAML (python3-yaml).
# Ends with the time each step took.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
user=stacktests-ci
group=docker
socket=/var/run/docker.sock

fail() { echo "workflow-lines.sh: $*" >&2; exit 2; }
[ $# -gt 0 ] || fail "usage: .ci/workflow-lines.sh [--dry-run] [--only REGEX] [--job NAME] [--command LINE] [--secret N=V] [--env N=V] WORKFLOW.yml"
[ "$(id -u)" -eq 0 ] || fail "run as root: it creates the account $user and lends it the Docker socket"

# One run at a time on this machine: runs share the account, its workspaces and the socket's lending.
exec 9>/run/stacktests-workflow-lines.lock
flock -w 3600 9 || fail "another .ci/workflow-lines.sh run held the lock for an hour"

# A python3 with PyYAML: the one on PATH, else Debian's with python3-yaml.
python=
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import yaml' 2>/dev/null; then python=$candidate; break; fi
done
if [ -z "$python" ]; then
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq --no-install-recommends python3-yaml >/dev/null \
    || fail "PyYAML is missing and apt-get install python3-yaml failed"
  python=/usr/bin/python3
fi

# The account: its own home, no password, no sudo.
if ! getent passwd "$user" >/dev/null; then
  useradd --create-home --shell /bin/bash --user-group "$user"
  echo "workflow-lines.sh: created the account $user"
fi
home=$(getent passwd "$user" | cut -d: -f6)
getent group "$group" >/dev/null || groupadd --system "$group"
id -nG "$user" | tr ' ' '\n' | grep -qx "$group" || usermod -aG "$group" "$user"
workspace_root=$home/work

# Docker access for the run's duration: the socket's group becomes $group (mode g+rw), then back.
restore_socket=
if [ -S "$socket" ]; then
  original=$(stat -c '%u:%g %a' "$socket")
  restore_socket="chown ${original% *} $socket; chmod ${original#* } $socket"
  trap 'eval "$restore_socket" 2>/dev/null && echo "workflow-lines.sh: $socket back to $(stat -c "%U:%G %a" "$socket")"' EXIT
  chgrp "$group" "$socket" && chmod g+rw "$socket"
  echo "workflow-lines.sh: $socket lent to group $group for this run ($(stat -c '%U:%G %a' "$socket"))"
else
  echo "workflow-lines.sh: no Docker socket at $socket: container steps will fail" >&2
fi

# docker compose for the user: a hosted runner has the plugin system-wide; here it may be in root's
# ~/.docker only. Link the same plugin into the account's ~/.docker when the account lacks it.
if command -v docker >/dev/null && ! runuser -u "$user" -- docker compose version >/dev/null 2>&1; then
  plugin=$(docker info --format '{{range .ClientInfo.Plugins}}{{if eq .Name "compose"}}{{.Path}}{{end}}{{end}}' 2>/dev/null || true)
  plugin=$(readlink -f "$plugin" 2>/dev/null || true)
  if [ -n "$plugin" ] && runuser -u "$user" -- test -x "$plugin"; then
    runuser -u "$user" -- mkdir -p "$home/.docker/cli-plugins"
    runuser -u "$user" -- ln -sf "$plugin" "$home/.docker/cli-plugins/docker-compose"
    echo "workflow-lines.sh: linked the compose plugin $plugin into $home/.docker/cli-plugins"
  else
    echo "workflow-lines.sh: $user has no docker compose plugin, and root's is not usable by it" >&2
  fi
fi

runuser -u "$user" -- mkdir -p "$workspace_root"
# The machine's variables a step needs whoever runs it (CA bundles for the registries, the .NET
# SDK's settings); nothing else of root's environment reaches the steps.
pass_env=$(env | cut -d= -f1 | grep -E '^(DOTNET_|NUGET_|MSBUILD|SSL_CERT_|NODE_EXTRA_CA_CERTS$|CURL_CA_BUNDLE$|REQUESTS_CA_BUNDLE$|TZ$|LC_)' | paste -sd, || true)

# The workflow path as given (relative to the repository or absolute) is what messages name.
args=("$@")
workflow=${args[$((${#args[@]} - 1))]}
[ -f "$workflow" ] || [ -f "$repo/$workflow" ] || fail "no workflow file '$workflow'"
[ -f "$workflow" ] || { cd "$repo"; }
status=0
"$python" "$repo/.ci/workflow-lines.py" --user "$user" --workspace-root "$workspace_root" --repo "$repo" \
  --pass-env "$pass_env" "${args[@]}" || status=$?
exit "$status"
