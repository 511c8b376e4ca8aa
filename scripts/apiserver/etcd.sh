#!/usr/bin/env bash
# Makes sure etcd is installed (Debian's etcd-server, with apt-get, when no `etcd` is on
# the PATH) and prints its path. Debian's package does not start a service here (there is
# no init system); start.sh runs etcd itself on 127.0.0.1.
set -euo pipefail
if ! command -v etcd >/dev/null; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "etcd.sh: etcd is not installed; install Debian's etcd-server (apt-get install etcd-server)" >&2
    exit 1
  fi
  echo "etcd.sh: installing etcd-server with apt-get" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends etcd-server >&2
fi
command -v etcd
