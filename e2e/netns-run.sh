#!/bin/bash
# Run a command in a private network + mount namespace (needs root): only 'lo' exists, so
# nothing started inside can reach any non-loopback address; /etc/resolv.conf points at
# 127.0.0.1 (where the tests' DNS tripwire listens) and /etc/hosts maps the fake remote
# MX names (mx.example.test, mx.example.net) to 127.0.0.1. Both files are bind-mounted
# copies inside the namespace; the machine's own files are untouched.
#   usage: e2e/netns-run.sh CMD [ARGS...]
set -euo pipefail
exec unshare --net --mount --propagation private bash -c '
  set -euo pipefail
  ip link set lo up
  tmp=$(mktemp -d /tmp/bb-netns.XXXXXX)
  echo "nameserver 127.0.0.1" > "$tmp/resolv.conf"
  { cat /etc/hosts; echo "127.0.0.1 mx.example.test mx.example.net"; } > "$tmp/hosts"
  chmod 644 "$tmp/resolv.conf" "$tmp/hosts"
  mount --bind "$tmp/resolv.conf" /etc/resolv.conf
  mount --bind "$tmp/hosts" /etc/hosts
  export BOUNCEBACK_E2E_NETNS=1
  set +e
  "$@"
  rc=$?
  rm -rf "$tmp"
  exit $rc' netns-run "$@"
