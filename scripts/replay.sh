#!/usr/bin/env bash
# npm run replay -- <app> <read-model>: rebuilds one read model of an app from Kafka while the app keeps serving
# (docs/architecture.md, Replay). Run with the app's environment (MONGO_URL, MONGO_DB, KAFKA_*), after npm run build.
# Each app that has replayable read models has dist/apps/<app>/src/replay/main.js; it lists them when asked wrongly.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
app=${1:-}
main="dist/apps/$app/src/replay/main.js"
if [[ -z $app || ! -f $main ]]; then
  echo "用法 / usage: npm run replay -- <app> <read-model>   (可重放的读模型 / replayable read models: rules subjects, care-roster, pairings; monitoring household-directory, coverage, member-index, household-income, income-forecast, pairings; households recorded-facts; supervision visits; notifier alerts, pairings; projects household-directory, pairings)" >&2
  [[ -n $app && -d apps/$app ]] && echo "（$app 没有可重放的读模型，或尚未 npm run build）" >&2
  exit 2
fi
shift
exec node "$main" "$@"
