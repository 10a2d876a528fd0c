#!/usr/bin/env bash
# Local infrastructure without Docker: Kafka (KRaft), PostgreSQL, FerretDB, Redis — all on 127.0.0.1.
#
#   deploy/local/infra.sh install            download/build/apt everything (no services started)
#   deploy/local/infra.sh up                 install (cheap when done) + start what is not running
#   deploy/local/infra.sh down [--purge]     stop everything; --purge also deletes data and logs
#   deploy/local/infra.sh purge              same as down --purge
#   deploy/local/infra.sh status             one line per service; exit 0 only if all are up
#   deploy/local/infra.sh stop|start SVC     one service (kafka|postgres|redis|ferretdb), for fault tests
#   deploy/local/infra.sh logs [svc] [-f] [-n N]   tail service logs (kafka|postgres|redis|ferretdb)
#
# See deploy/local/README.md for env vars, paths and version notes.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$LOCAL_DIR/../.." && pwd -P)"

# shellcheck source=lib/common.sh
source "$LOCAL_DIR/lib/common.sh"
# shellcheck source=lib/kafka.sh
source "$LOCAL_DIR/lib/kafka.sh"
# shellcheck source=lib/postgres.sh
source "$LOCAL_DIR/lib/postgres.sh"
# shellcheck source=lib/redis.sh
source "$LOCAL_DIR/lib/redis.sh"
# shellcheck source=lib/ferretdb.sh
source "$LOCAL_DIR/lib/ferretdb.sh"

SERVICES=(postgres ferretdb redis kafka)

usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

make_dirs() { mkdir -p "$INFRA_HOME" "$LOG_DIR" "$RUN_DIR" "$BIN_DIR"; }

# serialize install/up/down/purge (fd 9; every daemon launch closes it with 9>&-)
take_lock() {
  make_dirs
  exec 9>"$RUN_DIR/infra.lock"
  flock -w 900 9 || die "another infra.sh is running (lock $RUN_DIR/infra.lock)"
}

status_of() { # status_of SERVICE -> prints line, returns 0 if up
  case "$1" in
    postgres) pg_status ;;
    ferretdb) ferret_status ;;
    redis) redis_status ;;
    kafka) kafka_status ;;
  esac
}

all_up() {
  local s
  for s in "${SERVICES[@]}"; do status_of "$s" >/dev/null || return 1; done
}

cmd_status() {
  local s rc=0
  for s in "${SERVICES[@]}"; do status_of "$s" || rc=1; done
  return "$rc"
}

cmd_install() {
  local t0; t0=$(ms_now)
  make_dirs
  pg_install
  redis_install
  kafka_install
  ferret_install
  info "install done ($(elapsed "$t0"))"
}

cmd_up() {
  local t0; t0=$(ms_now)
  take_lock
  if all_up && ! ferret_current; then
    info "ferretdb: running an older build of the local patches; rebuilding and restarting it"
    ferret_stop
  fi
  if all_up; then
    cmd_status
    info "all services already up — nothing to do"
    return 0
  fi
  cmd_install

  # fail before launching anything if a port we need is taken by a foreign process
  kafka_running >/dev/null || { ensure_port_free kafka "$KAFKA_PORT"; ensure_port_free kafka-controller "$KAFKA_CONTROLLER_PORT"; }
  redis_running >/dev/null || ensure_port_free redis "$REDIS_PORT"
  pg_running >/dev/null || ensure_port_free postgres "$PG_PORT"
  ferret_running >/dev/null || ensure_port_free ferretdb "$MONGO_PORT"

  # launch the slow JVM first, then the rest; wait for readiness afterwards.
  # A service whose process is alive but not (yet) answering is waited for too.
  local wait_kafka=0 wait_redis=0 wait_ferret=0
  if kafka_running >/dev/null; then
    info "kafka: already running"; kafka_status >/dev/null || wait_kafka=1
  else
    kafka_start; wait_kafka=1
  fi
  if redis_running >/dev/null; then
    info "redis: already running"; redis_status >/dev/null || wait_redis=1
  else
    redis_start; wait_redis=1
  fi
  if pg_running >/dev/null; then info "postgres: already running"; else pg_start; fi
  pg_wait
  if ferret_running >/dev/null; then
    info "ferretdb: already running"; ferret_status >/dev/null || wait_ferret=1
  else
    ferret_start; wait_ferret=1
  fi
  if (( wait_ferret )); then ferret_wait; info "ferretdb: ready ($(elapsed "$t0") since up)"; fi
  if (( wait_redis )); then redis_wait; info "redis: ready"; fi
  if (( wait_kafka )); then kafka_wait; info "kafka: ready ($(elapsed "$t0") since up)"; fi

  echo
  cmd_status || die "some services are not up (see above; logs in $LOG_DIR)"
  info "up done ($(elapsed "$t0"))"
}

cmd_down() {
  local purge=0 t0; t0=$(ms_now)
  [[ "${1:-}" == --purge ]] && purge=1
  take_lock
  # Kafka's controlled shutdown takes a few seconds: run it alongside the others
  kafka_stop &
  local kpid=$!
  ferret_stop
  pg_stop
  redis_stop
  wait "$kpid" || warn "kafka: stop reported an error"
  if (( purge )); then
    info "purging data and logs under $INFRA_HOME (downloaded jars and built binaries are kept)"
    ferret_purge
    pg_purge
    redis_purge
    kafka_purge
  fi
  info "all services down ($(elapsed "$t0"))"
}

cmd_logs() {
  local svc="" follow=0 lines="" files=()
  while (( $# )); do
    case "$1" in
      -f|--follow) follow=1 ;;
      -n) lines="${2:?-n needs a number}"; shift ;;
      kafka|postgres|redis|ferretdb) svc="$1" ;;
      *) die "logs: unknown argument '$1' (services: ${SERVICES[*]})" ;;
    esac
    shift
  done
  case "$svc" in
    kafka) files=("$KAFKA_SERVER_LOG" "$KAFKA_LOG") ;;
    postgres) files=("$PG_LOG") ;;
    redis) files=("$REDIS_LOG") ;;
    ferretdb) files=("$FERRET_LOG") ;;
    "") files=("$PG_LOG" "$FERRET_LOG" "$REDIS_LOG" "$KAFKA_LOG" "$KAFKA_SERVER_LOG"); : "${lines:=15}" ;;
  esac
  : "${lines:=50}"
  local existing=() f
  for f in "${files[@]}"; do [[ -e "$f" ]] && existing+=("$f"); done
  (( ${#existing[@]} )) || die "no log files yet under $LOG_DIR (run: infra.sh up)"
  if (( follow )); then exec tail -n "$lines" -F "${existing[@]}"; fi
  tail -v -n "$lines" "${existing[@]}"
}

# one service: used by fault tests (e.g. stop Kafka, write, start it again)
cmd_start_one() {
  take_lock
  case "$1" in
    kafka) kafka_running >/dev/null || { kafka_start; kafka_wait; } ;;
    redis) redis_running >/dev/null || { redis_start; redis_wait; } ;;
    postgres) pg_running >/dev/null || pg_start; pg_wait ;;
    ferretdb) ferret_running >/dev/null || { ferret_start; ferret_wait; } ;;
    *) die "start: unknown service '$1' (services: ${SERVICES[*]})" ;;
  esac
  status_of "$1"
}

cmd_stop_one() {
  take_lock
  case "$1" in
    kafka) kafka_stop ;;
    redis) redis_stop ;;
    postgres) pg_stop ;;
    ferretdb) ferret_stop ;;
    *) die "stop: unknown service '$1' (services: ${SERVICES[*]})" ;;
  esac
}

main() {
  local cmd="${1:-help}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    install) take_lock; cmd_install ;;
    up) cmd_up ;;
    start) if (( $# )); then cmd_start_one "$1"; else cmd_up; fi ;;
    down) cmd_down "$@" ;;
    stop) if (( $# )) && [[ $1 != --purge ]]; then cmd_stop_one "$1"; else cmd_down "$@"; fi ;;
    purge) cmd_down --purge ;;
    status) cmd_status ;;
    logs|log) cmd_logs "$@" ;;
    help|-h|--help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
