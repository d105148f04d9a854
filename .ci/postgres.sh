# Sourced by .ci/run (and by hand: `. .ci/postgres.sh`): starts a throwaway PostgreSQL server on
# 127.0.0.1 for the test suite and exports
#   STRATUM_TEST_PG_URL        jdbc:postgresql://127.0.0.1:PORT/stratum_test
#   STRATUM_TEST_PG_USER       stratum
#   STRATUM_TEST_PG_PASSWORD   stratum
#   STRATUM_TEST_PG_ADMIN_URL  jdbc:postgresql://127.0.0.1:PORT/postgres?user=postgres (superuser, no password)
#   STRATUM_TEST_PG_ADMIN_USER postgres
# The server is stopped and its directory removed when the sourcing shell exits (an EXIT trap that
# keeps any earlier one), or by calling stratum_stop_postgres.
# With STRATUM_TEST_PG_URL already set (a server of your own), it does nothing.
# Installs Debian's postgresql package when no server binaries are found (needs root).
# Safe under `set -euo pipefail`; leaves the caller's shell options as they were.

# shellcheck source=.ci/service.sh
. "$(dirname "${BASH_SOURCE[0]}")/service.sh"

stratum_pg_bindir() { # prints the newest /usr/lib/postgresql/*/bin that has initdb, or nothing
  local d best="" best_v=0 v
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ] || continue
    v="${d#/usr/lib/postgresql/}"; v="${v%/bin}"
    case "$v" in *[!0-9]*|'') continue ;; esac
    if [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  [ -n "$best" ] && echo "$best"
  return 0
}

stratum_pg_port_free() { # $1 = port; true when nothing listens on 127.0.0.1:$1
  if command -v ss >/dev/null 2>&1; then
    [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null || true)" ] && return 1
  fi
  # Anything accepting a connection there means it is taken.
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 1; fi
  return 0
}

stratum_stop_postgres() { # stops the server started by this script and removes its directory
  local dir="${STRATUM_PG_DIR:-}" bindir="${STRATUM_PG_BINDIR:-}"
  [ -n "$dir" ] || return 0
  if [ -n "$bindir" ] && [ -f "$dir/data/postmaster.pid" ]; then
    (cd / && runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1) \
      || (cd / && runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1) \
      || true
  fi
  case "$dir" in */stratum-ci-pg.*) rm -rf -- "$dir" 2>/dev/null || true ;; esac
  unset STRATUM_PG_DIR STRATUM_PG_BINDIR STRATUM_TEST_PG_URL STRATUM_TEST_PG_USER \
        STRATUM_TEST_PG_PASSWORD STRATUM_TEST_PG_ADMIN_URL STRATUM_TEST_PG_ADMIN_USER
  return 0
}

stratum_pg__fail() { # $1 = message; prints it and the log's tail, cleans up, returns 1
  stratum_service_fail PostgreSQL "${STRATUM_PG_DIR:-}/server.log" stratum_stop_postgres "$1"
}

stratum_start_postgres() {
  if [ -n "${STRATUM_TEST_PG_URL:-}" ]; then
    echo "CI: PostgreSQL: STRATUM_TEST_PG_URL already set ($STRATUM_TEST_PG_URL); not starting a server"
    return 0
  fi
  local t0=$SECONDS bindir out
  bindir="$(stratum_pg_bindir)"
  if [ -z "$bindir" ]; then
    echo "CI: PostgreSQL server binaries not found; installing Debian's postgresql package"
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
           && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }; then
      echo "CI: PostgreSQL: apt-get install postgresql failed" >&2; return 1
    fi
    bindir="$(stratum_pg_bindir)"
    [ -n "$bindir" ] || { echo "CI: PostgreSQL: no initdb under /usr/lib/postgresql/*/bin after installing" >&2; return 1; }
    # The package may have created and started a default cluster on 5432: we don't use it.
    if command -v pg_lsclusters >/dev/null 2>&1; then
      pg_lsclusters -h 2>/dev/null | while read -r v c p status _; do
        [ "$status" = online ] && pg_ctlcluster "$v" "$c" stop >/dev/null 2>&1 || true
      done || true
    fi
  fi
  getent passwd postgres >/dev/null || { echo "CI: PostgreSQL: no 'postgres' OS user to run the server as" >&2; return 1; }

  # A directory the postgres user can reach, short enough for the unix socket path (< 108 bytes).
  local base="${TMPDIR:-/tmp}" dir
  if [ ! -d "$base" ] || [ "${#base}" -gt 60 ] || ! runuser -u postgres -- test -x "$base" 2>/dev/null; then base=/tmp; fi
  dir="$(mktemp -d "$base/stratum-ci-pg.XXXX")" || { echo "CI: PostgreSQL: mktemp failed in $base" >&2; return 1; }
  STRATUM_PG_DIR="$dir"; STRATUM_PG_BINDIR="$bindir"
  chown postgres: "$dir" && chmod 700 "$dir" || { stratum_pg__fail "cannot chown $dir to postgres"; return 1; }

  # Stop the server when the sourcing shell exits, keeping an EXIT trap that was already there.
  stratum_on_exit stratum_stop_postgres

  # The server keeps fsync on (the tests check durability); --no-sync only skips initdb's own final
  # flush of a throwaway cluster (~2 s on a busy machine).
  if ! out="$(cd / && runuser -u postgres -- "$bindir/initdb" -D "$dir/data" --auth=trust -U postgres \
                -E UTF8 --locale=C.UTF-8 --no-sync 2>&1)"; then
    printf '%s\n' "$out" | tail -n 20 >&2
    stratum_pg__fail "initdb failed"; return 1
  fi
  cat >>"$dir/data/postgresql.conf" <<EOF

# stratum CI
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 200
fsync = on
EOF

  # Try ports from 55432 up; retry on a lost race for the port.
  local port=55432 started="" tries=0
  while [ "$port" -le 55632 ] && [ "$tries" -lt 5 ]; do
    if stratum_pg_port_free "$port"; then
      tries=$((tries + 1))
      if (cd / && runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-p $port" start >/dev/null 2>&1); then
        started=1; break
      fi
      # Not a port clash: no point trying other ports.
      grep -q 'could not bind\|Address already in use' "$dir/server.log" 2>/dev/null \
        || { stratum_pg__fail "pg_ctl start failed on port $port"; return 1; }
    fi
    port=$((port + 1))
  done
  [ -n "$started" ] || { stratum_pg__fail "could not start on a free port in 55432-55632"; return 1; }

  local psql=("$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres)
  if ! out="$("${psql[@]}" -c "CREATE ROLE stratum LOGIN CREATEDB PASSWORD 'stratum'" \
                           -c "CREATE DATABASE stratum_test OWNER stratum" 2>&1)"; then
    printf '%s\n' "$out" >&2
    stratum_pg__fail "creating role stratum / database stratum_test failed"; return 1
  fi
  local version
  version="$("${psql[@]}" -Atc 'SHOW server_version' 2>/dev/null)" || version="?"
  version="${version%% *}"

  export STRATUM_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/stratum_test"
  export STRATUM_TEST_PG_USER=stratum
  export STRATUM_TEST_PG_PASSWORD=stratum
  export STRATUM_TEST_PG_ADMIN_URL="jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres"
  export STRATUM_TEST_PG_ADMIN_USER=postgres
  echo "CI: PostgreSQL $version on 127.0.0.1:$port (started in $((SECONDS - t0)) s)"
  return 0
}

stratum_start_postgres
