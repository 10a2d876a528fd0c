#!/usr/bin/env bash
# npm run bench — survey → alert pipeline throughput and latency next to two baselines
# (raw kafkajs, per-message Nest Transport.KAFKA), all measured in one run on the local broker
# and FerretDB. See bench/pipeline/bench.ts for the definitions and the BENCH_* knobs
# (e.g. BENCH_RATE=100 BENCH_N=20000 npm run bench).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash deploy/local/infra.sh up
bash scripts/ensure-deps.sh
echo "[build] compiling"
npm run --silent build
node dist/bench/pipeline/bench.js "$@"
node dist/bench/notifier/worker.bench.js
