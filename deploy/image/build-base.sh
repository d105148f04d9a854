#!/usr/bin/env bash
# Assembles the container image's base where no registry is reachable: a minimal Debian root made by
# debootstrap, a jlinked Java runtime at /opt/java/openjdk (where the official eclipse-temurin
# images keep theirs), and the non-root user the image runs as. Writes it as a `docker save` tarball
# that Jib reads with `-Dstratum.image.base=tar://PATH`.
#
#   deploy/image/build-base.sh OUT.tar        (as root: debootstrap and chown need it)
#
# The Debian root is cached under ${STRATUM_BASE_CACHE:-~/.cache/stratum/base} between runs.
set -euo pipefail
out="${1:?usage: build-base.sh OUT.tar}"
: "${JAVA_HOME:?set JAVA_HOME to a JDK 21+ (its jlink builds the runtime)}"
suite="${STRATUM_BASE_SUITE:-bookworm}"
mirror="${STRATUM_BASE_MIRROR:-http://deb.debian.org/debian}"
cache="${STRATUM_BASE_CACHE:-$HOME/.cache/stratum/base}"
uid=10001

if [ "$(id -u)" != 0 ]; then
  echo "build-base.sh: needs root (debootstrap, file ownership); run it as root or pass an official base image" >&2
  exit 2
fi
command -v debootstrap >/dev/null || {
  echo "build-base.sh: debootstrap not found: apt-get install debootstrap" >&2
  exit 2
}

debian="$cache/debian-$suite-minbase"
if [ ! -f "$debian/.complete" ]; then
  echo "build-base.sh: debootstrap --variant=minbase $suite from $mirror (about a minute)" >&2
  rm -rf "$debian"
  mkdir -p "$cache"
  debootstrap --variant=minbase "$suite" "$debian" "$mirror" >"$cache/debootstrap.log" 2>&1 || {
    tail -20 "$cache/debootstrap.log" >&2
    exit 1
  }
  touch "$debian/.complete"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
cp -a "$debian" "$root"
rm -f "$root/.complete"
# What a runtime never reads: package caches, documentation, manuals, translations.
rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* \
  "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* "$root"/var/log/*

# The modules jdeps finds in the product jar, plus what the JVM loads by name at run time.
modules="java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming"
modules="$modules,java.net.http,java.rmi,java.security.jgss,java.sql,java.xml,jdk.crypto.cryptoki"
modules="$modules,jdk.httpserver,jdk.incubator.vector,jdk.management,jdk.naming.dns,jdk.net"
modules="$modules,jdk.unsupported,jdk.zipfs"
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$root/opt/java/openjdk"
java_version="$("$root/opt/java/openjdk/bin/java" -version 2>&1 | grep -m1 " version " | tr -d "\"")"

echo "stratum:x:$uid:$uid:Stratum:/data:/usr/sbin/nologin" >>"$root/etc/passwd"
echo "stratum:x:$uid:" >>"$root/etc/group"
mkdir -p "$root/data"
chown "$uid:$uid" "$root/data"
chmod 1777 "$root/tmp"

# A `docker save` tarball: one layer, its config, and the manifest naming both.
image="$work/image"
mkdir -p "$image"
tar --numeric-owner --xattrs -C "$root" -cf "$image/layer.tar" .
diff_id="sha256:$(sha256sum "$image/layer.tar" | cut -d' ' -f1)"
created="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
cat >"$image/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"$created",
 "config":{"Env":["PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/opt/java/openjdk","LANG=C.UTF-8"],
  "Labels":{"org.opencontainers.image.description":"Debian $suite minbase + jlinked $java_version, assembled by deploy/image/build-base.sh"}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"$created","created_by":"deploy/image/build-base.sh ($suite, $java_version)"}]}
JSON
config_id="$(sha256sum "$image/config.json" | cut -d' ' -f1)"
mv "$image/config.json" "$image/$config_id.json"
printf '[{"Config":"%s.json","RepoTags":["stratum-base:local"],"Layers":["layer.tar"]}]\n' "$config_id" \
  >"$image/manifest.json"
mkdir -p "$(dirname "$out")"
tar -C "$image" -cf "$out.partial" manifest.json "$config_id.json" layer.tar
mv "$out.partial" "$out"
echo "build-base.sh: wrote $out ($(du -h "$out" | cut -f1), $java_version)" >&2
