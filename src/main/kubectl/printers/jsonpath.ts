/**
 * kubectl's JSONPath dialect (client-go util/jsonpath): the template parser (`{…}` actions with
 * fields, `..`, `[*]`, slices, unions, filters, quoted text, `range`/`end`) and its evaluation over
 * decoded JSON, with the library's error messages and its result printing rules.
 */
import { type JsonValue, goTypeName, goValue, isJsonObject, goNumber } from './go-format.js';
import { toCompactJson, toJson } from './json-printer.js';

interface SliceParam {
  known: boolean;
  value: number;
}

type JsonPathNode =
  | { type: 'list'; nodes: JsonPathNode[] }
  | { type: 'text'; text: string }
  | { type: 'field'; name: string }
  | { type: 'array'; params: [SliceParam, SliceParam, SliceParam] }
  | { type: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: ListNode[] }
  | { type: 'identifier'; name: string };

type ListNode = { type: 'list'; nodes: JsonPathNode[] };

export class JsonPathError extends Error {}

const DICT_KEY = /^'([^']*)'$/;
const SLICE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/;

function isTerminator(ch: string | undefined): boolean {
  return ch === undefined || ' \t\r\n.,[]$@{}'.includes(ch);
}

function isAlphaNumeric(ch: string): boolean {
  return /^[\p{L}\p{Nd}_]$/u.test(ch);
}

/** strconv.UnquoteChar-based unquoting that also accepts single-quoted strings. */
function unquoteExtend(raw: string): string {
  const quote = raw[0]!;
  const body = raw.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      if (ch === quote) throw new JsonPathError(`unquote string ${raw} error invalid syntax`);
      out += ch;
      continue;
    }
    const next = body[++i];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"' };
    if (next !== undefined && simple[next] !== undefined) out += simple[next];
    else if (next === 'x' || next === 'u' || next === 'U') {
      const len = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new JsonPathError(`unquote string ${raw} error invalid syntax`);
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else throw new JsonPathError(`unquote string ${raw} error invalid syntax`);
  }
  return out;
}

class Parser {
  readonly root: ListNode = { type: 'list', nodes: [] };
  private pos = 0;
  private start = 0;

  constructor(private readonly input: string) {}

  parse(): ListNode {
    this.parseText(this.root);
    return this.root;
  }

  private consume(): string {
    const value = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return value;
  }

  private next(): string | undefined {
    if (this.pos >= this.input.length) return undefined;
    return this.input[this.pos++];
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consume() });
        this.pos += 1;
        this.consume();
        const action: ListNode = { type: 'list', nodes: [] };
        cur.nodes.push(action);
        this.parseInsideAction(action);
        return;
      }
      if (this.next() === undefined) break;
    }
    if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consume() });
  }

  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consume();
        this.parseText(this.root);
        return;
      }
      if (rest.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        const last = cur.nodes[cur.nodes.length - 1];
        if (last?.type === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
        this.pos += 2;
        this.consume();
        cur.nodes.push({ type: 'recursive' });
        const peek = this.input[this.pos];
        if (peek !== undefined && isAlphaNumeric(peek)) this.parseField(cur);
        continue;
      }
      const r = this.next();
      if (r === undefined || r === '\r' || r === '\n') throw new JsonPathError('unclosed action');
      if (r === ' ' || r === '@' || r === '$') this.consume();
      else if (r === '[') this.parseArray(cur);
      else if (r === '"' || r === "'") this.parseQuote(cur, r);
      else if (r === '.') this.parseField(cur);
      else if (r === '+' || r === '-' || /\d/.test(r)) {
        this.pos--;
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.pos--;
        this.parseIdentifier(cur);
      } else {
        const code = r.codePointAt(0)!;
        throw new JsonPathError(`unrecognized character in action: U+${code.toString(16).toUpperCase().padStart(4, '0')} '${r}'`);
      }
    }
  }

  private parseIdentifier(cur: ListNode): void {
    while (!isTerminator(this.input[this.pos])) this.pos++;
    const value = this.consume();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
  }

  private parseNumber(cur: ListNode): void {
    if (this.input[this.pos] === '+' || this.input[this.pos] === '-') this.pos++;
    while (this.pos < this.input.length && /[\d.]/.test(this.input[this.pos]!)) this.pos++;
    const value = this.consume();
    if (/^[+-]?\d+$/.test(value)) cur.nodes.push({ type: 'int', value: Number(value) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.nodes.push({ type: 'float', value: Number(value) });
    else throw new JsonPathError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const ch = this.next();
      if (ch === undefined || ch === '\n') throw new JsonPathError('unterminated array');
      if (ch === ']') break;
    }
    let text = this.consume().slice(1, -1);
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) {
      cur.nodes.push({ type: 'union', nodes: parts.map((p) => parseActionBody(`[${p.replace(/^ +| +$/g, '')}]`)) });
      return;
    }
    const dictKey = DICT_KEY.exec(text);
    if (dictKey) {
      cur.nodes.push(...parseActionBody(`.${dictKey[1]}`).nodes);
      return;
    }
    const slice = SLICE.exec(text);
    if (!slice) throw new JsonPathError(`invalid array index ${text}`);
    const params: [SliceParam, SliceParam, SliceParam] = [
      { known: false, value: 0 },
      { known: false, value: 0 },
      { known: false, value: 0 },
    ];
    for (let i = 0; i < 3; i++) {
      let part = slice[i + 1] ?? '';
      if (part !== '') {
        if (i > 0) part = part.slice(1);
        if (i > 0 && part === '') params[i] = { known: false, value: 0 };
        else {
          if (!/^[+-]?\d+$/.test(part)) throw new JsonPathError(`array index ${part} is not a number`);
          params[i] = { known: true, value: Number(part) };
        }
      } else if (i === 1) params[i] = { known: true, value: params[0].value + 1 };
    }
    cur.nodes.push({ type: 'array', params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const ch = this.next();
      if (ch === undefined || ch === '\n') throw new JsonPathError('unterminated filter');
      if (ch === '"' || ch === "'") {
        if (!begin) {
          begin = true;
          pair = ch;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && ch === pair) end = true;
      } else if (ch === ')' && begin === end) break;
    }
    if (this.next() !== ']') throw new JsonPathError('unclosed array expect ]');
    const text = this.consume().slice(0, -2);
    const match = FILTER.exec(text);
    if (!match) cur.nodes.push({ type: 'filter', left: parseActionBody(text), right: { type: 'list', nodes: [] }, operator: 'exists' });
    else cur.nodes.push({ type: 'filter', left: parseActionBody(match[1]!), right: parseActionBody(match[3]!), operator: match[2]! });
  }

  private parseQuote(cur: ListNode, quote: string): void {
    for (;;) {
      const ch = this.next();
      if (ch === undefined || ch === '\n') throw new JsonPathError('unterminated quoted string');
      if (ch === quote && this.input[this.pos - 2] !== '\\') break;
    }
    cur.nodes.push({ type: 'text', text: unquoteExtend(this.consume()) });
  }

  private parseField(cur: ListNode): void {
    this.consume();
    for (;;) {
      const ch = this.input[this.pos];
      if (ch === '\\') this.pos += 2;
      else if (isTerminator(ch)) break;
      else this.pos++;
    }
    const value = this.consume();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', name: value.replace(/\\/g, '') });
  }
}

/** parseAction: the nodes of one `{…}` body. */
function parseActionBody(text: string): ListNode {
  const root = new Parser(`{${text}}`).parse();
  return root.nodes[0] as ListNode;
}

/** Parse a template; throws JsonPathError with the library's message. */
export function parseJsonPath(template: string): ListNode {
  return new Parser(template).parse();
}

type Value = JsonValue | undefined;

function children(value: Value): Value[] {
  if (Array.isArray(value)) return [...value];
  // A string's elements are its bytes (uint8), as reflect indexes it.
  if (typeof value === 'string') return [...Buffer.from(value, 'utf8')];
  if (isJsonObject(value)) return Object.keys(value).sort().map((k) => value[k]);
  return [];
}

/** template.Less/Equal… on two decoded values (numbers, strings, bools). */
function compare(left: Value, right: Value, operator: string): boolean {
  const kind = (v: Value): string => (typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'other');
  if (operator === '==' || operator === '!=') {
    if (kind(left) !== kind(right)) {
      if (kind(left) === 'other' || kind(right) === 'other') throw new JsonPathError('invalid type for comparison');
      throw new JsonPathError('incompatible types for comparison');
    }
    return (left === right) === (operator === '==');
  }
  if (kind(left) !== kind(right)) throw new JsonPathError('incompatible types for comparison');
  if (kind(left) !== 'number' && kind(left) !== 'string') throw new JsonPathError('invalid type for comparison');
  const l = left as number | string;
  const r = right as number | string;
  switch (operator) {
    case '<':
      return l < r;
    case '>':
      return l > r;
    case '<=':
      return l <= r;
    case '>=':
      return l >= r;
    default:
      throw new JsonPathError(`unrecognized filter operator ${operator}`);
  }
}

/** One execution of a parsed template (the JSONPath struct's range bookkeeping included). */
class Evaluator {
  private stack: Value[][] = [];
  private cur: Value[] = [];
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;

  constructor(private readonly allowMissingKeys: boolean) {}

  findResults(data: Value, nodes: JsonPathNode[]): Value[][] {
    this.cur = [data];
    const full: Value[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const results = this.walk(this.cur, nodes[i]!);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange -= 1;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange -= 1;
        this.inRange += 1;
        results.forEach((value, k) => {
          if (k === results.length - 1) this.inRange -= 1;
          full.push(...this.findResults(value, nodes.slice(i + 1)));
        });
        break;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: Value[], node: JsonPathNode): Value[] {
    switch (node.type) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.name);
      case 'array':
        return this.evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
      case 'float':
      case 'bool':
        return input.map(() => node.value);
      case 'wildcard':
        return input.flatMap((v) => (v === null || v === undefined ? [] : children(v)));
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return node.nodes.flatMap((list) => this.evalList(input, list));
      case 'identifier':
        return this.evalIdentifier(input, node.name);
    }
  }

  private evalList(input: Value[], node: ListNode): Value[] {
    let current = input;
    for (const child of node.nodes) current = this.walk(current, child);
    return current;
  }

  private evalIdentifier(input: Value[], name: string): Value[] {
    if (name === 'range') {
      this.stack.push(this.cur);
      this.beginRange += 1;
      return input;
    }
    if (name === 'end') {
      if (this.endRange < this.inRange) {
        this.endRange += 1;
        return [];
      }
      const top = this.stack.pop();
      if (!top) throw new JsonPathError('not in range, nothing to end');
      this.cur = top;
      return [];
    }
    throw new JsonPathError(`unrecognized identifier ${name}`);
  }

  private evalField(input: Value[], name: string): Value[] {
    const results: Value[] = [];
    if (input.length === 0) return results;
    for (const value of input) {
      if (isJsonObject(value) && Object.prototype.hasOwnProperty.call(value, name) && value[name] !== undefined) results.push(value[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${name} is not found`);
    return results;
  }

  private evalArray(input: Value[], params: [SliceParam, SliceParam, SliceParam]): Value[] {
    const result: Value[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      if (!Array.isArray(value)) throw new JsonPathError(`${goTypeName(value)} is not array or slice`);
      const length = value.length;
      let from = params[0].known ? params[0].value : 0;
      if (from < 0) from += length;
      let to = params[1].known ? params[1].value : length;
      if (to < 0) to += length;
      if (to !== from) {
        if (from >= length) throw new JsonPathError(`array index out of bounds: index ${from}, length ${length}`);
        if (to > length) throw new JsonPathError(`array index out of bounds: index ${to - 1}, length ${length}`);
      }
      if (from < 0 || to < from) throw new JsonPathError(`slice bounds out of range [${from}:${to}]`);
      const step = params[2].known ? params[2].value : 1;
      for (let i = from; i < to; i += Math.max(1, step)) result.push(value[i]);
    }
    return result;
  }

  private evalRecursive(input: Value[]): Value[] {
    const result: Value[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      const kids = children(value);
      if (kids.length === 0) continue;
      result.push(value, ...this.evalRecursive(kids));
    }
    return result;
  }

  private evalFilter(input: Value[], node: Extract<JsonPathNode, { type: 'filter' }>): Value[] {
    const results: Value[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) throw new JsonPathError(`${goValue(value)} is not array or slice and cannot be filtered`);
      for (const item of value) {
        let lefts: Value[];
        try {
          lefts = this.evalList([item], node.left);
        } catch (error) {
          if (node.operator === 'exists') continue;
          throw error;
        }
        if (node.operator === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lefts.length !== 1) throw new JsonPathError('can only compare one element at a time');
        const rights = this.evalList([item], node.right);
        if (rights.length !== 1) throw new JsonPathError('can only compare one element at a time');
        if (compare(lefts[0], rights[0], node.operator)) results.push(item);
      }
    }
    return results;
  }
}

/** Evaluate a parsed template; each inner array is one action's results. */
export function findJsonPathResults(root: ListNode, data: unknown, allowMissingKeys = true): Value[][] {
  return new Evaluator(allowMissingKeys).findResults(data as Value, root.nodes);
}

/** evalToText: a scalar as fmt.Fprint prints it. */
export function jsonPathText(value: Value): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'object') return toCompactJson(value);
  return String(value);
}

/** Execute: every action's results, space-separated; maps and slices as compact JSON (or all as indented JSON arrays). */
export function executeJsonPath(root: ListNode, data: unknown, options: { allowMissingKeys?: boolean; asJson?: boolean } = {}): string {
  const results = findJsonPathResults(root, data, options.allowMissingKeys ?? true);
  let out = '';
  for (const group of results) {
    if (options.asJson) out += toJson(group.map((v) => (v === undefined ? null : v)));
    else out += group.map(jsonPathText).join(' ');
  }
  return out;
}
