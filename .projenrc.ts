import { cdk8s, javascript } from 'projen';
import { UpdateSnapshot } from 'projen/lib/javascript';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-workloads',
  description: 'cdk8s constructs for KubeVela workers, ACK-style web apps, Deckhouse ServiceWithHealthchecks and ContainerPilot jobs: typed props, every default written out, every mistake reported at synth',
  author: 'cdk8s-workloads developers',
  // The project page, not a mailbox: projen writes a URL here as author.url.
  authorAddress: 'https://github.com/cdk8s-workloads/cdk8s-workloads',
  repositoryUrl: 'https://github.com/cdk8s-workloads/cdk8s-workloads.git',
  homepage: 'https://github.com/cdk8s-workloads/cdk8s-workloads#readme',
  bugsUrl: 'https://github.com/cdk8s-workloads/cdk8s-workloads/issues',
  defaultReleaseBranch: 'main',
  keywords: ['cdk8s', 'cdk8s-plus', 'kubernetes', 'kubevela', 'deckhouse', 'containerpilot', 'keda', 'prometheus', 'constructs'],
  // 0.x while the API settles: a minor release may change it (see CONTRIBUTING.md).
  stability: 'experimental',

  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.16.0',
  cdk8sVersion: '2.70.0',
  constructsVersion: '10.3.0',
  // jsii and TypeScript move together: jsii 5.9 compiles with TypeScript 5.9.
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.0',
  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  // JobGraph reads containerpilot.json5 files (comments, trailing commas, unquoted keys).
  deps: ['json5@^2.2.3'],
  bundledDeps: ['json5'],
  devDeps: [
    'cdk8s-plus-28@2.5.6',
    'cdk8s-cli@^2.207.0',
    // 4.5.x is the CommonJS line; 5.x is ESM-only and does not load under jest.
    'kubernetes-models@^4.5.0',
    'ajv@^8.17.0',
    'yaml@^2.8.0',
    // CommonJS (1.x is ESM-only): its model attribute maps find unknown fields in tests.
    '@kubernetes/client-node@0.22.3',
    // Runs the example apps at synth without type-checking (see docs/performance.md).
    'sucrase@^3.35.1',
    // Property tests of every construct (test/property/).
    'fast-check@^4.10.0',
  ],

  eslintOptions: { dirs: ['src'], devdirs: ['test', 'scripts', 'examples', 'bench', 'projenrc', '.projenrc.ts'] },

  // CI is `.ci/run`; no GitHub workflows, no release automation.
  github: false,
  release: false,

  jestOptions: {
    // jest 30 and eslint-import-resolver-typescript 4 need unrs-resolver, whose optional
    // platform packages this registry does not serve all of; `npm ci` then refuses the
    // lock file. jest 29 and the 3.6 resolver have no such dependency.
    jestVersion: '^29',
    // A snapshot that drifts must fail, never be rewritten silently.
    updateSnapshot: UpdateSnapshot.NEVER,
    // A run that finds no tests is a failure, not a pass.
    passWithNoTests: false,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // Examples import the library by its package name; in tests that is the source.
      moduleNameMapper: { '^cdk8s-workloads$': '<rootDir>/src/index.ts' },
    },
  },

  // Names for the other jsii languages; `npm run consumers` builds the Python, Java and Go
  // packages and runs an app in each (docs/languages.md). .NET: code generation only.
  publishToPypi: {
    distName: 'cdk8s-workloads',
    module: 'cdk8s_workloads',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdk8sworkloads',
    mavenGroupId: 'io.github.cdk8s-workloads',
    mavenArtifactId: 'cdk8s-workloads',
  },
  publishToNuget: {
    dotNetNamespace: 'Cdk8sWorkloads',
    packageId: 'Cdk8sWorkloads',
  },
  publishToGo: {
    moduleName: 'github.com/cdk8s-workloads/cdk8s-workloads-go',
    packageName: 'cdk8sworkloads',
  },
});

// See jestOptions: the 3.6 resolver has no unrs-resolver dependency.
project.deps.removeDependency('eslint-import-resolver-typescript');
project.addDevDeps('eslint-import-resolver-typescript@~3.6.3');

// jsii warns on every run that node 20 is not one it tested; the build supports >= 20.16.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION', '1');

// Examples import the library by its package name, as a user would; Node resolves a
// package's own name through "exports", so they run against the compiled lib/.
project.package.addField('exports', {
  '.': { types: './lib/index.d.ts', default: './lib/index.js' },
  './package.json': './package.json',
  './.jsii': './.jsii',
});

// `package` is JS only, CI or not (projen's packages every language when CI is unset, and
// .NET has no toolchain here); the others are explicit: package:python, package:java,
// package:go, all run by `npm run consumers`.
const pkg = project.tasks.tryFind('package')!;
pkg.reset();
pkg.spawn(project.tasks.tryFind('package:js')!);
project.addTask('consumers', {
  description: 'Build the Python, Java and Go packages, run the consumer apps under consumers/ and compare their YAML and errors with TypeScript\'s (needs `npm run examples` first)',
  exec: 'bash scripts/consumers.sh',
  receiveArgs: true,
});

const examples = project.addTask('examples', {
  description: 'Synthesize every app under examples/ into dist/examples/<name>/ and validate the YAML',
});
examples.spawn(project.compileTask);
// Examples run with sucrase, which does not type-check: the build does, against the compiled lib/.
examples.spawn(project.addTask('examples:typecheck', {
  description: 'Type-check the example apps (cdk8s synth runs them without type-checking)',
  exec: 'tsc --noEmit -p examples/tsconfig.json',
}));
examples.exec('bash scripts/synth-examples.sh');
examples.exec('ts-node --project scripts/tsconfig.json scripts/validate-manifests.ts dist/examples');

// jsii consumers (Python, Java, .NET, Go): every jsii warning fails the build, except
// `reserved-word`, which jsii raises for any name that is a keyword in some language even
// where that language never sees it as written (a props field `type` is `Type` in Go and
// C#, `type=` in Python). test/jsii-api.test.ts checks reserved words precisely instead:
// each name in the spelling each language actually uses.
project.compileTask.reset('jsii --fail-on-warnings --silence-warnings=reserved-word');
project.tasks.tryFind('watch')!.reset('jsii -w --fail-on-warnings --silence-warnings=reserved-word');

// Every TypeScript block of the README and every `@example` compiles (--strict) and is
// transliterated into Python, Java, C# and Go (.jsii.tabl.json, next to .jsii).
// Snippets are compiled in rosetta/default.ts-fixture.
const rosetta = project.addTask('rosetta', {
  description: 'Compile the README examples and @example blocks with jsii-rosetta --strict and translate them to Python, Java, C# and Go',
  exec: 'jsii-rosetta extract --strict',
});
project.gitignore.exclude('/.jsii.tabl.json');

// The README shows some examples in other languages too: blocks after a
// `<!-- rosetta:python -->` marker are the rosetta translation of the TypeScript above.
const readmeExamples = project.addTask('readme-examples', {
  description: 'Write the rosetta translations of the README\'s TypeScript examples into its <!-- rosetta:LANG --> blocks',
});
readmeExamples.spawn(rosetta);
readmeExamples.exec('ts-node --project scripts/tsconfig.json scripts/readme-translations.ts README.md .jsii.tabl.json');

// The Python, Java, .NET and Go sources, generated only (building those packages needs
// registries this machine does not reach). Examples come from the strict tablet only:
// one missing from it fails the run instead of being translated loosely.
project.addTask('jsii-code', {
  description: 'Generate the Python, Java, .NET and Go bindings (code only, into dist/jsii-code/); needs `rosetta` first',
  exec: [
    'rm -rf dist/jsii-code &&',
    'jsii-pacmak --code-only --targets python,java,dotnet,go --outdir dist/jsii-code',
    '--rosetta-tablet .jsii.tabl.json --rosetta-unknown-snippets fail --no-fingerprint --no-npmignore',
  ].join(' '),
});

// API.md and the API reference per language (docs/api/), from the pinned dependencies only
// (the script says why).
const docgen = project.tasks.tryFind('docgen')!;
docgen.reset('bash scripts/docgen.sh');
// The prop tables of the construct pages (docs/*.md, between <!-- props:Type --> lines).
docgen.exec('ts-node --project scripts/tsconfig.json scripts/docs-props.ts .jsii docs');

project.gitignore.exclude('/dist/', '/bench/.out/');
project.npmignore?.exclude('/examples/', '/scripts/', '/bench/', '/.ci/', '/docs/', '/rosetta/');
project.npmignore?.exclude('/templates/');
project.npmignore?.exclude('/consumers/');
project.gitignore.exclude('/consumers/java/target/', '__pycache__/');

// The version, by hand until releases are automated: 0.MINOR.PATCH, MINOR for any change
// of the API while it is `experimental`, PATCH for fixes (CONTRIBUTING.md).
project.package.addVersion('0.1.0');

// The README's first app, installed from the packed library in a folder outside the repo.
const starter = project.addTask('starter', {
  description: 'Pack the library, install it with the README\'s first app (templates/starter/) in a temporary folder, and synthesize it',
});
starter.exec('bash scripts/starter-check.sh', { receiveArgs: true });

// The synth benchmark (the README's Performance section): not part of `test` or CI. It runs against
// the compiled library, as users do, with the bench itself compiled to bench/.out.
const bench = project.addTask('bench', {
  description: 'Synth benchmark: the library against hand-written cdk8s-plus-28 at N = 100, 1000, 5000, plus cold start',
});
bench.spawn(project.compileTask);
bench.exec('tsc -p bench/tsconfig.json');
bench.exec('node bench/.out/run.js', { receiveArgs: true });

// src/imports: classes `cdk8s import` generates from the Apache-2.0 CRDs (never the Deckhouse one); not linted.
project.eslint?.addIgnorePattern('src/imports/');
const importCrds = project.addTask('import-crds', { description: 'Regenerate src/imports from the Apache-2.0 CRDs in ../shared/reference' });
for (const [file, crd] of [['cronhpa', 'alibaba-cronhpa-crd'], ['keda', 'keda.sh_scaledobjects'], ['podmonitor', 'monitoring.coreos.com_podmonitors'], ['servicemonitor', 'monitoring.coreos.com_servicemonitors'], ['httproute', 'gateway.networking.k8s.io_httproutes']]) {
  importCrds.exec(`cdk8s import ${file}:=../shared/reference/${crd}.yaml --output src/imports --language typescript --check-upgrade false`);
  importCrds.exec(`mv src/imports/${file}-*.ts src/imports/${file}.ts`);
}

// The API server check (scripts/apiserver, docs/apiserver.md): a pinned kube-apiserver on
// 127.0.0.1 judges the examples, the corpus and the property tests' manifests.
project.addTask('apiserver:build', { description: 'Build (once, into a cache outside the repo) the pinned kube-apiserver and print its path', exec: 'bash scripts/apiserver/build.sh' });
// Type-checked (no --transpile-only): a prop renamed in src must fail here, not vanish from the corpus.
project.addTask('apiserver:corpus', { description: 'Synthesize the API server corpus (test/apiserver-corpus) into dist/apiserver-corpus/', exec: 'ts-node --project scripts/tsconfig.json scripts/apiserver/synth-corpus.ts test/apiserver-corpus dist/apiserver-corpus' });
project.addTask('apiserver:check', { description: 'Start kube-apiserver and etcd on 127.0.0.1, apply the examples, the corpus and dist/property-manifests with server-side dry-run, stop', exec: 'bash scripts/apiserver/check.sh' });

project.synth();
