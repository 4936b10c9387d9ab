#!/usr/bin/env bash
# StackTests: acceptance tests for the Obstackd observability stack.
# Builds once, runs the chosen tier, and ends with "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

usage() {
  cat <<'USAGE'
Usage: ./run-tests.sh [unit|integration|acceptance|all|check-steps] [options]
       ./run-tests.sh lint [PATH...] [--format text|json]
       ./run-tests.sh canary [--stack P] [--duration 60s] [--rate N/s] [--signals LIST] [--max-p95 S=T,...]
                             [--max-rss SVC=SIZE,...] [--restart SVC@T] [--drain 60s] [--push-metrics URL] [--fail-on-skip]

Tiers:
  unit          self-tests that need nothing outside the test process (no program, engine or browser)
  integration   self-tests and config checks that run real programs: promtool, amtool, the query
                grammars (node), Prometheus and friends, a Docker engine, Chromium; and the
                benchmarks (trait Category=benchmark), which print figures and assert no time
  acceptance    the scenarios of features/ against a running stack
  all           unit, integration, then acceptance (default)
  check-steps   dry run: bind every step of every scenario of features/ (also @ignore ones) and run
                nothing; fails on undefined or ambiguous steps and unusable bindings (also --dry-run)
  canary        emits numbered signals of this run for the duration through every pipeline the stack
                serves (metrics, iot, alerts, logs, traces) and reports, per signal, sent, received,
                missing, duplicated, out of order and time to visibility p50/p95/p99/max, beside each
                service's CPU seconds and peak memory; reports in canary/ of the report folder, or
                --report-dir DIR (summary.md, canary.json, canary.junit.xml); exit 0 within the thresholds,
                1 a threshold crossed, a restart failed, no requested signal was measured, a measured one
                sent nothing, or a signal the stack cannot serve under --fail-on-skip, 2 bad input (before
                anything is sent), 3 the canary itself failed, 4 no stack
  lint          check the stack's config files (default PATH compose/) without running them;
                prints path:line:col: error|warning: rule-id: message per finding
                (rule ids: src/StackTests.Lint/README.md); exit 0 clean, 1 an error, 2 usage

Options:
  --stack NAME  stack provider for acceptance: auto (default: testcontainers where a Docker
                engine answers and holds or can pull the selected scenarios' images, else local;
                one line says why), local, testcontainers, compose, external
                (also STACKTESTS_STACK); several, comma-separated (local,testcontainers,compose),
                run the acceptance tier once on each, side by side in the summary
  --fail-on-skip  a skipped scenario counts as failed (also STACKTESTS_FAIL_ON_SKIP=1): for runs
                that must prove every scenario they select
  --no-build    run what the last build left (for several runs of one build side by side, as
                .ci/planted-faults.sh does); fails if nothing was built
  --tags EXPR   run only the scenarios matching a Cucumber tag expression, e.g. @metrics or
                "@metrics and not (@slow or @wip)"; repeated --tags must all match
                (also STACKTESTS_TAGS); with --tags and no tier named, only the acceptance tier runs
  -v, --verbose every test's result and output; by default one line per test project,
                every failure in full, then the scenario table
  -h, --help    show this help

Reports (in STACKTESTS_REPORT_DIR, default artifacts/): <project>[.unit|.integration].junit.xml and .trx per
test project; for acceptance also, written by the Gherkin engine, cucumber.ndjson (Cucumber messages),
cucumber.html (Cucumber's HTML formatter) and summary.md (each scenario's result, duration and skip or
failure reason, and how long each signal took to become visible) and, for a failed browser check,
dashboard screenshots; for canary, canary/ (unless --report-dir).

Container stacks: STACKTESTS_IMAGE_REGISTRY=PREFIX makes every image PREFIX/<compose's reference>
(a registry mirror, or the images .ci/images.sh builds: stacktests.local). Each service a scenario
needs (@needs-SERVICE) is started with what it depends on, and nothing else.

Exit codes: 0 nothing failed, 1 a test failed (or the build did), 2 usage error,
            3 a Debian package is missing and this user cannot install it (the message gives the command),
            4 no stack could be started (the message names each service that failed),
            5 the .NET SDK (dotnet) is not on PATH, 6 apt-get failed installing packages,
            7 Node.js is missing or npm ci failed (the query grammars of the config checks),
            8 no scenario matches the tag selection (--tags / STACKTESTS_TAGS; the message names it),
            9 a tier ran no test (the message names the tier), 10 a `dotnet test` filter selected no test
            (the message names the project and the filter), 11 every selected scenario was skipped on a
            stack (nothing was proven; the skip reasons follow, once per cause).

The local stack runs the Debian packages of Prometheus and friends as plain processes.
When they are missing and this script runs as root it installs them with apt-get;
otherwise it prints the apt-get command to run.
USAGE
}

tier=
verbose=0
build=1
stack=${STACKTESTS_STACK:-auto}
tags=()
# canary takes its own arguments (checked by the canary before anything starts).
if [ "${1:-}" = canary ]; then
  tier=canary; shift; canary_args=("$@"); set --
fi
# lint takes its own arguments (paths relative to where the script was called from).
if [ "${1:-}" = lint ]; then
  tier=lint; shift; lint_args=("$@"); set --
  invoked_from=$OLDPWD
fi
while [ $# -gt 0 ]; do
  case "$1" in
    unit|integration|acceptance|all|check-steps) tier=$1 ;;
    --dry-run) tier=check-steps ;;
    --stack) [ $# -ge 2 ] || { echo "run-tests.sh: --stack needs a value" >&2; exit 2; }; stack=$2; shift ;;
    --stack=*) stack=${1#--stack=} ;;
    --tags) [ $# -ge 2 ] || { echo "run-tests.sh: --tags needs a value" >&2; exit 2; }; tags+=("$2"); shift ;;
    --tags=*) tags+=("${1#--tags=}") ;;
    --fail-on-skip) export STACKTESTS_FAIL_ON_SKIP=1 ;;
    --no-build) build=0 ;;
    -v|--verbose) verbose=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run-tests.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ "${tier:-}" = canary ]; then
  # The canary's --stack decides whether the local stack's packages are needed.
  for ((i = 0; i < ${#canary_args[@]}; i++)); do
    case "${canary_args[i]}" in --stack) stack=${canary_args[i+1]:-} ;; --stack=*) stack=${canary_args[i]#--stack=} ;; esac
  done
fi
# --tags filters scenarios: with no tier named, a tag-filtered run is the acceptance tier alone.
if [ -z "$tier" ]; then if [ ${#tags[@]} -gt 0 ]; then tier=acceptance; else tier=all; fi; fi
IFS=, read -r -a stacks <<<"$stack"
[ ${#stacks[@]} -gt 0 ] || { echo "run-tests.sh: --stack needs a value" >&2; exit 2; }
for s in "${stacks[@]}"; do
  case "$s" in auto|local|testcontainers|compose|external) ;; *) echo "run-tests.sh: unknown stack '$s': choose auto, local, testcontainers, compose or external" >&2; exit 2 ;; esac
done

# The Debian packages the local stack runs.
local_packages=(prometheus prometheus-alertmanager prometheus-node-exporter prometheus-pushgateway
                mosquitto mosquitto-clients prometheus-mqtt-exporter)

# Installs the given Debian packages that are missing when run as root; else names them and exits 3.
ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Missing Debian packages: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
  if [ ${#sudo[@]} -eq 0 ] || sudo -n true 2>/dev/null; then
    echo "Installing them with ${sudo[*]:+${sudo[*]} }apt-get..."
    "${sudo[@]}" apt-get update -qq && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "run-tests.sh: apt-get install failed for: ${missing[*]}" >&2; exit 6; }
  else
    echo "Install them with:" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 3
  fi
}

command -v dotnet >/dev/null || { echo "run-tests.sh: the .NET SDK (dotnet) is not on PATH; install it (https://dot.net), version in global.json" >&2; exit 5; }
# The local stack's programs are the local provider's need only ("auto" picks local where no engine answers).
needs_local_packages() {
  local s
  for s in "${stacks[@]}"; do
    [ "$s" = local ] && return 0
    [ "$s" = auto ] && ! timeout 10 docker version >/dev/null 2>&1 && return 0
  done
  return 1
}
case "$tier" in unit|lint|check-steps) ;; *) ! needs_local_packages || ensure_packages "${local_packages[@]}" ;; esac

# The query grammars the config checks parse dashboard queries with (tools/grammars):
# npm ci only when node_modules is missing or older than the lockfile.
ensure_grammars() {
  # The config checks parse queries with node (Debian's nodejs is enough).
  command -v node >/dev/null || ensure_packages nodejs npm
  command -v node >/dev/null || { echo "run-tests.sh: node is not on PATH; the config checks parse queries with it: apt-get install nodejs npm" >&2; exit 7; }
  if [ ! -f tools/grammars/node_modules/.package-lock.json ] \
     || [ tools/grammars/package-lock.json -nt tools/grammars/node_modules/.package-lock.json ]; then
    npm ci --prefix tools/grammars --no-audit --no-fund --loglevel=error >/dev/null \
      || { echo "run-tests.sh: npm ci in tools/grammars failed" >&2; exit 7; }
  fi
}
# The config checks and the dashboard scenarios parse queries with the grammars; a dry run needs none.
case "$tier" in check-steps|canary) ;; *) ensure_grammars ;; esac

if [ "$tier" = canary ]; then
  # Builds only the canary; a failed build is exit 3, as the canary failing itself.
  build_log=$(mktemp)
  dotnet build src/StackTests.Canary/StackTests.Canary.csproj -c Release -nologo -v:q -clp:ErrorsOnly >"$build_log" 2>&1 \
    || { cat "$build_log" >&2; rm -f "$build_log"; echo "run-tests.sh: building the canary failed" >&2; exit 3; }
  rm -f "$build_log"
  # Its reports: canary/ of STACKTESTS_REPORT_DIR (the canary reads it, as every command), or --report-dir.
  exec dotnet src/StackTests.Canary/bin/Release/net10.0/stacktests-canary.dll "${canary_args[@]}"
fi

if [ "$tier" = lint ]; then
  # Builds only the lint command, and only when a source is newer than the last build.
  lint_out=${STACKTESTS_LINT_ARTIFACTS:-artifacts/lint}
  lint_dll=$lint_out/bin/StackTests.Lint.Cli/release/stacktests-lint.dll
  # The node script of tools/grammars answers in a shape the C# side reads: it counts as a source too.
  if [ ! -f "$lint_dll" ] || [ -n "$(find src/StackTests.Lint.Cli src/StackTests.Lint src/StackTests.Models src/StackTests.Compose src/StackTests.Alloy src/StackTests.Settings Directory.*.props \
        tools/grammars/check-queries.mjs -newer "$lint_dll" \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.mjs' \) \
        -not -path '*/obj/*' -not -path '*/bin/*' -print -quit)" ]; then
    build_log=$(mktemp)
    dotnet build src/StackTests.Lint.Cli/StackTests.Lint.Cli.csproj -c Release --artifacts-path "$lint_out" -nologo -v:q >"$build_log" 2>&1 \
      || { cat "$build_log" >&2; rm -f "$build_log"; echo "run-tests.sh: building the lint command failed" >&2; exit 1; }
    rm -f "$build_log"
  fi
  dll=$PWD/$lint_dll
  cd "$invoked_from" && exec dotnet "$dll" "${lint_args[@]}"
fi

# Tag expressions select scenarios in the Gherkin engine (STACKTESTS_TAGS); several --tags all apply.
if [ ${#tags[@]} -gt 0 ]; then
  STACKTESTS_TAGS=$(printf '(%s) and ' "${tags[@]}"); export STACKTESTS_TAGS=${STACKTESTS_TAGS% and }
fi
report_dir=${STACKTESTS_REPORT_DIR:-$PWD/artifacts}
export STACKTESTS_REPORT_DIR=$report_dir
mkdir -p "$report_dir"

# What selected the scenarios, as the user wrote it.
selection() {
  local t out=
  for t in "${tags[@]}"; do out+="${out:+ }--tags '$t'"; done
  printf '%s' "${out:-STACKTESTS_TAGS='$STACKTESTS_TAGS'}"
}
# nothing_ran WHAT: a run that ran no test proved nothing. Names the selection and returns its exit
# code: 8 when a tag selection matched no scenario, else 9 (the tier has no test to run).
nothing_ran() {
  if [ -n "${STACKTESTS_TAGS:-}" ]; then
    echo "run-tests.sh: no scenario of ${STACKTESTS_FEATURES:-features/} matches the selection $(selection) ($1): nothing ran, nothing was proven" >&2
    return 8
  fi
  echo "run-tests.sh: $1 ran no test: nothing ran, nothing was proven" >&2
  return 9
}
# A status of its own (8-11) where nothing failed outright: a failure's code wins.
set_status() { [ "$status" -ne 0 ] || status=$1; }

if [ "$tier" = check-steps ]; then
  # Fast enough for a pre-commit hook: builds the acceptance project only and runs no step.
  echo "== check-steps (dry run: every step bound, nothing run)"
  acceptance_dll=tests/StackTests.Acceptance/bin/Release/net10.0/StackTests.Acceptance.dll
  if [ ! -f "$acceptance_dll" ] || [ -n "$(find tests Directory.*.props -newer "$acceptance_dll" \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) \
        -not -path '*/obj/*' -not -path '*/bin/*' -print -quit)" ]; then
    dotnet build tests/StackTests.Acceptance/StackTests.Acceptance.csproj -c Release -nologo -clp:ErrorsOnly -v:q \
      || { echo "run-tests.sh: build failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
  fi
  # Exit code 8 of `dotnet test` (Microsoft.Testing.Platform): no test ran.
  STACKTESTS_DRY_RUN=1 dotnet test --project tests/StackTests.Acceptance/StackTests.Acceptance.csproj -c Release --no-build \
    --output Detailed 2>&1 | tee "$report_dir/check-steps.log"
  code=${PIPESTATUS[0]}
  p=$(awk '/^  succeeded: /{print $2}' "$report_dir/check-steps.log" | tail -1)
  f=$(awk '/^  failed: /{print $2}' "$report_dir/check-steps.log" | tail -1)
  s=$(awk '/^  skipped: /{print $2}' "$report_dir/check-steps.log" | tail -1)
  if [ "$code" -eq 8 ] && [ $((${p:-0} + ${f:-0} + ${s:-0})) -eq 0 ]; then
    echo "0 passed, 0 failed, 0 skipped"
    nothing_ran "check-steps"; exit $?
  fi
  [ "$code" -ne 0 ] && [ "${f:-0}" -eq 0 ] && f=1
  echo "${p:-0} passed, ${f:-0} failed, ${s:-0} skipped"
  [ "$code" -eq 0 ]; exit $?
fi

if [ "$build" -eq 1 ]; then
  echo "== build"
  dotnet build StackTests.sln -c Release -nologo -clp:ErrorsOnly -v:q || { echo "run-tests.sh: build failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
elif [ ! -f tests/StackTests.Acceptance/bin/Release/net10.0/StackTests.Acceptance.dll ]; then
  echo "run-tests.sh: --no-build, but nothing is built: run without --no-build once"; echo "0 passed, 1 failed, 0 skipped"; exit 1
fi

passed=0; failed=0; skipped=0; status=0
# Projects whose `dotnet test` ran no test (exit code 8 of Microsoft.Testing.Platform), by label.
ran_nothing=()
# A test class or method tagged [Trait("Tier", "integration")] runs real programs; the rest is the unit tier.
# test_project PROJECT STACK FILTER runs one project's tests into its log (and its exit code beside it);
# tally_project PROJECT STACK FILTER prints its line and every failure, and adds to the totals.
test_project() {
  local project=$1 stack=$2 filter=$3 name filter_args=()
  name=$(basename "$project" .csproj)
  case "$filter" in integration) filter_args=(--filter-trait "Tier=integration" --filter-trait "Category=benchmark") ;; esac
  local out=$report_dir/$name${filter:+.$filter}.log started=$SECONDS
  STACKTESTS_STACK=$stack dotnet test --project "$project" -c Release --no-build --output Detailed \
    --results-directory "$report_dir" -- "${filter_args[@]}" \
    --report-xunit-junit --report-xunit-junit-filename "$name${filter:+.$filter}.junit.xml" \
    --report-xunit-trx --report-xunit-trx-filename "$name${filter:+.$filter}.trx" >"$out" 2>&1
  echo $? >"$out.code"
  echo $((SECONDS - started)) >"$out.seconds"
}

tally_project() {
  local project=$1 stack=$2 filter=$3 name
  name=$(basename "$project" .csproj)
  local out=$report_dir/$name${filter:+.$filter}.log label=$name${filter:+ ($filter)}
  [[ $name != *Acceptance* ]] || label="$name ($stack)"
  local code p f s
  code=$(cat "$out.code" 2>/dev/null || echo 1)
  [ "$verbose" -eq 0 ] || { echo "== $label"; cat "$out"; }
  p=$(awk '/^  succeeded: /{print $2}' "$out" | tail -1)
  f=$(awk '/^  failed: /{print $2}' "$out" | tail -1)
  s=$(awk '/^  skipped: /{print $2}' "$out" | tail -1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
  # Exit code 8 with nothing counted: the project's filter selected no test; the caller names the selection.
  if [ "$code" -eq 8 ] && [ $((${p:-0} + ${f:-0} + ${s:-0})) -eq 0 ]; then
    ran_nothing+=("$label")
    printf '%-44s %4d passed %4d failed %4d skipped %5d s (ran no test)\n' "$label" 0 0 0 "$(cat "$out.seconds" 2>/dev/null || echo 0)"
    return 0
  fi
  printf '%-44s %4d passed %4d failed %4d skipped %5d s\n' "$label" "${p:-0}" "${f:-0}" "${s:-0}" "$(cat "$out.seconds" 2>/dev/null || echo 0)"
  if [ "$code" -ne 0 ]; then
    status=1
    # Every failure in full (the whole log with -v): from a "failed" line to the next test's result.
    [ "$verbose" -eq 1 ] || awk '/^failed /{show=1} /^(passed|skipped) /{show=0} /^Test run summary/{show=0} show' "$out"
    # A crash that counted no failure still has to show in the summary.
    if [ "${f:-0}" -eq 0 ]; then failed=$((failed + 1)); [ "$verbose" -eq 1 ] || tail -30 "$out"; fi
  fi
}

run_project() {
  test_project "$1" "${2:-$stack}" "${3:-}"
  tally_project "$1" "${2:-$stack}" "${3:-}"
}

# The unit tier runs each self-test executable directly (xunit's own runner): `dotnet test` would
# evaluate every project with MSBuild first, which costs more than the tests. Benchmarks
# (trait Category=benchmark) print figures and run with the integration tier. Twice as many test
# classes at once as CPU threads: many unit tests wait on a timer or a socket, not the CPU.
unit_test() {
  local project=$1 name out exe reporter=default
  name=$(basename "$project" .csproj)
  out=$report_dir/$name.unit.log exe=$(dirname "$project")/bin/Release/net10.0/$name
  [ "$verbose" -eq 0 ] || reporter=verbose
  STACKTESTS_STACK=$stack "$exe" -trait- "Tier=integration" -trait- "Category=benchmark" -noLogo -noColor -maxThreads 2x \
    -noAutoReporters -reporter "$reporter" -result-junit "$report_dir/$name.unit.junit.xml" \
    -result-trx "$report_dir/$name.unit.trx" >"$out" 2>&1
  echo $? >"$out.code"
}

# unit_tally PROJECT prints the project's line and every failure in full, and adds to the totals.
unit_tally() {
  local name out code total e f s
  name=$(basename "$1" .csproj) out=$report_dir/$(basename "$1" .csproj).unit.log
  code=$(cat "$out.code" 2>/dev/null || echo 1)
  [ "$verbose" -eq 0 ] || { echo "== $name (unit)"; cat "$out"; }
  # xunit's summary line: "<assembly>  Total: 35, Errors: 0, Failed: 0, Skipped: 0, Not Run: 0, Time: 0.287s"
  read -r total e f s < <(sed -n 's/.*Total: \([0-9]*\), Errors: \([0-9]*\), Failed: \([0-9]*\), Skipped: \([0-9]*\).*/\1 \2 \3 \4/p' "$out" | tail -1)
  total=${total:-0} e=${e:-0} f=${f:-0} s=${s:-0}
  # An assembly with no unit test (only integration tests) says nothing.
  [ "$code" -ne 0 ] || [ "$total" -gt 0 ] || return 0
  f=$((f + e))
  passed=$((passed + total - f - s)); failed=$((failed + f)); skipped=$((skipped + s))
  printf '%-44s %4d passed %4d failed %4d skipped\n' "$name (unit)" $((total - f - s)) "$f" "$s"
  if [ "$code" -ne 0 ]; then
    status=1
    [ "$verbose" -eq 1 ] || awk '/\[FAIL\]/{show=1} /\[SKIP\]|Finished:/{show=0} show' "$out"
    # A crash that counted no failure still has to show in the summary.
    if [ "$f" -eq 0 ]; then failed=$((failed + 1)); [ "$verbose" -eq 1 ] || tail -30 "$out"; fi
  fi
}

if [ "$tier" = unit ] || [ "$tier" = all ]; then
  echo "== unit tier (test logs: $report_dir/<project>.unit.log)"
  # The unit tests need nothing but their process: every self-test project at once.
  unit_started=$(date +%s%N)
  for project in tests/*Tests/*.csproj; do unit_test "$project" & done
  wait
  unit_before=$((passed + failed + skipped))
  for project in tests/*Tests/*.csproj; do unit_tally "$project"; done
  # Projects with integration tests only run nothing here; the tier as a whole must run something.
  [ $((passed + failed + skipped)) -gt "$unit_before" ] || { nothing_ran "the unit tier (tests/*Tests, traits Tier=integration and Category=benchmark excluded)"; set_status $?; }
  unit_ms=$((($(date +%s%N) - unit_started) / 1000000))
  printf '   unit tier: %d.%01d s wall after build\n' $((unit_ms / 1000)) $((unit_ms % 1000 / 100))
fi
if [ "$tier" = integration ] || [ "$tier" = all ]; then
  echo "== integration tier (test logs: $report_dir/<project>.integration.log)"
  integration_before=$((passed + failed + skipped))
  for project in tests/*Tests/*.csproj; do
    # Only the projects that have integration tests: the others would start a test host for nothing.
    grep -rqsE --include='*.cs' '"(Tier", "integration|Category", "benchmark)' "$(dirname "$project")" || continue
    run_project "$project" "$stack" integration
    # The project has tests with those traits (grep above): a filter that selects none of them is wrong.
    if [ ${#ran_nothing[@]} -gt 0 ]; then
      echo "run-tests.sh: the filter --filter-trait Tier=integration --filter-trait Category=benchmark selected no test of $project, which has tests with those traits" >&2
      ran_nothing=(); set_status 10
    fi
  done
  [ $((passed + failed + skipped)) -gt "$integration_before" ] || { nothing_ran "the integration tier (traits Tier=integration, Category=benchmark)"; set_status $?; }
fi
# The acceptance tier on one stack provider; with several, each gets its own report folder.
run_acceptance() {
  local provider=$1 all_reports=$report_dir
  if [ ${#stacks[@]} -gt 1 ]; then report_dir=$all_reports/$provider; mkdir -p "$report_dir"; fi
  export STACKTESTS_REPORT_DIR=$report_dir
  rm -f "$report_dir/cucumber.ndjson" "$report_dir/cucumber.html" "$report_dir/summary.md" "$report_dir/summary.txt" \
        "$report_dir/stack-start-failure.txt" "$report_dir/stack-start.txt"
  local before_p=$passed before_f=$failed before_s=$skipped started=$SECONDS
  rm -f "$report_dir/skip-causes.txt"
  run_project tests/StackTests.Acceptance/StackTests.Acceptance.csproj "$provider"
  if [ ${#ran_nothing[@]} -gt 0 ]; then
    # The selection is the same on every provider: one message, and no other provider is tried.
    ran_nothing=(); nothing_ran "the acceptance tier on the $provider stack"; set_status $?
    selected_nothing=1; report_dir=$all_reports; return
  fi
  # Each scenario's result, duration and reason, and each signal's time to visibility, as the engine wrote them.
  [ ! -f "$report_dir/summary.txt" ] || cat "$report_dir/summary.txt"
  [ ! -f "$report_dir/cucumber.html" ] || echo "Reports: $report_dir/cucumber.html"
  [ ! -f "$report_dir/stack-start.txt" ] || { echo "== stack"; cat "$report_dir/stack-start.txt"; }
  if [ -f "$report_dir/stack-start-failure.txt" ]; then
    echo "== no stack could be started"
    cat "$report_dir/stack-start-failure.txt"
    status=4
  fi
  # Every selected scenario skipped: this stack proved nothing. Each reason once, with what it skipped.
  if [ $((passed - before_p + failed - before_f)) -eq 0 ] && [ $((skipped - before_s)) -gt 0 ] && [ "$status" -ne 4 ]; then
    echo "== every selected scenario ($((skipped - before_s))) was skipped on the $provider stack: nothing was proven; why, once per cause:"
    if [ -s "$report_dir/skip-causes.txt" ]; then sed 's/^/  /' "$report_dir/skip-causes.txt"; else echo "  (no skip-causes.txt in $report_dir)"; fi
    echo "run-tests.sh: every selected scenario was skipped on the $provider stack${STACKTESTS_TAGS:+ (selection $(selection))}" >&2
    set_status 11
  fi
  per_stack+=("$(printf '%-16s %4d passed %4d failed %4d skipped %6d s' "$provider" $((passed - before_p)) $((failed - before_f)) $((skipped - before_s)) $((SECONDS - started)))")
  report_dir=$all_reports
}

per_stack=()
selected_nothing=0
if [ "$tier" = acceptance ] || [ "$tier" = all ]; then
  for provider in "${stacks[@]}"; do run_acceptance "$provider"; [ "$selected_nothing" -eq 0 ] || break; done
  if [ ${#per_stack[@]} -gt 1 ]; then
    echo "== acceptance per stack (wall time)"
    printf '  %s\n' "${per_stack[@]}"
  fi
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit $status
