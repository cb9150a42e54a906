#!/usr/bin/env bash
# Several Gongzhi nodes (real server processes) behind nginx, on one PostgreSQL with a streaming replica and one Redis,
# all throwaway and on free loopback ports; under an intake load through nginx one node at a time is killed with
# SIGKILL and started again (tools/Gongzhi.CrashTest, cluster mode). Then a case is read back through the replica,
# the replica is stopped and the app must answer from the primary. See docs/reliability.md, "Nodes behind nginx".
#
#   dotnet build Gongzhi.slnx -c Release
#   tools/cluster.sh            # the long run: 3 nodes, 5 minutes of load, 4 kills
#   tools/cluster.sh --short    # what ./test.sh runs: 3 nodes, 30 s of load, 1 kill
#   tools/cluster.sh --seconds 600 --kills 8 --nodes 3   # any option of the harness overrides
#
# Installs PostgreSQL, Redis and nginx with apt-get when run as root and they are missing. Exit code: the harness's
# (0 passed, 1 a check failed, 2 a start failed).
set -euo pipefail
cd "$(dirname "$0")/.."

preset=(--seconds 300 --kills 4 --workers 8 --watchers 8 --deadline-cases 40)
if [ "${1:-}" = "--short" ]; then
  preset=(--seconds 30 --kills 1 --workers 4 --watchers 4 --deadline-cases 10)
  shift
fi

find_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
missing=()
[ -n "$(find_pg_bin)" ] || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing: ${missing[*]}. Run as root (or install them with apt-get) and try again." >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # The package's own service is not wanted: this script runs nginx as a process of its own.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
PG_BIN="$(find_pg_bin)"
HARNESS=tools/Gongzhi.CrashTest/bin/Release/net10.0/Gongzhi.CrashTest.dll
APP=src/Gongzhi/bin/Release/net10.0
if [ ! -f "$HARNESS" ] || [ ! -f "$APP/Gongzhi.dll" ]; then
  echo "Build first: dotnet build Gongzhi.slnx -c Release" >&2
  exit 2
fi

DIR="$(mktemp -d /tmp/gongzhi-cluster-db.XXXXXX)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo $((20000 + RANDOM % 20000)); }
PG_PORT="$(free_port)"; REPLICA_PORT="$(free_port)"; REDIS_PORT="$(free_port)"
as_pg_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -f "$DIR/redis.pid" ] && kill "$(cat "$DIR/redis.pid")" >/dev/null 2>&1 || true
  as_pg_owner "$PG_BIN/pg_ctl" -D "$DIR/replica" -m immediate stop >/dev/null 2>&1 || true
  as_pg_owner "$PG_BIN/pg_ctl" -D "$DIR/primary" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
[ "$(id -u)" -eq 0 ] && chown postgres "$DIR"

# The primary: only the app processes are killed, never PostgreSQL, so durability settings are relaxed for speed.
as_pg_owner "$PG_BIN/initdb" -D "$DIR/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg_owner "$PG_BIN/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w -o \
  "-p $PG_PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c wal_level=replica -c max_wal_senders=4" \
  start >/dev/null
# The streaming replica: a base backup of the primary that follows its WAL (-R writes primary_conninfo and standby.signal).
as_pg_owner "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U postgres -D "$DIR/replica" -R -X stream -c fast
as_pg_owner "$PG_BIN/pg_ctl" -D "$DIR/replica" -l "$DIR/replica.log" -w -o \
  "-p $REPLICA_PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300 -c hot_standby=on -c hot_standby_feedback=on" \
  start >/dev/null
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --dir "$DIR" --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log"
for _ in $(seq 50); do [ -f "$DIR/redis.pid" ] && break; sleep 0.1; done
echo "PostgreSQL primary 127.0.0.1:$PG_PORT, streaming replica 127.0.0.1:$REPLICA_PORT, Redis 127.0.0.1:$REDIS_PORT"

stop_replica="$( [ "$(id -u)" -eq 0 ] && echo "runuser -u postgres -- " )$PG_BIN/pg_ctl -D $DIR/replica -m immediate stop"
dotnet "$HARNESS" --nodes 3 --app "$APP" \
  --postgres "Host=127.0.0.1;Port=$PG_PORT;Username=postgres" --redis "127.0.0.1:$REDIS_PORT" \
  --replica "Host=127.0.0.1;Port=$REPLICA_PORT;Username=postgres" --replica-stop "$stop_replica" \
  "${preset[@]}" "$@"
