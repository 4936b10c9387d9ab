#!/usr/bin/env bash
# Puts promtool and amtool, the versions compose/compose.yaml pins, into DIR: copied out of the
# stack's own Prometheus and Alertmanager images (both upstream images ship them, static), with
# the STACKTESTS_IMAGE_REGISTRY prefix when it is set. For machines that can pull those images but
# have no Debian sid builds (tools/install-components.sh): a GitHub-hosted Ubuntu runner. Needs
# Docker access, no root. Prints each tool's version line. Under a GitHub runner (GITHUB_PATH set),
# it adds DIR to GITHUB_PATH, so the workflow's later steps find the tools first on PATH.
#
#   .ci/prometheus-tools.sh DIR        elsewhere, then put DIR first on PATH yourself
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:?usage: .ci/prometheus-tools.sh DIR}
prefix=${STACKTESTS_IMAGE_REGISTRY:+${STACKTESTS_IMAGE_REGISTRY%/}/}

fail() { echo "prometheus-tools.sh: $*" >&2; exit 3; }

# The compose image reference of a service, e.g. prom/prometheus:v3.5.3, as docker compose reads it.
compose_image() { "$repo/.ci/compose-value.sh" services "$1" image; }

# copy SERVICE PATH_IN_IMAGE: the file out of the service's image, into DIR.
copy() {
  local image container
  image=$prefix$(compose_image "$1")
  [ "$image" != "$prefix" ] || fail "compose/compose.yaml names no image for $1"
  timeout 300 docker image inspect "$image" >/dev/null 2>&1 || timeout 300 docker pull -q "$image" >/dev/null \
    || fail "cannot pull $image"
  container=$(docker create "$image") || fail "cannot create a container of $image"
  docker cp "$container:$2" "$dir/$(basename "$2")" >/dev/null || { docker rm "$container" >/dev/null; fail "$image has no $2"; }
  docker rm "$container" >/dev/null
  "$dir/$(basename "$2")" --version 2>&1 | head -1 | sed "s|^|  $(basename "$2") ($image): |"
}

mkdir -p "$dir"
copy prometheus /bin/promtool
copy alertmanager /bin/amtool
[ -z "${GITHUB_PATH:-}" ] || echo "$(cd "$dir" && pwd)" >> "$GITHUB_PATH"
