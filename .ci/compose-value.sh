#!/usr/bin/env bash
# Prints a string of compose/compose.yaml as docker compose itself reads it (`docker compose config`
# with the core and iot profiles, interpolated and merged; needs no engine), found by a path of keys,
# read from the JSON with node: no second YAML parser. Prints nothing when the path holds no string.
#
#   .ci/compose-value.sh services prometheus image          prom/prometheus:v3.5.3
#   .ci/compose-value.sh x-stacktests images log-writer     busybox:1.37.0
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
fail() { echo "compose-value.sh: $*" >&2; exit 3; }
[ $# -gt 0 ] || { echo "usage: .ci/compose-value.sh KEY..." >&2; exit 2; }
command -v node >/dev/null || fail "node is needed to read docker compose config's JSON (apt-get install nodejs)"
config=$(timeout 60 docker compose -f "$repo/compose/compose.yaml" --profile core --profile iot config --format json) \
  || fail "docker compose config cannot read compose/compose.yaml"
node -e 'let v = JSON.parse(require("fs").readFileSync(0, "utf8"));
for (const key of process.argv.slice(1)) v = v?.[key];
if (typeof v === "string") console.log(v);' "$@" <<<"$config"
