#!/usr/bin/env bash
# Builds and runs the JMH benchmarks. Arguments go to JMH, e.g.:
#   bench/run.sh                          all benchmarks
#   bench/run.sh QueryBenchmark -t 16     query latency with 16 threads
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/.ci/find-jdk.sh"
stratum_find_jdk
export JAVA_HOME="$STRATUM_JAVA_HOME"
export DJL_OFFLINE=true AWS_EC2_METADATA_DISABLED=true
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/stratum/djl}"
(cd "$ROOT" && ./mvnw -q -B -Pbench -DskipTests -Dspotless.check.skip=true install -pl bench -am) >&2
exec "$JAVA_HOME/bin/java" -jar "$ROOT/bench/target/benchmarks.jar" "$@"
