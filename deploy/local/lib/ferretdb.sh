# shellcheck shell=bash
# FerretDB 1.24.x (MongoDB wire protocol) over the PostgreSQL cluster, built from source with Go.

FERRET_HOME="$INFRA_HOME/ferretdb"
FERRET_STATE="$FERRET_HOME/state"
FERRET_BIN="$BIN_DIR/ferretdb"
FERRET_PID="$RUN_DIR/ferretdb.pid"
FERRET_LOG="$LOG_DIR/ferretdb.log"
FERRET_MODULE="github.com/FerretDB/FerretDB"

# Local patches (deploy/local/ferretdb/*.patch) apply to 1.24.x only. Their hash is baked
# into the binary as its "package" string, so editing a patch triggers a rebuild.
ferret_patches() {
  [[ "$FERRETDB_VERSION" == v1.24.* ]] || return 0
  compgen -G "$LOCAL_DIR/ferretdb/*.patch" || true
}
ferret_package_id() {
  local p; p="$(ferret_patches)"
  if [[ -z "$p" ]]; then echo "infra-unpatched"; return; fi
  # shellcheck disable=SC2086 # one path per line, no spaces in our patch names
  echo "infra-$(cat $p | sha1sum | cut -c1-10)"
}

ferret_installed() {
  [[ -x "$FERRET_BIN" ]] || return 1
  local v; v="$("$FERRET_BIN" --version 2>/dev/null || true)"
  [[ "$v" == *"version: $FERRETDB_VERSION"* && "$v" == *"package: $(ferret_package_id)"* ]]
}

# Why not plain `go install .../cmd/ferretdb@vX`: the module zip on the Go proxy lacks the
# generated build/version/version.txt, and a binary whose main module is FerretDB then panics
# at startup ("Invalid build/version/version.txt file content"). So we copy the module
# source out of the module cache, write version.txt, apply our patches, and `go build` it.
ferret_install() {
  if ferret_installed; then
    info "ferretdb: $FERRET_BIN is $FERRETDB_VERSION already"
    return 0
  fi
  require_go
  local t0 src work="$INFRA_HOME/build/ferretdb-$FERRETDB_VERSION"
  t0=$(ms_now)
  # never download a toolchain; ignore any go.work / GOFLAGS of the caller
  export GOTOOLCHAIN=local GOWORK=off GOFLAGS=-mod=readonly CGO_ENABLED=0
  info "ferretdb: fetching $FERRET_MODULE@$FERRETDB_VERSION (cache: $("$GO_BIN" env GOMODCACHE))"
  mkdir -p "$INFRA_HOME/build" "$BIN_DIR"
  src="$(cd "$INFRA_HOME/build" && "$GO_BIN" mod download -json "$FERRET_MODULE@$FERRETDB_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
  [[ -n "$src" && -d "$src" ]] || die "ferretdb: 'go mod download $FERRET_MODULE@$FERRETDB_VERSION' failed (does that version exist? try: go list -m -versions $FERRET_MODULE)"
  rm -rf "$work"
  cp -r "$src" "$work"
  chmod -R u+w "$work"
  echo "$FERRETDB_VERSION" >"$work/build/version/version.txt"
  ferret_package_id >"$work/build/version/package.txt"
  local patch_file
  for patch_file in $(ferret_patches); do
    command -v patch >/dev/null || apt_install patch
    info "ferretdb: applying $(basename "$patch_file")"
    patch -s -p1 --forward -d "$work" <"$patch_file" || die "ferretdb: patch $patch_file does not apply to $FERRETDB_VERSION"
  done
  info "ferretdb: building $FERRETDB_VERSION with $("$GO_BIN" env GOVERSION) (-tags ferretdb_no_sqlite; cache: $("$GO_BIN" env GOCACHE))"
  (cd "$work" && "$GO_BIN" build -buildvcs=false -trimpath -tags ferretdb_no_sqlite -o "$FERRET_BIN.tmp" ./cmd/ferretdb) \
    || die "ferretdb: go build failed (see output above)"
  mv "$FERRET_BIN.tmp" "$FERRET_BIN"
  rm -rf "$work"
  ferret_installed || die "ferretdb: built binary does not report version $FERRETDB_VERSION / package $(ferret_package_id): $("$FERRET_BIN" --version 2>&1 | head -5)"
  info "ferretdb: built $FERRET_BIN ($(elapsed "$t0"))"
}

ferret_running() { pid_alive "$FERRET_PID" "$FERRET_STATE"; }

ferret_pg_url() { echo "postgres://$PG_FERRET_USER:$PG_FERRET_PASSWORD@127.0.0.1:$PG_PORT/$PG_FERRET_DB"; }

# ferret_others: PostgreSQL backends of a FerretDB process already serving PG_FERRET_DB (its pool names
# itself "FerretDB"), as "pid client-address" lines. Empty when none (or PostgreSQL cannot be asked).
ferret_others() {
  [[ -n "$PG_BIN" ]] || pg_find_bin || return 0
  pg_psql -tAc "SELECT pid || ' ' || coalesce(host(client_addr), 'local') || ':' || coalesce(client_port, 0)
    FROM pg_stat_activity WHERE datname = '$PG_FERRET_DB' AND application_name = 'FerretDB'" 2>/dev/null || true
}

# One FerretDB process per PostgreSQL database, always: FerretDB 1.x keeps its metadata cache and the write
# locks of update-write-locks.patch in its own memory, so two processes over one database lose updates
# (concurrent $inc) and may see stale collections. A start is refused while another FerretDB is connected
# to the database (the connections of one just stopped or killed are given a few seconds to go).
ferret_ensure_alone() {
  local others="" i
  for i in 1 2 3 4 5 6 7 8 9 10; do
    others="$(ferret_others)"
    [[ -z "$others" ]] && return 0
    sleep 0.5
  done
  die "ferretdb: refusing to start a second FerretDB over PostgreSQL 127.0.0.1:$PG_PORT/$PG_FERRET_DB: another FerretDB process is connected to it ($(echo "$others" | wc -l) connection(s), e.g. $(echo "$others" | head -1)). Two FerretDB processes over one database lose updates; run one FerretDB per database (point MONGO_URL at the running one, or give this one its own PG_FERRET_DB)."
}

ferret_start() {
  ferret_installed || die "ferretdb: not installed (run: infra.sh install)"
  ensure_port_free ferretdb "$MONGO_PORT"
  ferret_ensure_alone
  mkdir -p "$FERRET_STATE"
  info "ferretdb: starting $FERRETDB_VERSION on 127.0.0.1:$MONGO_PORT (PostgreSQL 127.0.0.1:$PG_PORT/$PG_FERRET_DB)"
  ferret_package_id >"$FERRET_STATE/running-package.txt"
  spawn "$FERRET_PID" "$FERRET_LOG" "$FERRET_BIN" \
    --handler=postgresql --postgresql-url="$(ferret_pg_url)" \
    --listen-addr="127.0.0.1:$MONGO_PORT" --state-dir="$FERRET_STATE" \
    --telemetry=disable --debug-addr=- --log-level=info --log-format=text
}

# mongo_ping PORT: send a MongoDB OP_MSG {ping: 1, $db: "admin"} over /dev/tcp and succeed
# only if the reply contains ok: 1.0. FerretDB's ping also checks its PostgreSQL backend.
# (`ferretdb ping` needs --setup-database, which 1.24 only allows with --test-enable-new-auth,
# and there is no mongosh Debian package, hence this.)
mongo_ping() {
  local reply
  # shellcheck disable=SC2016 # the inner script is single-quoted on purpose
  reply="$(timeout 5 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    # header: len=51, requestID=1, responseTo=0, opCode=2013 (OP_MSG); flags=0; section kind 0;
    # BSON {ping: int32(1), $db: "admin"} (30 bytes)
    printf "\x33\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\xdd\x07\x00\x00\x00\x00\x00\x00\x00\x1e\x00\x00\x00\x10ping\x00\x01\x00\x00\x00\x02\$db\x00\x06\x00\x00\x00admin\x00\x00" >&3
    len=$(head -c 4 <&3 | od -An -tu4 | tr -d " \n")
    [[ "$len" =~ ^[0-9]+$ ]] && (( len > 4 && len < 65536 )) || exit 1
    head -c $((len - 4)) <&3 | od -An -tx1 | tr -d " \n"
  ' mongo_ping "$1" 2>/dev/null)" || return 1
  # BSON element: type 0x01 (double) "ok\0" 1.0
  [[ "$reply" == *016f6b00000000000000f03f* ]]
}

_ferret_ready() { mongo_ping "$MONGO_PORT"; }

ferret_wait() { wait_ready ferretdb _ferret_ready "$FERRET_PID" "$FERRET_STATE" "$FERRET_LOG"; }

ferret_stop() {
  if ferret_running >/dev/null; then
    info "ferretdb: stopping"
    stop_pid ferretdb "$FERRET_PID" "$FERRET_STATE"
  else
    rm -f "$FERRET_PID"
  fi
}

# ferret_current: the running FerretDB was started from a build with today's local patches
# (a pulled patch change makes `up` rebuild and restart it).
ferret_current() { [[ "$(cat "$FERRET_STATE/running-package.txt" 2>/dev/null)" == "$(ferret_package_id)" ]]; }

ferret_status() {
  local pid
  if pid="$(ferret_running)" && mongo_ping "$MONGO_PORT"; then
    echo "ferretdb  up    127.0.0.1:$MONGO_PORT pid $pid, FerretDB $FERRETDB_VERSION -> postgres :$PG_PORT/$PG_FERRET_DB"
  else
    echo "ferretdb  down  127.0.0.1:$MONGO_PORT"; return 1
  fi
}

ferret_purge() { rm -rf "$FERRET_HOME" "$FERRET_LOG"; }
