#!/usr/bin/env bash
# npm run bench — every benchmark, each as ratios against baselines measured in the same run:
#   pipeline     household-income.changed → alert: rules app vs raw kafkajs and per-message Nest (BENCH_* knobs,
#                e.g. BENCH_RATE=100 BENCH_N=20000 npm run bench; see bench/pipeline/bench.ts)
#   notifier     jobs/s through the worker vs raw BullMQ add+process
#   supervision  check-in ingestion (signed endpoint, Kafka topic) vs a raw kafkajs consumer
#   rules        compiled default catalogue vs json-rules-engine and json-logic-engine (compiled)
#   households   .xlsx ledger import vs exceljs parse and raw insertMany
#   outbox       the relay draining a 50,000-event backlog (journal) vs raw kafkajs sendBatch and the old per-document way
#   console      the shell's gzipped size vs its budget; the 1,144-household list's time to interactive vs an empty page
#   forecast     income-forecast backtest on a synthetic 1,144-household county: recall ≥ 1 month ahead,
#                precision, MAPE, beside today's income-below-line rule (bench/forecast/backtest.ts)
#   replay       rules' subjects (100,000 events) and monitoring's household directory (50,000) rebuilt from
#                Kafka, each vs a raw kafkajs consumer
#
# Every bench runs even when one before it failed; each ends by itself (bench/shared/run-bench.ts); the
# whole exits non-zero at the end if any failed, after a table of what ran.
#   bash scripts/bench.sh --smoke   each bench once with small counts (seconds each): npm test runs this,
#                                   so a change that breaks a bench or its baselines fails CI. Its figures
#                                   mean nothing; only that every bench still runs to its end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Node.js 24 LTS first on PATH (installed into .local/node when the machine has another node)
source deploy/local/node.sh

smoke=0
if [[ ${1:-} == --smoke ]]; then smoke=1; shift; fi

if [[ $smoke == 0 ]]; then
  bash deploy/local/infra.sh up
  bash scripts/ensure-deps.sh
  echo "[build] compiling"
  npm run --silent build
fi

# name | command | smoke-mode environment
BENCHES=(
  "pipeline|node dist/bench/pipeline/bench.js $*|BENCH_N=400 BENCH_HOUSEHOLDS=100 BENCH_RATE=20 BENCH_DURATION_S=2 BENCH_DRAIN_CAP_S=30"
  "notifier|node dist/bench/notifier/worker.bench.js|BENCH_NOTIFIER_JOBS=200 BENCH_NOTIFIER_ROUNDS=1"
  "supervision|node dist/bench/supervision/bench.js|BENCH_SV_N=400 BENCH_SV_MEMBERS=20 BENCH_SV_RATE=10 BENCH_SV_DURATION_S=2 BENCH_SV_DRAIN_CAP_S=60"
  "rules|node dist/bench/rules/bench.js|BENCH_RULES_SUBJECTS=200 BENCH_RULES_SECONDS=0.2 BENCH_RULES_ROUNDS=1"
  "households|node dist/bench/households/import.bench.js|BENCH_HOUSEHOLDS=400 BENCH_MEMBERS=1200"
  "outbox|node dist/bench/outbox/relay.bench.js|BENCH_OUTBOX_N=2000 BENCH_OUTBOX_WRITE=200 BENCH_OUTBOX_SMALL_N=200 BENCH_OUTBOX_OLD_N=100"
  "console|node dist/bench/console/bench.js|BENCH_CONSOLE_HOUSEHOLDS=100 BENCH_CONSOLE_ROUNDS=1"
  "forecast|node dist/bench/forecast/backtest.js|BENCH_FORECAST_HOUSEHOLDS=60 BENCH_FORECAST_MONTHS=24"
  "replay|node dist/bench/replay/bench.js|BENCH_REPLAY_EVENTS=2000 BENCH_REPLAY_HOUSEHOLDS=200 BENCH_REPLAY_DIRECTORY_EVENTS=1000"
)

summary=()
failed=0
passed_count=0
failed_count=0
for entry in "${BENCHES[@]}"; do
  IFS='|' read -r name cmd smoke_env <<<"$entry"
  started=$SECONDS
  echo "[bench] $name$([[ $smoke == 1 ]] && echo ' (smoke)')"
  status=0
  if [[ $smoke == 1 ]]; then
    # a bench that hangs is a failure too
    env $smoke_env timeout 300 $cmd || status=$?
  else
    $cmd || status=$?
  fi
  took=$((SECONDS - started))
  if [[ $status == 0 ]]; then
    summary+=("  $name: ok (${took} s)")
    passed_count=$((passed_count + 1))
  else
    summary+=("  $name: FAILED, exit $status (${took} s)")
    failed=1
    failed_count=$((failed_count + 1))
  fi
done

echo "[bench] summary"
printf '%s\n' "${summary[@]}"
if [[ $smoke == 1 ]]; then
  # counted with the tests by scripts/test-all.sh (a bench that no longer runs is a failed test)
  mkdir -p .local
  printf '{"numPassedTests": %d, "numFailedTests": %d, "numPendingTests": 0}\n' "$passed_count" "$failed_count" \
    >.local/bench-smoke-results.json
fi
exit "$failed"
