#!/usr/bin/env bash
# The Prometheus side, checked with Prometheus's own tool (promtool, built from the Go module proxy):
#   - the alert rules parse (promtool check rules),
#   - they fire, stay quiet and word their summaries as their unit tests say (promtool test rules),
#   - given app /metrics URLs, each scrape is valid exposition that passes Prometheus's lint
#     (promtool check metrics), e.g. `npm run check:observability -- http://127.0.0.1:9464/metrics`.
# Not part of `npm test`: building promtool takes from a few minutes to an hour on two busy cores.
set -euo pipefail
cd "$(dirname "$0")/.."
PROMTOOL_MODULE_VERSION=v0.316.0 # Prometheus 3.16's Go module version
BIN=.local/gobin/promtool
if [ ! -x "$BIN" ]; then
  command -v go > /dev/null || { echo "[observability] Go is needed to build promtool (Debian: golang-go)" >&2; exit 2; }
  echo "[observability] building promtool ${PROMTOOL_MODULE_VERSION} from the Go module proxy"
  GOBIN="$PWD/.local/gobin" go install "github.com/prometheus/prometheus/cmd/promtool@${PROMTOOL_MODULE_VERSION}"
fi
"$BIN" check rules deploy/observability/alert-rules.yml
"$BIN" test rules deploy/observability/alert-rules.test.yml
for url in "$@"; do
  echo "[observability] promtool check metrics ${url}"
  curl -fsS "$url" | "$BIN" check metrics
done
