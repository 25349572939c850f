/** jq's filter language (the common subset, no `def`) into a tree; errors worded as jq 1.6's bison parser words them. */
import type { Json } from './json-input.js';

export type Ast =
  | { readonly kind: 'identity' }
  | { readonly kind: 'recurse' }
  | { readonly kind: 'literal'; readonly value: Json }
  | { readonly kind: 'field'; readonly target: Ast; readonly name: Ast }
  | { readonly kind: 'slice'; readonly target: Ast; readonly from: Ast | undefined; readonly to: Ast | undefined }
  | { readonly kind: 'iterate'; readonly target: Ast }
  | { readonly kind: 'try'; readonly body: Ast; readonly handler: Ast | undefined }
  | { readonly kind: 'string'; readonly parts: ReadonlyArray<string | Ast>; readonly format: string | undefined }
  | { readonly kind: 'format'; readonly name: string }
  | { readonly kind: 'array'; readonly body: Ast | undefined }
  | { readonly kind: 'object'; readonly entries: ReadonlyArray<{ readonly key: Ast; readonly value: Ast }> }
  | { readonly kind: 'pipe' | 'comma' | 'alternative' | 'and' | 'or'; readonly left: Ast; readonly right: Ast }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Ast; readonly right: Ast }
  | { readonly kind: 'negate'; readonly operand: Ast }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'bind'; readonly source: Ast; readonly name: string; readonly body: Ast }
  | { readonly kind: 'if'; readonly cond: Ast; readonly then: Ast; readonly otherwise: Ast | undefined }
  | { readonly kind: 'reduce'; readonly source: Ast; readonly name: string; readonly init: Ast; readonly update: Ast }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Ast[] }
  | { readonly kind: 'assign'; readonly op: string; readonly path: Ast; readonly value: Ast };

export class JqCompileError extends Error {}

interface Token {
  readonly type: 'ident' | 'field' | 'var' | 'format' | 'number' | 'string' | 'op' | 'keyword' | 'eof';
  readonly value: string;
  /** String tokens: literal text and interpolated sources. */
  readonly parts?: ReadonlyArray<string | { source: string }>;
}

const KEYWORDS = new Set(['if', 'then', 'elif', 'else', 'end', 'as', 'and', 'or', 'not_kw', 'reduce', 'foreach', 'try', 'catch', 'def', 'label', 'import', 'include', '__loc__']);
const OPERATORS = ['?//', '|=', '+=', '-=', '*=', '/=', '%=', '//=', '==', '!=', '<=', '>=', '//', '..', '|', ',', '+', '-', '*', '/', '%', '=', '<', '>', '.', '[', ']', '(', ')', '{', '}', ':', ';', '?'];

/** Bison's names for the tokens in "unexpected …" messages. */
function describe(token: Token): string {
  switch (token.type) {
    case 'eof':
      return '$end';
    case 'ident':
      return 'IDENT';
    case 'field':
      return 'FIELD';
    case 'var':
      return '\'$\'';
    case 'format':
      return 'FORMAT';
    case 'number':
      return 'LITERAL';
    case 'string':
      return 'QQSTRING_START';
    case 'keyword':
      return token.value;
    default:
      return ({ '|=': 'SETPIPE', '+=': 'SETPLUS', '-=': 'SETMINUS', '*=': 'SETMULT', '/=': 'SETDIV', '%=': 'SETMOD', '//=': 'SETDEFINEDOR', '==': 'EQ', '!=': 'NEQ', '<=': 'LESSEQ', '>=': 'GREATEREQ', '//': 'DEFINEDOR', '..': 'REC' } as Record<string, string>)[token.value] ?? `'${token.value}'`;
  }
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (c === '"') {
      const { parts, end } = readString(source, i + 1);
      tokens.push({ type: 'string', value: '', parts });
      i = end;
      continue;
    }
    const field = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(source.slice(i));
    if (field) {
      tokens.push({ type: 'field', value: field[1]! });
      i += field[0].length;
      continue;
    }
    const variable = /^\$(__loc__|[A-Za-z_][A-Za-z0-9_]*)/.exec(source.slice(i));
    if (variable) {
      tokens.push({ type: 'var', value: variable[1]! });
      i += variable[0].length;
      continue;
    }
    const format = /^@[A-Za-z0-9_]+/.exec(source.slice(i));
    if (format) {
      tokens.push({ type: 'format', value: format[0] });
      i += format[0].length;
      continue;
    }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(source.slice(i));
    if (number) {
      tokens.push({ type: 'number', value: number[0] });
      i += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*/.exec(source.slice(i));
    if (ident) {
      tokens.push({ type: KEYWORDS.has(ident[0]) ? 'keyword' : 'ident', value: ident[0] });
      i += ident[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) throw new JqCompileError(`syntax error, unexpected INVALID_CHARACTER (Unix shell quoting issues?)`);
    tokens.push({ type: 'op', value: op });
    i += op.length;
  }
  tokens.push({ type: 'eof', value: '' });
  return tokens;
}

function readString(source: string, start: number): { parts: Array<string | { source: string }>; end: number } {
  const parts: Array<string | { source: string }> = [];
  let text = '';
  let i = start;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '"') {
      if (text !== '' || parts.length === 0) parts.push(text);
      return { parts, end: i + 1 };
    }
    if (c === '\\') {
      const e = source[i + 1];
      if (e === '(') {
        // Interpolation: find the matching parenthesis.
        let depth = 1;
        let j = i + 2;
        while (j < source.length && depth > 0) {
          if (source[j] === '(') depth++;
          else if (source[j] === ')') depth--;
          else if (source[j] === '"') j = readString(source, j + 1).end - 1;
          j++;
        }
        if (depth > 0) break;
        if (text !== '') parts.push(text);
        text = '';
        parts.push({ source: source.slice(i + 2, j - 1) });
        i = j;
        continue;
      }
      if (e === 'u') {
        text += String.fromCharCode(Number.parseInt(source.slice(i + 2, i + 6), 16) || 0);
        i += 6;
        continue;
      }
      const mapped = ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '/': '/', '\\': '\\', '"': '"' } as Record<string, string>)[e ?? ''];
      if (mapped === undefined) throw new JqCompileError(`invalid escape at line 1, column ${i + 2} (while parsing '"${source.slice(start, i + 2)}"')`);
      text += mapped;
      i += 2;
      continue;
    }
    text += c;
    i++;
  }
  throw new JqCompileError('syntax error, unexpected $end, expecting QQSTRING_TEXT or QQSTRING_INTERP_START or QQSTRING_END (Unix shell quoting issues?)');
}

export function parseJq(source: string): Ast {
  const parser = new JqParser(tokenize(source));
  const ast = parser.pipe();
  parser.expectEnd();
  return ast;
}

class JqParser {
  private pos = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  private isOp(...values: string[]): boolean {
    const t = this.peek();
    return t.type === 'op' && values.includes(t.value);
  }

  private isKeyword(value: string): boolean {
    const t = this.peek();
    return t.type === 'keyword' && t.value === value;
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  private fail(expecting?: string): never {
    const token = this.peek();
    throw new JqCompileError(`syntax error, unexpected ${describe(token)}${expecting ? `, expecting ${expecting}` : ''} (Unix shell quoting issues?)`);
  }

  private expectOp(value: string): void {
    if (!this.isOp(value)) this.fail(`'${value}'`);
    this.next();
  }

  private expectKeyword(value: string): void {
    if (!this.isKeyword(value)) this.fail(value);
    this.next();
  }

  expectEnd(): void {
    if (this.peek().type !== 'eof') this.fail();
  }

  pipe(): Ast {
    if (this.isKeyword('def')) this.fail();
    const left = this.comma();
    if (this.isKeyword('as')) {
      this.next();
      const variable = this.next();
      if (variable.type !== 'var') this.fail();
      this.expectOp('|');
      return { kind: 'bind', source: left, name: variable.value, body: this.pipe() };
    }
    if (this.isOp('|')) {
      this.next();
      return { kind: 'pipe', left, right: this.pipe() };
    }
    return left;
  }

  private comma(): Ast {
    let left = this.alternative();
    while (this.isOp(',')) {
      this.next();
      left = { kind: 'comma', left, right: this.alternative() };
    }
    return left;
  }

  private alternative(): Ast {
    const left = this.assignment();
    if (this.isOp('//')) {
      this.next();
      return { kind: 'alternative', left, right: this.alternative() };
    }
    return left;
  }

  private assignment(): Ast {
    const left = this.or();
    if (this.isOp('=', '|=', '+=', '-=', '*=', '/=', '%=', '//=')) {
      const op = this.next().value;
      return { kind: 'assign', op, path: left, value: this.alternative() };
    }
    return left;
  }

  private or(): Ast {
    let left = this.and();
    while (this.isKeyword('or')) {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Ast {
    let left = this.comparison();
    while (this.isKeyword('and')) {
      this.next();
      left = { kind: 'and', left, right: this.comparison() };
    }
    return left;
  }

  private comparison(): Ast {
    const left = this.additive();
    if (this.isOp('==', '!=', '<', '<=', '>', '>=')) {
      const op = this.next().value;
      const right = this.additive();
      if (this.isOp('==', '!=', '<', '<=', '>', '>=')) this.fail();
      return { kind: 'binary', op, left, right };
    }
    return left;
  }

  private additive(): Ast {
    let left = this.multiplicative();
    while (this.isOp('+', '-')) {
      const op = this.next().value;
      left = { kind: 'binary', op, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Ast {
    let left = this.unary();
    while (this.isOp('*', '/', '%')) {
      const op = this.next().value;
      left = { kind: 'binary', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Ast {
    if (this.isOp('-')) {
      this.next();
      return { kind: 'negate', operand: this.postfix() };
    }
    return this.postfix();
  }

  private postfix(): Ast {
    let term = this.term();
    for (;;) {
      const t = this.peek();
      if (t.type === 'field') {
        this.next();
        term = { kind: 'field', target: term, name: { kind: 'literal', value: t.value } };
      } else if (this.isOp('.') && this.peek(1).type === 'string') {
        this.next();
        term = { kind: 'field', target: term, name: this.stringTerm(this.next(), undefined) };
      } else if (this.isOp('.') && this.peek(1).type === 'op' && this.peek(1).value === '[') {
        this.next();
      } else if (this.isOp('[')) {
        term = this.bracket(term);
      } else if (this.isOp('?')) {
        this.next();
        term = { kind: 'try', body: term, handler: undefined };
      } else {
        return term;
      }
    }
  }

  private bracket(target: Ast): Ast {
    this.expectOp('[');
    if (this.isOp(']')) {
      this.next();
      return { kind: 'iterate', target };
    }
    if (this.isOp(':')) {
      this.next();
      const to = this.pipe();
      this.expectOp(']');
      return { kind: 'slice', target, from: undefined, to };
    }
    const index = this.pipe();
    if (this.isOp(':')) {
      this.next();
      const to = this.isOp(']') ? undefined : this.pipe();
      this.expectOp(']');
      return { kind: 'slice', target, from: index, to };
    }
    this.expectOp(']');
    return { kind: 'field', target, name: index };
  }

  private stringTerm(token: Token, format: string | undefined): Ast {
    const parts = (token.parts ?? []).map((p) => (typeof p === 'string' ? p : parseJq(p.source)));
    if (parts.length === 1 && typeof parts[0] === 'string' && format === undefined) return { kind: 'literal', value: parts[0] };
    return { kind: 'string', parts, format };
  }

  private term(): Ast {
    const t = this.peek();
    switch (t.type) {
      case 'number':
        this.next();
        return { kind: 'literal', value: Number(t.value) };
      case 'string':
        this.next();
        return this.stringTerm(t, undefined);
      case 'format': {
        this.next();
        if (this.peek().type === 'string') return this.stringTerm(this.next(), t.value);
        return { kind: 'format', name: t.value };
      }
      case 'field':
        this.next();
        return { kind: 'field', target: { kind: 'identity' }, name: { kind: 'literal', value: t.value } };
      case 'var':
        this.next();
        return { kind: 'variable', name: t.value };
      case 'ident': {
        this.next();
        const args: Ast[] = [];
        if (this.isOp('(')) {
          this.next();
          args.push(this.pipe());
          while (this.isOp(';')) {
            this.next();
            args.push(this.pipe());
          }
          this.expectOp(')');
        }
        return { kind: 'call', name: t.value, args };
      }
      case 'keyword':
        return this.keywordTerm(t.value);
      case 'op':
        return this.opTerm(t.value);
      default:
        return this.fail();
    }
  }

  private keywordTerm(keyword: string): Ast {
    switch (keyword) {
      case 'if': {
        this.next();
        const cond = this.pipe();
        this.expectKeyword('then');
        const then = this.pipe();
        if (this.isKeyword('elif')) {
          // `elif` is an `else if … end` sharing the final `end`.
          const nested = this.keywordTerm('if');
          return { kind: 'if', cond, then, otherwise: nested };
        }
        let otherwise: Ast | undefined;
        if (this.isKeyword('else')) {
          this.next();
          otherwise = this.pipe();
        }
        this.expectKeyword('end');
        return { kind: 'if', cond, then, otherwise };
      }
      case 'try': {
        this.next();
        const body = this.postfix();
        let handler: Ast | undefined;
        if (this.isKeyword('catch')) {
          this.next();
          handler = this.postfix();
        }
        return { kind: 'try', body, handler };
      }
      case 'reduce': {
        this.next();
        const source = this.postfix();
        this.expectKeyword('as');
        const variable = this.next();
        if (variable.type !== 'var') this.fail();
        this.expectOp('(');
        const init = this.pipe();
        this.expectOp(';');
        const update = this.pipe();
        this.expectOp(')');
        return { kind: 'reduce', source, name: variable.value, init, update };
      }
      default:
        return this.fail();
    }
  }

  private opTerm(op: string): Ast {
    switch (op) {
      case '.':
        this.next();
        if (this.peek().type === 'string') return { kind: 'field', target: { kind: 'identity' }, name: this.stringTerm(this.next(), undefined) };
        return { kind: 'identity' };
      case '..':
        this.next();
        return { kind: 'recurse' };
      case '(': {
        this.next();
        const inner = this.pipe();
        this.expectOp(')');
        return inner;
      }
      case '[': {
        this.next();
        if (this.isOp(']')) {
          this.next();
          return { kind: 'array', body: undefined };
        }
        const body = this.pipe();
        this.expectOp(']');
        return { kind: 'array', body };
      }
      case '{':
        return this.objectTerm();
      default:
        return this.fail();
    }
  }

  private objectTerm(): Ast {
    this.expectOp('{');
    const entries: Array<{ key: Ast; value: Ast }> = [];
    while (!this.isOp('}')) {
      const t = this.next();
      let key: Ast;
      let value: Ast | undefined;
      if (t.type === 'ident' || t.type === 'keyword') {
        key = { kind: 'literal', value: t.value };
        value = { kind: 'field', target: { kind: 'identity' }, name: key };
      } else if (t.type === 'var') {
        key = { kind: 'literal', value: t.value };
        value = { kind: 'variable', name: t.value };
      } else if (t.type === 'string') {
        key = this.stringTerm(t, undefined);
        value = { kind: 'field', target: { kind: 'identity' }, name: key };
      } else if (t.type === 'number') {
        key = { kind: 'literal', value: Number(t.value) };
      } else if (t.type === 'op' && t.value === '(') {
        key = this.pipe();
        this.expectOp(')');
      } else {
        this.pos--;
        return this.fail("'}'");
      }
      if (this.isOp(':')) {
        this.next();
        value = this.objectValue();
      } else if (value === undefined) {
        this.fail("':'");
      }
      entries.push({ key, value });
      if (this.isOp(',')) {
        this.next();
        continue;
      }
      if (!this.isOp('}')) this.fail("'}'");
    }
    this.next();
    return { kind: 'object', entries };
  }

  /** An object value: a term with postfix and `|`-free operators (`{a: .b | length}` needs parentheses). */
  private objectValue(): Ast {
    let left = this.alternative();
    while (this.isOp('|')) {
      this.next();
      left = { kind: 'pipe', left, right: this.alternative() };
    }
    return left;
  }
}
