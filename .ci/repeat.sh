#!/usr/bin/env bash
# Runs one test class N times, each in a fresh JVM, and counts the runs in which every test passed
# (a skipped or aborted test counts as a failed run: a run that proves nothing is not a pass).
#
#   .ci/repeat.sh [--build] MODULE CLASS N      e.g.  .ci/repeat.sh --build app io.stratum.app.http.BudgetOverHttpIT 20
#
# --build compiles MODULE and what it depends on once (mvnw -o test-compile, niced) and writes the
# test classpath to MODULE/target/repeat.classpath; later calls reuse both, so a run costs one JVM
# start and the class itself, not a Maven build. Reactor modules are taken from their target/
# directories, never from ~/.m2 (which may hold stale installed jars). No retries: each run is
# independent. Logs: MODULE/target/repeat/CLASS-RUN.log. Exit status 0 only when all N passed.
set -euo pipefail
build=false
if [[ "${1:-}" == "--build" ]]; then build=true; shift; fi
if [[ $# -ne 3 ]]; then
  sed -n '2,11p' "$0" >&2
  exit 2
fi
module=$1 class=$2 n=$3
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ -z "${JAVA_HOME:-}" ]]; then
  . "$root/.ci/find-jdk.sh"
  stratum_find_jdk
  export JAVA_HOME=$STRATUM_JAVA_HOME
fi
java="$JAVA_HOME/bin/java"
target="$root/$module/target"
cpfile="$target/repeat.classpath"

if $build || [[ ! -s "$cpfile" ]]; then
  (cd "$root" && nice -n 15 ./mvnw -B -q -o -pl "$module" -am test-compile -Dspotless.check.skip=true)
  (cd "$root" && nice -n 15 ./mvnw -B -q -o -pl "$module" dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile.deps")
  # stratum-X-V.jar -> X/target/classes; stratum-X-V-tests.jar -> X/target/test-classes
  tr ':' '\n' < "$cpfile.deps" | sed -E \
    -e "s#^.*/io/stratum/stratum-([a-z]+)/[^/]+/stratum-[a-z]+-[^/]*-tests\.jar\$#$root/\1/target/test-classes#" \
    -e "s#^.*/io/stratum/stratum-([a-z]+)/[^/]+/stratum-[a-z]+-[^/]*\.jar\$#$root/\1/target/classes#" \
    > "$cpfile.lines"
  platform=$(grep -o 'junit-platform-engine/[0-9.]*' "$cpfile.lines" | head -1 | cut -d/ -f2)
  launcher="$HOME/.m2/repository/org/junit/platform/junit-platform-launcher/$platform/junit-platform-launcher-$platform.jar"
  [[ -f "$launcher" ]] || (cd "$root" && ./mvnw -B -q dependency:get -Dartifact="org.junit.platform:junit-platform-launcher:$platform")
  { echo "$target/test-classes"; echo "$target/classes"; cat "$cpfile.lines"; echo; echo "$launcher"; } \
    | grep -v '^$' | paste -sd: > "$cpfile"
  rm -f "$cpfile.deps" "$cpfile.lines"
  mkdir -p "$target/repeat"
  "$JAVA_HOME/bin/javac" -d "$target/repeat" -cp "$(cat "$cpfile")" "$root/.ci/RunOnce.java"
fi

flags=(-Dai.djl.offline=true -Daws.disableEc2Metadata=true --add-modules jdk.incubator.vector
  --enable-native-access=ALL-UNNAMED "-Dstratum.shared=$root/../shared" "-Dstratum.root=$root")
mkdir -p "$target/repeat"
passed=0
for ((i = 1; i <= n; i++)); do
  log="$target/repeat/${class##*.}-$i.log"
  start=$(date +%s)
  if (cd "$root/$module" && DJL_CACHE_DIR="$target/djl" AWS_EC2_METADATA_DISABLED=true \
      "$java" "${flags[@]}" -cp "$target/repeat:$(cat "$cpfile")" RunOnce "$class" > "$log" 2>&1); then
    passed=$((passed + 1)); verdict=pass
  else
    verdict=FAIL
  fi
  printf '%s run %d/%d: %s in %ds (%s)\n' "${class##*.}" "$i" "$n" "$verdict" \
    $(($(date +%s) - start)) "$(grep -m1 '^found' "$log" || echo 'no summary')"
done
echo "${class##*.}: $passed/$n passed (load average $(cut -d' ' -f1-3 /proc/loadavg))"
[[ $passed -eq $n ]]
