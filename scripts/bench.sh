#!/usr/bin/env bash
# npm run bench — every benchmark, each as ratios against baselines measured in the same run:
#   pipeline     household-income.changed → alert: rules app vs raw kafkajs and per-message Nest (BENCH_* knobs,
#                e.g. BENCH_RATE=100 BENCH_N=20000 npm run bench; see bench/pipeline/bench.ts)
#   notifier     jobs/s through the worker vs raw BullMQ add+process
#   supervision  check-in ingestion (signed endpoint, Kafka topic) vs a raw kafkajs consumer
#   rules        compiled default catalogue vs json-rules-engine and json-logic-engine (compiled)
#   households   .xlsx ledger import vs exceljs parse and raw insertMany
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash deploy/local/infra.sh up
bash scripts/ensure-deps.sh
echo "[build] compiling"
npm run --silent build
node dist/bench/pipeline/bench.js "$@"
node dist/bench/notifier/worker.bench.js
node dist/bench/supervision/bench.js
# rule evaluations/s: compiled default catalogue vs json-rules-engine and json-logic-engine (compiled)
node dist/bench/rules/bench.js
node dist/bench/households/import.bench.js
