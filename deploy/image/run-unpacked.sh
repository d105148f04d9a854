#!/usr/bin/env bash
# Runs an unpacked image's root filesystem as a container would, with no container engine: a private
# mount and PID namespace, the root read-only, fresh writable /data and /tmp, /proc and /dev, then
# chroot as the image's user. The network is the host's (bind the server to 127.0.0.1).
#
#   deploy/image/run-unpacked.sh ROOTFS USER ENVFILE -- COMMAND [ARGS...]
#
# ENVFILE holds the image's environment, one NAME=VALUE per line. Needs root (namespaces, mounts).
set -euo pipefail
root="$(cd "${1:?ROOTFS}" && pwd)"
user="${2:?USER as uid:gid}"
envfile="$(cd "$(dirname "${3:?ENVFILE}")" && pwd)/$(basename "$3")"
shift 3
[ "${1:-}" = "--" ] && shift
[ "$(id -u)" = 0 ] || { echo "run-unpacked.sh: needs root (mount and PID namespaces, chroot)" >&2; exit 2; }
uid="${user%%:*}"
gid="${user##*:}"
mapfile -t image_env <"$envfile"
exec unshare --mount --pid --fork --kill-child --propagation private \
  bash -c '
    set -euo pipefail
    root="$1" uid="$2" gid="$3" envfile="$4"; shift 4
    mount --bind "$root" "$root"
    mount -o remount,bind,ro "$root"
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    mount -t tmpfs -o "mode=0755,uid=$uid,gid=$gid" tmpfs "$root/data"
    mount -t tmpfs -o "mode=1777" tmpfs "$root/tmp"
    mapfile -t image_env <"$envfile"
    exec chroot --userspec="$uid:$gid" "$root" /usr/bin/env -i "${image_env[@]}" "$@"
  ' run-unpacked "$root" "$uid" "$gid" "$envfile" "$@"
