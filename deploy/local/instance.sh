#!/usr/bin/env bash
# A private copy of the local infrastructure (Kafka, PostgreSQL, FerretDB, Redis) in its own directory and on
# its own ports, for tests that stop, kill and restart the servers (test/fault): the shared servers of
# deploy/local/infra.sh are never touched.
#
#   deploy/local/instance.sh DIR up                 start every service (data, logs, pid files under DIR)
#   deploy/local/instance.sh DIR stop|start SVC     one service (kafka|postgres|redis|ferretdb), gracefully
#   deploy/local/instance.sh DIR kill SVC           one service, kill -9 (no shutdown at all)
#   deploy/local/instance.sh DIR down [--purge]     stop everything (and delete DIR's data)
#   deploy/local/instance.sh DIR status
#
# Ports come from the usual variables (KAFKA_PORT, KAFKA_CONTROLLER_PORT, PG_PORT, MONGO_PORT, REDIS_PORT);
# set every one of them. The Kafka jars and the FerretDB binary are not installed again: they are linked,
# read-only, from INFRA_BINARIES_HOME (default: this checkout's .local, where `infra.sh install` puts them).
set -euo pipefail

LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$LOCAL_DIR/../.." && pwd -P)"

dir="${1:?usage: instance.sh DIR up|down|stop SVC|start SVC|kill SVC|status}"
shift
mkdir -p "$dir"
dir="$(cd "$dir" && pwd -P)"
for v in KAFKA_PORT KAFKA_CONTROLLER_PORT PG_PORT MONGO_PORT REDIS_PORT; do
  [[ -n "${!v:-}" ]] || { echo "[instance] error: set $v (a private instance never takes the default ports)" >&2; exit 2; }
done

bins="${INFRA_BINARIES_HOME:-$REPO_ROOT/.local}"
[[ -d "$bins/kafka/libs" && -x "$bins/bin/ferretdb" ]] \
  || { echo "[instance] error: no Kafka jars or FerretDB binary under $bins (run: deploy/local/infra.sh install)" >&2; exit 1; }
mkdir -p "$dir/kafka" "$dir/bin"
[[ -e "$dir/kafka/libs" ]] || ln -s "$bins/kafka/libs" "$dir/kafka/libs"
[[ -e "$dir/bin/ferretdb" ]] || ln -s "$bins/bin/ferretdb" "$dir/bin/ferretdb"

export INFRA_HOME="$dir"
# a smaller broker: the suite's instance carries test traffic only
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms128m -Xmx384m}"

# kill -9 one service: what a crash or an OOM kill does (the pid files are the ones infra.sh writes)
kill_one() {
  local pidfile
  case "$1" in
    kafka) pidfile="$dir/run/kafka.pid" ;;
    redis) pidfile="$dir/run/redis.pid" ;;
    ferretdb) pidfile="$dir/run/ferretdb.pid" ;;
    postgres) pidfile="$(readlink -f "$dir/postgres")/data/postmaster.pid" ;;
    *) echo "[instance] error: kill: unknown service '$1'" >&2; exit 2 ;;
  esac
  local pid
  pid="$(head -1 "$pidfile" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || { echo "[instance] $1: not running"; return 0; }
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  # postgres' children die with the postmaster; their shared memory goes with the last of them
  echo "[instance] $1: killed (pid $pid)"
}

case "${1:-}" in
  kill) kill_one "${2:?kill SVC}" ;;
  *) exec bash "$LOCAL_DIR/infra.sh" "$@" ;;
esac
