#!/usr/bin/env bash
# Proves, for real, that a test host killed with SIGKILL in the middle of a scenario leaves nothing
# behind once the next run has started: Ryuk is off, so the suite's own labels and sweep must do it.
#
#   .ci/killed-run.sh leave   starts a testcontainers run, SIGKILLs its test host while a scenario
#                             runs, and checks it left containers, a network and volumes behind
#   .ci/killed-run.sh check   after a later testcontainers run: nothing of the killed run remains,
#                             nor anything of any run (every run removed its own)
# Needs a Docker engine, STACKTESTS_IMAGE_REGISTRY for the images, and prints nothing on success
# of `check`, so that the test run's summary stays the last line.
set -euo pipefail
cd "$(dirname "$0")/.."
state=.tools/killed-run
label=org.stacktests.run-id

fail() { echo "killed-run.sh: $*" >&2; exit 1; }
resources() { # what carries the label (value optional): containers, networks, volumes
  docker ps -aq --filter "label=$1"; docker network ls -q --filter "label=$1"; docker volume ls -q --filter "label=$1"
}

leave() {
  mkdir -p "$state"
  local run_id=ci-killed-$$ reports=$PWD/$state/reports
  rm -rf "$reports"
  dotnet build tests/StackTests.Acceptance/StackTests.Acceptance.csproj -c Release -nologo -v:q -clp:ErrorsOnly >/dev/null
  # Its own process group, so the kill reaches the test host and nothing else.
  STACKTESTS_RUN_ID=$run_id STACKTESTS_STACK=testcontainers STACKTESTS_TAGS=@alerting STACKTESTS_REPORT_DIR=$reports \
    setsid dotnet test --project tests/StackTests.Acceptance/StackTests.Acceptance.csproj -c Release --no-build \
    >"$state/run.log" 2>&1 &
  local group=$! deadline=$((SECONDS + 180))
  # The stack is up once its start report exists; the scenario then runs for some seconds.
  until [ -f "$reports/stack-start.txt" ]; do
    [ $SECONDS -lt $deadline ] || { kill -KILL -- -"$group" 2>/dev/null; tail -20 "$state/run.log" >&2; fail "the run to kill never started its stack"; }
    kill -0 "$group" 2>/dev/null || { tail -20 "$state/run.log" >&2; fail "the run to kill ended before its stack started"; }
    sleep 0.2
  done
  kill -KILL -- -"$group"
  wait "$group" 2>/dev/null || true
  local left
  left=$(resources "$label=$run_id" | wc -l)
  [ "$left" -gt 0 ] || fail "the killed run left nothing behind, so the sweep would prove nothing"
  echo "$run_id" >"$state/run-id"
  echo "killed-run.sh: test host of run $run_id killed (SIGKILL) mid-scenario; it left $left containers, networks and volumes"
}

check() {
  local run_id left
  run_id=$(cat "$state/run-id")
  left=$(resources "$label=$run_id")
  [ -z "$left" ] || fail "the next run did not remove what killed run $run_id left: $(echo $left)"
  left=$(resources "$label")
  [ -z "$left" ] || fail "runs left Docker resources behind: $(echo $left)"
}

case "${1:-}" in
  leave) leave ;;
  check) check ;;
  *) echo "usage: .ci/killed-run.sh leave|check" >&2; exit 2 ;;
esac
