#!/usr/bin/env bash
# `npm run consumers`: the library as Python, Java and Go users get it.
#
# For each language: build the package with jsii-pacmak from the same assembly (.jsii) as
# the npm package, install it from that local build output into an isolated place next to
# cdk8s and cdk8s-plus-28 from the language's own registry, run the consumer app under
# consumers/<language>/ with `cdk8s synth`, and require its YAML to be byte-identical to
# the TypeScript example's (dist/examples/<name>/ from `npm run examples`). Each consumer
# also runs one app with mistakes and must receive, as an exception of its language, the
# error text the TypeScript app gets (consumers/typescript/mistake.ts).
#
# Usage: scripts/consumers.sh [python] [java] [go]   (default: all three)
# Caches (warm runs reuse them; point them at empty directories to measure a cold run):
#   CONSUMERS_CACHE   the Python venv and the packages built from npm dependencies
#                     (default ~/.cache/cdk8s-workloads-consumers)
#   CONSUMERS_M2      the Maven local repository (default ~/.m2/repository)
#   PIP_CACHE_DIR, GOMODCACHE, GOCACHE   as their tools define them
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

languages=("$@")
[ ${#languages[@]} -gt 0 ] || languages=(python java go)
cache=${CONSUMERS_CACHE:-$HOME/.cache/cdk8s-workloads-consumers}
m2=${CONSUMERS_M2:-$HOME/.m2/repository}
out=$root/dist/consumers
examples=(worker web-app)
export JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION=1
# The jsii runtimes warn on every start that Node 20 is past its end of life.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20}
mkdir -p "$cache" "$m2" "$out"

# Each language runs in a subshell (so one failure stops only that language): problems
# are collected in a file.
problems=$out/problems.txt
: > "$problems"
fail() {
  echo "FAIL: $*" >&2
  echo "$*" >> "$problems"
}
npm_version() { node -p "require('$1/package.json').version"; }
version=$(npm_version "$root")

# The TypeScript side: the compiled library and the YAML of its examples must be current.
if [ ! -f .jsii ] || [ -n "$(find src -name '*.ts' -newer .jsii -print -quit)" ]; then
  echo "the jsii assembly (.jsii) is missing or older than src/: run \`npx projen compile\` first" >&2
  exit 1
fi
for name in "${examples[@]}"; do
  if [ ! -f "dist/examples/$name/$name.k8s.yaml" ] || [ .jsii -nt "dist/examples/$name/$name.k8s.yaml" ]; then
    echo "dist/examples/$name/ is missing or older than the library: run \`npm run examples\` first" >&2
    exit 1
  fi
done
mkdir -p "$out/typescript"
npx ts-node --project consumers/tsconfig.json consumers/typescript/mistake.ts "$out/typescript/error.txt"

# Every jsii host receives a JavaScript error as "<name>: <message>" (Python's str(e),
# Go's err.Error()): the TypeScript message after "Error: ", every line of it. Java's
# getMessage() is that text too, followed by a line break and the JavaScript stack.
check_error() {
  local language=$1 file=$2 expected got
  expected="Error: $(cat "$out/typescript/error.txt")"
  got=$(cat "$file")
  if [ "$got" = "$expected" ]; then
    echo "$language: the same error text, all $(printf '%s\n' "$got" | wc -l) lines"
  elif [ "$language" = java ] && [[ "$got" == "$expected"$'\n'* ]]; then
    echo "$language: the same error text, all $(printf '%s\n' "$expected" | wc -l) lines, then the JavaScript stack"
  else
    diff -u <(printf '%s\n' "$expected") <(printf '%s\n' "$got") >&2 || true
    fail "$language: the error text differs from TypeScript's (diff above)"
  fi
}

check_yaml() {
  local language=$1
  for name in "${examples[@]}"; do
    local want="dist/examples/$name/$name.k8s.yaml" got="$out/$language/$name.k8s.yaml"
    if [ ! -f "$got" ]; then
      fail "$language: $got was not written"
    elif ! cmp -s "$want" "$got"; then
      diff -u "$want" "$got" | head -40 >&2 || true
      fail "$language: $name YAML differs from the TypeScript example's (diff above)"
    else
      echo "$language: $name YAML is byte-identical to TypeScript's"
    fi
  done
}

synth() {
  local language=$1
  rm -rf "${out:?}/$language"
  (cd "consumers/$language" && npx cdk8s synth --check-upgrade false --output "$out/$language" >/dev/null)
}

# A package the consumer needs from npm's side, built with jsii-pacmak once per version and
# kept in the cache: $1 npm package, $2 target. Prints the directory it is in.
vendor_build() {
  local package=$1 target=$2 extra=("${@:3}")
  local dir
  dir="$cache/vendor/$package-$(npm_version "$package")-$target-pacmak$(npm_version jsii-pacmak)"
  if [ ! -f "$dir/.done" ]; then
    rm -rf "$dir"
    npx jsii-pacmak --target "$target" --outdir "$dir" "${extra[@]}" "node_modules/$package" >&2
    touch "$dir/.done"
  fi
  echo "$dir"
}

run_python() {
  npx projen package:python
  local venv=$cache/python-venv
  # The venv is rebuilt when the pinned registry packages change.
  if ! cmp -s consumers/python/requirements.txt "$venv/requirements.txt" 2>/dev/null; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet -r consumers/python/requirements.txt
    cp consumers/python/requirements.txt "$venv/requirements.txt"
  fi
  "$venv/bin/pip" install --quiet --force-reinstall --no-deps dist/python/cdk8s_workloads-"$version"-py3-none-any.whl
  # What the wheel declares must be satisfied by what the venv holds.
  "$venv/bin/pip" check
  PATH="$venv/bin:$PATH" synth python
  check_yaml python
  "$venv/bin/python" consumers/python/mistake.py "$out/python/error.txt"
  check_error python "$out/python/error.txt"
}

run_java() {
  # org.cdk8s:cdk8s-plus-28 is not served by the Maven Central this build reaches: build it
  # from the npm package with jsii-pacmak (no javadoc: only this build uses it) and install
  # it into the local repository, where both our jar's build and the consumer find it.
  local plus plus_version
  plus=$(vendor_build cdk8s-plus-28 java --maven-local-repository="$m2" --mvn-define=maven.javadoc.skip=true)
  plus_version=$(npm_version cdk8s-plus-28)
  mvn -q -B "-Dmaven.repo.local=$m2" install:install-file \
    "-Dfile=$plus/java/org/cdk8s/cdk8s-plus-28/$plus_version/cdk8s-plus-28-$plus_version.jar" \
    "-DpomFile=$plus/java/org/cdk8s/cdk8s-plus-28/$plus_version/cdk8s-plus-28-$plus_version.pom"
  # projen's package:java, with the local repository the consumer uses: pacmak's default is
  # a throwaway one, which sees no cdk8s-plus-28 and downloads every plugin on each run.
  npx jsii-pacmak -v --target java --maven-local-repository="$m2"
  # Maven keeps a copy of what it took from dist/java and never looks at a release version
  # again: drop it, so the consumer compiles against the jar just built.
  rm -rf "$m2/io/github/cdk8s-workloads"
  local maven=(mvn -q -B "-Dmaven.repo.local=$m2" "-Dcdk8s-workloads.version=$version")
  (cd consumers/java && "${maven[@]}" compile)
  MAVEN_OPTS="${MAVEN_OPTS:-} -Dmaven.repo.local=$m2 -Dcdk8s-workloads.version=$version" synth java
  check_yaml java
  (cd consumers/java && "${maven[@]}" exec:java -Dexec.mainClass=io.github.cdk8sworkloads.consumer.Mistake \
    "-Dexec.args=$out/java/error.txt")
  check_error java "$out/java/error.txt"
}

run_go() {
  # github.com/cdk8s-team/cdk8s-core-go is not served by the Go module proxy this build
  # reaches: generate it from the npm package cdk8s into dist/go/cdk8s, where jsii-pacmak
  # finds it as a local module while it builds ours (and consumers/go/go.mod replaces it).
  local core
  core=$(vendor_build cdk8s go)
  rm -rf dist/go/cdk8s
  mkdir -p dist/go
  cp -r "$core/go/cdk8s" dist/go/cdk8s
  npx projen package:go
  (cd consumers/go && go build ./... && go vet ./...)
  synth go
  (cd consumers/go && go run ./mistake "$out/go/error.txt")
  check_yaml go
  check_error go "$out/go/error.txt"
}

for language in "${languages[@]}"; do
  case "$language" in
    python | java | go) ;;
    *) echo "unknown language: $language (python, java or go)" >&2; exit 2 ;;
  esac
done

# One language at a time (so one failure stops only that language), or all at once with
# CONSUMERS_PARALLEL=1: a cold run mostly waits on registry downloads, so the languages
# overlap well; each one's output then goes to dist/consumers/<language>.log, printed after.
run_language() {
  local language=$1 started=$SECONDS status
  set +e
  (set -e; "run_$language")
  status=$?
  set -e
  [ $status -eq 0 ] || fail "$language: the build or the consumer app failed (exit $status, output above)"
  printf '%4ds  %s\n' $((SECONDS - started)) "$language" >> "$out/timings.txt"
}
: > "$out/timings.txt"
if [ "${CONSUMERS_PARALLEL:-0}" = 1 ]; then
  pids=()
  for language in "${languages[@]}"; do
    run_language "$language" > "$out/$language.log" 2>&1 &
    pids+=($!)
  done
  # A language killed before it could record its failure still fails the run.
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || echo "${languages[$i]}: the consumer exited with status $? (output in $out/${languages[$i]}.log)" >> "$problems"; done
  for language in "${languages[@]}"; do
    printf '\n=== %s consumer (%s)\n' "$language" "$out/$language.log"
    cat "$out/$language.log"
  done
else
  for language in "${languages[@]}"; do
    printf '\n=== %s consumer\n' "$language"
    run_language "$language"
  done
fi

printf '\ntime per language:\n'
cat "$out/timings.txt"
if [ -s "$problems" ]; then
  printf '\n%d problem(s):\n' "$(wc -l < "$problems")" >&2
  sed 's/^/  /' "$problems" >&2
  exit 1
fi
echo "Python, Java and Go consumers: the same YAML and the same errors as TypeScript"
