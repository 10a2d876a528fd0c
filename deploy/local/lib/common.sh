# shellcheck disable=SC2034 # variables are used by the other lib/*.sh files
# shellcheck shell=bash
# Shared helpers for deploy/local/infra.sh. Sourced, never executed.

# ---- paths & settings -------------------------------------------------------
# LOCAL_DIR / REPO_ROOT are set by infra.sh from its own path (not from cwd).
INFRA_HOME="${INFRA_HOME:-$REPO_ROOT/.local}"
case "$INFRA_HOME" in /*) ;; *) INFRA_HOME="$PWD/$INFRA_HOME" ;; esac
LOG_DIR="$INFRA_HOME/logs"
RUN_DIR="$INFRA_HOME/run"
BIN_DIR="$INFRA_HOME/bin"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
PG_PORT="${PG_PORT:-5432}"
MONGO_PORT="${MONGO_PORT:-27017}"
REDIS_PORT="${REDIS_PORT:-6379}"

KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
FERRETDB_VERSION="${FERRETDB_VERSION:-v1.24.2}"
[[ "$FERRETDB_VERSION" == v* ]] || FERRETDB_VERSION="v$FERRETDB_VERSION"

# seconds to wait for each service to become ready / to stop
INFRA_START_TIMEOUT="${INFRA_START_TIMEOUT:-120}"
INFRA_STOP_TIMEOUT="${INFRA_STOP_TIMEOUT:-60}"

# ---- output -----------------------------------------------------------------
if [[ -t 1 ]]; then _B=$'\e[1m' _R=$'\e[31m' _G=$'\e[32m' _Y=$'\e[33m' _N=$'\e[0m'; else _B='' _R='' _G='' _Y='' _N=''; fi
info() { printf '%s[infra]%s %s\n' "$_B" "$_N" "$*"; }
warn() { printf '%s[infra] warning:%s %s\n' "$_Y" "$_N" "$*" >&2; }
die() { printf '%s[infra] error:%s %s\n' "$_R" "$_N" "$*" >&2; exit 1; }

# now in whole seconds (for deadlines)
now() { date +%s; }

# elapsed time since $1 (ms timestamp from ms_now)
ms_now() { date +%s%3N; }
elapsed() { local ms=$(( $(ms_now) - $1 )); printf '%d.%01ds' $((ms / 1000)) $(( (ms % 1000) / 100 )); }

# ---- processes & ports ------------------------------------------------------
# pid_alive PIDFILE PATTERN -> prints the pid if PIDFILE holds a live pid whose
# command line contains PATTERN (guards against stale pid files / pid reuse after a reboot).
pid_alive() {
  local file="$1" pattern="$2" pid="" cmd
  [[ -s "$file" ]] || return 1
  read -r pid <"$file" || true
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmd" == *"$pattern"* ]] || return 1
  echo "$pid"
}

# port_open PORT -> 0 if something accepts TCP connections on 127.0.0.1:PORT
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# who_listens PORT -> short description of the process listening on PORT (best effort)
who_listens() {
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -1
}

# ensure_port_free SERVICE PORT -> die with a clear message if PORT is taken
ensure_port_free() {
  if port_open "$2"; then
    die "$1: port $2 on 127.0.0.1 is already in use by another process ($(who_listens "$2" || true)). Stop it or set a different port (see README)."
  fi
}

# spawn PIDFILE LOGFILE CMD... : start CMD detached (own session, no stdin),
# appending stdout/stderr to LOGFILE, and record its pid in PIDFILE.
spawn() {
  local pidfile="$1" logfile="$2"; shift 2
  rm -f "$pidfile"
  # shellcheck disable=SC2016 # $$ / $@ expand in the child bash
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' spawn "$pidfile" "$@" >>"$logfile" 2>&1 </dev/null 9>&- &
  local _
  for _ in $(seq 1 50); do [[ -s "$pidfile" ]] && return 0; sleep 0.1; done
  die "could not start: $*"
}

# stop_pid NAME PIDFILE PATTERN : SIGTERM, wait up to INFRA_STOP_TIMEOUT, then SIGKILL.
stop_pid() {
  local name="$1" pidfile="$2" pattern="$3" pid deadline
  if ! pid="$(pid_alive "$pidfile" "$pattern")"; then
    rm -f "$pidfile"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$(( $(now) + INFRA_STOP_TIMEOUT ))
  while kill -0 "$pid" 2>/dev/null; do
    if (( $(now) >= deadline )); then
      warn "$name (pid $pid) did not exit ${INFRA_STOP_TIMEOUT}s after SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  rm -f "$pidfile"
}

# wait_ready NAME CHECK_FN PIDFILE PATTERN LOGFILE...
# Polls CHECK_FN until it succeeds or INFRA_START_TIMEOUT passes. Fails fast if the
# process (PIDFILE/PATTERN; pass "" to skip) dies. On failure prints the tail of the
# LOGFILEs and exits 1.
wait_ready() {
  local name="$1" check="$2" pidfile="$3" pattern="$4"; shift 4
  local deadline=$(( $(now) + INFRA_START_TIMEOUT ))
  while :; do
    if "$check"; then return 0; fi
    if [[ -n "$pidfile" ]] && ! pid_alive "$pidfile" "$pattern" >/dev/null; then
      fail_with_log "$name exited during startup" "$@"
    fi
    if (( $(now) >= deadline )); then
      fail_with_log "$name not ready after ${INFRA_START_TIMEOUT}s (set INFRA_START_TIMEOUT to wait longer)" "$@"
    fi
    sleep 0.25
  done
}

fail_with_log() {
  local msg="$1"; shift
  printf '%s[infra] error:%s %s\n' "$_R" "$_N" "$msg" >&2
  local f
  for f in "$@"; do
    [[ -f "$f" ]] || continue
    printf -- '----- last 40 lines of %s -----\n' "$f" >&2
    tail -n 40 "$f" >&2
    printf -- '-----\n' >&2
  done
  exit 1
}

# ---- prerequisites & packages -----------------------------------------------
is_root() { [[ "$(id -u)" == 0 ]]; }

_APT_UPDATED=0
apt_install() {
  is_root || die "packages missing: $* — run as root (apt-get) or install them yourself: apt-get install $*"
  command -v apt-get >/dev/null || die "packages missing: $* and apt-get is not available; install them manually"
  if (( _APT_UPDATED == 0 )); then
    info "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq || die "apt-get update failed"
    _APT_UPDATED=1
  fi
  info "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || die "apt-get install $* failed"
}

# version_ge A B -> 0 if dotted version A >= B
version_ge() { [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" == "$2" ]]; }

require_java() {
  command -v java >/dev/null || die "Java (JDK >= 17) not found on PATH. Install e.g. 'apt-get install openjdk-17-jre-headless'."
  local v
  v="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1)"
  [[ -n "$v" ]] || die "could not determine the Java version of '$(command -v java)'"
  version_ge "$v" 17 || die "Java >= 17 required for Kafka $KAFKA_VERSION, found $v ($(command -v java))"
}

require_maven() {
  if ! command -v mvn >/dev/null; then
    warn "Maven (mvn) not found: installing Debian package 'maven'"
    apt_install maven
  fi
}

GO_BIN=""
require_go() {
  GO_BIN="$(command -v go || true)"
  [[ -n "$GO_BIN" ]] || { [[ -x /usr/local/go/bin/go ]] && GO_BIN=/usr/local/go/bin/go; }
  [[ -n "$GO_BIN" ]] || die "Go not found (looked on PATH and in /usr/local/go/bin). FerretDB is built from source: install Go >= 1.24."
  local v
  v="$(GOTOOLCHAIN=local "$GO_BIN" env GOVERSION 2>/dev/null | sed 's/^go//')"
  [[ -n "$v" ]] || die "could not run '$GO_BIN'"
  # FerretDB 1.24's go.mod says 'go 1.24'; with GOTOOLCHAIN=local an older Go cannot build it
  version_ge "$v" 1.24 || die "Go >= 1.24 required to build FerretDB $FERRETDB_VERSION, found go$v ($GO_BIN)"
}
