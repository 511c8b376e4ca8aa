#!/usr/bin/env bash
# API.md (TypeScript) and docs/api/<language>.md, from the jsii assembly and the
# dependencies this project pins (cdk8s, cdk8s-plus-28, constructs from node_modules/).
#
# jsii-docgen documents a dependency from the newest copy of it anywhere under
# node_modules: build tools bring newer `constructs` of their own (cdk8s-cli, projen), and
# their methods (`with(mixins)`, constructs >= 10.5) appeared in our docs although the
# library is built and tested against the pinned constructs, which is also what Go users
# resolve. So docgen runs in a directory that holds only the pinned assemblies.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root/package.json" "$work/"
ln -s "$root/.jsii" "$work/.jsii"
ln -s "$root/lib" "$work/lib"
[ ! -f "$root/.jsii.tabl.json" ] || ln -s "$root/.jsii.tabl.json" "$work/.jsii.tabl.json"
# @example blocks compile against the fixture, as in `npx projen rosetta`.
ln -s "$root/rosetta" "$work/rosetta"
mkdir "$work/node_modules"
for dep in cdk8s cdk8s-plus-28 constructs; do
  ln -s "$root/node_modules/$dep" "$work/node_modules/$dep"
done
docgen="$root/node_modules/.bin/jsii-docgen"
mkdir -p "$root/docs/api"
(cd "$work" && "$docgen" -o "$root/API.md")
for language in ${DOCGEN_LANGUAGES:-python java csharp go}; do
  (cd "$work" && "$docgen" -l "$language" -o "$root/docs/api/$language.md")
done
