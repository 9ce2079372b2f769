#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis for the test suite. Sourced by scripts/test.sh.
# start_postgres / start_redis export TEST_POSTGRES_URL / TEST_REDIS_URL; stop_services stops both by pid.

SERVICES_DIR=""

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null)
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  fi
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  return 1
}

ensure_services_dir() {
  if [ -z "$SERVICES_DIR" ]; then
    SERVICES_DIR=$(mktemp -d /tmp/resumecore-services.XXXXXX)
    chmod 755 "$SERVICES_DIR"
  fi
}

start_postgres() {
  local bindir port data
  bindir=$(postgres_bindir) || return 1
  ensure_services_dir
  data="$SERVICES_DIR/pg"
  mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
  port=$(free_port)
  as_postgres "$bindir/initdb" -D "$data/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$SERVICES_DIR/initdb.log" 2>&1 || { cat "$SERVICES_DIR/initdb.log"; return 1; }
  as_postgres "$bindir/pg_ctl" -D "$data/data" -l "$data/server.log" -w -t 60 \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null || { cat "$data/server.log"; return 1; }
  PG_DATA="$data/data"; PG_BINDIR="$bindir"
  "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE resumecore_test" >/dev/null
  export TEST_POSTGRES_URL="postgresql+asyncpg://postgres@127.0.0.1:$port/resumecore_test"
  echo "test services: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

start_redis() {
  local port
  command -v redis-server >/dev/null 2>&1 || return 1
  ensure_services_dir
  port=$(free_port)
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$SERVICES_DIR" \
    --daemonize yes --pidfile "$SERVICES_DIR/redis.pid" --logfile "$SERVICES_DIR/redis.log" >/dev/null || return 1
  for _ in $(seq 1 250); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.02
  done
  redis-cli -p "$port" ping >/dev/null 2>&1 || return 1
  export TEST_REDIS_URL="redis://127.0.0.1:$port/0"
  echo "test services: Redis $(redis-server --version | awk '{print $3}' | sed 's/v=//') on 127.0.0.1:$port"
}

stop_services() {
  if [ -n "${PG_DATA:-}" ]; then
    as_postgres "$PG_BINDIR/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "$SERVICES_DIR" ] && [ -f "$SERVICES_DIR/redis.pid" ]; then
    kill "$(cat "$SERVICES_DIR/redis.pid")" 2>/dev/null || true
  fi
  [ -n "$SERVICES_DIR" ] && rm -rf "$SERVICES_DIR"
  return 0
}
