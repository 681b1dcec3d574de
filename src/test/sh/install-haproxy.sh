#!/usr/bin/env bash
# Makes Debian's HAProxy available to the two-node test (TwoNodesIT) and the cluster benchmark as
# "$1/haproxy": the system's own if one is installed, else Debian's package and the two libraries it
# needs that a JDK machine lacks, downloaded with apt-get and unpacked into "$1" (no root needed,
# nothing installed system-wide). Called by Maven before the integration tests; does nothing once done.
set -euo pipefail

DEST="${1:?usage: install-haproxy.sh DIRECTORY}"
WRAPPER="$DEST/haproxy"
mkdir -p "$DEST"

if [ -x "$WRAPPER" ] && "$WRAPPER" -v >/dev/null 2>&1; then
  exit 0
fi
if command -v haproxy >/dev/null 2>&1; then
  printf '#!/bin/sh\nexec %s "$@"\n' "$(command -v haproxy)" > "$WRAPPER"
  chmod +x "$WRAPPER"
  "$WRAPPER" -v | sed -n 1p  # sed reads it all: head would end the pipe early (SIGPIPE, exit 141 under pipefail)
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
  echo "install-haproxy: apt-get/dpkg-deb not found. Install HAProxy yourself (haproxy on PATH)." >&2
  exit 1
fi

echo "install-haproxy: downloading Debian's haproxy into $DEST ..."
DOWNLOADS="$DEST/downloads"
rm -rf "$DOWNLOADS" "$DEST/root"
mkdir -p "$DOWNLOADS" "$DEST/root"
for attempt in 1 2 3; do
  # apt-get download needs no root; a stale package list is refreshed only if we may
  if (cd "$DOWNLOADS" && apt-get download -qq haproxy liblua5.3-0 libopentracing-c-wrapper0 libopentracing1 2>/dev/null); then
    break
  fi
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq || true
  elif sudo -n true 2>/dev/null; then
    sudo -n apt-get update -qq || true
  fi
  if [ "$attempt" -eq 3 ]; then
    echo "install-haproxy: apt-get download failed three times" >&2
    exit 1
  fi
  sleep $((attempt * 5))
done
for package in "$DOWNLOADS"/*.deb; do
  dpkg-deb -x "$package" "$DEST/root"
done
ROOT="$(cd "$DEST/root" && pwd)"
printf '#!/bin/sh\nLD_LIBRARY_PATH="%s/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "%s/usr/sbin/haproxy" "$@"\n' \
  "$ROOT" "$ROOT" > "$WRAPPER"
chmod +x "$WRAPPER"
"$WRAPPER" -v | sed -n 1p  # not head: see above
