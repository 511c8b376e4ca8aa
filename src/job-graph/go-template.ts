/**
 * A small evaluator of Go's text/template, bounded to what ContainerPilot does with a
 * configuration file (config/template): the whole file is the template, the data is the
 * environment (a map of strings, read with `missingkey=zero`), and the functions are
 * Go's built-ins plus ContainerPilot's default, env, split, join, replaceAll,
 * regexReplaceAll and loop.
 *
 * Supported: text, comments, trim markers (`{{-`, `-}}`), if / else if / else, range
 * (lists and maps, with `$i, $v :=` and else), with / else, variables (`:=`, `=`, `$`),
 * pipelines, parenthesized pipelines, string / raw string / number / bool / nil
 * constants, and the functions listed in FUNCTIONS. Not supported (reported as a
 * problem): define / template / block, break / continue, and the functions call, html,
 * js, slice and urlquery.
 *
 * It does not stop at the first problem: an action that fails renders as `null` (a
 * JSON5 value, so the parser after it can go on) and the problem is recorded with its
 * line; a missing `{{ end }}` closes at the end of the file.
 *
 * No npm package implements text/template with ContainerPilot's functions and this
 * recovery (the one Go-template wrapper found runs a Go binary), hence this file.
 *
 * @internal
 */

/** One problem of the template stage. */
export interface TemplateProblem {
  readonly line: number;
  readonly message: string;
}

/** What rendering produced. */
export interface TemplateResult {
  readonly output: string;
  readonly problems: TemplateProblem[];
  /** Values the output needed that the environment does not have, with the first line. */
  readonly unfilled: Map<string, number>;
}

/** What a failed action renders as, so that JSON5 parsing can still go on. */
export const RECOVERY_TEXT = 'null';

/** A value the environment does not have: "" under `missingkey=zero`, but remembered. */
class Missing {
  constructor(readonly name: string) {}
}

type Value = string | number | boolean | null | Value[] | { [k: string]: Value } | Missing;

class TemplateError extends Error {}

// ---------------------------------------------------------------- lexing

type Tok =
  | { t: 'field'; chain: string[] }
  | { t: 'var'; name: string; chain: string[] }
  | { t: 'dot' }
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'ident'; v: string }
  | { t: 'punct'; v: '(' | ')' | '|' | ':=' | '=' | ',' }
  | { t: 'chain'; chain: string[] };

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const fieldChain = (): string[] => {
    const chain: string[] = [];
    while (src[i] === '.' && /[A-Za-z_]/.test(src[i + 1] ?? '')) {
      i++;
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      chain.push(m[0]);
      i += m[0].length;
    }
    return chain;
  };
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')' || c === '|' || c === ',') {
      toks.push({ t: 'punct', v: c });
      i++;
      // a field chain right after a parenthesized pipeline: (...).Field
      if (c === ')' && src[i] === '.') toks.push({ t: 'chain', chain: fieldChain() });
      continue;
    }
    if (src.startsWith(':=', i)) { toks.push({ t: 'punct', v: ':=' }); i += 2; continue; }
    if (c === '=') { toks.push({ t: 'punct', v: '=' }); i++; continue; }
    if (c === '"') {
      const m = /^"(?:[^"\\\n]|\\.)*"/.exec(src.slice(i));
      if (!m) throw new TemplateError('unterminated quoted string');
      toks.push({ t: 'str', v: unquote(m[0]) });
      i += m[0].length;
      continue;
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) throw new TemplateError('unterminated raw quoted string');
      toks.push({ t: 'str', v: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (c === '\'') {
      const m = /^'(?:[^'\\]|\\.)'/.exec(src.slice(i));
      if (!m) throw new TemplateError('malformed character constant');
      toks.push({ t: 'num', v: unquote(`"${m[0].slice(1, -1)}"`).codePointAt(0)! });
      i += m[0].length;
      continue;
    }
    if (c === '$') {
      const m = /^\$[A-Za-z0-9_]*/.exec(src.slice(i))!;
      i += m[0].length;
      toks.push({ t: 'var', name: m[0], chain: fieldChain() });
      continue;
    }
    if (c === '.') {
      if (/[A-Za-z_]/.test(src[i + 1] ?? '')) { toks.push({ t: 'field', chain: fieldChain() }); continue; }
      if (!/[0-9]/.test(src[i + 1] ?? '')) { toks.push({ t: 'dot' }); i++; continue; }
    }
    const num = /^[-+]?(?:0[xX][0-9a-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][-+]?\d+)?)/.exec(src.slice(i));
    if (num && /[-+.\d]/.test(c)) {
      const text = num[0].replace(/_/g, '');
      const v = /^[-+]?0[xX]/.test(text) ? Number.parseInt(text, 16) : Number(text);
      if (Number.isNaN(v)) throw new TemplateError(`bad number syntax: ${JSON.stringify(num[0])}`);
      toks.push({ t: 'num', v });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) { toks.push({ t: 'ident', v: id[0] }); i += id[0].length; continue; }
    throw new TemplateError(`unexpected ${JSON.stringify(c)} in action`);
  }
  return toks;
}

/** A Go interpreted string literal's value (its escapes are JSON's, plus \a \v \x \' and octal). */
function unquote(lit: string): string {
  const body = lit.slice(1, -1).replace(/\\(x[0-9a-fA-F]{2}|[0-7]{3}|a|v|')/g, (_m, e: string) => {
    if (e === 'a') return '\\u0007';
    if (e === 'v') return '\\u000b';
    if (e === '\'') return '\'';
    const code = e.startsWith('x') ? Number.parseInt(e.slice(1), 16) : Number.parseInt(e, 8);
    return `\\u${code.toString(16).padStart(4, '0')}`;
  });
  try {
    return JSON.parse(`"${body}"`);
  } catch {
    throw new TemplateError(`invalid escape in ${lit}`);
  }
}

// ---------------------------------------------------------------- parsing

type Arg =
  | { k: 'field'; chain: string[] }
  | { k: 'var'; name: string; chain: string[] }
  | { k: 'dot' }
  | { k: 'const'; v: Value }
  | { k: 'func'; name: string }
  | { k: 'pipe'; pipe: Pipeline; chain: string[] };

interface Pipeline {
  readonly decl?: { names: string[]; assign: boolean };
  readonly cmds: Arg[][];
}

type Node =
  | { n: 'text'; text: string }
  | { n: 'action'; pipe: Pipeline; line: number; src: string }
  | { n: 'if' | 'with'; branches: { pipe: Pipeline; body: Node[] }[]; otherwise?: Node[]; line: number; src: string }
  | { n: 'range'; pipe: Pipeline; body: Node[]; otherwise?: Node[]; line: number; src: string }
  | { n: 'bad'; line: number };

/** The functions the evaluator knows (Go's built-ins and ContainerPilot's). */
const FUNCTIONS = [
  'and', 'or', 'not', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'len', 'index', 'print', 'printf', 'println',
  'default', 'env', 'split', 'join', 'replaceAll', 'regexReplaceAll', 'loop',
];
/** Go built-ins this evaluator leaves out: none is useful in a configuration file. */
const UNSUPPORTED_FUNCTIONS = ['call', 'html', 'js', 'slice', 'urlquery'];

function parsePipeline(toks: Tok[]): Pipeline {
  let pos = 0;
  let decl: Pipeline['decl'];
  // `$x :=` / `$x, $y :=` / `$x =`
  const declEnd = toks.findIndex(t => t.t === 'punct' && (t.v === ':=' || t.v === '='));
  if (declEnd > 0 && toks.slice(0, declEnd).every(t => (t.t === 'var' && t.chain.length === 0) || (t.t === 'punct' && t.v === ','))) {
    const names = toks.slice(0, declEnd).filter(t => t.t === 'var').map(t => (t as { name: string }).name);
    decl = { names, assign: (toks[declEnd] as { v: string }).v === '=' };
    pos = declEnd + 1;
  }
  const [cmds, end] = parseCommands(toks, pos);
  if (end < toks.length) throw new TemplateError(`unexpected ${describe(toks[end])}`);
  return { decl, cmds };
}

function parseCommands(toks: Tok[], start: number): [Arg[][], number] {
  const cmds: Arg[][] = [];
  let cmd: Arg[] = [];
  let i = start;
  while (i < toks.length) {
    const t = toks[i];
    if (t.t === 'punct' && t.v === ')') break;
    if (t.t === 'punct' && t.v === '|') {
      if (cmd.length === 0) throw new TemplateError('missing command before "|"');
      cmds.push(cmd);
      cmd = [];
      i++;
      continue;
    }
    if (t.t === 'punct' && t.v === '(') {
      const [inner, end] = parseCommands(toks, i + 1);
      if (toks[end]?.t !== 'punct' || (toks[end] as { v: string }).v !== ')') throw new TemplateError('unclosed left paren');
      if (inner.length === 0) throw new TemplateError('missing command in parentheses');
      i = end + 1;
      const next = toks[i];
      const chain = next?.t === 'chain' ? next.chain : [];
      if (next?.t === 'chain') i++;
      cmd.push({ k: 'pipe', pipe: { cmds: inner }, chain });
      continue;
    }
    cmd.push(operand(t));
    i++;
  }
  if (cmd.length > 0) cmds.push(cmd);
  else if (cmds.length > 0) throw new TemplateError('missing command after "|"');
  return [cmds, i];
}

function operand(t: Tok): Arg {
  switch (t.t) {
    case 'field': return { k: 'field', chain: t.chain };
    case 'var': return { k: 'var', name: t.name, chain: t.chain };
    case 'dot': return { k: 'dot' };
    case 'str': return { k: 'const', v: t.v };
    case 'num': return { k: 'const', v: t.v };
    case 'ident':
      if (t.v === 'true' || t.v === 'false') return { k: 'const', v: t.v === 'true' };
      if (t.v === 'nil') return { k: 'const', v: null };
      if (UNSUPPORTED_FUNCTIONS.includes(t.v)) throw new TemplateError(`the function ${JSON.stringify(t.v)} is not supported here (a configuration file has no use for it)`);
      if (!FUNCTIONS.includes(t.v)) throw new TemplateError(`function ${JSON.stringify(t.v)} not defined; the functions are ${FUNCTIONS.join(', ')}`);
      return { k: 'func', name: t.v };
    default: throw new TemplateError(`unexpected ${describe(t)}`);
  }
}

function describe(t: Tok): string {
  if (t.t === 'punct') return JSON.stringify(t.v);
  if (t.t === 'ident') return JSON.stringify(t.v);
  return t.t;
}

interface RawAction {
  readonly inner: string;
  readonly line: number;
  readonly src: string;
}

/** Splits the text into text pieces and actions, applying the trim markers. */
function lex(text: string, problems: TemplateProblem[]): (string | RawAction)[] {
  const out: (string | RawAction)[] = [];
  let i = 0;
  let line = 1;
  let trimNext = false;
  const countLines = (s: string) => (s.match(/\n/g) ?? []).length;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    let chunk = open < 0 ? text.slice(i) : text.slice(i, open);
    const chunkLines = countLines(chunk);
    if (trimNext) chunk = chunk.replace(/^\s+/, '');
    if (open < 0) { out.push(chunk); break; }
    const trimLeft = /^\{\{-[ \t\r\n]/.test(text.slice(open, open + 4));
    if (trimLeft) chunk = chunk.replace(/\s+$/, '');
    out.push(chunk);
    line += chunkLines;
    // find the closing }} outside quotes
    let j = open + (trimLeft ? 3 : 2);
    let quote: string | undefined;
    let close = -1;
    while (j < text.length) {
      const c = text[j];
      if (quote) {
        if (c === '\\' && quote === '"') j++;
        else if (c === quote) quote = undefined;
      } else if (text.startsWith('/*', j)) {
        const end = text.indexOf('*/', j + 2);
        if (end < 0) break;
        j = end + 1;
      } else if (c === '"' || c === '`' || c === '\'') {
        quote = c;
      } else if (text.startsWith('}}', j)) {
        close = j;
        break;
      }
      j++;
    }
    if (close < 0) {
      problems.push({ line, message: `unclosed action starting ${JSON.stringify(text.slice(open, open + 20))}` });
      break;
    }
    const trimRight = /[ \t\r\n]-$/.test(text.slice(open + 2, close));
    const inner = text.slice(open + (trimLeft ? 3 : 2), trimRight ? close - 1 : close);
    const src = text.slice(open, close + 2);
    out.push({ inner, line, src });
    line += countLines(src);
    trimNext = trimRight;
    i = close + 2;
  }
  return out;
}

const KEYWORD = /^\s*(if|else|end|range|with|define|template|block|break|continue)\b\s*/;

function parse(text: string, problems: TemplateProblem[]): Node[] {
  const pieces = lex(text, problems);
  const root: Node[] = [];
  // open blocks: the node and where its current body goes
  const stack: { node: Extract<Node, { n: 'if' | 'with' | 'range' }>; body: Node[]; hadElse: boolean }[] = [];
  const current = () => (stack.length ? stack[stack.length - 1].body : root);
  const fail = (a: RawAction, msg: string) => {
    problems.push({ line: a.line, message: `template action ${JSON.stringify(a.src)}: ${msg}` });
    current().push({ n: 'bad', line: a.line });
  };
  for (const p of pieces) {
    if (typeof p === 'string') { if (p) current().push({ n: 'text', text: p }); continue; }
    const inner = p.inner.trim();
    if (inner.startsWith('/*')) {
      if (!inner.endsWith('*/')) fail(p, 'unclosed comment');
      continue;
    }
    try {
      const kw = KEYWORD.exec(inner);
      const rest = kw ? inner.slice(kw[0].length) : inner;
      const keyword = kw?.[1];
      if (keyword === 'if' || keyword === 'with' || keyword === 'range') {
        const pipe = parsePipeline(tokenize(rest));
        if (pipe.cmds.length === 0) throw new TemplateError(`missing value for ${keyword}`);
        const body: Node[] = [];
        const node: Extract<Node, { n: 'if' | 'with' | 'range' }> = keyword === 'range'
          ? { n: 'range', pipe, body, line: p.line, src: p.src }
          : { n: keyword, branches: [{ pipe, body }], line: p.line, src: p.src };
        current().push(node);
        stack.push({ node, body, hadElse: false });
      } else if (keyword === 'else') {
        const top = stack[stack.length - 1];
        if (!top || top.hadElse) throw new TemplateError('unexpected {{else}}');
        const chained = /^(if|with)\b\s*/.exec(rest);
        if (chained) {
          if (top.node.n === 'range' || top.node.n !== chained[1]) throw new TemplateError(`{{else ${chained[1]}}} is not allowed inside ${top.node.n}`);
          const pipe = parsePipeline(tokenize(rest.slice(chained[0].length)));
          if (pipe.cmds.length === 0) throw new TemplateError(`missing value for ${chained[1]}`);
          const body: Node[] = [];
          top.node.branches.push({ pipe, body });
          top.body = body;
        } else {
          if (rest !== '') throw new TemplateError(`unexpected ${JSON.stringify(rest)} after else`);
          top.node.otherwise = [];
          top.body = top.node.otherwise;
          top.hadElse = true;
        }
      } else if (keyword === 'end') {
        if (rest !== '') throw new TemplateError(`unexpected ${JSON.stringify(rest)} after end`);
        if (!stack.pop()) throw new TemplateError('unexpected {{end}}');
      } else if (keyword) {
        throw new TemplateError(`{{${keyword}}} is not supported here (a configuration file is one template)`);
      } else {
        const pipe = parsePipeline(tokenize(inner));
        if (pipe.cmds.length === 0) throw new TemplateError('missing value for command');
        current().push({ n: 'action', pipe, line: p.line, src: p.src });
      }
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      fail(p, e.message);
    }
  }
  for (const open of stack) {
    problems.push({ line: open.node.line, message: `template action ${JSON.stringify(open.node.src)}: has no matching {{ end }} (closed at the end of the file)` });
  }
  return root;
}

// ---------------------------------------------------------------- evaluation

type Scope = Map<string, Value>[];

class Evaluator {
  readonly problems: TemplateProblem[] = [];
  /** Each missing value an output action printed: its name, line and output offset. */
  readonly printedMissing: { name: string; line: number; offset: number }[] = [];
  private out = '';
  private line = 0;

  constructor(private readonly env: Record<string, string>) {}

  run(nodes: Node[]): string {
    const root: Value = { ...this.env };
    this.block(nodes, root, [new Map([['$', root]])]);
    return this.out;
  }

  private block(nodes: Node[], dot: Value, scope: Scope) {
    const inner: Scope = [...scope, new Map()];
    for (const node of nodes) this.node(node, dot, inner);
  }

  private node(node: Node, dot: Value, scope: Scope) {
    switch (node.n) {
      case 'text': this.out += node.text; return;
      case 'bad': this.out += RECOVERY_TEXT; return;
      case 'action': {
        this.line = node.line;
        const v = this.guard(node.src, () => this.pipeline(node.pipe, dot, scope));
        if (v === undefined) { this.out += RECOVERY_TEXT; return; }
        if (node.pipe.decl) return;
        if (v instanceof Missing) {
          this.printedMissing.push({ name: v.name, line: node.line, offset: this.out.length });
          this.out += RECOVERY_TEXT;
          return;
        }
        this.out += printValue(v);
        return;
      }
      case 'if':
      case 'with': {
        this.line = node.line;
        for (const b of node.branches) {
          const v = this.guard(node.src, () => this.pipeline(b.pipe, dot, scope));
          if (v === undefined) return;
          if (truth(v)) { this.block(b.body, node.n === 'with' ? v : dot, scope); return; }
        }
        if (node.otherwise) this.block(node.otherwise, dot, scope);
        return;
      }
      case 'range': {
        this.line = node.line;
        const names = node.pipe.decl?.names ?? [];
        const v = this.guard(node.src, () => this.pipeline({ cmds: node.pipe.cmds }, dot, scope));
        if (v === undefined) return;
        const items = this.guard(node.src, () => rangeItems(v));
        if (items === undefined) return;
        if (items.length === 0) { if (node.otherwise) this.block(node.otherwise, dot, scope); return; }
        for (const [k, item] of items) {
          const vars = new Map<string, Value>();
          if (names.length === 1) vars.set(names[0], item);
          if (names.length === 2) { vars.set(names[0], k); vars.set(names[1], item); }
          this.block(node.body, item, [...scope, vars]);
        }
        return;
      }
    }
  }

  /** Runs one evaluation; a failure is recorded and gives undefined. */
  private guard<T>(src: string, f: () => T): T | undefined {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      this.problems.push({ line: this.line, message: `template action ${JSON.stringify(src)}: ${e.message}` });
      return undefined;
    }
  }

  private pipeline(pipe: Pipeline, dot: Value, scope: Scope): Value {
    let v: Value | undefined;
    for (const cmd of pipe.cmds) v = this.command(cmd, dot, scope, v);
    if (pipe.decl) {
      const names = pipe.decl.names;
      if (names.length !== 1) throw new TemplateError('too many declarations outside range');
      if (pipe.decl.assign) {
        const frame = [...scope].reverse().find(f => f.has(names[0]));
        if (!frame) throw new TemplateError(`undefined variable: ${names[0]}`);
        frame.set(names[0], v!);
      } else {
        scope[scope.length - 1].set(names[0], v!);
      }
    }
    return v!;
  }

  private command(cmd: Arg[], dot: Value, scope: Scope, final: Value | undefined): Value {
    const [first, ...rest] = cmd;
    if (first.k === 'func') {
      // and / or evaluate their arguments lazily, in call()
      const args = first.name === 'and' || first.name === 'or' ? [] : rest.map(a => this.arg(a, dot, scope));
      if (final !== undefined) args.push(final);
      return this.call(first.name, args, rest, dot, scope, final);
    }
    if (rest.length > 0 || final !== undefined) throw new TemplateError(`can't give argument to non-function ${argText(first)}`);
    return this.arg(first, dot, scope);
  }

  private arg(a: Arg, dot: Value, scope: Scope): Value {
    switch (a.k) {
      case 'const': return a.v;
      case 'dot': return dot;
      case 'field': return fieldOf(dot, a.chain);
      case 'var': {
        const frame = [...scope].reverse().find(f => f.has(a.name));
        if (!frame) throw new TemplateError(`undefined variable: ${a.name}`);
        return fieldOf(frame.get(a.name)!, a.chain);
      }
      case 'pipe': return fieldOf(this.pipeline(a.pipe, dot, scope), a.chain);
      case 'func': return this.call(a.name, [], [], dot, scope, undefined);
    }
  }

  private call(name: string, args: Value[], raw: Arg[], dot: Value, scope: Scope, final: Value | undefined): Value {
    // A string function of a value the environment lacks gives that lack on, so the
    // output action that prints it still reports the value as unfilled.
    const data = args[args.length - 1];
    if (data instanceof Missing && PASS_MISSING[name] === args.length) return data;
    const want = (min: number, max = min) => {
      if (args.length < min || args.length > max) {
        throw new TemplateError(`wrong number of args for ${name}: want ${min === max ? min : `${min} to ${max}`} got ${args.length}`);
      }
    };
    switch (name) {
      case 'and':
      case 'or': {
        // Go 1.18+ evaluates the arguments only as far as needed.
        if (raw.length + (final !== undefined ? 1 : 0) < 1) want(1, Infinity);
        const lazy = raw.map(a => () => this.arg(a, dot, scope));
        if (final !== undefined) lazy.push(() => final);
        let v: Value = null;
        for (const get of lazy) {
          v = get();
          if (name === 'and' ? !truth(v) : truth(v)) return v;
        }
        return v;
      }
      case 'not': want(1); return !truth(args[0]);
      case 'eq': {
        if (args.length < 2) want(2, Infinity);
        return args.slice(1).some(b => compare(args[0], b, 'eq') === 0);
      }
      case 'ne': want(2); return compare(args[0], args[1], 'ne') !== 0;
      case 'lt': want(2); return compare(args[0], args[1], 'lt') < 0;
      case 'le': want(2); return compare(args[0], args[1], 'le') <= 0;
      case 'gt': want(2); return compare(args[0], args[1], 'gt') > 0;
      case 'ge': want(2); return compare(args[0], args[1], 'ge') >= 0;
      case 'len': {
        want(1);
        const v = plain(args[0]);
        if (typeof v === 'string') return Buffer.byteLength(v);
        if (Array.isArray(v)) return v.length;
        if (v && typeof v === 'object') return Object.keys(v).length;
        throw new TemplateError(`len of type ${typeName(v)}`);
      }
      case 'index': {
        if (args.length < 1) want(1, Infinity);
        let v = args[0];
        for (const k of args.slice(1)) {
          const c = plain(v);
          if (Array.isArray(c)) {
            if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k >= c.length) throw new TemplateError(`error calling index: index out of range: ${printValue(k)}`);
            v = c[k];
          } else if (c && typeof c === 'object') {
            const key = String(plain(k));
            v = Object.prototype.hasOwnProperty.call(c, key) ? c[key] : new Missing(key);
          } else {
            throw new TemplateError(`error calling index: can't index item of type ${typeName(c)}`);
          }
        }
        return v;
      }
      case 'print': return goSprint(args);
      case 'println': return args.map(printValue).join(' ') + '\n';
      case 'printf': {
        if (args.length < 1) want(1, Infinity);
        return sprintf(String(plain(args[0])), args.slice(1));
      }
      // ContainerPilot's functions (config/template/template.go).
      case 'default': {
        want(2);
        const [def, v] = args;
        if (typeof v === 'string' && v !== '') return v;
        return typeof def === 'string' ? def : printValue(def);
      }
      case 'env': {
        want(1);
        const key = String(plain(args[0]));
        return Object.prototype.hasOwnProperty.call(this.env, key) ? this.env[key] : new Missing(key);
      }
      case 'split': {
        want(2);
        const s = str(args[1], 'split').trim();
        return s === '' ? [] : s.split(str(args[0], 'split'));
      }
      case 'join': {
        want(2);
        const list = plain(args[1]);
        if (!Array.isArray(list)) throw new TemplateError(`error calling join: wrong type for value; expected []string; got ${typeName(list)}`);
        return list.map(x => str(x, 'join')).join(str(args[0], 'join'));
      }
      case 'replaceAll': {
        want(3);
        const from = str(args[0], 'replaceAll');
        const s = str(args[2], 'replaceAll');
        // Go's strings.Replace with an empty `from` inserts `to` around every character.
        return from === '' ? [...s].join(str(args[1], 'replaceAll')).replace(/^|$/g, str(args[1], 'replaceAll')) : s.split(from).join(str(args[1], 'replaceAll'));
      }
      case 'regexReplaceAll': {
        want(3);
        let re: RegExp;
        try {
          re = new RegExp(str(args[0], 'regexReplaceAll'), 'g');
        } catch (e: any) {
          throw new TemplateError(`error calling regexReplaceAll: ${e.message}`);
        }
        return str(args[2], 'regexReplaceAll').replace(re, goReplacement(str(args[1], 'regexReplaceAll')));
      }
      case 'loop': {
        want(1, 2);
        const ints = args.map(a => {
          const v = plain(a);
          const n = typeof v === 'string' && /^[-+]?\d+$/.test(v) ? Number.parseInt(v, 10) : v;
          if (typeof n !== 'number' || !Number.isInteger(n)) throw new TemplateError(`error calling loop: ${printValue(v)} is not an integer`);
          return n;
        });
        const [start, stop] = ints.length === 1 ? [0, ints[0]] : ints;
        const out: number[] = [];
        if (stop < start) for (let k = start; k > stop; k--) out.push(k);
        else for (let k = start; k < stop; k++) out.push(k);
        return out;
      }
    }
    throw new TemplateError(`function ${JSON.stringify(name)} not defined`);
  }
}

/** Functions (with their argument count) whose result is missing when their data is. */
const PASS_MISSING: Record<string, number> = { split: 2, join: 2, replaceAll: 3, regexReplaceAll: 3 };

function argText(a: Arg): string {
  if (a.k === 'field') return `.${a.chain.join('.')}`;
  if (a.k === 'var') return a.name + a.chain.map(c => `.${c}`).join('');
  if (a.k === 'const') return printValue(a.v);
  return a.k;
}

/** A Missing value reads as "" everywhere but in an output action. */
function plain(v: Value): Exclude<Value, Missing> {
  return v instanceof Missing ? '' : v;
}

function str(v: Value, fn: string): string {
  const p = plain(v);
  if (typeof p !== 'string') throw new TemplateError(`error calling ${fn}: wrong type for value; expected string; got ${typeName(p)}`);
  return p;
}

function typeName(v: Value): string {
  if (v === null) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'object') return 'map';
  return 'string';
}

function fieldOf(v: Value, chain: string[]): Value {
  let cur = v;
  for (const name of chain) {
    const p = plain(cur);
    if (p && typeof p === 'object' && !Array.isArray(p)) {
      cur = Object.prototype.hasOwnProperty.call(p, name) ? p[name] : new Missing(name);
    } else {
      throw new TemplateError(`can't evaluate field ${name} in type ${typeName(p)}`);
    }
  }
  return cur;
}

function truth(v: Value): boolean {
  const p = plain(v);
  if (p === null || p === false || p === 0 || p === '') return false;
  if (Array.isArray(p)) return p.length > 0;
  if (typeof p === 'object') return Object.keys(p).length > 0;
  return true;
}

function rangeItems(v: Value): [Value, Value][] {
  const p = plain(v);
  if (p === null) return [];
  if (Array.isArray(p)) return p.map((x, i) => [i, x]);
  if (typeof p === 'object') return Object.keys(p).sort().map(k => [k, p[k]]);
  throw new TemplateError(`range can't iterate over ${printValue(p)}`);
}

function compare(a: Value, b: Value, op: string): number {
  const x = plain(a);
  const y = plain(b);
  const kind = (v: unknown) => (typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'other');
  if (kind(x) === 'other' || kind(y) === 'other') throw new TemplateError(`error calling ${op}: invalid type for comparison`);
  if (kind(x) !== kind(y)) throw new TemplateError(`error calling ${op}: incompatible types for comparison`);
  if (kind(x) === 'bool' && op !== 'eq' && op !== 'ne') throw new TemplateError(`error calling ${op}: invalid type for comparison`);
  return x === y ? 0 : (x as any) < (y as any) ? -1 : 1;
}

/** A value as Go's fmt prints it with %v. */
function printValue(v: Value): string {
  const p = plain(v);
  if (p === null) return '<no value>';
  if (Array.isArray(p)) return `[${p.map(printValue).join(' ')}]`;
  if (typeof p === 'object') return `map[${Object.keys(p).sort().map(k => `${k}:${printValue(p[k])}`).join(' ')}]`;
  return String(p);
}

/** fmt.Sprint: a space between operands when neither is a string. */
function goSprint(args: Value[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof plain(a) !== 'string' && typeof plain(args[i - 1]) !== 'string') out += ' ';
    out += printValue(a);
  });
  return out;
}

/** fmt.Sprintf for the verbs a configuration file uses: %s %v %d %q %t %x %f and %%. */
function sprintf(format: string, args: Value[]): string {
  let n = 0;
  return format.replace(/%([-+# 0]*)(\d*)(?:\.(\d+))?([a-zA-Z%])/g, (whole, flags: string, width: string, prec: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (n >= args.length) return `%!${verb}(MISSING)`;
    const v = plain(args[n++]);
    let s: string;
    switch (verb) {
      case 's': case 'v': s = printValue(v); break;
      case 'd':
        if (typeof v !== 'number' || !Number.isInteger(v)) return `%!d(${typeName(v)}=${printValue(v)})`;
        s = String(v);
        break;
      case 'q': s = JSON.stringify(printValue(v)); break;
      case 't': s = printValue(v); break;
      case 'x': s = typeof v === 'number' ? v.toString(16) : Buffer.from(printValue(v)).toString('hex'); break;
      case 'f': s = typeof v === 'number' ? v.toFixed(prec === undefined ? 6 : Number(prec)) : `%!f(${typeName(v)}=${printValue(v)})`; break;
      default: throw new TemplateError(`printf verb ${JSON.stringify(whole)} is not supported here`);
    }
    const w = Number(width || 0);
    if (s.length < w) s = flags.includes('-') ? s.padEnd(w) : s.padStart(w, flags.includes('0') && verb !== 's' ? '0' : ' ');
    return s;
  }) + (n < args.length ? `%!(EXTRA ${args.slice(n).map(a => `${typeName(plain(a))}=${printValue(a)}`).join(', ')})` : '');
}

/** Go's regexp replacement template ($1, ${1}, $name, ${name}, $$) in JavaScript's syntax. */
function goReplacement(to: string): string {
  return to.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (_m, all: string, braced?: string, bare?: string) => {
    if (all === '$') return '$$';
    const name = braced ?? bare!;
    return /^\d+$/.test(name) ? `$${name}` : `$<${name}>`;
  });
}

/**
 * Renders a ContainerPilot configuration file: `env` is both the data (`.NAME`) and
 * what `env "NAME"` reads.
 */
export function renderGoTemplate(text: string, env: Record<string, string>): TemplateResult {
  const problems: TemplateProblem[] = [];
  const nodes = parse(text, problems);
  const ev = new Evaluator(env);
  const output = ev.run(nodes);
  problems.push(...ev.problems);
  problems.sort((a, b) => a.line - b.line);
  // A value printed inside a JSON5 comment changes nothing the parser reads.
  const inComment = commentMask(output);
  const unfilled = new Map<string, number>();
  for (const m of ev.printedMissing) {
    if (!inComment(m.offset) && !unfilled.has(m.name)) unfilled.set(m.name, m.line);
  }
  return { output, problems, unfilled };
}

/** Whether an offset of a JSON5 text lies in a comment (strings are skipped over). */
function commentMask(text: string): (offset: number) => boolean {
  const ranges: [number, number][] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === '\'') {
      for (i++; i < text.length && text[i] !== c && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
      i++;
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      ranges.push([i, end < 0 ? text.length : end]);
      i = end < 0 ? text.length : end;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      ranges.push([i, end < 0 ? text.length : end + 2]);
      i = end < 0 ? text.length : end + 2;
    } else {
      i++;
    }
  }
  // the ranges are in order: find the last one starting at or before the offset
  return offset => {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (ranges[mid][0] <= offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && offset < ranges[hi][1];
  };
}
