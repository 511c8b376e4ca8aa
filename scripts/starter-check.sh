#!/usr/bin/env bash
# Proves the README's first app works for a new user: packs the library as npm would
# publish it, copies templates/starter/ (which test/readme-starter.test.ts keeps equal to
# the README's blocks) to a temporary folder outside the repository, installs the packed
# tarball and the dependencies the starter names from the registry (nothing from this
# repository's node_modules), type-checks main.ts, runs `cdk8s synth` as the README says,
# and checks the YAML it writes: the expected objects, each valid against the Kubernetes
# schema.
#
# Usage: scripts/starter-check.sh [--keep]   (--keep leaves the temporary app for a look)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
keep=false
[ "${1:-}" = "--keep" ] && keep=true

# npm passes its own settings to scripts as npm_config_* variables (the repository's
# prefix among them); the temporary app must be installed as a user's would be.
while IFS= read -r var; do unset "$var"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')

shopt -s nullglob
if [ ! -f .jsii ]; then
  npx projen compile
fi
rm -rf dist/js
npx projen package:js
tarballs=(dist/js/*.tgz)
if [ "${#tarballs[@]}" -ne 1 ] || [ ! -f "${tarballs[0]}" ]; then
  echo "starter-check: expected exactly one dist/js/*.tgz, found: ${tarballs[*]}" >&2
  exit 1
fi
tarball="$root/${tarballs[0]}"

work=$(mktemp -d "${TMPDIR:-/tmp}/cdk8s-workloads-starter.XXXXXX")
case "$work/" in "$root"/*) echo "starter-check: $work is inside the repository" >&2; exit 1 ;; esac
if [ "$keep" = true ]; then
  echo "starter-check: the app stays in $work"
else
  trap 'rm -rf "$work"' EXIT
fi
app="$work/hello-workloads"
cp -R templates/starter "$app"
cd "$app"

echo "starter-check: npm install (the tarball $(basename "$tarball") and the starter's dependencies from the registry)"
# Installing the tarball rewrites the "cdk8s-workloads" entry to file:...; until the
# package is on the registry this is what a user of the tarball does too.
npm install --no-audit --no-fund --loglevel=error "$tarball"
resolved=$(node -p 'require.resolve("cdk8s-workloads/package.json")')
case "$resolved" in "$app"/node_modules/*) ;; *) echo "starter-check: cdk8s-workloads resolved outside the app: $resolved" >&2; exit 1 ;; esac
node -e '
  const v = require("typescript/package.json").version;
  if (Number(v.split(".")[0]) >= 7) { console.error(`starter-check: TypeScript ${v} installed; the starter pins it below 7`); process.exit(1); }
'

echo "starter-check: npx tsc --noEmit"
npx tsc --noEmit
# The README's "Closed networks": synth fetches nothing. Where the machine lets us create a
# network namespace, synth runs with no network at all.
if unshare -n true 2>/dev/null; then
  echo "starter-check: npx cdk8s synth --check-upgrade false (no network: unshare -n)"
  unshare -n npx cdk8s synth --check-upgrade false
else
  echo "starter-check: npx cdk8s synth --check-upgrade false (unshare -n is not permitted here; with network)"
  npx cdk8s synth --check-upgrade false
fi

cd "$root"
# The objects the README says the first app writes, and nothing else.
npx ts-node --project scripts/tsconfig.json scripts/starter-expect.ts "$app/dist"
npx ts-node --project scripts/tsconfig.json scripts/validate-manifests.ts "$app/dist"
echo "starter-check: the README's first app installs from the packed library and synthesizes"
