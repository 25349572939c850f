/**
 * The part of Go's text/template that kubectl's `-o go-template=…` users write: `{{.a.b}}`,
 * `{{range}}`/`{{if}}`/`{{with}}` (with `else`), variables, pipelines, trim markers, comments, and
 * the functions kubectl adds (`base64decode`, `exists`) next to the builtins (`index`, `printf`,
 * `len`, `eq`…). Values print as fmt.Fprint does; a missing map key as `<no value>`.
 */
import { type JsonValue, goQuote, goValue, isJsonObject } from './go-format.js';

export class GoTemplateError extends Error {}

/** A value in the template engine; `MISSING` is Go's invalid reflect.Value (a missing map key). */
const MISSING = Symbol('missing');
type Value = JsonValue | typeof MISSING | undefined;

// ---- parsing -------------------------------------------------------------------------------

/** Where a node starts in the template (a byte offset) and how text/template names it in errors. */
interface Position {
  pos: number;
  text: string;
}

type Arg = Position &
  (
    | { kind: 'field'; base: 'dot' | string; path: string[]; pipe?: Pipeline }
    | { kind: 'literal'; value: JsonValue }
    | { kind: 'call'; name: string }
    | { kind: 'pipe'; pipe: Pipeline }
  );

interface Command {
  args: Arg[];
}

interface Pipeline {
  decl: string[];
  assign: boolean;
  commands: Command[];
}

type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipe: Pipeline }
  | { kind: 'if' | 'with'; pipe: Pipeline; body: TemplateNode[]; otherwise: TemplateNode[] }
  | { kind: 'range'; pipe: Pipeline; body: TemplateNode[]; otherwise: TemplateNode[] };

interface Token {
  text: string;
  line: number;
  /** Offset in the template. */
  pos: number;
}

/** Split the template into text and `{{…}}` actions, applying the `{{-` / `-}}` trim markers. */
type Part = { text: string } | { action: string; line: number; offset: number };

function lex(template: string, name: string): Part[] {
  const parts: Part[] = [];
  let pos = 0;
  while (pos < template.length) {
    const open = template.indexOf('{{', pos);
    if (open < 0) {
      parts.push({ text: template.slice(pos) });
      break;
    }
    let text = template.slice(pos, open);
    let start = open + 2;
    if (/^- /.test(template.slice(start, start + 2)) || template.slice(start, start + 2) === '-\t' || template.slice(start, start + 2) === '-\n') {
      text = text.replace(/\s+$/, '');
      start += 1;
    }
    if (text) parts.push({ text });
    const line = template.slice(0, open).split('\n').length;
    const close = findClose(template, start, name, line);
    let end = close;
    let after = close + 2;
    if (/[ \t\n]-$/.test(template.slice(close - 2, close))) {
      end = close - 1;
      const rest = template.slice(after);
      after += rest.length - rest.replace(/^\s+/, '').length;
    }
    const body = template.slice(start, end);
    parts.push({ action: body.trim(), line, offset: start + (body.length - body.trimStart().length) });
    pos = after;
  }
  return parts;
}

function findClose(template: string, from: number, name: string, line: number): number {
  let quote = '';
  for (let i = from; i < template.length; i++) {
    const ch = template[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === '`' || ch === "'") quote = ch;
    else if (template.startsWith('}}', i)) return i;
  }
  throw new GoTemplateError(`template: ${name}:${line}: unclosed action`);
}

function tokenize(action: string, name: string, line: number, offset: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < action.length) {
    const ch = action[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    let j = i + 1;
    if (ch === '"') {
      while (j < action.length && action[j] !== '"') j += action[j] === '\\' ? 2 : 1;
      j++;
    } else if (ch === '`') {
      j = action.indexOf('`', i + 1) + 1;
      if (j === 0) throw new GoTemplateError(`template: ${name}:${line}: unterminated raw quoted string`);
    } else if (ch === '(' || ch === ')' || ch === '|') {
      // single-character token
    } else if (action.startsWith(':=', i)) j = i + 2;
    else if (ch === '=' || ch === ',') j = i + 1;
    else {
      while (j < action.length && !/[\s()|,]/.test(action[j]!) && !action.startsWith(':=', j)) j++;
    }
    tokens.push({ text: action.slice(i, j), line, pos: offset + i });
    i = j;
  }
  return tokens;
}

function unquote(text: string, name: string, line: number): string {
  if (text.startsWith('`')) return text.slice(1, -1);
  try {
    return JSON.parse(text.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as string;
  } catch {
    throw new GoTemplateError(`template: ${name}:${line}: invalid syntax`);
  }
}

class TemplateParser {
  private pos = 0;
  private tokens: Token[] = [];

  constructor(
    private readonly name: string,
    private readonly vars: Set<string>,
  ) {}

  pipeline(tokens: Token[], line: number): Pipeline {
    this.tokens = tokens;
    this.pos = 0;
    const pipe = this.parsePipe(line);
    if (this.pos < this.tokens.length) throw this.error(line, `unexpected "${this.tokens[this.pos]!.text}" in command`);
    return pipe;
  }

  private error(line: number, message: string): GoTemplateError {
    return new GoTemplateError(`template: ${this.name}:${line}: ${message}`);
  }

  private parsePipe(line: number): Pipeline {
    const decl: string[] = [];
    let assign = false;
    const save = this.pos;
    const names: string[] = [];
    while (this.tokens[this.pos]?.text.startsWith('$')) {
      names.push(this.tokens[this.pos]!.text);
      this.pos++;
      if (this.tokens[this.pos]?.text === ',') {
        this.pos++;
        continue;
      }
      break;
    }
    const op = this.tokens[this.pos]?.text;
    if (names.length > 0 && (op === ':=' || op === '=')) {
      this.pos++;
      decl.push(...names);
      assign = op === '=';
      for (const n of names) if (!assign) this.vars.add(n);
    } else this.pos = save;
    const commands: Command[] = [];
    for (;;) {
      const args: Arg[] = [];
      while (this.pos < this.tokens.length && this.tokens[this.pos]!.text !== '|' && this.tokens[this.pos]!.text !== ')') args.push(this.parseArg(line));
      if (args.length === 0) throw this.error(line, commands.length === 0 ? 'missing value for command' : 'missing command');
      commands.push({ args });
      if (this.tokens[this.pos]?.text !== '|') break;
      this.pos++;
    }
    return { decl, assign, commands };
  }

  private parseArg(line: number): Arg {
    const token = this.tokens[this.pos++]!;
    const text = token.text;
    const at = { pos: token.pos, text };
    /** A field chain's position is its last field's, as text/template reports it. */
    const fieldAt = { pos: token.pos + Math.max(0, text.lastIndexOf('.')), text };
    if (text === '(') {
      const pipe = this.parsePipe(line);
      if (this.tokens[this.pos]?.text !== ')') throw this.error(line, 'unclosed left paren');
      this.pos++;
      const next = this.tokens[this.pos];
      if (next?.text.startsWith('.') && !/^\.\d/.test(next.text)) {
        this.pos++;
        return { kind: 'field', base: '', path: next.text.split('.').slice(1), pipe, pos: next.pos + next.text.lastIndexOf('.'), text: `(${text})${next.text}` };
      }
      return { kind: 'pipe', pipe, ...at };
    }
    if (text.startsWith('"') || text.startsWith('`')) return { kind: 'literal', value: unquote(text, this.name, line), pos: token.pos, text: goQuote(unquote(text, this.name, line)) };
    if (text === 'true' || text === 'false') return { kind: 'literal', value: text === 'true', ...at };
    if (text === 'nil') return { kind: 'literal', value: null, ...at };
    if (/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+|0x[0-9a-fA-F]+)$/.test(text)) return { kind: 'literal', value: Number(text), ...at };
    if (text.startsWith("'")) return { kind: 'literal', value: unquote(`"${text.slice(1, -1)}"`, this.name, line).codePointAt(0) ?? 0, ...at };
    if (text === '.') return { kind: 'field', base: 'dot', path: [], ...at };
    if (text.startsWith('.')) return { kind: 'field', base: 'dot', path: text.split('.').slice(1), ...fieldAt };
    if (text.startsWith('$')) {
      const [variable, ...path] = text.split('.');
      if (!this.vars.has(variable!)) throw this.error(line, `undefined variable "${variable}"`);
      return { kind: 'field', base: variable!, path, ...(path.length > 0 ? fieldAt : at) };
    }
    if (!FUNCTIONS[text]) throw this.error(line, `function "${text}" not defined`);
    return { kind: 'call', name: text, ...at };
  }
}

export interface ParsedTemplate {
  name: string;
  text: string;
  nodes: TemplateNode[];
}

/** Parse a template as template.New(name).Parse does, with kubectl's functions defined. */
export function parseGoTemplate(template: string, name = 'output'): ParsedTemplate {
  const parts = lex(template, name);
  const parser = new TemplateParser(name, new Set(['$']));
  let index = 0;
  const parseList = (closers: string[]): { nodes: TemplateNode[]; closer: string; closerAction?: { closer: string; offset: number }; line: number } => {
    const nodes: TemplateNode[] = [];
    while (index < parts.length) {
      const part = parts[index++]!;
      if ('text' in part) {
        nodes.push({ kind: 'text', text: part.text });
        continue;
      }
      const action = part.action;
      if (action.startsWith('/*')) {
        if (!action.endsWith('*/')) throw new GoTemplateError(`template: ${name}:${part.line}: unclosed comment`);
        continue;
      }
      const keyword = /^(if|range|with|else|end|define|template|block)\b/.exec(action)?.[1];
      if (keyword === 'end' || keyword === 'else') {
        if (!closers.includes(keyword)) throw new GoTemplateError(`template: ${name}:${part.line}: unexpected {{${keyword}}}`);
        return { nodes, closer: keyword, closerAction: { closer: action, offset: part.offset }, line: part.line };
      }
      if (keyword === 'if' || keyword === 'with' || keyword === 'range') {
        nodes.push(parseControl(keyword, action.slice(keyword.length), part.line, part.offset + keyword.length));
        continue;
      }
      if (keyword) throw new GoTemplateError(`template: ${name}:${part.line}: {{${keyword}}} is not supported in this lab`);
      if (action === '') throw new GoTemplateError(`template: ${name}:${part.line}: missing value for command`);
      nodes.push({ kind: 'action', pipe: parser.pipeline(tokenize(action, name, part.line, part.offset), part.line) });
    }
    if (closers.length > 0) throw new GoTemplateError(`template: ${name}:${parts.length}: unexpected EOF`);
    return { nodes, closer: '', line: 0 };
  };
  const parseControl = (kind: 'if' | 'with' | 'range', rest: string, line: number, offset: number): TemplateNode => {
    if (rest.trim() === '') throw new GoTemplateError(`template: ${name}:${line}: missing value for ${kind}`);
    const pipe = parser.pipeline(tokenize(rest, name, line, offset), line);
    const body = parseList(['end', 'else']);
    let otherwise: TemplateNode[] = [];
    if (body.closer === 'else') {
      const elseRest = body.closerAction!.closer.slice(4).trim();
      if (elseRest.startsWith('if') && kind === 'if') {
        const at = body.closerAction!.offset + body.closerAction!.closer.indexOf('if') + 2;
        otherwise = [parseControl('if', elseRest.slice(2), body.line, at)];
      } else {
        otherwise = parseList(['end']).nodes;
      }
    }
    return { kind, pipe, body: body.nodes, otherwise };
  };
  return { name, text: template, nodes: parseList([]).nodes };
}

// ---- execution -----------------------------------------------------------------------------

function truth(value: Value): boolean {
  if (value === MISSING || value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return Object.keys(value).length > 0;
}

/** How text/template prints a value (fmt.Fprint; float64 numbers, `<no value>` for missing). */
function printValue(value: Value): string {
  if (value === MISSING || value === undefined || value === null) return '<no value>';
  return goValue(value);
}

/** fmt.Sprintf for the verbs templates use: %s %v %d %q %f %t %x with width, precision and `-`. */
function sprintf(format: string, args: Value[]): string {
  let argIndex = 0;
  return format.replace(/%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (_m, flags: string, width?: string, precision?: string, verb?: string) => {
    if (verb === '%') return '%';
    if (argIndex >= args.length) return `%!${verb}(MISSING)`;
    const arg = args[argIndex++];
    let text: string;
    switch (verb) {
      case 'd':
        text = typeof arg === 'number' && Number.isInteger(arg) ? String(arg) : `%!d(${typeName(arg)}=${printValue(arg)})`;
        break;
      case 'f':
        text = typeof arg === 'number' ? arg.toFixed(precision ? Number(precision) : 6) : `%!f(${typeName(arg)}=${printValue(arg)})`;
        break;
      case 'q':
        text = typeof arg === 'string' ? goQuote(arg) : printValue(arg);
        break;
      case 'x':
        text = typeof arg === 'string' ? Buffer.from(arg).toString('hex') : typeof arg === 'number' ? arg.toString(16) : printValue(arg);
        break;
      default:
        text = printValue(arg);
        if (precision && verb === 's') text = text.slice(0, Number(precision));
    }
    const w = width ? Number(width) : 0;
    if (text.length < w) text = flags.includes('-') ? text.padEnd(w) : text.padStart(w, flags.includes('0') && verb !== 's' ? '0' : ' ');
    return text;
  }) + (argIndex < args.length ? `%!(EXTRA ${args.slice(argIndex).map((a) => `${typeName(a)}=${printValue(a)}`).join(', ')})` : '');
}

/** The Go type of a decoded value (whole numbers decode as int64). */
function typeName(value: Value): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return '[]interface {}';
  if (value === null || value === undefined || value === MISSING) return '<nil>';
  return 'map[string]interface {}';
}

/** The type of a template literal or value passed as an argument (`1` is an int). */
function literalType(value: Value): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float64';
  return typeName(value);
}

function basicCompare(name: string, a: Value, b: Value): number {
  const kind = (v: Value): string => (typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'other');
  if (kind(a) === 'other' || kind(b) === 'other') throw new GoTemplateError(`error calling ${name}: invalid type for comparison`);
  if (kind(a) !== kind(b)) throw new GoTemplateError(`error calling ${name}: incompatible types for comparison`);
  return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
}

type TemplateFunction = (args: Value[]) => Value;

const FUNCTIONS: Record<string, TemplateFunction> = {
  index: (args) => {
    let value = args[0];
    for (const key of args.slice(1)) {
      if (value === MISSING || value === undefined || value === null) throw new GoTemplateError('error calling index: index of untyped nil');
      if (Array.isArray(value)) {
        if (typeof key !== 'number') throw new GoTemplateError(`error calling index: cannot index slice/array with type ${literalType(key)}`);
        if (key < 0 || key >= value.length) throw new GoTemplateError(`error calling index: index out of range: ${printValue(key)}`);
        value = value[key];
      } else if (isJsonObject(value)) {
        if (typeof key !== 'string') throw new GoTemplateError(`error calling index: value has type ${literalType(key)}; should be string`);
        value = key in value ? value[key] : MISSING;
      }
      else throw new GoTemplateError(`error calling index: can't index item of type ${typeName(value)}`);
    }
    return value === MISSING ? null : value;
  },
  len: (args) => {
    const v = args[0];
    if (typeof v === 'string' || Array.isArray(v)) return v.length;
    if (isJsonObject(v)) return Object.keys(v).length;
    throw new GoTemplateError(`error calling len: len of type ${typeName(v)}`);
  },
  printf: (args) => sprintf(typeof args[0] === 'string' ? args[0] : '', args.slice(1)),
  print: (args) => args.map((a, i) => (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string' ? ' ' : '') + printValue(a)).join(''),
  println: (args) => `${args.map(printValue).join(' ')}\n`,
  not: (args) => !truth(args[0]),
  and: (args) => args.find((a) => !truth(a)) ?? args[args.length - 1] ?? null,
  or: (args) => args.find((a) => truth(a)) ?? args[args.length - 1] ?? null,
  eq: (args) => args.slice(1).some((b) => basicCompare('eq', args[0], b) === 0),
  ne: (args) => basicCompare('ne', args[0], args[1]) !== 0,
  lt: (args) => basicCompare('lt', args[0], args[1]) < 0,
  le: (args) => basicCompare('le', args[0], args[1]) <= 0,
  gt: (args) => basicCompare('gt', args[0], args[1]) > 0,
  ge: (args) => basicCompare('ge', args[0], args[1]) >= 0,
  base64decode: (args) => {
    const text = typeof args[0] === 'string' ? args[0] : '';
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new GoTemplateError(`error calling base64decode: base64 decode failed: illegal base64 data at input byte ${text.length}`);
    return Buffer.from(text, 'base64').toString('utf8');
  },
  exists: (args) => {
    let value = args[0];
    for (const key of args.slice(1)) {
      if (!isJsonObject(value) || typeof key !== 'string' || !(key in value)) return false;
      value = value[key];
    }
    return true;
  },
};

class Executor {
  private out = '';
  private vars: Array<Map<string, Value>> = [];

  constructor(
    private readonly template: ParsedTemplate,
    private readonly missingKeyError: boolean,
  ) {}

  /** text/template's ExecError: `template: output:1:7: executing "output" at <.kind.x>: …`. */
  private fail(at: Position, message: string): GoTemplateError {
    const before = this.template.text.slice(0, at.pos);
    const line = before.split('\n').length;
    const column = at.pos - (before.lastIndexOf('\n') + 1);
    const name = this.template.name;
    return new GoTemplateError(`template: ${name}:${line}:${column}: executing "${name}" at <${at.text}>: ${message}`);
  }

  run(nodes: TemplateNode[], dot: Value): string {
    this.vars = [new Map([['$', dot]])];
    this.list(nodes, dot);
    return this.out;
  }

  private lookupVar(name: string): Value {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.has(name)) return this.vars[i]!.get(name);
    throw new GoTemplateError(`template: ${this.template.name}: undefined variable: ${name}`);
  }

  private list(nodes: TemplateNode[], dot: Value): void {
    for (const node of nodes) {
      switch (node.kind) {
        case 'text':
          this.out += node.text;
          break;
        case 'action': {
          const value = this.pipe(node.pipe, dot);
          if (node.pipe.decl.length === 0) this.out += printValue(value);
          break;
        }
        case 'if':
        case 'with': {
          this.vars.push(new Map());
          const value = this.pipe(node.pipe, dot);
          if (truth(value)) this.list(node.body, node.kind === 'with' ? value : dot);
          else this.list(node.otherwise, dot);
          this.vars.pop();
          break;
        }
        case 'range':
          this.range(node, dot);
          break;
      }
    }
  }

  private range(node: Extract<TemplateNode, { kind: 'range' }>, dot: Value): void {
    this.vars.push(new Map());
    const decl = node.pipe.decl;
    const value = this.pipe({ ...node.pipe, decl: [] }, dot);
    const entries: Array<[Value, Value]> = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : isJsonObject(value)
        ? Object.keys(value)
            .sort()
            .map((k) => [k, value[k]])
        : typeof value === 'number' && Number.isInteger(value)
          ? Array.from({ length: value }, (_, i) => [i, i])
          : [];
    if (value !== MISSING && value !== undefined && value !== null && !Array.isArray(value) && !isJsonObject(value) && typeof value !== 'number') {
      const first = node.pipe.commands[0]!.args[0]!;
      throw this.fail(first, `range can't iterate over ${printValue(value)}`);
    }
    if (entries.length === 0) this.list(node.otherwise, dot);
    for (const [key, item] of entries) {
      const scope = new Map<string, Value>();
      if (decl.length === 1) scope.set(decl[0]!, item);
      if (decl.length === 2) {
        scope.set(decl[0]!, key);
        scope.set(decl[1]!, item);
      }
      this.vars.push(scope);
      this.list(node.body, item);
      this.vars.pop();
    }
    this.vars.pop();
  }

  private pipe(pipe: Pipeline, dot: Value): Value {
    let value: Value = MISSING;
    pipe.commands.forEach((command, i) => {
      value = this.command(command, dot, i > 0 ? [value] : []);
    });
    if (pipe.decl.length > 0) {
      const target = pipe.assign ? this.vars.findLast((scope) => scope.has(pipe.decl[0]!)) : this.vars[this.vars.length - 1];
      (target ?? this.vars[this.vars.length - 1]!).set(pipe.decl[0]!, value);
    }
    return value;
  }

  private command(command: Command, dot: Value, piped: Value[]): Value {
    const [first, ...rest] = command.args;
    if (first!.kind === 'call') {
      const args = [...rest.map((a) => this.arg(a, dot)), ...piped];
      try {
        return FUNCTIONS[first!.name]!(args.map((a) => (a === MISSING ? null : a)));
      } catch (error) {
        if (!(error instanceof GoTemplateError)) throw error;
        throw this.fail({ pos: first!.pos, text: command.args.map((a) => a.text).join(' ') }, error.message);
      }
    }
    if (rest.length > 0 || piped.length > 0) throw this.fail(first!, `can't give argument to non-function ${first!.text}`);
    return this.arg(first!, dot);
  }

  private arg(arg: Arg, dot: Value): Value {
    switch (arg.kind) {
      case 'literal':
        return arg.value;
      case 'call':
        return FUNCTIONS[arg.name]!([]);
      case 'pipe':
        return this.pipe(arg.pipe, dot);
      case 'field': {
        let value: Value = arg.pipe ? this.pipe(arg.pipe, dot) : arg.base === 'dot' ? dot : this.lookupVar(arg.base);
        for (const key of arg.path) {
          if (isJsonObject(value)) {
            if (key in value) value = value[key];
            else if (this.missingKeyError) throw this.fail(arg, `map has no entry for key "${key}"`);
            else value = MISSING;
          } else if (value === MISSING || value === undefined) {
            return MISSING;
          } else if (value === null) {
            throw this.fail(arg, `nil pointer evaluating interface {}.${key}`);
          } else throw this.fail(arg, `can't evaluate field ${key} in type interface {}`);
        }
        return value;
      }
    }
  }
}

/** Execute a parsed template over `data`; throws GoTemplateError with text/template's wording. */
export function executeGoTemplate(template: ParsedTemplate, data: unknown, missingKeyError = false): string {
  return new Executor(template, missingKeyError).run(template.nodes, data as Value);
}
