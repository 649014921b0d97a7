#!/usr/bin/env bash
# The platform's benchmark: starts the built AppHost as ./run.sh does, loads it with wrk and its own
# clients, compares the gateway with nginx, and writes bench/results/latest.md and latest.json
# (quick.md and quick.json with --quick). Arguments go to the program:
#   --quick               tiny sizes, about a minute and a half: proves the benchmark still works
#                         (no PostgreSQL session unless --postgres, no cold-start runs)
#   --no-postgres         skip the PostgreSQL session of figures 2, 7, 8 and 9
#   --no-sqlite           skip the SQLite session (figures 1, 2, 7, 8 and 9 on SQLite, 3, 4 and 6)
#   --placement split     servers on CPU 0, load generators on CPU 1 (default); shared: nothing pinned
#   --out <folder>        where to write the results
# --no-build (first argument) uses what ./test.sh or a previous run built.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
prerequisites::ensure bench
export PATH="$PATH:/usr/sbin"

configuration=${CONFIGURATION:-Release}
if [ "${1:-}" = "--no-build" ]; then
  shift
else
  # The AppHost builds every service it runs; the benchmark program builds beside it.
  dotnet build AppHost/AppHost.csproj -c "$configuration" -nologo -clp:ErrorsOnly
  dotnet build bench/Bench/Bench.csproj -c "$configuration" -nologo -clp:ErrorsOnly
fi
exec dotnet "bench/Bench/bin/$configuration/net10.0/CircularPlatform.Bench.dll" "$@"
