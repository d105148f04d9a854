# Sourced by .ci/run (and by hand: `. .ci/opensearch.sh`): starts a throwaway OpenSearch 3.5 node
# with the k-NN plugin on 127.0.0.1 for the test suite and exports
#   STRATUM_TEST_OPENSEARCH_URL   http://127.0.0.1:PORT
# The node runs in a JVM of its own (OpenSearch brings Lucene 10.3; Stratum's tests run 10.6), from
# the classpath that testkit/opensearch-node/pom.xml resolves from Maven Central: that pom is not a
# module of the build, so nothing of OpenSearch's server reaches Stratum's classpath.
# The node is stopped and its directory removed when the sourcing shell exits (an EXIT trap that
# keeps any earlier one), or by calling stratum_stop_opensearch.
# With STRATUM_TEST_OPENSEARCH_URL already set (a node of your own), it does nothing.
# STRATUM_OS_JAVA_OPTS replaces the node's heap and GC options (default: -Xms256m -Xmx512m
# -XX:+UseSerialGC, enough for the tests), e.g. "-Xms2g -Xmx2g -XX:+UseG1GC" for bench/run.sh scale.
# Needs JAVA_HOME (a JDK >= 21) and the Maven wrapper. Safe under `set -euo pipefail`.

# shellcheck source=.ci/service.sh
. "$(dirname "${BASH_SOURCE[0]}")/service.sh"

stratum_stop_opensearch() { # stops the node started by this script and removes its directory
  local dir="${STRATUM_OS_DIR:-}" pid i
  [ -n "$dir" ] || return 0
  if [ -f "$dir/node.pid" ]; then
    pid="$(cat "$dir/node.pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  case "$dir" in */stratum-ci-os.*) rm -rf -- "$dir" 2>/dev/null || true ;; esac
  unset STRATUM_OS_DIR STRATUM_TEST_OPENSEARCH_URL
  return 0
}

stratum_os__fail() { # $1 = message; prints it and the log's tail, cleans up, returns 1
  stratum_service_fail OpenSearch "${STRATUM_OS_DIR:-}/node.log" stratum_stop_opensearch "$1"
}

stratum_start_opensearch() {
  if [ -n "${STRATUM_TEST_OPENSEARCH_URL:-}" ]; then
    echo "CI: OpenSearch: STRATUM_TEST_OPENSEARCH_URL already set ($STRATUM_TEST_OPENSEARCH_URL); not starting a node"
    return 0
  fi
  local root t0=$SECONDS node java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  node="$root/testkit/opensearch-node"

  # The node's classes, its flat classpath and the k-NN plugin's jars (unpacked from its zip).
  if ! (cd "$root" && ./mvnw -B -q --no-transfer-progress -f "$node/pom.xml" generate-resources compile \
          >"${TMPDIR:-/tmp}/stratum-ci-os-build.log" 2>&1); then
    tail -n 30 "${TMPDIR:-/tmp}/stratum-ci-os-build.log" >&2
    echo "CI: OpenSearch: building the node's classpath (testkit/opensearch-node) failed" >&2
    return 1
  fi

  local dir t1=$SECONDS
  dir="$(mktemp -d "${TMPDIR:-/tmp}/stratum-ci-os.XXXX")" || { echo "CI: OpenSearch: mktemp failed" >&2; return 1; }
  STRATUM_OS_DIR="$dir"

  # Stop the node when the sourcing shell exits, keeping an EXIT trap that was already there.
  stratum_on_exit stratum_stop_opensearch

  # A small heap by default: the tests' indexes are a few thousand chunks. The node picks a free
  # port and writes it to $dir/http.port once the cluster is green.
  local -a jvm_opts
  read -r -a jvm_opts <<<"${STRATUM_OS_JAVA_OPTS:--Xms256m -Xmx512m -XX:+UseSerialGC}"
  (cd "$dir" && exec "$java" "${jvm_opts[@]}" \
      --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
      -cp "$node/target/classes:$(cat "$node/target/classpath.txt"):$node/target/knn/*" \
      io.stratum.opensearchnode.Node "$dir/node" 0 >"$dir/node.log" 2>&1 </dev/null) &
  echo $! >"$dir/node.pid"

  local i
  for i in $(seq 1 240); do
    [ -f "$dir/node/http.port" ] && break
    kill -0 "$(cat "$dir/node.pid")" 2>/dev/null || { stratum_os__fail "the node exited before it was green"; return 1; }
    sleep 0.5
  done
  [ -f "$dir/node/http.port" ] || { stratum_os__fail "not green after 120 s"; return 1; }

  local port rss
  port="$(cat "$dir/node/http.port")"
  export STRATUM_TEST_OPENSEARCH_URL="http://127.0.0.1:$port"
  rss="$(ps -o rss= -p "$(cat "$dir/node.pid")" 2>/dev/null | tr -d ' ')" || rss=0
  echo "CI: OpenSearch 3.5 (k-NN) on 127.0.0.1:$port (classpath in $((t1 - t0)) s, node green in $((SECONDS - t1)) s; RSS $((${rss:-0} / 1024)) MB)"
  return 0
}

stratum_start_opensearch
