#!/usr/bin/env bash
# The whole API server check, as CI runs it: build or reuse kube-apiserver, start it with
# etcd on 127.0.0.1, install the reference CRDs, apply the examples (dist/examples), the
# corpus (dist/apiserver-corpus) and the property tests' accepted manifests
# (dist/property-manifests, when present) with server-side dry-run, and stop the server.
#
# dist/examples is written by `npm run examples` (run here when it is missing) and
# dist/apiserver-corpus by `npm run apiserver:corpus` (run here every time: it is quick).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
here=scripts/apiserver
reference=${CDK8S_WORKLOADS_REFERENCE:-$root/../shared/reference}
if [ ! -d "$reference" ]; then
  echo "check.sh: $reference (the reference CRDs) is missing: ../shared must be beside the checkout" >&2
  exit 1
fi
if [ ! -d dist/examples ]; then
  npm run examples
fi
t0=$SECONDS
npx projen apiserver:corpus
t1=$SECONDS
state=$(mktemp -d "${TMPDIR:-/tmp}/cdk8s-workloads-apiserver.XXXXXX")
trap '"$here/stop.sh" "$state"' EXIT
"$here/start.sh" "$state"
t2=$SECONDS
npx ts-node --transpile-only --project scripts/tsconfig.json "$here/apply.ts" --server "$state/server.json" \
  --crds "$reference" --known "$here/known-rejections.json" \
  dist/examples dist/apiserver-corpus --optional dist/property-manifests
t3=$SECONDS
echo "apiserver check: corpus synth $((t1 - t0))s, build-or-reuse and start $((t2 - t1))s, apply $((t3 - t2))s"
