#!/usr/bin/env bash
# Proves that every scenario CI serves can fail: for each planted fault of .ci/faults.tsv, a copy of
# the repository's compose/ and features/ with that one edit, and the fault's scenario run against it
# on the local provider. The fault must make its scenario FAIL (not pass, not skip, not stop the stack
# from starting) with the fault's words in the output. Faults run side by side, each on its own
# loopback block, report folder and run id; the test host is built once. A fault whose stack does
# not start gets a second attempt; a second failure to start fails it.
#
# Usage: .ci/planted-faults.sh [--jobs N] [--only REGEX] [--no-build] [--faults FILE]
#   --jobs N      faults at once (default 3)
#   --only REGEX  the faults whose id matches (grep -E)
#   --no-build    use the last build
# Environment: PLANTED_FAULTS_LOOPBACK=127.X (default 127.77): fault number K gets 127.X.K;
# PLANTED_FAULTS_DIR: scratch roots and reports (default artifacts/planted-faults).
# Exit: 0 every fault caught, 1 a fault not caught (or not applied), 2 usage.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

jobs=3 only= build=1 faults=.ci/faults.tsv
while [ $# -gt 0 ]; do
  case "$1" in
    --jobs) jobs=${2:?--jobs needs a number}; shift ;;
    --only) only=${2:?--only needs a regular expression}; shift ;;
    --no-build) build=0 ;;
    --faults) faults=${2:?--faults needs a file}; shift ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "planted-faults.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "planted-faults.sh: --jobs needs a positive number, not '$jobs'" >&2; exit 2; }
[ -f "$faults" ] || { echo "planted-faults.sh: no fault table $faults" >&2; exit 2; }
loopback=${PLANTED_FAULTS_LOOPBACK:-127.77}
[[ $loopback =~ ^127\.[0-9]{1,3}$ ]] || { echo "planted-faults.sh: PLANTED_FAULTS_LOOPBACK must be 127.X, not '$loopback'" >&2; exit 2; }
work=${PLANTED_FAULTS_DIR:-$repo/artifacts/planted-faults}
rm -rf "$work"; mkdir -p "$work"

# The rows: id, file, sed expression, tag, words; "#" lines and blank lines are comments.
ids=() files=() edits=() tags=() words=()
line_no=0
while IFS= read -r line || [ -n "$line" ]; do
  line_no=$((line_no + 1))
  [[ -z $line || $line == \#* ]] && continue
  IFS=$'\t' read -r id file edit tag word extra <<<"$line"
  if [ -z "${word:-}" ] || [ -n "${extra:-}" ]; then
    echo "planted-faults.sh: $faults:$line_no: a row has 5 tab-separated fields (id, file, sed, tag, words)" >&2; exit 2
  fi
  [ -f "compose/$file" ] || { echo "planted-faults.sh: $faults:$line_no: fault $id: no file compose/$file" >&2; exit 2; }
  [ -z "$only" ] || [[ $id =~ $only ]] || continue
  ids+=("$id") files+=("$file") edits+=("$edit") tags+=("$tag") words+=("$word")
done <"$faults"
[ ${#ids[@]} -gt 0 ] || { echo "planted-faults.sh: no fault of $faults matches '${only}'" >&2; exit 2; }
[ ${#ids[@]} -le 250 ] || { echo "planted-faults.sh: at most 250 faults (one loopback block each)" >&2; exit 2; }

if [ "$build" -eq 1 ]; then
  dotnet build StackTests.sln -c Release -nologo -clp:ErrorsOnly -v:q >"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; echo "planted-faults.sh: build failed" >&2; exit 1; }
fi

# What CI serves: the scenarios of the components this machine runs (README, CI section).
ci_scope='not (@needs-loki or @needs-tempo or @needs-grafana or @needs-alloy or @needs-otel-collector)'

# run_fault K: one fault in its own scratch root; writes its verdict line to $work/<id>/verdict.
run_fault() {
  local k=$1 id=${ids[$1]} root=$work/${ids[$1]}/root report=$work/${ids[$1]}/report started=$SECONDS
  mkdir -p "$root" "$report"
  cp -r compose features "$root/"
  ln -s "$repo/tools" "$root/tools"
  [ ! -e .tools ] || ln -s "$repo/.tools" "$root/.tools"
  local target=$root/compose/${files[$k]} verdict detail=
  if ! sed -i -e "${edits[$k]}" "$target" 2>"$report/sed.err"; then
    verdict="NOT APPLIED" detail="sed failed: $(head -1 "$report/sed.err")"
  elif cmp -s "$target" "compose/${files[$k]}"; then
    verdict="NOT APPLIED" detail="the edit changed nothing in compose/${files[$k]}"
  else
    # A stack that did not start (exit 4) proves nothing either way: one more attempt, said in the table.
    local attempt code
    for attempt in 1 2; do
      STACKTESTS_ROOT=$root STACKTESTS_LOOPBACK=$loopback.$((k + 1)) STACKTESTS_REPORT_DIR=$report \
        STACKTESTS_RUN_ID="fault-$id-$$-$attempt" STACKTESTS_RUN_DIR="$work/$id/run-$attempt" \
        ./run-tests.sh acceptance --no-build --stack local --fail-on-skip --tags "${tags[$k]}" --tags "$ci_scope" \
        >"$report/run-tests.out" 2>&1
      code=$?
      [ "$code" -eq 4 ] || break
      cp "$report/run-tests.out" "$report/run-tests.attempt-$attempt.out"
    done
    local summary=$report/summary.txt
    local failed skipped missing=()
    failed=$(grep -c '^FAILED ' "$summary" 2>/dev/null); skipped=$(grep -c 'a skip counts as a failure' "$summary" 2>/dev/null)
    IFS=';' read -r -a expected <<<"${words[$k]}"
    for w in "${expected[@]}"; do grep -qF -- "$w" "$report/run-tests.out" "$report/StackTests.Acceptance.log" 2>/dev/null || missing+=("$w"); done
    if [ "$code" -eq 4 ]; then verdict="STACK FAILED" detail="the stack did not start: $(head -3 "$report/stack-start-failure.txt" 2>/dev/null | tr '\n' ' ')"
    elif [ "$code" -eq 0 ]; then verdict="PASSED" detail="the scenario passed with the fault in place"
    elif [ "${failed:-0}" -eq 0 ]; then verdict="NO RESULT" detail="exit $code and no failed scenario (see $report/run-tests.out)"
    elif [ "${skipped:-0}" -gt 0 ] && [ "$skipped" -ge "$failed" ]; then verdict="SKIPPED" detail="$(grep -m1 'a skip counts' "$summary" | sed 's/^ *//')"
    elif [ ${#missing[@]} -gt 0 ]; then verdict="WRONG WORDS" detail="failed, but the output lacks: ${missing[*]}"
    else verdict="CAUGHT" detail="$(grep -m1 -A1 '^FAILED ' "$summary" | tail -1 | sed 's/^ *//' | cut -c1-160)"
    fi
    [ "$attempt" -eq 1 ] || detail="(attempt $attempt: the first stack did not start) $detail"
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$id" "${tags[$k]}" "$verdict" $((SECONDS - started)) "$detail" >"$work/$id/verdict"
}

started=$SECONDS
running=0
for k in "${!ids[@]}"; do
  run_fault "$k" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait

status=0
printf '%-34s %-12s %-13s %7s  %s\n' fault scenario verdict seconds detail
for id in "${ids[@]}"; do
  IFS=$'\t' read -r fid tag verdict seconds detail <"$work/$id/verdict" || { fid=$id tag=? verdict="NO RESULT" seconds=0 detail="no verdict written"; }
  printf '%-34s %-12s %-13s %7s  %s\n' "$fid" "$tag" "$verdict" "$seconds" "$detail"
  [ "$verdict" = CAUGHT ] || status=1
done
echo "planted faults: ${#ids[@]} in $((SECONDS - started)) s wall, $jobs at once; reports in $work"
exit $status
