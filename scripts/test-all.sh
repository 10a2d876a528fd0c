#!/usr/bin/env bash
# The one command that runs every test (README, .ci/run): installs and starts what it needs.
#   unit        pure domain logic, no I/O
#   integration one component against the real Kafka, FerretDB, Redis
#   e2e         all apps as separate processes
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Node.js 24 LTS first on PATH (installed into .local/node when the machine has another node)
source deploy/local/node.sh

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
console_results=.local/console-results.json
bench_results=.local/bench-smoke-results.json
rm -f "$results" "$console_results" "$bench_results"
status=0
echo "[console] vitest (the console's own unit tests)"
npx vitest run --config apps/console/vite.config.mts --reporter=default --reporter=json \
  --outputFile.json="$PWD/$console_results" || status=$?
npx jest --runInBand --forceExit --json --outputFile="$results" "$@" || status=$?
echo "[bench] every benchmark once, with small counts (it must still run to its end)"
bash scripts/bench.sh --smoke || status=$?
# the plain closing line CI reads: vitest's, jest's and the bench smoke runs' counts together
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const f of process.argv.slice(1)) {
    if (!fs.existsSync(f)) { failed += 1; console.error(`no results in ${f}`); continue; }
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests || 0;
  }
  console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$PWD/$console_results" "$PWD/$results" "$PWD/$bench_results"
exit "$status"
