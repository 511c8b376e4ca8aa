import { cdk8sWritesPlain, goYamlPlainReading, yamlMisreading } from '../src/common/yaml';

/**
 * How sigs.k8s.io/yaml v1.3.0 (`yaml.YAMLToJSON("a: <value>")`, kubectl 1.28's reader)
 * read each plain scalar, recorded from the real Go library.
 */
const GO_READS: [string, string | number | boolean][] = [
  ['0o17', 15], ['0O17', 15], ['0X1F', 31], ['0B101', 5], ['0b101', 5], ['1e3_', 1000], ['1_0e3', 10000],
  ['1e3_5', 1e35], ['0o1_7', 15], ['0X1_F', 31], ['1_', 1], ['1_2_3', 123], ['0.5_', 0.5], ['1_.5', 1.5],
  ['0x1F', 31], ['1e3', 1000], ['+1_', 1], ['-0o17', -15], ['1e_3', 1000], ['01_', 1], ['0_1', 1], ['1e-3_', 0.001],
  ['08', 8], ['09.5', 9.5], ['0777', 511], ['.5', 0.5], ['.5e3', 500], ['+.5', 0.5], ['Yes', true], ['ON', true], ['y', true],
  ['60s', '60s'], ['0xg', '0xg'], ['1e3.5', '1e3.5'], ['0o8', '0o8'], ['_1', '_1'], ['.5_', '.5_'], ['.', '.'],
  ['0o', '0o'], ['0x', '0x'], ['0b', '0b'], ['1.2.3', '1.2.3'], ['2024-1-2', '2024-1-2'], ['1-2-3', '1-2-3'],
  ['0x10000000000000000', '0x10000000000000000'], ['3e960', '3e960'], ['=', '='],
];

test.each(GO_READS)('go-yaml reads the plain scalar %s as %p', (text, read) => {
  expect(goYamlPlainReading(text) === undefined).toBe(typeof read === 'string');
  if (typeof read === 'number') expect(goYamlPlainReading(text)).toBe(`the number ${read}`);
});

test('cdk8s 2.70 quotes YAML 1.1 numbers and booleans but not Go-only ones', () => {
  expect(['on', 'yes', '0x1F', '0b101', '1e3', '1_000', '0777', '.5', 'null', '~'].filter(cdk8sWritesPlain)).toEqual([]);
  expect(['0o17', '0O17', '0X1F', '0B101', '1e3_'].every(cdk8sWritesPlain)).toBe(true);
});

test('the dangerous strings are exactly those both halves agree on', () => {
  expect(['0o17', '0O17', '0X1F', '0B101', '1e3_', '-0o17', '0o1_7'].map(yamlMisreading)).toEqual(
    ['the number 15', 'the number 15', 'the number 31', 'the number 5', 'the number 1000', 'the number -15', 'the number 15']);
  expect(['on', '1e3', '0x1F', 'web', '1-2-3', '', '60s'].map(yamlMisreading)).toEqual(Array(7).fill(undefined));
});
