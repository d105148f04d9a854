# Sourced by ./stratum and .ci/run: sets STRATUM_JAVA_HOME to a JDK >= 21, or explains what is missing.
# Looks at $JAVA_HOME, then `java` on PATH, then /usr/lib/jvm/*, then /opt/java*, /usr/local/*jdk*.

stratum_java_major() { # $1 = path to a java binary; prints its major version or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -1
}

stratum_find_jdk() {
  STRATUM_JAVA_HOME=""
  local candidates=() looked=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    local onpath
    onpath="$(readlink -f "$(command -v java)")"
    candidates+=("${onpath%/bin/java}")
  fi
  local d
  # STRATUM_JDK_DIRS overrides where to look (tests use it to prove the no-JDK message).
  for d in ${STRATUM_JDK_DIRS:-/usr/lib/jvm/* /opt/java* /opt/jdk* /usr/local/*jdk*}; do
    [ -d "$d" ] && candidates+=("$d")
  done
  local home major
  for home in "${candidates[@]}"; do
    major=""
    if [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ]; then
      major="$(stratum_java_major "$home/bin/java")"
      if [ -n "$major" ] && [ "$major" -ge 21 ]; then
        STRATUM_JAVA_HOME="$home"
        return 0
      fi
    fi
    looked+=("$home${major:+ (Java $major)}")
  done
  echo "stratum: needs a JDK 21 or newer (java and javac); looked in: ${looked[*]:-JAVA_HOME (unset), PATH (no java), /usr/lib/jvm (empty)}. Install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME to it." >&2
  return 1
}
