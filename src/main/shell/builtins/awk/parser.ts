/** awk's grammar (POSIX, without user functions and getline) into a small tree the runtime walks. */
import { AwkSyntaxError, type Token, tokenize } from './lexer.js';

export type Expr =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'regex'; readonly source: string }
  | { readonly kind: 'field'; readonly index: Expr }
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'element'; readonly name: string; readonly subscripts: readonly Expr[] }
  | { readonly kind: 'assign'; readonly op: string; readonly target: LValue; readonly value: Expr }
  | { readonly kind: 'incdec'; readonly op: '++' | '--'; readonly prefix: boolean; readonly target: LValue }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'unary'; readonly op: '!' | '-' | '+'; readonly operand: Expr }
  | { readonly kind: 'ternary'; readonly test: Expr; readonly then: Expr; readonly otherwise: Expr }
  | { readonly kind: 'in'; readonly subscripts: readonly Expr[]; readonly array: string }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[] }
  /** A parenthesized expression: `(a > b)` inside print compares instead of redirecting. */
  | { readonly kind: 'group'; readonly inner: Expr };

export type LValue = Extract<Expr, { kind: 'field' | 'var' | 'element' }>;

export interface Output {
  readonly op: '>' | '>>' | '|';
  readonly target: Expr;
}

export type Stmt =
  | { readonly kind: 'print' | 'printf'; readonly args: readonly Expr[]; readonly output: Output | undefined }
  | { readonly kind: 'expr'; readonly expr: Expr }
  | { readonly kind: 'if'; readonly test: Expr; readonly then: Stmt; readonly otherwise: Stmt | undefined }
  | { readonly kind: 'while'; readonly test: Expr; readonly body: Stmt }
  | { readonly kind: 'do'; readonly body: Stmt; readonly test: Expr }
  | { readonly kind: 'for'; readonly init: Expr | undefined; readonly test: Expr | undefined; readonly step: Expr | undefined; readonly body: Stmt }
  | { readonly kind: 'forin'; readonly variable: string; readonly array: string; readonly body: Stmt }
  | { readonly kind: 'block'; readonly body: readonly Stmt[] }
  | { readonly kind: 'next' | 'break' | 'continue' }
  | { readonly kind: 'exit'; readonly status: Expr | undefined }
  | { readonly kind: 'delete'; readonly name: string; readonly subscripts: readonly Expr[] | undefined };

export type Pattern =
  | { readonly kind: 'begin' | 'end' | 'always' }
  | { readonly kind: 'expr'; readonly expr: Expr }
  | { readonly kind: 'range'; readonly from: Expr; readonly to: Expr };

export interface Rule {
  readonly pattern: Pattern;
  /** undefined: print the record. */
  readonly action: readonly Stmt[] | undefined;
}

export interface AwkProgram {
  readonly rules: readonly Rule[];
}

const BINARY_LEVELS: ReadonlyArray<readonly string[]> = [['||'], ['&&']];

export function parseAwk(source: string): AwkProgram {
  return new AwkParser(tokenize(source)).program();
}

class AwkParser {
  private pos = 0;
  /** Inside print's arguments an unparenthesized `>` redirects. */
  private noGreater = 0;
  /** Inside `for (x in a)`'s head the `in` operator is not a binary operator. */
  private noIn = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  program(): AwkProgram {
    const rules: Rule[] = [];
    this.skipTerminators();
    while (!this.at('eof')) {
      rules.push(this.rule());
      this.skipTerminators();
    }
    return { rules };
  }

  // ---- tokens -------------------------------------------------------------------------------

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  private at(type: Token['type'], value?: string): boolean {
    const token = this.peek();
    return token.type === type && (value === undefined || token.value === value);
  }

  private atOp(...values: string[]): boolean {
    const token = this.peek();
    return token.type === 'op' && values.includes(token.value);
  }

  private next(): Token {
    const token = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return token;
  }

  private expectOp(value: string): void {
    if (!this.atOp(value)) this.fail();
    this.next();
  }

  private fail(): never {
    const token = this.peek();
    if (token.type === 'eof') {
      throw new AwkSyntaxError(token.line + 1, 'syntax error at or near end of file');
    }
    const shown = token.type === 'newline' ? 'end of line' : token.type === 'string' ? `"${token.value}"` : token.type === 'regex' ? `/${token.value}/` : token.value;
    throw new AwkSyntaxError(token.line, `syntax error at or near ${shown}`);
  }

  private skipNewlines(): void {
    while (this.at('newline')) this.next();
  }

  private skipTerminators(): void {
    while (this.at('newline') || this.atOp(';')) this.next();
  }

  // ---- rules --------------------------------------------------------------------------------

  private rule(): Rule {
    if (this.at('keyword', 'function')) this.fail();
    let pattern: Pattern;
    if (this.at('keyword', 'BEGIN') || this.at('keyword', 'END')) {
      pattern = { kind: this.next().value === 'BEGIN' ? 'begin' : 'end' };
      if (!this.atOp('{')) this.fail();
    } else if (this.atOp('{')) {
      pattern = { kind: 'always' };
    } else {
      const from = this.expression();
      if (this.atOp(',')) {
        this.next();
        this.skipNewlines();
        pattern = { kind: 'range', from, to: this.expression() };
      } else {
        pattern = { kind: 'expr', expr: from };
      }
    }
    if (!this.atOp('{')) return { pattern, action: undefined };
    return { pattern, action: this.block() };
  }

  private block(): Stmt[] {
    const open = this.peek();
    this.expectOp('{');
    const body: Stmt[] = [];
    this.skipTerminators();
    while (!this.atOp('}')) {
      if (this.at('eof')) throw new AwkSyntaxError(open.line + 1, 'missing } near end of file');
      body.push(this.statement());
      this.skipTerminators();
    }
    this.next();
    return body;
  }

  private endSimple(): void {
    if (this.atOp(';') || this.at('newline')) {
      this.next();
      return;
    }
    if (this.atOp('}') || this.at('eof')) return;
    this.fail();
  }

  private statement(): Stmt {
    const token = this.peek();
    if (this.atOp('{')) return { kind: 'block', body: this.block() };
    if (this.atOp(';')) {
      this.next();
      return { kind: 'block', body: [] };
    }
    if (token.type === 'keyword') {
      switch (token.value) {
        case 'if': {
          this.next();
          const test = this.condition();
          const then = this.statement();
          const save = this.pos;
          this.skipTerminators();
          if (this.at('keyword', 'else')) {
            this.next();
            this.skipNewlines();
            return { kind: 'if', test, then, otherwise: this.statement() };
          }
          this.pos = save;
          return { kind: 'if', test, then, otherwise: undefined };
        }
        case 'while': {
          this.next();
          const test = this.condition();
          if (this.atOp(';')) {
            this.next();
            return { kind: 'while', test, body: { kind: 'block', body: [] } };
          }
          return { kind: 'while', test, body: this.statement() };
        }
        case 'do': {
          this.next();
          this.skipNewlines();
          const body = this.statement();
          this.skipTerminators();
          if (!this.at('keyword', 'while')) this.fail();
          this.next();
          const test = this.condition();
          this.endSimple();
          return { kind: 'do', body, test };
        }
        case 'for':
          return this.forStatement();
        case 'next':
        case 'break':
        case 'continue':
          this.next();
          this.endSimple();
          return { kind: token.value };
        case 'exit': {
          this.next();
          const status = this.atOp(';', '}') || this.at('newline') || this.at('eof') ? undefined : this.expression();
          this.endSimple();
          return { kind: 'exit', status };
        }
        case 'delete': {
          this.next();
          const name = this.next();
          if (name.type !== 'name') this.fail();
          let subscripts: Expr[] | undefined;
          if (this.atOp('[')) subscripts = this.subscripts();
          this.endSimple();
          return { kind: 'delete', name: name.value, subscripts };
        }
        case 'print':
        case 'printf':
          return this.printStatement();
        default:
          if (token.value !== 'getline' && token.value !== 'in') this.fail();
      }
    }
    const expr = this.expression();
    this.endSimple();
    return { kind: 'expr', expr };
  }

  private condition(): Expr {
    this.expectOp('(');
    const test = this.expression();
    this.expectOp(')');
    this.skipNewlines();
    return test;
  }

  private forStatement(): Stmt {
    this.next();
    this.expectOp('(');
    if (this.peek().type === 'name' && this.peek(1).type === 'keyword' && this.peek(1).value === 'in' && this.peek(2).type === 'name' && this.peek(3).value === ')') {
      const variable = this.next().value;
      this.next();
      const array = this.next().value;
      this.next();
      this.skipNewlines();
      return { kind: 'forin', variable, array, body: this.statement() };
    }
    const init = this.atOp(';') ? undefined : this.expression();
    this.expectOp(';');
    this.skipNewlines();
    const test = this.atOp(';') ? undefined : this.expression();
    this.expectOp(';');
    this.skipNewlines();
    const step = this.atOp(')') ? undefined : this.expression();
    this.expectOp(')');
    this.skipNewlines();
    if (this.atOp(';')) {
      this.next();
      return { kind: 'for', init, test, step, body: { kind: 'block', body: [] } };
    }
    return { kind: 'for', init, test, step, body: this.statement() };
  }

  private printStatement(): Stmt {
    const kind = this.next().value as 'print' | 'printf';
    let args: Expr[] = [];
    this.noGreater++;
    try {
      if (this.atOp('(')) {
        // `print (a, b)` or `print (a) b`: a parenthesized list only when a `,` follows the first.
        const save = this.pos;
        this.next();
        this.noGreater--;
        const list = [this.expression()];
        while (this.atOp(',')) {
          this.next();
          this.skipNewlines();
          list.push(this.expression());
        }
        this.noGreater++;
        if (this.atOp(')') && (list.length > 1 || this.endsPrint(1))) {
          this.next();
          args = list;
        } else {
          this.pos = save;
          args = this.expressionList();
        }
      } else if (!this.endsPrint(0)) {
        args = this.expressionList();
      }
    } finally {
      this.noGreater--;
    }
    let output: Output | undefined;
    if (this.atOp('>', '>>', '|')) {
      const op = this.next().value as Output['op'];
      output = { op, target: this.concatenation() };
    }
    if (kind === 'printf' && args.length === 0) this.fail();
    this.endSimple();
    return { kind, args, output };
  }

  private endsPrint(offset: number): boolean {
    const token = this.peek(offset);
    return token.type === 'eof' || token.type === 'newline' || (token.type === 'op' && [';', '}', '>', '>>', '|'].includes(token.value));
  }

  private expressionList(): Expr[] {
    const list = [this.expression()];
    while (this.atOp(',')) {
      this.next();
      this.skipNewlines();
      list.push(this.expression());
    }
    return list;
  }

  // ---- expressions --------------------------------------------------------------------------

  private expression(): Expr {
    return this.ternary();
  }

  private ternary(): Expr {
    const test = this.binary(0);
    if (this.atOp('?')) {
      this.next();
      this.skipNewlines();
      const then = this.ternary();
      this.skipNewlines();
      this.expectOp(':');
      this.skipNewlines();
      return { kind: 'ternary', test, then, otherwise: this.ternary() };
    }
    if (this.atOp('=', '+=', '-=', '*=', '/=', '%=', '^=') && isLValue(test)) {
      const op = this.next().value;
      this.skipNewlines();
      return { kind: 'assign', op, target: test, value: this.ternary() };
    }
    return test;
  }

  private binary(level: number): Expr {
    if (level >= BINARY_LEVELS.length) return this.inExpression();
    let left = this.binary(level + 1);
    while (this.atOp(...BINARY_LEVELS[level]!)) {
      const op = this.next().value;
      this.skipNewlines();
      left = { kind: 'binary', op, left, right: this.binary(level + 1) };
    }
    return left;
  }

  private inExpression(): Expr {
    let left = this.matchExpression();
    while (this.noIn === 0 && this.at('keyword', 'in')) {
      this.next();
      const array = this.next();
      if (array.type !== 'name') this.fail();
      left = { kind: 'in', subscripts: [left], array: array.value };
    }
    return left;
  }

  private matchExpression(): Expr {
    let left = this.comparison();
    while (this.atOp('~', '!~')) {
      const op = this.next().value;
      left = { kind: 'binary', op, left, right: this.comparison() };
    }
    return left;
  }

  private comparison(): Expr {
    const left = this.concatenation();
    const ops = this.noGreater > 0 ? ['<', '<=', '==', '!=', '>='] : ['<', '<=', '==', '!=', '>', '>='];
    if (this.atOp(...ops)) {
      const op = this.next().value;
      return { kind: 'binary', op, left, right: this.concatenation() };
    }
    return left;
  }

  private concatenation(): Expr {
    let left = this.additive();
    while (this.startsOperand()) {
      left = { kind: 'binary', op: 'concat', left, right: this.additive() };
    }
    return left;
  }

  private startsOperand(): boolean {
    const token = this.peek();
    if (token.type === 'number' || token.type === 'string' || token.type === 'regex' || token.type === 'name' || token.type === 'builtin' || token.type === 'funcname') return true;
    return token.type === 'op' && ['$', '(', '++', '--'].includes(token.value);
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.atOp('+', '-')) {
      const op = this.next().value;
      left = { kind: 'binary', op, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.atOp('*', '/', '%')) {
      const op = this.next().value;
      left = { kind: 'binary', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    if (this.atOp('!', '-', '+')) {
      const op = this.next().value as '!' | '-' | '+';
      return { kind: 'unary', op, operand: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.postfix();
    if (this.atOp('^')) {
      this.next();
      // Right associative, and `2^-1` is allowed.
      return { kind: 'binary', op: '^', left: base, right: this.atOp('-', '+', '!') ? this.unary() : this.power() };
    }
    return base;
  }

  private postfix(): Expr {
    if (this.atOp('++', '--')) {
      const op = this.next().value as '++' | '--';
      const target = this.postfix();
      if (!isLValue(target)) this.fail();
      return { kind: 'incdec', op, prefix: true, target };
    }
    const primary = this.primary();
    if (isLValue(primary) && this.atOp('++', '--')) {
      return { kind: 'incdec', op: this.next().value as '++' | '--', prefix: false, target: primary };
    }
    return primary;
  }

  private primary(): Expr {
    const token = this.peek();
    switch (token.type) {
      case 'number':
        this.next();
        return { kind: 'number', value: Number(token.value) };
      case 'string':
        this.next();
        return { kind: 'string', value: token.value };
      case 'regex':
        this.next();
        return { kind: 'regex', source: token.value };
      case 'name':
        this.next();
        if (this.atOp('[')) return { kind: 'element', name: token.value, subscripts: this.subscripts() };
        return { kind: 'var', name: token.value };
      case 'builtin': {
        this.next();
        if (!this.atOp('(')) {
          if (token.value === 'length') return { kind: 'call', name: 'length', args: [] };
          this.fail();
        }
        return { kind: 'call', name: token.value, args: this.callArgs() };
      }
      case 'funcname':
        this.fail();
        break;
      case 'op':
        if (token.value === '$') {
          this.next();
          const index = this.atOp('++', '--') ? this.postfix() : this.atOp('-', '+', '!') ? this.unary() : this.primary();
          return { kind: 'field', index };
        }
        if (token.value === '(') {
          this.next();
          const saveGreater = this.noGreater;
          this.noGreater = 0;
          const noIn = this.noIn;
          this.noIn = 0;
          const first = this.expression();
          const list = [first];
          while (this.atOp(',')) {
            this.next();
            list.push(this.expression());
          }
          this.noIn = noIn;
          this.noGreater = saveGreater;
          this.expectOp(')');
          if (list.length > 1) {
            if (!this.at('keyword', 'in')) this.fail();
            this.next();
            const array = this.next();
            if (array.type !== 'name') this.fail();
            return { kind: 'in', subscripts: list, array: array.value };
          }
          return { kind: 'group', inner: first };
        }
        break;
      default:
        break;
    }
    return this.fail();
  }

  private callArgs(): Expr[] {
    this.expectOp('(');
    const saveGreater = this.noGreater;
    this.noGreater = 0;
    const args: Expr[] = [];
    if (!this.atOp(')')) {
      args.push(this.expression());
      while (this.atOp(',')) {
        this.next();
        this.skipNewlines();
        args.push(this.expression());
      }
    }
    this.noGreater = saveGreater;
    this.expectOp(')');
    return args;
  }

  private subscripts(): Expr[] {
    this.expectOp('[');
    const saveGreater = this.noGreater;
    this.noGreater = 0;
    const list = [this.expression()];
    while (this.atOp(',')) {
      this.next();
      list.push(this.expression());
    }
    this.noGreater = saveGreater;
    this.expectOp(']');
    return list;
  }
}

function isLValue(expr: Expr): expr is LValue {
  return expr.kind === 'field' || expr.kind === 'var' || expr.kind === 'element';
}
