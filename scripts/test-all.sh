#!/usr/bin/env bash
# The one command that runs every test (README, .ci/run): installs and starts what it needs.
#   unit        pure domain logic, no I/O
#   integration one component against the real Kafka, FerretDB, Redis
#   e2e         all apps as separate processes
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash deploy/local/infra.sh up
bash scripts/ensure-deps.sh
bash scripts/ensure-browser.sh
echo "[build] compiling"
npm run --silent build
echo "[lint] eslint + tsc"
npm run --silent lint
npm run --silent typecheck

mkdir -p .local
results=.local/jest-results.json
rm -f "$results"
status=0
npx jest --runInBand --json --outputFile="$results" "$@" || status=$?
if [[ -f $results ]]; then
  # the plain closing line CI reads, whatever the runner
  node -e '
    const r = require(process.argv[1]);
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
  ' "$PWD/$results"
fi
exit "$status"
