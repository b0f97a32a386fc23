#!/usr/bin/env bash
# Starts throw-away PostgreSQL and Redis servers on loopback for the test suite and exports their addresses, and installs
# the pgvector test server (PGlite, from npm) that the tests start per test class.
# Sourced by scripts/test.sh. Servers named by MIRIX_TEST_POSTGRES / MIRIX_TEST_REDIS are used as they are.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

install_missing_servers() {
  local wanted=()
  [ -n "${MIRIX_TEST_POSTGRES:-}" ] || [ -x "$PG_BIN/initdb" ] || wanted+=(postgresql)
  [ -n "${MIRIX_TEST_REDIS:-}" ] || command -v redis-server >/dev/null || wanted+=(redis-server)
  # Ranked full text (RUM indexes); installing it may upgrade postgresql-15, so it comes before any server starts.
  [ -n "${MIRIX_TEST_POSTGRES:-}" ] || [ -f /usr/share/postgresql/15/extension/rum.control ] || wanted+=(postgresql-15-rum)
  command -v node >/dev/null && command -v npm >/dev/null || wanted+=(nodejs npm)
  # The README quick start test runs its bash block, which uses curl and jq.
  command -v jq >/dev/null || wanted+=(jq)
  command -v curl >/dev/null || wanted+=(curl)
  # The memory browser's end-to-end tests drive Debian's Chromium with Playwright.
  command -v chromium >/dev/null || wanted+=(chromium)
  if [ ${#wanted[@]} -gt 0 ]; then
    echo "test-services: installing ${wanted[*]} from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${wanted[@]}" >/dev/null
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

install_pgvector_server() {
  # Pinned by its package-lock.json; about 30 MB, a few seconds.
  (cd tests/pgvector-server && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}

start_test_services() {
  install_missing_servers
  install_pgvector_server
  TEST_SERVICES_DIR=$(mktemp -d /tmp/mirix-test-services.XXXXXX)
  chmod 755 "$TEST_SERVICES_DIR"

  if [ -z "${MIRIX_TEST_POSTGRES:-}" ]; then
    local pg_port; pg_port=$(free_port)
    mkdir -p "$TEST_SERVICES_DIR/pg"
    chown postgres:postgres "$TEST_SERVICES_DIR/pg"
    # PostgreSQL refuses to run as root; the packaged cluster is not used (no systemd here).
    su postgres -c "$PG_BIN/initdb -D $TEST_SERVICES_DIR/pg -U postgres --auth=trust -E UTF8" >/dev/null
    su postgres -c "$PG_BIN/pg_ctl -D $TEST_SERVICES_DIR/pg -l $TEST_SERVICES_DIR/pg/server.log \
      -o '-c listen_addresses=127.0.0.1 -p $pg_port -k $TEST_SERVICES_DIR/pg -c max_connections=300 -c fsync=off' -w start" >/dev/null
    export MIRIX_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
    STARTED_POSTGRES=1
  fi

  if [ -z "${MIRIX_TEST_REDIS:-}" ]; then
    local redis_port; redis_port=$(free_port)
    # Append-only, as production runs it: accepted messages must survive a restart.
    redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --appendonly yes --save '' \
      --dir "$TEST_SERVICES_DIR" --pidfile "$TEST_SERVICES_DIR/redis.pid" --logfile "$TEST_SERVICES_DIR/redis.log"
    export MIRIX_TEST_REDIS="127.0.0.1:$redis_port"
    STARTED_REDIS=1
  fi
  echo "test-services: postgres=${MIRIX_TEST_POSTGRES} redis=${MIRIX_TEST_REDIS}"
}

stop_test_services() {
  if [ -n "${STARTED_POSTGRES:-}" ]; then
    su postgres -c "$PG_BIN/pg_ctl -D $TEST_SERVICES_DIR/pg -m immediate stop" >/dev/null 2>&1 || true
  fi
  if [ -n "${STARTED_REDIS:-}" ] && [ -f "$TEST_SERVICES_DIR/redis.pid" ]; then
    kill "$(cat "$TEST_SERVICES_DIR/redis.pid")" 2>/dev/null || true
  fi
  [ -n "${TEST_SERVICES_DIR:-}" ] && rm -rf "$TEST_SERVICES_DIR"
}
