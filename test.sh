#!/usr/bin/env bash
# Runs every test: the suite on SQLite, the same suite on a throwaway PostgreSQL cluster, and the
# browser journeys in headless Chromium, the two-node test on PostgreSQL with Redis, the crash-safety
# harness (SIGKILL mid-intake) on both engines, and three nodes behind nginx with one killed under load and
# a read replica (tools/cluster.sh --short). Installs what is missing (PostgreSQL, Redis, nginx, Chromium,
# CJK fonts) with apt-get when run as root.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\n== %s\n' "$*"; }

# --- what the tests need -------------------------------------------------------------------------
find_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
missing=()
[ -n "$(find_pg_bin)" ] || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing: ${missing[*]}. Run as root (or install them with apt-get) and try again." >&2
    exit 1
  fi
  log "Installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
PG_BIN="$(find_pg_bin)"

# --- build once ----------------------------------------------------------------------------------
log "Building"
dotnet build Gongzhi.slnx -c Release -nologo -v quiet -clp:ErrorsOnly

# --- a throwaway PostgreSQL cluster on a free loopback port -------------------------------------
PG_DIR="$(mktemp -d /tmp/gongzhi-pg.XXXXXX)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo $((20000 + RANDOM % 20000)); }
PG_PORT="$(free_port)"
REDIS_PORT="$(free_port)"
as_pg_owner() {
  # initdb and postgres refuse to run as root; the Debian package's "postgres" account owns the cluster then.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
  [ -f "$PG_DIR/redis.pid" ] && kill "$(cat "$PG_DIR/redis.pid")" >/dev/null 2>&1 || true
  as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap cleanup EXIT
[ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
log "Starting PostgreSQL on 127.0.0.1:$PG_PORT"
as_pg_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -o \
  "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
export GONGZHI_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true"

# --- a throwaway Redis for the two-node test (SignalR backplane) -------------------------------
log "Starting Redis on 127.0.0.1:$REDIS_PORT"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --dir "$PG_DIR" --pidfile "$PG_DIR/redis.pid" --logfile "$PG_DIR/redis.log"
for _ in $(seq 50); do [ -f "$PG_DIR/redis.pid" ] && break; sleep 0.1; done

passed=0; failed=0; status=0

# --- the published app starts: publish is how the service is deployed ------------------------------
# The publish output, run from an empty folder (its own data/), must migrate and serve on both engines.
publish_test() {
  local dir="$PG_DIR/publish" port logfile rc=1 pid
  log "Publish: dotnet publish, then the published app on SQLite and PostgreSQL"
  if dotnet publish src/Gongzhi -c Release --no-build -nologo -v quiet -clp:ErrorsOnly -o "$dir/app"; then
    rc=0
    as_pg_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE gongzhi_publish" >/dev/null || rc=1
    for provider in Sqlite Postgres; do
      port="$(free_port)"; logfile="$dir/$provider.log"; mkdir -p "$dir/$provider"
      (cd "$dir/$provider" && Gongzhi__Demo=false Database__Provider="$provider" \
        ConnectionStrings__Gongzhi="$([ "$provider" = Postgres ] && echo "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=gongzhi_publish")" \
        exec dotnet "$dir/app/Gongzhi.dll" --urls "http://127.0.0.1:$port" >"$logfile" 2>&1) &
      pid=$!
      local healthy=0
      for _ in $(seq 120); do
        if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then healthy=1; break; fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
      done
      kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
      if [ "$healthy" -eq 1 ]; then echo "published app healthy on $provider"; else echo "published app did not start on $provider:" >&2; tail -20 "$logfile" >&2; rc=1; fi
    done
  fi
  if [ "$rc" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
}
publish_test

# --- the suites ----------------------------------------------------------------------------------
run_suite() {
  local name="$1"; shift
  local trx="TestResults/$name.trx"
  log "Tests: $name"
  if ! dotnet test "$@" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory TestResults; then
    status=1
  fi
  if [ -f "$trx" ]; then
    local p f
    p=$(grep -o 'passed="[0-9]*"' "$trx" | head -1 | tr -dc 0-9); f=$(grep -o 'failed="[0-9]*"' "$trx" | head -1 | tr -dc 0-9)
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  else
    status=1
  fi
}
rm -rf TestResults
GONGZHI_TEST_PROVIDER=Sqlite run_suite sqlite tests/Gongzhi.Tests
GONGZHI_TEST_PROVIDER=Postgres GONGZHI_TEST_REDIS="127.0.0.1:$REDIS_PORT" run_suite postgres tests/Gongzhi.Tests
if [ -d tests/Gongzhi.Browser.Tests ]; then
  run_suite browser tests/Gongzhi.Browser.Tests
fi

# --- crash safety: the real server killed with SIGKILL mid-intake, a few rounds per engine ----------
CRASH_ROUNDS="${GONGZHI_CRASH_ROUNDS:-2}"
crash_test() {
  log "Crash safety: $1, $CRASH_ROUNDS rounds"
  if dotnet tools/Gongzhi.CrashTest/bin/Release/net10.0/Gongzhi.CrashTest.dll --app src/Gongzhi/bin/Release/net10.0 \
      --provider "$1" --postgres "Host=127.0.0.1;Port=$PG_PORT;Username=postgres" --rounds "$CRASH_ROUNDS"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); status=1
  fi
}
crash_test Sqlite
crash_test Postgres

# --- real nodes: three server processes behind nginx, one killed under load; a streaming replica --------
# Its own throwaway PostgreSQL (a primary and a pg_basebackup replica) and Redis; see docs/reliability.md.
log "Cluster: 3 nodes behind nginx, one killed under an intake load, a read replica (short)"
if tools/cluster.sh --short; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); status=1
fi

echo
echo "$passed passed, $failed failed"
exit $status
