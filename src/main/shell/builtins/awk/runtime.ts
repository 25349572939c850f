/**
 * Runs a parsed awk program over input records the way mawk (Ubuntu's awk) does: strnum fields,
 * numbers printed as integers when they are ones (else OFMT `%.6g`), FS splitting rules, field
 * assignment rebuilding $0 with OFS, BEGIN/END, ranges, `next`, `exit`.
 */
import { formatG, sprintfC } from '../../c-format.js';
import { PatternError, posixToJs } from '../grep.js';
import type { AwkProgram, Expr, LValue, Stmt } from './parser.js';

/** Text from input (fields, -v values) that compares as a number when it looks like one. */
class StrNum {
  constructor(readonly text: string) {}
}

const UNINITIALIZED = new StrNum('');

type Value = number | string | StrNum;

export class AwkRuntimeError extends Error {}

class NextRecord {}
class ExitProgram {
  constructor(readonly status: number) {}
}
class LoopBreak {}
class LoopContinue {}

/** Statements run before awk gives up on a runaway program (no real awk has this; nothing can hang the lab). */
const STEP_LIMIT = 5_000_000;

const NUMERIC = /^[ \t\n]*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[ \t\n]*$/;

export interface AwkIO {
  write(text: string): void;
  /** `print > "file"` / `>>`: append `text` to the file, truncating it first when `truncate`. */
  writeFile(path: string, text: string, truncate: boolean): void;
}

export class AwkRuntime {
  private readonly vars = new Map<string, Value>();
  private readonly arrays = new Map<string, Map<string, Value>>();
  private fields: string[] = [''];
  private record = '';
  private steps = 0;
  private readonly openedFiles = new Set<string>();
  private readonly regexCache = new Map<string, RegExp>();
  private readonly inRange = new Set<number>();
  private randomSeed = 0;
  private randomState = 1;

  constructor(
    private readonly program: AwkProgram,
    private readonly io: AwkIO,
    assignments: ReadonlyArray<[string, string]>,
  ) {
    this.vars.set('FS', ' ');
    this.vars.set('OFS', ' ');
    this.vars.set('ORS', '\n');
    this.vars.set('RS', '\n');
    this.vars.set('OFMT', '%.6g');
    this.vars.set('CONVFMT', '%.6g');
    this.vars.set('SUBSEP', '\x1c');
    this.vars.set('NR', 0);
    this.vars.set('NF', 0);
    this.vars.set('FNR', 0);
    this.vars.set('RSTART', 0);
    this.vars.set('RLENGTH', -1);
    this.vars.set('FILENAME', '');
    for (const [name, value] of assignments) this.vars.set(name, new StrNum(value));
  }

  /** Run BEGIN, the records of each input, then END; returns awk's exit status. */
  run(inputs: Iterable<{ name: string; text: string }>): number {
    try {
      for (const rule of this.program.rules) if (rule.pattern.kind === 'begin') this.execBlock(rule.action ?? []);
      const needsInput = this.program.rules.some((r) => r.pattern.kind !== 'begin');
      if (needsInput) {
        for (const input of inputs) {
          this.vars.set('FILENAME', input.name);
          this.vars.set('FNR', 0);
          for (const record of this.records(input.text)) {
            this.vars.set('NR', this.num(this.vars.get('NR')!) + 1);
            this.vars.set('FNR', this.num(this.vars.get('FNR')!) + 1);
            this.setRecord(record);
            try {
              this.matchRules();
            } catch (error) {
              if (!(error instanceof NextRecord)) throw error;
            }
          }
        }
      }
    } catch (error) {
      if (!(error instanceof ExitProgram)) throw error;
      return this.runEnd(error.status);
    }
    return this.runEnd(0);
  }

  private runEnd(status: number): number {
    try {
      for (const rule of this.program.rules) if (rule.pattern.kind === 'end') this.execBlock(rule.action ?? []);
    } catch (error) {
      if (error instanceof ExitProgram) return error.status;
      if (error instanceof NextRecord) return status;
      throw error;
    }
    return status;
  }

  private *records(text: string): Iterable<string> {
    const rs = this.str(this.vars.get('RS')!);
    if (text === '') return;
    if (rs === '') {
      for (const paragraph of text.replace(/^\n+/, '').split(/\n\n+/)) if (paragraph !== '') yield paragraph.replace(/\n+$/, '');
      return;
    }
    const parts = text.split(rs.length === 1 ? rs : this.regex(rs));
    if (parts[parts.length - 1] === '') parts.pop();
    yield* parts;
  }

  private matchRules(): void {
    this.program.rules.forEach((rule, index) => {
      const pattern = rule.pattern;
      let matched: boolean;
      switch (pattern.kind) {
        case 'begin':
        case 'end':
          return;
        case 'always':
          matched = true;
          break;
        case 'expr':
          matched = this.truthy(this.eval(pattern.expr));
          break;
        case 'range':
          if (this.inRange.has(index)) {
            matched = true;
            if (this.truthy(this.eval(pattern.to))) this.inRange.delete(index);
          } else {
            matched = this.truthy(this.eval(pattern.from));
            if (matched && !this.truthy(this.eval(pattern.to))) this.inRange.add(index);
          }
          break;
      }
      if (!matched) return;
      if (rule.action === undefined) this.io.write(this.record + this.str(this.vars.get('ORS')!));
      else this.execBlock(rule.action);
    });
  }

  // ---- records and fields -------------------------------------------------------------------

  private setRecord(text: string): void {
    this.record = text;
    this.fields = [text, ...this.split(text, this.str(this.vars.get('FS')!))];
    this.vars.set('NF', this.fields.length - 1);
  }

  private split(text: string, fs: string): string[] {
    if (fs === ' ') {
      const trimmed = text.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
      return trimmed === '' ? [] : trimmed.split(/[ \t\n]+/);
    }
    if (text === '') return [];
    if (fs.length === 1 && fs !== '\\') return text.split(fs === '\t' ? '\t' : fs);
    return text.split(this.regex(fs));
  }

  private getField(index: number): string {
    if (index < 0) throw new AwkRuntimeError(`negative field index $${index}`);
    return index === 0 ? this.record : (this.fields[index] ?? '');
  }

  private setField(index: number, value: string): void {
    if (index < 0) throw new AwkRuntimeError(`negative field index $${index}`);
    if (index === 0) {
      this.setRecord(value);
      return;
    }
    while (this.fields.length <= index) this.fields.push('');
    this.fields[index] = value;
    this.rebuild();
  }

  private rebuild(): void {
    this.vars.set('NF', this.fields.length - 1);
    this.record = this.fields.slice(1).join(this.str(this.vars.get('OFS')!));
    this.fields[0] = this.record;
  }

  // ---- values -------------------------------------------------------------------------------

  private num(value: Value): number {
    if (typeof value === 'number') return value;
    const text = value instanceof StrNum ? value.text : value;
    const match = /^[ \t\n]*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/.exec(text);
    if (match) return Number(match[1]);
    const special = /^[ \t\n]*([-+]?)(inf|nan)/i.exec(text);
    if (special) return special[2]!.toLowerCase() === 'inf' ? (special[1] === '-' ? -Infinity : Infinity) : NaN;
    return 0;
  }

  private str(value: Value, format: 'CONVFMT' | 'OFMT' = 'CONVFMT'): string {
    if (typeof value === 'string') return value;
    if (value instanceof StrNum) return value.text;
    if (Number.isInteger(value) && Math.abs(value) <= 2147483647) return String(value);
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    const fmt = this.str(this.vars.get(format) ?? '%.6g');
    if (fmt === '%.6g') return formatG(value, 6);
    return this.sprintf(fmt, [value]);
  }

  private truthy(value: Value): boolean {
    if (typeof value === 'number') return value !== 0;
    if (value instanceof StrNum) return this.looksNumeric(value) ? this.num(value) !== 0 : value.text !== '';
    return value !== '';
  }

  private looksNumeric(value: StrNum): boolean {
    return value !== UNINITIALIZED && NUMERIC.test(value.text);
  }

  private compare(left: Value, right: Value): number {
    const numericSide = (v: Value): boolean => typeof v === 'number' || v === UNINITIALIZED || (v instanceof StrNum && this.looksNumeric(v));
    if (numericSide(left) && numericSide(right)) {
      const a = this.num(left);
      const b = this.num(right);
      return a < b ? -1 : a > b ? 1 : a === b ? 0 : 1;
    }
    const a = this.str(left);
    const b = this.str(right);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  regex(source: string): RegExp {
    let compiled = this.regexCache.get(source);
    if (!compiled) {
      try {
        compiled = new RegExp(posixToJs(source, true), 'u');
      } catch (error) {
        if (error instanceof PatternError || error instanceof SyntaxError) throw new AwkRuntimeError(`regular expression compile failed (${error.message})\n${source}`);
        throw error;
      }
      this.regexCache.set(source, compiled);
    }
    return compiled;
  }

  private regexOf(expr: Expr): RegExp {
    return this.regex(expr.kind === 'regex' ? expr.source : this.str(this.eval(expr)));
  }

  // ---- statements ---------------------------------------------------------------------------

  /** Where the run is, for mawk's run-time error trailer. */
  position(): string {
    const filename = this.str(this.vars.get('FILENAME')!) || '-';
    return `FILENAME="${filename}" FNR=${this.str(this.vars.get('FNR')!)} NR=${this.str(this.vars.get('NR')!)}`;
  }

  private tick(): void {
    if (++this.steps > STEP_LIMIT) throw new AwkRuntimeError('program ran too long (more than 5000000 steps); stopped');
  }

  private execBlock(body: readonly Stmt[]): void {
    for (const stmt of body) this.exec(stmt);
  }

  private exec(stmt: Stmt): void {
    this.tick();
    switch (stmt.kind) {
      case 'print': {
        const text = stmt.args.length === 0 ? this.record : stmt.args.map((a) => this.str(this.eval(a), 'OFMT')).join(this.str(this.vars.get('OFS')!));
        this.output(stmt, text + this.str(this.vars.get('ORS')!));
        return;
      }
      case 'printf': {
        const [format, ...rest] = stmt.args.map((a) => this.eval(a));
        this.output(stmt, this.sprintf(this.str(format!), rest));
        return;
      }
      case 'expr':
        this.eval(stmt.expr);
        return;
      case 'if':
        if (this.truthy(this.eval(stmt.test))) this.exec(stmt.then);
        else if (stmt.otherwise) this.exec(stmt.otherwise);
        return;
      case 'while':
        while (this.truthy(this.eval(stmt.test))) if (this.loopBody(stmt.body)) break;
        return;
      case 'do':
        do {
          if (this.loopBody(stmt.body)) break;
        } while (this.truthy(this.eval(stmt.test)));
        return;
      case 'for':
        if (stmt.init) this.eval(stmt.init);
        while (!stmt.test || this.truthy(this.eval(stmt.test))) {
          if (this.loopBody(stmt.body)) break;
          if (stmt.step) this.eval(stmt.step);
        }
        return;
      case 'forin': {
        const array = this.array(stmt.array);
        for (const key of [...array.keys()]) {
          this.vars.set(stmt.variable, new StrNum(key));
          if (this.loopBody(stmt.body)) break;
        }
        return;
      }
      case 'block':
        this.execBlock(stmt.body);
        return;
      case 'next':
        throw new NextRecord();
      case 'break':
        throw new LoopBreak();
      case 'continue':
        throw new LoopContinue();
      case 'exit':
        throw new ExitProgram(stmt.status ? Math.trunc(this.num(this.eval(stmt.status))) & 255 : 0);
      case 'delete':
        if (stmt.subscripts) this.array(stmt.name).delete(this.key(stmt.subscripts));
        else this.array(stmt.name).clear();
        return;
    }
  }

  /** Run a loop body; true when it broke out. */
  private loopBody(body: Stmt): boolean {
    this.tick();
    try {
      this.exec(body);
    } catch (error) {
      if (error instanceof LoopBreak) return true;
      if (error instanceof LoopContinue) return false;
      throw error;
    }
    return false;
  }

  private output(stmt: Extract<Stmt, { kind: 'print' | 'printf' }>, text: string): void {
    if (!stmt.output) {
      this.io.write(text);
      return;
    }
    if (stmt.output.op === '|') throw new AwkRuntimeError('output to a command (print | "cmd") is not available in this lab');
    const path = this.str(this.eval(stmt.output.target));
    const truncate = stmt.output.op === '>' && !this.openedFiles.has(path);
    this.openedFiles.add(path);
    this.io.writeFile(path, text, truncate);
  }

  // ---- expressions --------------------------------------------------------------------------

  private array(name: string): Map<string, Value> {
    let array = this.arrays.get(name);
    if (!array) {
      if (this.vars.has(name)) throw new AwkRuntimeError(`can't use scalar ${name} as array`);
      array = new Map();
      this.arrays.set(name, array);
    }
    return array;
  }

  private key(subscripts: readonly Expr[]): string {
    return subscripts.map((s) => this.str(this.eval(s))).join(this.str(this.vars.get('SUBSEP')!));
  }

  private get(target: LValue): Value {
    switch (target.kind) {
      case 'field':
        return new StrNum(this.getField(Math.trunc(this.num(this.eval(target.index)))));
      case 'var':
        if (this.arrays.has(target.name)) throw new AwkRuntimeError(`can't use array ${target.name} in scalar context`);
        return this.vars.get(target.name) ?? UNINITIALIZED;
      case 'element': {
        const array = this.array(target.name);
        const key = this.key(target.subscripts);
        if (!array.has(key)) array.set(key, UNINITIALIZED);
        return array.get(key)!;
      }
    }
  }

  private set(target: LValue, value: Value): Value {
    switch (target.kind) {
      case 'field':
        this.setField(Math.trunc(this.num(this.eval(target.index))), this.str(value));
        return value;
      case 'var':
        if (this.arrays.has(target.name)) throw new AwkRuntimeError(`can't assign to ${target.name}; it's an array name.`);
        this.vars.set(target.name, value);
        if (target.name === 'NF') {
          const nf = Math.max(0, Math.trunc(this.num(value)));
          this.fields.length = Math.min(this.fields.length, nf + 1);
          while (this.fields.length <= nf) this.fields.push('');
          this.rebuild();
        }
        return value;
      case 'element':
        this.array(target.name).set(this.key(target.subscripts), value);
        return value;
    }
  }

  private arithmetic(op: string, a: number, b: number): number {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return a / b;
      case '%':
        return a % b;
      default:
        return a ** b;
    }
  }

  eval(expr: Expr): Value {
    switch (expr.kind) {
      case 'number':
        return expr.value;
      case 'string':
        return expr.value;
      case 'regex':
        return this.regex(expr.source).test(this.record) ? 1 : 0;
      case 'group':
        return this.eval(expr.inner);
      case 'field':
      case 'var':
      case 'element':
        return this.get(expr);
      case 'assign': {
        if (expr.op === '=') {
          const value = this.eval(expr.value);
          return this.set(expr.target, value instanceof StrNum && value !== UNINITIALIZED ? value : value === UNINITIALIZED ? '' : value);
        }
        const right = this.num(this.eval(expr.value));
        return this.set(expr.target, this.arithmetic(expr.op[0]!, this.num(this.get(expr.target)), right));
      }
      case 'incdec': {
        const old = this.num(this.get(expr.target));
        const updated = expr.op === '++' ? old + 1 : old - 1;
        this.set(expr.target, updated);
        return expr.prefix ? updated : old;
      }
      case 'unary': {
        const value = this.eval(expr.operand);
        if (expr.op === '!') return this.truthy(value) ? 0 : 1;
        return expr.op === '-' ? -this.num(value) : this.num(value);
      }
      case 'ternary':
        return this.truthy(this.eval(expr.test)) ? this.eval(expr.then) : this.eval(expr.otherwise);
      case 'in':
        return this.array(expr.array).has(this.key(expr.subscripts)) ? 1 : 0;
      case 'binary':
        return this.binary(expr);
      case 'call':
        return this.call(expr.name, expr.args);
    }
  }

  private binary(expr: Extract<Expr, { kind: 'binary' }>): Value {
    switch (expr.op) {
      case '&&':
        return this.truthy(this.eval(expr.left)) && this.truthy(this.eval(expr.right)) ? 1 : 0;
      case '||':
        return this.truthy(this.eval(expr.left)) || this.truthy(this.eval(expr.right)) ? 1 : 0;
      case 'concat':
        return this.str(this.eval(expr.left)) + this.str(this.eval(expr.right));
      case '~':
      case '!~': {
        const text = this.str(this.eval(expr.left));
        const matched = this.regexOf(expr.right).test(text);
        return matched === (expr.op === '~') ? 1 : 0;
      }
      case '<':
      case '<=':
      case '>':
      case '>=':
      case '==':
      case '!=': {
        const c = this.compare(this.eval(expr.left), this.eval(expr.right));
        const result = { '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0, '==': c === 0, '!=': c !== 0 }[expr.op];
        return result ? 1 : 0;
      }
      default:
        return this.arithmetic(expr.op, this.num(this.eval(expr.left)), this.num(this.eval(expr.right)));
    }
  }

  private call(name: string, args: readonly Expr[]): Value {
    const arg = (i: number): Value => (args[i] ? this.eval(args[i]) : UNINITIALIZED);
    switch (name) {
      case 'length': {
        const first = args[0];
        if (first?.kind === 'var' && this.arrays.has(first.name)) return this.arrays.get(first.name)!.size;
        return [...(first ? this.str(this.eval(first)) : this.record)].length;
      }
      case 'substr': {
        const chars = [...this.str(arg(0))];
        const start = this.round(this.num(arg(1)));
        const length = args.length > 2 ? this.round(this.num(arg(2))) : Infinity;
        const from = Math.max(1, start);
        const to = Math.min(chars.length + 1, start + length);
        return to <= from ? '' : chars.slice(from - 1, to - 1).join('');
      }
      case 'index': {
        const position = this.str(arg(0)).indexOf(this.str(arg(1)));
        return position < 0 ? 0 : [...this.str(arg(0)).slice(0, position)].length + 1;
      }
      case 'split': {
        const target = args[1];
        if (!target || target.kind !== 'var') throw new AwkRuntimeError('split: second argument must be an array name');
        const parts = this.split(this.str(arg(0)), args[2] ? (args[2].kind === 'regex' ? args[2].source : this.str(this.eval(args[2]))) : this.str(this.vars.get('FS')!));
        const array = this.array(target.name);
        array.clear();
        parts.forEach((part, i) => array.set(String(i + 1), new StrNum(part)));
        return parts.length;
      }
      case 'sub':
      case 'gsub':
        return this.substitute(name === 'gsub', args);
      case 'match': {
        const text = this.str(arg(0));
        const found = args[1] ? this.regexOf(args[1]).exec(text) : null;
        this.vars.set('RSTART', found ? [...text.slice(0, found.index)].length + 1 : 0);
        this.vars.set('RLENGTH', found ? [...found[0]].length : -1);
        return this.vars.get('RSTART')!;
      }
      case 'sprintf':
        return this.sprintf(this.str(arg(0)), args.slice(1).map((a) => this.eval(a)));
      case 'toupper':
        return this.str(arg(0)).toUpperCase();
      case 'tolower':
        return this.str(arg(0)).toLowerCase();
      case 'int':
        return Math.trunc(this.num(arg(0)));
      case 'sqrt':
        return Math.sqrt(this.num(arg(0)));
      case 'exp':
        return Math.exp(this.num(arg(0)));
      case 'log':
        return Math.log(this.num(arg(0)));
      case 'sin':
        return Math.sin(this.num(arg(0)));
      case 'cos':
        return Math.cos(this.num(arg(0)));
      case 'atan2':
        return Math.atan2(this.num(arg(0)), this.num(arg(1)));
      case 'rand':
        this.randomState = (this.randomState * 1103515245 + 12345) % 2147483648;
        return this.randomState / 2147483648;
      case 'srand': {
        const previous = this.randomSeed;
        this.randomSeed = args.length > 0 ? this.num(arg(0)) : 0;
        this.randomState = Math.abs(Math.trunc(this.randomSeed)) || 1;
        return previous;
      }
      default:
        throw new AwkRuntimeError(`function ${name} is not available in this lab`);
    }
  }

  private round(n: number): number {
    return Number.isFinite(n) ? Math.round(n) : n;
  }

  private substitute(global: boolean, args: readonly Expr[]): number {
    const [pattern, replacementExpr, targetExpr] = args;
    if (!pattern || !replacementExpr) throw new AwkRuntimeError('sub/gsub need a pattern and a replacement');
    const target: LValue = targetExpr && (targetExpr.kind === 'var' || targetExpr.kind === 'field' || targetExpr.kind === 'element') ? targetExpr : { kind: 'field', index: { kind: 'number', value: 0 } };
    const regex = this.regexOf(pattern);
    const replacement = this.str(this.eval(replacementExpr));
    const text = this.str(this.get(target));
    let count = 0;
    const flags = global ? 'gu' : 'u';
    const result = text.replace(new RegExp(regex.source, flags), (matched) => {
      count++;
      return replacement.replace(/\\\\|\\&|&/g, (token) => (token === '&' ? matched : token === '\\&' ? '&' : '\\'));
    });
    if (count > 0) this.set(target, result);
    return count;
  }

  private sprintf(format: string, values: readonly Value[]): string {
    let next = 0;
    const take = (): Value => values[next++] ?? UNINITIALIZED;
    return sprintfC(format, {
      number: () => this.num(take()),
      string: () => this.str(take()),
      char: () => {
        const value = take();
        if (typeof value === 'number') return String.fromCodePoint(Math.max(0, Math.trunc(value)) % 0x110000);
        return [...this.str(value)][0] ?? '';
      },
    });
  }
}
