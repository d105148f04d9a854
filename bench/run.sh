#!/usr/bin/env bash
# Builds and runs the benchmarks. Arguments go to JMH, e.g.:
#   bench/run.sh                          all JMH benchmarks
#   bench/run.sh QueryBenchmark -t 16     query latency with 16 threads
# or, first argument "scale", to the scale harness (chunks, shared dir; --index-url URL measures
# OpenSearch instead of the embedded index):
#   bench/run.sh scale 100000 ../shared
#   bench/run.sh scale 100000 ../shared --index-url "$STRATUM_TEST_OPENSEARCH_URL"
# or "nodes" to the throughput harness of one and two servers (after . .ci/postgres.sh and
# . .ci/opensearch.sh):
#   bench/run.sh nodes [seconds per phase] [callers]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/.ci/find-jdk.sh"
stratum_find_jdk
export JAVA_HOME="$STRATUM_JAVA_HOME"
export DJL_OFFLINE=true AWS_EC2_METADATA_DISABLED=true
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/stratum/djl}"
(cd "$ROOT" && ./mvnw -q -B -Pbench -DskipTests -Dspotless.check.skip=true install -pl bench -am) >&2
if [ "${1:-}" = scale ]; then
  exec "$JAVA_HOME/bin/java" -Xmx4g --add-modules jdk.incubator.vector \
    --enable-native-access=ALL-UNNAMED -cp "$ROOT/bench/target/benchmarks.jar" \
    io.stratum.bench.ScaleHarness "${2:-100000}" "${3:-$ROOT/../shared}" "${@:4}"
fi
if [ "${1:-}" = nodes ]; then
  exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
    -cp "$ROOT/bench/target/benchmarks.jar" io.stratum.bench.NodesHarness "${@:2}"
fi
exec "$JAVA_HOME/bin/java" -jar "$ROOT/bench/target/benchmarks.jar" "$@"
