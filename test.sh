#!/usr/bin/env bash
# Builds once and runs every test project; the last line is "N passed, N failed".
# Extra arguments go to dotnet test, e.g. ./test.sh --filter "FullyQualifiedName~Events"; without
# any, the quick benchmark runs too.
set -uo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
prerequisites::ensure bench

# ical.js, the independent reader of the calendar tests, at the version its lock file names.
if [ ! -d tests/Events.Tests/IcalReader/node_modules/ical.js ]; then
  npm ci --prefix tests/Events.Tests/IcalReader --no-audit --no-fund --loglevel=error >/dev/null || echo "npm ci of the calendar reader failed." >&2
fi

configuration=${CONFIGURATION:-Release}
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

if ! dotnet build CircularPlatform.sln -c "$configuration" -nologo -clp:ErrorsOnly; then
  echo "The build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

# The test projects run two at a time in the solution's order, which lists the longest first so that
# both streams end together (a long one started last would run alone at the end).
dotnet test CircularPlatform.sln -c "$configuration" --no-build --nologo \
  --logger "trx;LogFilePrefix=results" --logger "console;verbosity=minimal" \
  --results-directory "$results" "$@"
status=$?

# Sum every project's counters; a test project that produced no results (its test host crashed)
# counts as one failure, so a crash can never pass for a green run.
passed=0
failed=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  trx=$(grep -il "CircularPlatform.$name.dll" "$results"/*.trx 2>/dev/null | head -n 1)
  if [ -z "$trx" ]; then
    echo "No results from $name."
    failed=$((failed + 1))
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi

# The benchmark at tiny sizes, once, so that it keeps working: one more test that passes when
# every figure was measured. It asserts no time; ./bench/run.sh alone gives the real figures.
if [ "$#" -eq 0 ]; then
  echo "Benchmark, quick sizes (./bench/run.sh --quick)..."
  if ./bench/run.sh --no-build --quick > "$results/bench.log" 2>&1; then
    passed=$((passed + 1))
    echo "Benchmark (quick): every figure measured, bench/results/quick.md."
  else
    failed=$((failed + 1))
    echo "Benchmark (quick) failed:"
    tail -n 40 "$results/bench.log"
  fi
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
