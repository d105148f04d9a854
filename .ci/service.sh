# Sourced by the .ci scripts that start a service for the tests (postgres.sh, opensearch.sh):
#   stratum_on_exit FN          runs FN when the sourcing shell exits, the latest registered first,
#                               then the EXIT trap that was there before (with the status it would see)
#   stratum_service_fail NAME LOG STOP MESSAGE
#                               says why NAME did not start, shows LOG's tail, runs STOP, returns 1
# Safe under `set -euo pipefail`; sourcing it twice keeps what was registered.

stratum_on_exit() { # $1 = a function to run at exit (registered once however often this is called)
  local fn="$1"
  if [ -z "${STRATUM_EXIT_TRAP_SET:-}" ]; then
    local prev
    prev="$(trap -p EXIT)"
    STRATUM_PREV_EXIT_TRAP=""
    if [ -n "$prev" ]; then
      eval "set -- $prev"           # trap -- 'COMMAND' EXIT
      STRATUM_PREV_EXIT_TRAP="${3:-}"
    fi
    STRATUM_EXIT_FUNCS=""
    trap stratum__run_on_exit EXIT
    STRATUM_EXIT_TRAP_SET=1
  fi
  case " $STRATUM_EXIT_FUNCS " in
    *" $fn "*) ;;
    *) STRATUM_EXIT_FUNCS="$fn $STRATUM_EXIT_FUNCS" ;;
  esac
}

stratum__run_on_exit() { # the EXIT trap
  local rc=$? fn
  for fn in $STRATUM_EXIT_FUNCS; do "$fn" || true; done
  if [ -n "${STRATUM_PREV_EXIT_TRAP:-}" ]; then
    # Give the earlier trap the exit status it would have seen.
    if [ "$rc" -eq 0 ]; then eval "$STRATUM_PREV_EXIT_TRAP"; else (exit "$rc") || eval "$STRATUM_PREV_EXIT_TRAP"; fi
  fi
}

stratum_service_fail() { # $1 = service name, $2 = its log file (may be absent), $3 = stop function, $4 = message
  echo "CI: $1: $4" >&2
  if [ -n "$2" ] && [ -f "$2" ]; then
    echo "CI: last 30 lines of $2:" >&2
    tail -n 30 "$2" >&2 || true
  fi
  "$3"
  return 1
}
