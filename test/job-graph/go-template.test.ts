import { renderGoTemplate } from '../../src/job-graph/go-template';

const out = (text: string, env: Record<string, string> = {}) => {
  const r = renderGoTemplate(text, env);
  expect(r.problems).toEqual([]);
  expect([...r.unfilled.keys()]).toEqual([]);
  return r.output;
};
const problems = (text: string, env: Record<string, string> = {}) => renderGoTemplate(text, env).problems.map(p => `line ${p.line}: ${p.message}`);

describe('Go text/template as ContainerPilot renders a file', () => {
  test.each([
    // the examples of ContainerPilot's docs (32-configuration-file.md), with what its code gives
    ['Hello, {{.PARTS | split ":" | join "." }}!', { PARTS: 'a:b:c' }, 'Hello, a.b.c!'],
    ['Hello, {{.NAME | replaceAll "e" "_" }}!', { NAME: 'Template' }, 'Hello, T_mplat_!'],
    ['Hello, {{.NAME | regexReplaceAll "[epa]+" "_" }}!', { NAME: 'Template' }, 'Hello, T_m_l_t_!'],
    ['{{ range $i := loop 5 }}{{ $i }},{{end}}', {}, '0,1,2,3,4,'],
    ['{{ range $i := loop 5 8 }}{{ $i }},{{end}}', {}, '5,6,7,'],
    ['{{ range $i := loop 5 1 }}{{ $i }},{{end}}', {}, '5,4,3,2,'],
    ['{{ range loop .N }}x{{ end }}', { N: '3' }, 'xxx'],
    ['{{ .CONSUL | default "localhost" }}', {}, 'localhost'],
    ['{{ .CONSUL | default "localhost" }}', { CONSUL: 'consul' }, 'consul'],
    ['{{ .CONSUL | default "localhost" }}', { CONSUL: '' }, 'localhost'],
    ['{{ env "HOME" }}', { HOME: '/root' }, '/root'],
    // Go's own
    ['{{ if and .A .B }}both{{ else if or .A .B }}one{{ else }}none{{ end }}', { A: 'x' }, 'one'],
    ['{{ if not .A }}no A{{ end }}', {}, 'no A'],
    ['{{ with .A }}[{{ . }}]{{ else }}-{{ end }}', { A: 'v' }, '[v]'],
    ['{{ range $k, $v := split "," "a,b" }}{{ $k }}={{ $v }};{{ else }}empty{{ end }}', {}, '0=a;1=b;'],
    ['{{ range split "," " " }}x{{ else }}empty{{ end }}', {}, 'empty'],
    ['{{ range $k, $v := . }}{{ $k }}={{ $v }} {{ end }}', { B: '2', A: '1' }, 'A=1 B=2 '],
    ['{{ $x := "a" }}{{ $x }}{{ $x = "b" }}{{ $x }}', {}, 'ab'],
    ['{{ len "abc" }} {{ len (split ":" "a:b") }} {{ index (split ":" "a:b") 1 }} {{ index . "K" }}', { K: 'k' }, '3 2 b k'],
    ['{{ eq .A "x" "y" }} {{ ne 1 2 }} {{ lt 1 2 }} {{ ge "b" "a" }}', { A: 'y' }, 'true true true true'],
    ['{{ printf "%s-%d-%q-%05d-%v" "a" 7 "q" 42 true }}', {}, 'a-7-"q"-00042-true'],
    ['{{ print "a" 1 2 "b" }}|{{ println "x" 1 }}', {}, 'a1 2b|x 1\n'],
    ['a {{- " b " -}} c', {}, 'a b c'],
    ['a {{/* a comment */}} b {{- /* trimmed */ -}} c', {}, 'a  bc'],
    ['{{ "\\u00e9\\t" }}{{ `raw\\n` }}', {}, 'é\traw\\n'],
    ['{{ (split .P ":").X }}', { P: '' }, ''],
  ])('%s', (text, env, expected) => {
    if (text === '{{ (split .P ":").X }}') {
      expect(problems(text, env)).toEqual(['line 1: template action "{{ (split .P \\":\\").X }}": can\'t evaluate field X in type slice']);
      return;
    }
    expect(out(text, env)).toBe(expected);
  });

  test('a value not given reads as "" in a condition or default, and printing it is reported once, with its first line', () => {
    const r = renderGoTemplate('{{ if .A }}x{{ end }}{{ .A | default "d" }}\n{{ .B }} {{ .B }} {{ .C | replaceAll "a" "b" }}', {});
    expect(r.output).toBe('d\nnull null null');
    expect([...r.unfilled]).toEqual([['B', 2], ['C', 2]]);
  });

  test('a value not given, printed in a JSON5 comment, is no problem (ContainerPilot prints "" there)', () => {
    const r = renderGoTemplate('{\n  // reached at {{ .HOST }}\n  /* {{ .PORT }} */ a: "{{ .NAME }} // {{ .X }}", b: \'/* {{ .Y }}\'\n}', {});
    expect([...r.unfilled.keys()]).toEqual(['NAME', 'X', 'Y']);
  });

  test('problems do not stop the rendering: each failed action is null, each is reported with its line', () => {
    const r = renderGoTemplate('{{ nope }}\n{{ .A.B }}\n{{ template "x" }}\n{{ end }}\n{{ if .A }}\nok', { A: 'a' });
    expect(r.output).toBe('null\nnull\nnull\nnull\n\nok');
    expect(r.problems.map(p => `line ${p.line}: ${p.message}`)).toEqual([
      'line 1: template action "{{ nope }}": function "nope" not defined; the functions are and, or, not, eq, ne, lt, le, gt, ge, len, index, print, printf, println, default, env, split, join, replaceAll, regexReplaceAll, loop',
      'line 2: template action "{{ .A.B }}": can\'t evaluate field B in type string',
      'line 3: template action "{{ template \\"x\\" }}": {{template}} is not supported here (a configuration file is one template)',
      'line 4: template action "{{ end }}": unexpected {{end}}',
      'line 5: template action "{{ if .A }}": has no matching {{ end }} (closed at the end of the file)',
    ]);
  });

  test('a function in a branch not taken is still checked, as Go checks it when parsing', () => {
    expect(problems('{{ if .NO }}{{ shout .X }}{{ end }}')).toEqual([
      'line 1: template action "{{ shout .X }}": function "shout" not defined; the functions are and, or, not, eq, ne, lt, le, gt, ge, len, index, print, printf, println, default, env, split, join, replaceAll, regexReplaceAll, loop',
    ]);
  });

  test.each([
    ['{{ loop 1 2 3 }}', 'wrong number of args for loop: want 1 to 2 got 3'],
    ['{{ loop "x" }}', 'error calling loop: x is not an integer'],
    ['{{ eq 1 "1" }}', 'error calling eq: incompatible types for comparison'],
    ['{{ html "x" }}', 'the function "html" is not supported here (a configuration file has no use for it)'],
    ['{{ regexReplaceAll "(" "x" "y" }}', 'error calling regexReplaceAll: Invalid regular expression: /(/g: Unterminated group'],
    ['{{ .A "x" }}', 'can\'t give argument to non-function .A'],
    ['{{ $y }}', 'undefined variable: $y'],
  ])('%s is an error: %s', (text, message) => {
    expect(problems(text, { A: 'a' })).toEqual([`line 1: template action ${JSON.stringify(text)}: ${message}`]);
  });

  test('an action left open is reported', () => {
    expect(problems('a\n{{ .A ')).toEqual(['line 2: unclosed action starting "{{ .A "']);
    expect(problems('{{ "open }}')).toEqual(['line 1: unclosed action starting "{{ \\"open }}"']);
  });

  test('range over a string is an error', () => {
    expect(problems('{{ range .A }}{{ end }}', { A: 'a' })).toEqual(['line 1: template action "{{ range .A }}": range can\'t iterate over a']);
  });
});
