/** Runs a jq filter over one input as jq does: every filter is a stream of outputs (a generator here). */
import type { Json } from './json-input.js';
import type { Ast } from './parser.js';
import { briefDump, compareJson, dumpJson, isObject, numberText, typeOf, type JsonObject } from './values.js';

/** A jq runtime error; `value` is what `error(…)` raised or the message jq prints. */
export class JqError extends Error {
  constructor(readonly value: Json) {
    super(typeof value === 'string' ? value : dumpJson(value, { indent: 0 }));
  }
}

type Env = ReadonlyMap<string, Json>;
type Path = Array<string | number>;

/** Built-ins by name/arity (jq reports anything else as `name/N is not defined`). */
export const BUILTINS: ReadonlySet<string> = new Set([
  'empty/0', 'not/0', 'length/0', 'utf8bytelength/0', 'keys/0', 'keys_unsorted/0', 'values/0', 'has/1', 'in/1', 'map/1', 'map_values/1', 'select/1',
  'to_entries/0', 'from_entries/0', 'with_entries/1', 'add/0', 'any/0', 'all/0', 'any/1', 'all/1', 'flatten/0', 'flatten/1', 'range/1', 'range/2',
  'floor/0', 'sqrt/0', 'tostring/0', 'tonumber/0', 'type/0', 'sort/0', 'sort_by/1', 'group_by/1', 'unique/0', 'unique_by/1', 'min/0', 'max/0',
  'min_by/1', 'max_by/1', 'reverse/0', 'contains/1', 'inside/1', 'startswith/1', 'endswith/1', 'ltrimstr/1', 'rtrimstr/1', 'explode/0', 'implode/0',
  'split/1', 'join/1', 'ascii_downcase/0', 'ascii_upcase/0', 'recurse/0', 'recurse/1', 'env/0', 'first/0', 'last/0', 'first/1', 'last/1', 'nth/1',
  'limit/2', 'until/2', 'error/0', 'error/1', 'test/1', 'test/2', 'match/1', 'capture/1', 'sub/2', 'gsub/2', 'tojson/0', 'fromjson/0', 'arrays/0',
  'objects/0', 'iterables/0', 'booleans/0', 'numbers/0', 'strings/0', 'nulls/0', 'scalars/0', 'paths/0', 'leaf_paths/0', 'getpath/1', 'del/1',
  'to_array/0', 'indices/1', 'index/1', 'rindex/1', 'splits/1', 'ascii/0', 'isempty/1', 'input_line_number/0', 'tostream/0', 'abs/0', 'ceil/0', 'round/0',
  'null/0', 'true/0', 'false/0', 'path/1', 'now/0', 'todate/0', 'halt/0', 'infinite/0', 'nan/0', 'isnan/0', 'debug/0', 'stderr/0', 'input/0', 'inputs/0',
  'splits/2', 'ltrimstr/0', 'getpath/0', 'setpath/2', 'delpaths/1', 'min_by/0', 'walk/1', 'transpose/0', 'combinations/0', 'env/1', 'builtins/0',
]);

export interface JqContext {
  readonly env: Readonly<Record<string, string>>;
  readonly now: () => number;
  /** Values read by `input`/`inputs`. */
  readonly inputs: Json[];
}

function fail(message: string): never {
  throw new JqError(message);
}

function indexValue(target: Json, key: Json): Json {
  if (target === null && (typeof key === 'string' || typeof key === 'number' || key === null)) return null;
  if (isObject(target) && typeof key === 'string') return key in target ? target[key]! : null;
  if (Array.isArray(target) && typeof key === 'number') {
    const i = Math.floor(key);
    return target[i < 0 ? target.length + i : i] ?? null;
  }
  if (Array.isArray(target) && Array.isArray(key)) return indicesOf(target, key);
  if (typeof key === 'string') fail(`Cannot index ${typeOf(target)} with string ${JSON.stringify(key)}`);
  return fail(`Cannot index ${typeOf(target)} with ${typeOf(key)}`);
}

function indicesOf(target: Json[] | string, key: Json): Json {
  const out: number[] = [];
  if (typeof target === 'string' && typeof key === 'string') {
    if (key === '') return null;
    for (let i = target.indexOf(key); i >= 0; i = target.indexOf(key, i + 1)) out.push(i);
    return out;
  }
  if (Array.isArray(target) && Array.isArray(key)) {
    if (key.length === 0) return null;
    for (let i = 0; i + key.length <= target.length; i++) if (key.every((k, j) => compareJson(k, target[i + j]!) === 0)) out.push(i);
    return out;
  }
  if (Array.isArray(target)) return indicesOf(target, [key]);
  return fail(`Cannot determine indices of ${typeOf(target)}`);
}

function iterate(value: Json): Json[] {
  if (Array.isArray(value)) return value;
  if (isObject(value)) return Object.values(value);
  return fail(`Cannot iterate over ${typeOf(value)}${value === null ? ' (null)' : ` (${briefDump(value)})`}`);
}

function truthy(value: Json): boolean {
  return value !== null && value !== false;
}

function add(a: Json, b: Json): Json {
  if (a === null) return b;
  if (b === null) return a;
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (isObject(a) && isObject(b)) return { ...a, ...b };
  return fail(`${typeOf(a)} (${briefDump(a)}) and ${typeOf(b)} (${briefDump(b)}) cannot be added`);
}

function deepMerge(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isObject(out[k] ?? null) && isObject(v) ? deepMerge(out[k] as JsonObject, v) : v;
  return out;
}

function arithmetic(op: string, a: Json, b: Json): Json {
  if (op === '+') return add(a, b);
  const cannot = (verb: string): never => fail(`${typeOf(a)} (${briefDump(a)}) and ${typeOf(b)} (${briefDump(b)}) cannot be ${verb}`);
  if (op === '-') {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (Array.isArray(a) && Array.isArray(b)) return a.filter((x) => !b.some((y) => compareJson(x, y) === 0));
    return cannot('subtracted');
  }
  if (op === '*') {
    if (typeof a === 'number' && typeof b === 'number') return a * b;
    if (typeof a === 'string' && typeof b === 'number') return b > 0 ? a.repeat(Math.max(0, Math.ceil(b))) : null;
    if (typeof b === 'string' && typeof a === 'number') return a > 0 ? b.repeat(Math.max(0, Math.ceil(a))) : null;
    if (isObject(a) && isObject(b)) return deepMerge(a, b);
    return cannot('multiplied');
  }
  if (op === '/') {
    if (typeof a === 'number' && typeof b === 'number') {
      if (b === 0) fail(`${typeOf(a)} (${briefDump(a)}) and ${typeOf(b)} (${briefDump(b)}) cannot be divided because the divisor is zero`);
      return a / b;
    }
    if (typeof a === 'string' && typeof b === 'string') return a === '' ? [] : a.split(b);
    return cannot('divided');
  }
  if (typeof a === 'number' && typeof b === 'number') {
    if (Math.trunc(b) === 0) fail(`${typeOf(a)} (${briefDump(a)}) and ${typeOf(b)} (${briefDump(b)}) cannot be divided because the divisor is zero`);
    return Math.trunc(a) % Math.trunc(b);
  }
  return cannot('divided');
}

function compare(op: string, a: Json, b: Json): boolean {
  const c = compareJson(a, b);
  return { '==': c === 0, '!=': c !== 0, '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 }[op] ?? false;
}

function keysOf(value: Json, sorted: boolean): Json[] {
  if (isObject(value)) return sorted ? Object.keys(value).sort() : Object.keys(value);
  if (Array.isArray(value)) return value.map((_, i) => i);
  return fail(`${typeOf(value)} (${briefDump(value)}) has no keys`);
}

function lengthOf(value: Json): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') fail(`boolean (${briefDump(value)}) has no length`);
  if (typeof value === 'number') return Math.abs(value);
  if (typeof value === 'string') return [...value].length;
  if (Array.isArray(value)) return value.length;
  return Object.keys(value).length;
}

function contains(a: Json, b: Json): boolean {
  if (typeOf(a) !== typeOf(b)) fail(`${typeOf(a)} (${briefDump(a)}) and ${typeOf(b)} (${briefDump(b)}) cannot have their containment checked`);
  if (typeof a === 'string') return a.includes(b as string);
  if (Array.isArray(a)) return (b as Json[]).every((x) => a.some((y) => typeOf(x) === typeOf(y) && contains(y, x)));
  if (isObject(a)) return Object.entries(b as JsonObject).every(([k, v]) => k in a && typeOf(a[k]!) === typeOf(v) && contains(a[k]!, v));
  return compareJson(a, b) === 0;
}

function requireString(value: Json, what: string): string {
  if (typeof value !== 'string') fail(`${typeOf(value)} (${briefDump(value)}) ${what}`);
  return value;
}

function toRegex(value: Json, flags: Json): RegExp {
  if (typeof value !== 'string') fail(`${typeOf(value)} (${briefDump(value)}) cannot be matched, as it is not a string`);
  const f = typeof flags === 'string' ? flags : '';
  return new RegExp(value, (f.includes('i') ? 'i' : '') + (f.includes('x') ? '' : '') + (f.includes('g') ? 'g' : '') + 'u');
}

function getPath(value: Json, path: readonly (string | number)[]): Json {
  let current = value;
  for (const key of path) current = indexValue(current, key);
  return current;
}

function setPath(value: Json, path: readonly (string | number)[], replacement: Json): Json {
  if (path.length === 0) return replacement;
  const [key, ...rest] = path as [string | number, ...Array<string | number>];
  if (typeof key === 'string') {
    if (value !== null && !isObject(value)) fail(`Cannot index ${typeOf(value)} with string ${JSON.stringify(key)}`);
    const object = (value ?? {}) as JsonObject;
    return { ...object, [key]: setPath(object[key] ?? null, rest, replacement) };
  }
  if (value !== null && !Array.isArray(value)) fail(`Cannot index ${typeOf(value)} with number`);
  const array = [...((value ?? []) as Json[])];
  const index = key < 0 ? array.length + key : key;
  if (index < 0) fail('Out of bounds negative array index');
  while (array.length < index) array.push(null);
  array[index] = setPath(array[index] ?? null, rest, replacement);
  return array;
}

function deletePaths(value: Json, paths: Path[]): Json {
  // Longest and highest indices first so earlier deletions do not shift later ones.
  const sorted = [...paths].sort((a, b) => compareJson(b, a));
  let result = value;
  for (const path of sorted) result = deletePath(result, path);
  return result;
}

function deletePath(value: Json, path: readonly (string | number)[]): Json {
  if (path.length === 0 || value === null) return path.length === 0 ? null : value;
  const [key, ...rest] = path as [string | number, ...Array<string | number>];
  if (isObject(value) && typeof key === 'string') {
    if (!(key in value)) return value;
    const copy = { ...value };
    if (rest.length === 0) delete copy[key];
    else copy[key] = deletePath(copy[key]!, rest);
    return copy;
  }
  if (Array.isArray(value) && typeof key === 'number') {
    const index = key < 0 ? value.length + key : key;
    if (index < 0 || index >= value.length) return value;
    const copy = [...value];
    if (rest.length === 0) copy.splice(index, 1);
    else copy[index] = deletePath(copy[index]!, rest);
    return copy;
  }
  return fail(`Cannot delete field at ${typeof key === 'string' ? 'object' : 'array'} index of ${typeOf(value)}`);
}

function firstOf<T>(items: Iterable<T>): T | undefined {
  for (const item of items) return item;
  return undefined;
}

export class JqEvaluator {
  constructor(private readonly context: JqContext) {}

  *run(ast: Ast, input: Json, env: Env = new Map()): Generator<Json> {
    switch (ast.kind) {
      case 'identity':
        yield input;
        return;
      case 'recurse':
        yield* this.recurse(input);
        return;
      case 'literal':
        yield ast.value;
        return;
      case 'field':
        for (const target of this.run(ast.target, input, env)) for (const key of this.run(ast.name, input, env)) yield indexValue(target, key);
        return;
      case 'slice':
        for (const target of this.run(ast.target, input, env)) yield this.slice(target, ast.from ? firstOf(this.run(ast.from, input, env)) ?? null : null, ast.to ? firstOf(this.run(ast.to, input, env)) ?? null : null);
        return;
      case 'iterate':
        for (const target of this.run(ast.target, input, env)) yield* iterate(target);
        return;
      case 'try':
        try {
          for (const value of this.run(ast.body, input, env)) yield value;
        } catch (error) {
          if (!(error instanceof JqError)) throw error;
          if (ast.handler) yield* this.run(ast.handler, error.value, env);
        }
        return;
      case 'string':
        yield* this.interpolate(ast.parts, ast.format, input, env);
        return;
      case 'format':
        yield this.format(ast.name, input);
        return;
      case 'array':
        yield ast.body ? [...this.run(ast.body, input, env)] : [];
        return;
      case 'object':
        yield* this.object(ast.entries, 0, {}, input, env);
        return;
      case 'pipe':
        for (const value of this.run(ast.left, input, env)) yield* this.run(ast.right, value, env);
        return;
      case 'comma':
        yield* this.run(ast.left, input, env);
        yield* this.run(ast.right, input, env);
        return;
      case 'alternative': {
        let any = false;
        try {
          for (const value of this.run(ast.left, input, env)) {
            if (truthy(value)) {
              any = true;
              yield value;
            }
          }
        } catch (error) {
          if (!(error instanceof JqError)) throw error;
        }
        if (!any) yield* this.run(ast.right, input, env);
        return;
      }
      case 'and':
      case 'or':
        for (const left of this.run(ast.left, input, env)) {
          if (ast.kind === 'and' && !truthy(left)) yield false;
          else if (ast.kind === 'or' && truthy(left)) yield true;
          else for (const right of this.run(ast.right, input, env)) yield truthy(right);
        }
        return;
      case 'binary':
        for (const right of this.run(ast.right, input, env)) {
          for (const left of this.run(ast.left, input, env)) {
            yield ['==', '!=', '<', '<=', '>', '>='].includes(ast.op) ? compare(ast.op, left, right) : arithmetic(ast.op, left, right);
          }
        }
        return;
      case 'negate':
        for (const value of this.run(ast.operand, input, env)) {
          if (typeof value !== 'number') fail(`${typeOf(value)} (${briefDump(value)}) cannot be negated`);
          yield -value;
        }
        return;
      case 'variable':
        if (ast.name === 'ENV') {
          yield { ...this.context.env };
          return;
        }
        if (!env.has(ast.name)) fail(`$${ast.name} is not defined`);
        yield env.get(ast.name)!;
        return;
      case 'bind':
        for (const value of this.run(ast.source, input, env)) yield* this.run(ast.body, input, new Map(env).set(ast.name, value));
        return;
      case 'if':
        for (const cond of this.run(ast.cond, input, env)) {
          if (truthy(cond)) yield* this.run(ast.then, input, env);
          else if (ast.otherwise) yield* this.run(ast.otherwise, input, env);
          else yield input;
        }
        return;
      case 'reduce':
        for (const init of this.run(ast.init, input, env)) {
          let acc: Json = init;
          for (const item of this.run(ast.source, input, env)) {
            let last: Json = null;
            for (const value of this.run(ast.update, acc, new Map(env).set(ast.name, item))) last = value;
            acc = last;
          }
          yield acc;
        }
        return;
      case 'assign':
        yield* this.assign(ast, input, env);
        return;
      case 'call':
        yield* this.call(ast.name, ast.args, input, env);
        return;
    }
  }

  private *recurse(value: Json): Generator<Json> {
    yield value;
    if (Array.isArray(value) || isObject(value)) for (const child of iterate(value)) yield* this.recurse(child);
  }

  private slice(target: Json, from: Json, to: Json): Json {
    if (target === null) return null;
    if (typeof target !== 'string' && !Array.isArray(target)) fail(`Cannot index ${typeOf(target)} with object`);
    const length = typeof target === 'string' ? [...target].length : target.length;
    const clamp = (v: Json, fallback: number): number => {
      if (v === null) return fallback;
      if (typeof v !== 'number') fail('Start and end indices of an array slice must be numbers');
      const n = Math.floor(v < 0 ? length + v : v);
      return Math.min(length, Math.max(0, n));
    };
    const start = clamp(from, 0);
    const end = Math.max(start, clamp(to, length));
    return typeof target === 'string' ? [...target].slice(start, end).join('') : target.slice(start, end);
  }

  private *interpolate(parts: ReadonlyArray<string | Ast>, format: string | undefined, input: Json, env: Env, index = 0, prefix = ''): Generator<Json> {
    if (index >= parts.length) {
      yield prefix;
      return;
    }
    const part = parts[index]!;
    if (typeof part === 'string') {
      yield* this.interpolate(parts, format, input, env, index + 1, prefix + part);
      return;
    }
    for (const value of this.run(part, input, env)) {
      const text = format ? (this.format(format, value) as string) : typeof value === 'string' ? value : dumpJson(value, { indent: 0 });
      yield* this.interpolate(parts, format, input, env, index + 1, prefix + text);
    }
  }

  private format(name: string, value: Json): Json {
    const text = (v: Json): string => (typeof v === 'string' ? v : dumpJson(v, { indent: 0 }));
    switch (name) {
      case '@text':
        return text(value);
      case '@json':
        return dumpJson(value, { indent: 0 });
      case '@base64':
        return Buffer.from(text(value), 'utf8').toString('base64');
      case '@base64d':
        return Buffer.from(text(value), 'base64').toString('utf8');
      case '@uri':
        return encodeURIComponent(text(value)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
      case '@html':
        return text(value).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&quot;' })[c]!);
      case '@csv':
      case '@tsv': {
        if (!Array.isArray(value)) fail(`${typeOf(value)} (${briefDump(value)}) cannot be ${name === '@csv' ? 'csv' : 'tsv'}-formatted, only an array can be`);
        return value
          .map((v) => {
            if (typeof v === 'number') return numberText(v);
            if (typeof v === 'boolean') return String(v);
            if (v === null) return '';
            if (typeof v !== 'string') fail(`${typeOf(v)} (${briefDump(v)}) is not valid in a csv row`);
            return name === '@csv' ? `"${v.replace(/"/g, '""')}"` : v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
          })
          .join(name === '@csv' ? ',' : '\t');
      }
      case '@sh': {
        const quote = (v: Json): string => {
          if (typeof v === 'string') return `'${v.replace(/'/g, `'\\''`)}'`;
          if (Array.isArray(v) || isObject(v)) fail(`${typeOf(v)} (${briefDump(v)}) can not be escaped for shell`);
          return dumpJson(v, { indent: 0 });
        };
        return Array.isArray(value) ? value.map(quote).join(' ') : quote(value);
      }
      default:
        return fail(`${name.slice(1)} is not a valid format`);
    }
  }

  private *object(entries: ReadonlyArray<{ key: Ast; value: Ast }>, index: number, built: JsonObject, input: Json, env: Env): Generator<Json> {
    if (index >= entries.length) {
      yield built;
      return;
    }
    const entry = entries[index]!;
    for (const key of this.run(entry.key, input, env)) {
      if (typeof key !== 'string') fail(`Object keys must be strings`);
      for (const value of this.run(entry.value, input, env)) yield* this.object(entries, index + 1, { ...built, [key]: value }, input, env);
    }
  }

  /** The paths a path expression (`.a.b`, `.items[]`, `select(…)`) refers to. */
  *paths(ast: Ast, input: Json, env: Env, prefix: Path = []): Generator<Path> {
    switch (ast.kind) {
      case 'identity':
        yield prefix;
        return;
      case 'recurse': {
        const walk = function* (value: Json, path: Path): Generator<Path> {
          yield path;
          if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* walk(value[i]!, [...path, i]);
          else if (isObject(value)) for (const k of Object.keys(value)) yield* walk(value[k]!, [...path, k]);
        };
        yield* walk(getPath(input, prefix), prefix);
        return;
      }
      case 'field':
        for (const target of this.paths(ast.target, input, env, prefix)) {
          for (const key of this.run(ast.name, input, env)) {
            if (typeof key !== 'string' && typeof key !== 'number') fail(`Cannot index ${typeOf(getPath(input, target))} with ${typeOf(key)}`);
            indexValue(getPath(input, target), key);
            yield [...target, key];
          }
        }
        return;
      case 'iterate':
        for (const target of this.paths(ast.target, input, env, prefix)) {
          const value = getPath(input, target);
          if (value === null) continue;
          const keys = Array.isArray(value) ? value.map((_, i) => i) : isObject(value) ? Object.keys(value) : iterate(value);
          for (const key of keys as Array<string | number>) yield [...target, key];
        }
        return;
      case 'pipe':
        for (const left of this.paths(ast.left, input, env, prefix)) yield* this.paths(ast.right, input, env, left);
        return;
      case 'comma':
        yield* this.paths(ast.left, input, env, prefix);
        yield* this.paths(ast.right, input, env, prefix);
        return;
      case 'try':
        try {
          for (const path of this.paths(ast.body, input, env, prefix)) yield path;
        } catch (error) {
          if (!(error instanceof JqError)) throw error;
        }
        return;
      case 'if':
        for (const cond of this.run(ast.cond, getPath(input, prefix), env)) {
          if (truthy(cond)) yield* this.paths(ast.then, input, env, prefix);
          else if (ast.otherwise) yield* this.paths(ast.otherwise, input, env, prefix);
          else yield prefix;
        }
        return;
      case 'call':
        if (ast.name === 'select' && ast.args.length === 1) {
          for (const cond of this.run(ast.args[0]!, getPath(input, prefix), env)) if (truthy(cond)) yield prefix;
          return;
        }
        if (ast.name === 'empty') return;
        if (ast.name === 'getpath' && ast.args.length === 1) {
          for (const path of this.run(ast.args[0]!, input, env)) yield [...prefix, ...(path as Path)];
          return;
        }
        if ((ast.name === 'first' || ast.name === 'last') && ast.args.length === 0) {
          yield [...prefix, ast.name === 'first' ? 0 : -1];
          return;
        }
        break;
      case 'bind':
        for (const value of this.run(ast.source, getPath(input, prefix), env)) yield* this.paths(ast.body, input, new Map(env).set(ast.name, value), prefix);
        return;
      default:
        break;
    }
    const value = firstOf(this.run(ast, getPath(input, prefix), env));
    fail(`Invalid path expression with result ${value === undefined ? 'null' : briefDump(value)}`);
  }

  private *assign(ast: Extract<Ast, { kind: 'assign' }>, input: Json, env: Env): Generator<Json> {
    if (ast.op === '=') {
      for (const value of this.run(ast.value, input, env)) {
        let result = input;
        for (const path of this.paths(ast.path, input, env)) result = setPath(result, path, value);
        yield result;
      }
      return;
    }
    if (ast.op === '|=') {
      let result = input;
      for (const path of this.paths(ast.path, input, env)) {
        const updated = firstOf(this.run(ast.value, getPath(result, path), env));
        result = updated === undefined ? deletePaths(result, [path]) : setPath(result, path, updated);
      }
      yield result;
      return;
    }
    const op = ast.op.slice(0, -1);
    for (const operand of this.run(ast.value, input, env)) {
      let result = input;
      for (const path of this.paths(ast.path, input, env)) {
        const current = getPath(result, path);
        result = setPath(result, path, op === '//' ? (truthy(current) ? current : operand) : arithmetic(op, current, operand));
      }
      yield result;
    }
  }

  private *call(name: string, args: readonly Ast[], input: Json, env: Env): Generator<Json> {
    const arg = (i: number): Generator<Json> => this.run(args[i]!, input, env);
    const one = (i: number): Json => firstOf(arg(i)) ?? null;
    const each = (f: Ast, value: Json): Json[] => [...this.run(f, value, env)];
    switch (`${name}/${args.length}`) {
      case 'empty/0':
        return;
      case 'null/0':
        yield null;
        return;
      case 'true/0':
        yield true;
        return;
      case 'false/0':
        yield false;
        return;
      case 'not/0':
        yield !truthy(input);
        return;
      case 'error/0':
        throw new JqError(input);
      case 'error/1':
        for (const value of arg(0)) throw new JqError(value);
        return;
      case 'length/0':
        yield lengthOf(input);
        return;
      case 'utf8bytelength/0':
        yield Buffer.byteLength(requireString(input, 'only strings have UTF-8 byte length'));
        return;
      case 'keys/0':
      case 'keys_unsorted/0':
        yield keysOf(input, name === 'keys');
        return;
      case 'values/0':
        if (input !== null) yield input;
        return;
      case 'has/1':
        for (const key of arg(0)) {
          if (isObject(input) && typeof key === 'string') yield key in input;
          else if (Array.isArray(input) && typeof key === 'number') yield key >= 0 && key < input.length;
          else fail(`Cannot check whether ${typeOf(input)} has a ${typeOf(key)} key`);
        }
        return;
      case 'in/1':
        for (const container of arg(0)) yield* this.call('has', [{ kind: 'literal', value: input }], container, env);
        return;
      case 'map/1':
        yield iterate(input).flatMap((v) => each(args[0]!, v));
        return;
      case 'map_values/1': {
        if (Array.isArray(input)) yield input.flatMap((v) => each(args[0]!, v).slice(0, 1));
        else if (isObject(input)) {
          const out: JsonObject = {};
          for (const [k, v] of Object.entries(input)) {
            const first = each(args[0]!, v)[0];
            if (first !== undefined) out[k] = first;
          }
          yield out;
        } else iterate(input);
        return;
      }
      case 'select/1':
        for (const cond of arg(0)) if (truthy(cond)) yield input;
        return;
      case 'to_entries/0':
        yield keysOf(input, false).map((k) => ({ key: k, value: indexValue(input, k) }));
        return;
      case 'from_entries/0': {
        const out: JsonObject = {};
        for (const entry of iterate(input)) {
          if (!isObject(entry)) fail(`Cannot index ${typeOf(entry)} with "key"`);
          const key = entry.key ?? entry.k ?? entry.name ?? entry.Name ?? entry.Key ?? entry.K ?? null;
          if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') fail(`Cannot use ${typeOf(key)} (${briefDump(key)}) as object key`);
          out[typeof key === 'string' ? key : dumpJson(key, { indent: 0 })] = entry.value ?? entry.v ?? entry.Value ?? entry.V ?? null;
        }
        yield out;
        return;
      }
      case 'with_entries/1': {
        const entries = keysOf(input, false).map((k) => ({ key: k, value: indexValue(input, k) }));
        const mapped = entries.flatMap((e) => each(args[0]!, e));
        yield* this.call('from_entries', [], mapped, env);
        return;
      }
      case 'add/0':
        yield iterate(input).reduce<Json>((acc, v) => add(acc, v), null);
        return;
      case 'any/0':
      case 'all/0':
        yield name === 'any' ? iterate(input).some(truthy) : iterate(input).every(truthy);
        return;
      case 'any/1':
      case 'all/1':
        yield name === 'any' ? iterate(input).some((v) => each(args[0]!, v).some(truthy)) : iterate(input).every((v) => each(args[0]!, v).every(truthy));
        return;
      case 'flatten/0':
      case 'flatten/1': {
        const depth = args.length > 0 ? one(0) : 1e9;
        if (typeof depth !== 'number' || depth < 0) fail('flatten depth must not be negative');
        const flat = (value: Json[], d: number): Json[] => value.flatMap((v) => (Array.isArray(v) && d > 0 ? flat(v, d - 1) : [v]));
        if (!Array.isArray(input)) fail(`Cannot iterate over ${typeOf(input)}`);
        yield flat(input, depth);
        return;
      }
      case 'range/1':
      case 'range/2': {
        const from = args.length === 2 ? one(0) : 0;
        const to = one(args.length - 1);
        if (typeof from !== 'number' || typeof to !== 'number') fail('Range bounds must be numeric');
        for (let i = from; i < to; i++) yield i;
        return;
      }
      case 'floor/0':
      case 'sqrt/0':
      case 'abs/0':
      case 'ceil/0':
      case 'round/0': {
        if (typeof input !== 'number') fail(`${typeOf(input)} (${briefDump(input)}) number required`);
        yield { floor: Math.floor, sqrt: Math.sqrt, abs: Math.abs, ceil: Math.ceil, round: Math.round }[name as 'floor'](input);
        return;
      }
      case 'tostring/0':
        yield typeof input === 'string' ? input : dumpJson(input, { indent: 0 });
        return;
      case 'tonumber/0':
        if (typeof input === 'number') yield input;
        else if (typeof input === 'string' && /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(input)) yield Number(input);
        else fail(`Cannot parse '${typeof input === 'string' ? input : briefDump(input)}' as JSON`);
        return;
      case 'type/0':
        yield typeOf(input);
        return;
      case 'sort/0':
        if (!Array.isArray(input)) fail(`${typeOf(input)} (${briefDump(input)}) cannot be sorted, as it is not an array`);
        yield [...input].sort(compareJson);
        return;
      case 'sort_by/1':
      case 'group_by/1':
      case 'unique_by/1':
      case 'min_by/1':
      case 'max_by/1': {
        if (!Array.isArray(input)) fail(`Cannot index ${typeOf(input)} with number`);
        const keyed = input.map((v) => ({ v, k: each(args[0]!, v) as Json })).sort((a, b) => compareJson(a.k, b.k));
        if (name === 'sort_by') yield keyed.map((e) => e.v);
        else if (name === 'min_by') yield keyed[0]?.v ?? null;
        else if (name === 'max_by') yield keyed.length > 0 ? keyed.filter((e) => compareJson(e.k, keyed[keyed.length - 1]!.k) === 0).pop()!.v : null;
        else {
          const groups: Json[][] = [];
          keyed.forEach((e, i) => {
            if (i > 0 && compareJson(e.k, keyed[i - 1]!.k) === 0) groups[groups.length - 1]!.push(e.v);
            else groups.push([e.v]);
          });
          yield name === 'group_by' ? groups : groups.map((g) => g[0]!);
        }
        return;
      }
      case 'unique/0':
        if (!Array.isArray(input)) fail(`${typeOf(input)} (${briefDump(input)}) cannot be sorted, as it is not an array`);
        yield [...input].sort(compareJson).filter((v, i, all) => i === 0 || compareJson(v, all[i - 1]!) !== 0);
        return;
      case 'min/0':
      case 'max/0': {
        if (!Array.isArray(input)) fail(`${typeOf(input)} (${briefDump(input)}) cannot be sorted, as it is not an array`);
        const sorted = [...input].sort(compareJson);
        yield (name === 'min' ? sorted[0] : sorted[sorted.length - 1]) ?? null;
        return;
      }
      case 'reverse/0':
        yield input === null ? [] : typeof input === 'string' ? [...input].reverse().join('') : [...(iterate(input) as Json[])].reverse();
        return;
      case 'contains/1':
        for (const b of arg(0)) yield contains(input, b);
        return;
      case 'inside/1':
        for (const b of arg(0)) yield contains(b, input);
        return;
      case 'startswith/1':
      case 'endswith/1':
        for (const b of arg(0)) {
          if (typeof input !== 'string' || typeof b !== 'string') fail(`${name}() requires string inputs`);
          yield name === 'startswith' ? input.startsWith(b) : input.endsWith(b);
        }
        return;
      case 'ltrimstr/1':
      case 'rtrimstr/1':
        for (const b of arg(0)) {
          if (typeof input === 'string' && typeof b === 'string') {
            if (name === 'ltrimstr' && input.startsWith(b)) yield input.slice(b.length);
            else if (name === 'rtrimstr' && input.endsWith(b) && b !== '') yield input.slice(0, input.length - b.length);
            else yield input;
          } else yield input;
        }
        return;
      case 'explode/0':
        yield [...requireString(input, 'cannot be exploded')].map((c) => c.codePointAt(0)!);
        return;
      case 'implode/0':
        yield String.fromCodePoint(...(iterate(input) as number[]));
        return;
      case 'split/1':
        for (const sep of arg(0)) {
          if (typeof input !== 'string' || typeof sep !== 'string') fail('split input and separator must be strings');
          yield input === '' ? [] : input.split(sep);
        }
        return;
      case 'join/1':
        for (const sep of arg(0)) {
          const parts = iterate(input).map((v) => {
            if (v === null) return '';
            if (typeof v === 'object') fail(`Cannot join with ${typeOf(v)}`);
            return typeof v === 'string' ? v : String(v);
          });
          if (parts.length === 0) yield '';
          else yield parts.join(requireString(sep, 'cannot be used as a separator'));
        }
        return;
      case 'ascii_downcase/0':
        yield requireString(input, 'cannot be ascii_downcased').replace(/[A-Z]/g, (c) => c.toLowerCase());
        return;
      case 'ascii_upcase/0':
        yield requireString(input, 'cannot be ascii_upcased').replace(/[a-z]/g, (c) => c.toUpperCase());
        return;
      case 'recurse/0':
        yield* this.recurse(input);
        return;
      case 'recurse/1': {
        const walk = function* (self: JqEvaluator, value: Json, depth: number): Generator<Json> {
          yield value;
          if (depth > 10_000) return;
          for (const child of self.run(args[0]!, value, env)) yield* walk(self, child, depth + 1);
        };
        yield* walk(this, input, 0);
        return;
      }
      case 'env/0':
        yield { ...this.context.env };
        return;
      case 'first/0':
        yield indexValue(input, 0);
        return;
      case 'last/0':
        yield indexValue(input, -1);
        return;
      case 'nth/1':
        for (const n of arg(0)) yield indexValue(input, n);
        return;
      case 'first/1': {
        const value = firstOf(arg(0));
        if (value !== undefined) yield value;
        return;
      }
      case 'last/1': {
        const all = [...arg(0)];
        if (all.length > 0) yield all[all.length - 1]!;
        return;
      }
      case 'limit/2': {
        const n = one(0);
        if (typeof n !== 'number' || n <= 0) return;
        let count = 0;
        for (const value of this.run(args[1]!, input, env)) {
          yield value;
          if (++count >= n) return;
        }
        return;
      }
      case 'isempty/1':
        yield firstOf(arg(0)) === undefined;
        return;
      case 'test/1':
      case 'test/2':
        for (const re of arg(0)) yield toRegex(re, args[1] ? one(1) : null).test(requireString(input, 'cannot be matched, as it is not a string'));
        return;
      case 'match/1':
      case 'capture/1':
        for (const re of arg(0)) {
          const text = requireString(input, 'cannot be matched, as it is not a string');
          const m = toRegex(re, null).exec(text);
          if (!m) continue;
          if (name === 'capture') yield { ...(m.groups ?? {}) };
          else
            yield {
              offset: m.index,
              length: m[0].length,
              string: m[0],
              captures: m.slice(1).map((c, i) => ({ offset: c === undefined ? -1 : text.indexOf(c, m.index), length: c?.length ?? 0, string: c ?? null, name: Object.keys(m.groups ?? {})[i] ?? null })),
            };
        }
        return;
      case 'sub/2':
      case 'gsub/2':
        for (const re of arg(0)) {
          const text = requireString(input, 'cannot be matched, as it is not a string');
          const regex = toRegex(re, name === 'gsub' ? 'g' : null);
          yield text.replace(regex, (...match: unknown[]) => {
            const groups = (typeof match[match.length - 1] === 'object' ? match[match.length - 1] : {}) as JsonObject;
            const replaced = firstOf(this.run(args[1]!, { ...groups }, env));
            return typeof replaced === 'string' ? replaced : fail(`${typeOf(replaced ?? null)} (${briefDump(replaced ?? null)}) cannot be added to a string`);
          });
        }
        return;
      case 'tojson/0':
        yield dumpJson(input, { indent: 0 });
        return;
      case 'fromjson/0': {
        const text = requireString(input, 'only strings can be parsed');
        try {
          yield JSON.parse(text) as Json;
        } catch {
          fail(`${text} (while parsing '${text}')`);
        }
        return;
      }
      case 'arrays/0':
      case 'objects/0':
      case 'booleans/0':
      case 'numbers/0':
      case 'strings/0':
      case 'nulls/0':
      case 'iterables/0':
      case 'scalars/0': {
        const t = typeOf(input);
        const keep = name === 'iterables' ? t === 'array' || t === 'object' : name === 'scalars' ? t !== 'array' && t !== 'object' : `${t}s` === name || (t === 'boolean' && name === 'booleans');
        if (keep) yield input;
        return;
      }
      case 'paths/0':
      case 'leaf_paths/0':
        for (const path of this.paths({ kind: 'recurse' }, input, env)) {
          if (path.length === 0) continue;
          const value = getPath(input, path);
          if (name === 'leaf_paths' && (Array.isArray(value) || isObject(value))) continue;
          yield path;
        }
        return;
      case 'path/1':
        yield* this.paths(args[0]!, input, env);
        return;
      case 'getpath/1':
        for (const path of arg(0)) {
          if (!Array.isArray(path)) fail('Path must be specified as an array');
          try {
            yield getPath(input, path as Path);
          } catch {
            yield null;
          }
        }
        return;
      case 'setpath/2':
        for (const path of arg(0)) for (const value of arg(1)) yield setPath(input, path as Path, value);
        return;
      case 'delpaths/1':
        for (const paths of arg(0)) yield deletePaths(input, paths as Path[]);
        return;
      case 'del/1':
        yield deletePaths(input, [...this.paths(args[0]!, input, env)]);
        return;
      case 'to_array/0':
        yield Array.isArray(input) ? input : [input];
        return;
      case 'indices/1':
      case 'index/1':
      case 'rindex/1':
        for (const key of arg(0)) {
          if (input === null) {
            yield null;
            continue;
          }
          const found = indicesOf(input as Json[] | string, key);
          yield name === 'indices' ? found : Array.isArray(found) ? ((name === 'index' ? found[0] : found[found.length - 1]) ?? null) : null;
        }
        return;
      case 'until/2': {
        let value = input;
        for (let guard = 0; guard < 1_000_000; guard++) {
          if (truthy(firstOf(this.run(args[0]!, value, env)) ?? null)) break;
          value = firstOf(this.run(args[1]!, value, env)) ?? null;
        }
        yield value;
        return;
      }
      case 'walk/1': {
        const walk = (value: Json): Json => {
          const inner = Array.isArray(value) ? value.map(walk) : isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)])) : value;
          return firstOf(this.run(args[0]!, inner, env)) ?? null;
        };
        yield walk(input);
        return;
      }
      case 'transpose/0': {
        const rows = iterate(input) as Json[][];
        const width = Math.max(0, ...rows.map((r) => r.length));
        yield Array.from({ length: width }, (_, i) => rows.map((r) => r[i] ?? null));
        return;
      }
      case 'now/0':
        yield this.context.now() / 1000;
        return;
      case 'todate/0':
        if (typeof input !== 'number') fail('strftime/1 requires parsed datetime inputs');
        yield new Date(input * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
        return;
      case 'infinite/0':
        yield Infinity;
        return;
      case 'nan/0':
        yield NaN;
        return;
      case 'isnan/0':
        yield typeof input === 'number' && Number.isNaN(input);
        return;
      case 'debug/0':
      case 'stderr/0':
        yield input;
        return;
      case 'input/0': {
        const next = this.context.inputs.shift();
        if (next === undefined) fail('No more inputs');
        yield next;
        return;
      }
      case 'inputs/0':
        while (this.context.inputs.length > 0) yield this.context.inputs.shift()!;
        return;
      case 'input_line_number/0':
        yield 0;
        return;
      case 'halt/0':
        return;
      case 'builtins/0':
        yield [...BUILTINS];
        return;
      default:
        fail(`${name}/${args.length} is not defined`);
    }
  }
}

/** Names a filter calls that jq does not define: jq reports them before reading input. */
export function undefinedCalls(ast: Ast, bound: ReadonlySet<string> = new Set()): string[] {
  const found: string[] = [];
  const visit = (node: Ast, vars: ReadonlySet<string>): void => {
    if (node.kind === 'call' && !BUILTINS.has(`${node.name}/${node.args.length}`)) found.push(`${node.name}/${node.args.length}`);
    if (node.kind === 'variable' && node.name !== 'ENV' && node.name !== '__loc__' && !vars.has(node.name)) found.push(`$${node.name}`);
    if (node.kind === 'bind') {
      visit(node.source, vars);
      visit(node.body, new Set([...vars, node.name]));
      return;
    }
    if (node.kind === 'reduce') {
      visit(node.source, vars);
      visit(node.init, vars);
      visit(node.update, new Set([...vars, node.name]));
      return;
    }
    for (const child of children(node)) visit(child, vars);
  };
  visit(ast, bound);
  return found;
}

function children(node: Ast): Ast[] {
  switch (node.kind) {
    case 'field':
      return [node.target, node.name];
    case 'slice':
      return [node.target, ...(node.from ? [node.from] : []), ...(node.to ? [node.to] : [])];
    case 'iterate':
      return [node.target];
    case 'try':
      return [node.body, ...(node.handler ? [node.handler] : [])];
    case 'string':
      return node.parts.filter((p): p is Ast => typeof p !== 'string');
    case 'array':
      return node.body ? [node.body] : [];
    case 'object':
      return node.entries.flatMap((e) => [e.key, e.value]);
    case 'pipe':
    case 'comma':
    case 'alternative':
    case 'and':
    case 'or':
    case 'binary':
      return [node.left, node.right];
    case 'negate':
      return [node.operand];
    case 'if':
      return [node.cond, node.then, ...(node.otherwise ? [node.otherwise] : [])];
    case 'call':
      return [...node.args];
    case 'assign':
      return [node.path, node.value];
    default:
      return [];
  }
}
