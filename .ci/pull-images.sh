#!/usr/bin/env bash
# Pulls the image of every service of compose/compose.yaml's core and iot profiles (docker compose
# pull), so that a test run starts containers instead of downloading: a GitHub-hosted runner, which
# reaches Docker Hub and ghcr.io. Needs Docker access, no root. Not for machines that reach no
# image registry (.ci/run builds its images instead: .ci/images.sh).
#
#   .ci/pull-images.sh
set -euo pipefail
cd "$(dirname "$0")/.."
timeout 1800 docker compose -f compose/compose.yaml --profile core --profile iot pull --quiet
