#!/usr/bin/env bash
# Runs a command (by default `bash .ci/run`) as root on Debian bookworm with the .NET SDK, next to
# this machine's Docker engine: for a host that is not Debian, such as a GitHub-hosted Ubuntu
# runner, where .ci/run cannot run as it is (its apt packages, chromium among them, and the Debian
# mirror that tools/install-components.sh and .ci/images.sh read from the machine's apt sources).
#
# The container shares with the host what the container providers need to be the same on both
# sides: the engine's socket, the network (ports published on 127.0.0.1, the local stack's
# loopback addresses), and the repository and /tmp at their own paths (bind mounts that the suite
# and docker compose hand to the engine name host paths). It is privileged for debootstrap
# (.ci/images.sh). The docker CLI comes from the host when it is a static binary, else from the
# official docker:cli image; the compose plugin likewise, or .ci/docker-engine.sh unpacks Debian's.
#
#   .ci/in-debian.sh [COMMAND...]    needs Docker access (root or the docker group)
#   STACKTESTS_CI_IMAGE              the image (default mcr.microsoft.com/dotnet/sdk:10.0-bookworm-slim)
#   STACKTESTS_DOCKER_CLI_IMAGE      where a static CLI comes from when the host's is not (default docker:cli)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
image=${STACKTESTS_CI_IMAGE:-mcr.microsoft.com/dotnet/sdk:10.0-bookworm-slim}
cli_image=${STACKTESTS_DOCKER_CLI_IMAGE:-docker:cli}
tools=$repo/.tools/in-debian
[ $# -gt 0 ] || set -- bash .ci/run

fail() { echo "in-debian.sh: $*" >&2; exit 3; }
static() { [ -x "$1" ] && ! ldd "$1" >/dev/null 2>&1; }

timeout 10 docker version >/dev/null 2>&1 || fail "no Docker engine answers for $(id -un)"
mkdir -p "$tools"

# The docker CLI and the compose plugin, as static binaries the container can run whatever its libc.
cli=$(command -v docker)
cli=$(readlink -f "$cli")
compose=$(docker info --format '{{range .ClientInfo.Plugins}}{{if eq .Name "compose"}}{{.Path}}{{end}}{{end}}' 2>/dev/null || true)
compose=${compose:+$(readlink -f "$compose")}
if ! static "$cli"; then
  echo "in-debian.sh: the host's docker CLI ($cli) is not a static binary; taking it and compose from $cli_image"
  timeout 300 docker pull -q "$cli_image" >/dev/null || fail "cannot pull $cli_image"
  holder=$(docker create "$cli_image")
  docker cp "$holder:/usr/local/bin/docker" "$tools/docker" >/dev/null
  docker cp "$holder:/usr/local/libexec/docker/cli-plugins/docker-compose" "$tools/docker-compose" >/dev/null 2>&1 || true
  docker rm "$holder" >/dev/null
  static "$tools/docker" || fail "$cli_image gave no static docker CLI"
  cli=$tools/docker
  if static "$tools/docker-compose"; then compose=$tools/docker-compose; else compose=; fi
fi
mounts=(-v "$cli:/usr/local/bin/docker:ro")
# Without a plugin here, .ci/docker-engine.sh start unpacks Debian's compose v2 into the container.
if [ -n "$compose" ] && static "$compose"; then
  mounts+=(-v "$compose:/usr/local/libexec/docker/cli-plugins/docker-compose:ro")
else
  compose=
fi

timeout 600 docker image inspect "$image" >/dev/null 2>&1 || timeout 600 docker pull -q "$image" >/dev/null \
  || fail "cannot pull $image"

echo "in-debian.sh: $* in $image (docker CLI $cli${compose:+, compose $compose})"
tty=(); [ -t 0 ] && tty=(-it)
exec docker run --rm "${tty[@]}" --privileged --network host \
  -v /var/run/docker.sock:/var/run/docker.sock -v "$repo:$repo" -v /tmp:/tmp -w "$repo" "${mounts[@]}" \
  -e CI -e GITHUB_ACTIONS -e TESTCONTAINERS_HOST_OVERRIDE=localhost \
  --label org.stacktests.in-debian=1 "$image" "$@"
