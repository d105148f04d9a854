#!/usr/bin/env bash
# The gateway benchmark (docs/benchmarks.md): one fast local OpenAI-compatible upstream, called
# directly, through Stratum's gateway (/v1) and through the Portkey open-source gateway, at
# concurrency 1 and 16, in one run. Arguments: seconds per load (default 10), seconds of warm-up
# before each load (default 30: the JVM's compiler needs about 20 under this load).
#   bench/gateway.sh        bench/gateway.sh 20        bench/gateway.sh 10 5
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/.ci/find-jdk.sh"
stratum_find_jdk
export JAVA_HOME="$STRATUM_JAVA_HOME"
export DJL_OFFLINE=true AWS_EC2_METADATA_DISABLED=true
# package, not install: the reactor resolves the sibling modules itself
(cd "$ROOT" && ./mvnw -q -B -Pbench -DskipTests -Dspotless.check.skip=true package -pl bench -am) >&2
if [ ! -d "$ROOT/bench/portkey/node_modules/@portkey-ai/gateway" ]; then
  npm ci --prefix "$ROOT/bench/portkey" --no-audit --no-fund --loglevel=error >&2
fi
cd "$ROOT"
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$ROOT/bench/target/benchmarks.jar" \
  io.stratum.bench.GatewayHarness "$ROOT/bench/portkey" "${1:-10}" "${2:-30}"
