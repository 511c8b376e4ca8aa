#!/usr/bin/env bash
# Builds the pinned kube-apiserver (the k8s.io/kubernetes version in go.mod beside this
# script) through the Go module proxy into a cache outside the repository, and prints the
# binary's path. A binary already in the cache is reused, so only a clean machine pays for
# the build (module download and compile, several minutes on 2 cores).
#
# `build.sh --path` prints where the binary is (or would be) without building it.
#
#   CDK8S_WORKLOADS_APISERVER_CACHE  the cache folder (default:
#     ${XDG_CACHE_HOME:-$HOME/.cache}/cdk8s-workloads/apiserver-<version>)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=$(awk '$1 == "require" && $2 == "k8s.io/kubernetes" { print $3 }' "$here/go.mod")
if [ -z "$version" ]; then
  echo "build.sh: no 'require k8s.io/kubernetes vX.Y.Z' line in $here/go.mod" >&2
  exit 1
fi
cache=${CDK8S_WORKLOADS_APISERVER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cdk8s-workloads/apiserver-$version}
bin="$cache/kube-apiserver"
if [ "${1:-}" = --path ]; then
  echo "$bin"
  exit 0
fi
if [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi
if ! command -v go >/dev/null; then
  echo "build.sh: the Go toolchain (go) is needed to build kube-apiserver $version" >&2
  exit 1
fi
mkdir -p "$cache"
echo "build.sh: building kube-apiserver $version into $cache (first run only)" >&2
started=$SECONDS
# The version the binary reports (/version, and the apiserver's own checks of it) is set
# the way Kubernetes' release build sets it; without it the server calls itself v0.0.0.
minor=${version#v1.}
minor=${minor%%.*}
ldflags="-s -w"
ldflags+=" -X k8s.io/component-base/version.gitVersion=$version"
ldflags+=" -X k8s.io/component-base/version.gitMajor=1"
ldflags+=" -X k8s.io/component-base/version.gitMinor=$minor"
ldflags+=" -X k8s.io/component-base/version.gitTreeState=clean"
ldflags+=" -X k8s.io/client-go/pkg/version.gitVersion=$version"
tmp="$cache/kube-apiserver.tmp.$$"
trap 'rm -f "$tmp"' EXIT
(
  cd "$here"
  # go.mod names Go 1.20 (Kubernetes 1.28's own); the machine's newer toolchain builds it.
  # `providerless` leaves out the in-tree cloud providers (Azure, GCE, vSphere SDKs): a
  # third of the packages, none of which validates or admits anything the check sends.
  CGO_ENABLED=0 nice -n 10 go build -buildvcs=false -trimpath -tags providerless -ldflags "$ldflags" -o "$tmp" \
    k8s.io/kubernetes/cmd/kube-apiserver
)
mv "$tmp" "$bin"
echo "build.sh: built $bin in $((SECONDS - started))s" >&2
echo "$bin"
