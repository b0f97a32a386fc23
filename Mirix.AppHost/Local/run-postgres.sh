#!/usr/bin/env bash
# Runs PostgreSQL from the machine's own binaries for the AppHost's Local mode: creates the cluster on first use
# (password from MIRIX_LOCAL_POSTGRES_PASSWORD, scram on loopback), then serves until the AppHost stops it.
# PostgreSQL refuses to run as root, so under root the cluster belongs to the postgres account.
set -euo pipefail
data="$1"
port="$2"
bin="${MIRIX_POSTGRES_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
if [ ! -x "$bin/postgres" ]; then
  echo "No PostgreSQL binaries found (looked in ${bin:-/usr/lib/postgresql/*/bin}); install postgresql or set MIRIX_POSTGRES_BIN." >&2
  exit 1
fi

as_owner=()
mkdir -p "$data"
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$data"
  as_owner=(runuser -u postgres --)
fi
chmod 700 "$data"

if [ ! -s "$data/PG_VERSION" ]; then
  password_file="$(mktemp)"
  printf '%s\n' "$MIRIX_LOCAL_POSTGRES_PASSWORD" > "$password_file"
  [ "$(id -u)" = 0 ] && chown postgres "$password_file"
  "${as_owner[@]}" "$bin/initdb" -D "$data" -U postgres --pwfile="$password_file" --auth=scram-sha-256 -E UTF8 --no-instructions >/dev/null
  rm -f "$password_file"
fi

# Fast shutdown on SIGTERM: PostgreSQL's own reaction to SIGTERM waits for every client to disconnect.
"${as_owner[@]}" "$bin/postgres" -D "$data" -p "$port" -k "$data" -c listen_addresses=127.0.0.1 &
server=$!
trap '"${as_owner[@]}" "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || kill "$server"' TERM INT
wait "$server" || true
wait "$server" 2>/dev/null || true
