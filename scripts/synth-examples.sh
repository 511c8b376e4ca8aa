#!/usr/bin/env bash
# Synthesizes every example app (examples/<name>/cdk8s.yaml) with `cdk8s synth` into
# dist/examples/<name>/. The examples import the library by its package name, so the
# library must be compiled first (the `examples` task does that).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
shopt -s nullglob
found=0
for dir in examples/*/; do
  name=$(basename "$dir")
  [ -f "$dir/cdk8s.yaml" ] || continue
  found=$((found + 1))
  out="$root/dist/examples/$name"
  rm -rf "$out"
  echo "synth examples/$name -> dist/examples/$name"
  (cd "$dir" && npx cdk8s synth --check-upgrade false --output "$out" >/dev/null)
done
if [ "$found" -eq 0 ]; then
  echo "no examples found under examples/" >&2
  exit 1
fi
