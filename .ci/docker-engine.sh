#!/usr/bin/env bash
# Makes a Docker engine answer on /var/run/docker.sock that Testcontainers accepts (API >= 1.44),
# on a Debian bookworm machine, as root; or stops the one it started.
#
#   .ci/docker-engine.sh start   no-op when an engine already answers there
#   .ci/docker-engine.sh stop    stops only the daemon this checkout's `start` started (by its pid)
#
# bookworm's docker.io (20.10, API 1.41) is too old for Testcontainers 4.16, so the engine comes
# from Debian trixie's packages (docker.io, containerd, docker-compose: the v2 CLI plugin),
# unpacked into .tools/docker with a private apt configuration; bookworm's runc, since trixie's
# needs a newer glibc. The daemon keeps its data in STACKTESTS_DOCKER_ROOT (default
# /var/lib/stacktests-docker) and its sockets and pid in /run/stacktests-docker. iptables, IP
# forwarding and masquerading are off: containers reach each other and this host, nothing beyond.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
engine_root=${STACKTESTS_DOCKER_ROOT:-/var/lib/stacktests-docker}
exec_root=/run/stacktests-docker
pidfile=$exec_root/dockerd.pid
log=$engine_root/dockerd.log
unpacked=$repo/.tools/docker
# The pid of the daemon this checkout started: another checkout that found it running leaves it alone.
started_marker=$repo/.tools/docker-engine.pid
socket=/var/run/docker.sock
min_api=1.44

fail() { echo "docker-engine.sh: $*" >&2; exit 3; }
# shellcheck source=tools/debian-packages.sh
. "$repo/tools/debian-packages.sh"

# The API version of the engine on the socket, or nothing when none answers.
engine_api() { timeout 10 docker -H "unix://$socket" version --format '{{.Server.APIVersion}}' 2>/dev/null || true; }

api_at_least() { [ "$(printf '%s\n%s\n' "$min_api" "$1" | sort -V | head -1)" = "$min_api" ]; }

ensure_compose_plugin() {
  local plugin_dir=${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins
  if docker compose version >/dev/null 2>&1; then return 0; fi
  [ -x "$unpacked/usr/libexec/docker/cli-plugins/docker-compose" ] || unpack_engine
  mkdir -p "$plugin_dir"
  ln -sf "$unpacked/usr/libexec/docker/cli-plugins/docker-compose" "$plugin_dir/docker-compose"
  docker compose version >/dev/null || fail "the compose plugin in $plugin_dir does not run"
}

unpack_engine() {
  [ -x "$unpacked/usr/sbin/dockerd" ] && [ -x "$unpacked/usr/libexec/docker/cli-plugins/docker-compose" ] && return 0
  unpack_suite_packages trixie "$repo/.tools/apt-trixie" "$unpacked" docker.io containerd docker-compose
  [ -x "$unpacked/usr/sbin/dockerd" ] || fail "trixie's docker.io did not provide usr/sbin/dockerd in $unpacked"
}

# bookworm's runc, and iptables: with --iptables=false the daemon leaves the host's tables alone,
# but still needs the program for the rules inside each container's own network namespace that
# send 127.0.0.11:53 to its embedded DNS (without them, containers cannot resolve service names).
ensure_host_packages() {
  local missing=()
  command -v runc >/dev/null || missing+=(runc)
  command -v iptables >/dev/null || [ -x /usr/sbin/iptables ] || missing+=(iptables)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || fail "missing: ${missing[*]}; install as root: apt-get install -y --no-install-recommends ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive timeout "${STACKTESTS_APT_TIMEOUT:-600}" \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "apt-get install failed for: ${missing[*]}"
}

start() {
  command -v docker >/dev/null || fail "the docker CLI is not on PATH (package docker-cli or docker.io)"
  local api
  api=$(engine_api)
  if [ -n "$api" ]; then
    api_at_least "$api" || fail "the engine on $socket speaks API $api; Testcontainers needs >= $min_api: stop it, then run this again"
    echo "docker-engine.sh: an engine already answers on $socket (API $api); nothing started"
    ensure_compose_plugin
    return 0
  fi
  [ "$(id -u)" -eq 0 ] || fail "starting an engine needs root"
  # A socket nothing answers on is what a killed daemon left; dockerd replaces it.
  ensure_host_packages
  unpack_engine
  mkdir -p "$engine_root/data" "$exec_root"
  local started=$SECONDS
  # containerd and docker-proxy come from the unpacked packages; runc from bookworm's /usr/sbin.
  PATH="$unpacked/usr/bin:$unpacked/usr/sbin:$PATH" setsid dockerd \
    --data-root "$engine_root/data" --exec-root "$exec_root" --pidfile "$pidfile" \
    --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false --bip 10.231.0.1/24 \
    --add-runtime runc-sys="$(command -v runc)" --default-runtime runc-sys \
    -H "unix://$socket" </dev/null >"$log" 2>&1 &
  local deadline=$((SECONDS + 60))
  until [ -n "$(engine_api)" ]; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 $! 2>/dev/null; then
      tail -20 "$log" >&2
      kill -KILL "$(cat "$pidfile" 2>/dev/null || echo $!)" 2>/dev/null || true
      fail "dockerd did not answer on $socket within 60 s (log: $log)"
    fi
    sleep 0.2
  done
  cat "$pidfile" >"$started_marker"
  echo "docker-engine.sh: engine API $(engine_api) on $socket, ready in $((SECONDS - started)) s (data: $engine_root, log: $log)"
  ensure_compose_plugin
}

stop_daemon() {
  [ -f "$started_marker" ] || { echo "docker-engine.sh: this checkout started no engine; nothing stopped"; return 0; }
  local pid
  pid=$(cat "$started_marker")
  rm -f "$started_marker"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid"
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "docker-engine.sh: dockerd ($pid) did not stop within 30 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  echo "docker-engine.sh: stopped dockerd ($pid)"
}

case "${1:-}" in
  start) start ;;
  stop) stop_daemon ;;
  *) echo "usage: .ci/docker-engine.sh start|stop" >&2; exit 2 ;;
esac
