/**
 * Turns shell source into a Program. A hand-written recursive-descent parser over characters
 * (the lexer is folded in: what a `}` or a newline means depends on where the parser is).
 * It also answers "is this text a whole command yet?" for the terminal and the script runner:
 * open quotes, a pending here-document body or a trailing `|`/`&&`/`\` ask for another line.
 * Aliases are expanded here, as bash does, by splicing the alias text into the source.
 */
import type {
  AndOrList,
  Assignment,
  Command,
  ForClause,
  HeredocBody,
  IfClause,
  ParamOp,
  Pipeline,
  Program,
  Redirect,
  SimpleCommand,
  WhileClause,
  Word,
  WordPart,
} from './ast.js';

export interface ParseOptions {
  /** The input ends here: report unterminated constructs as errors instead of asking for more. */
  readonly final?: boolean;
  /** Alias lookup for the first word of each simple command. */
  readonly aliases?: (name: string) => string | undefined;
}

export type IncompleteReason = 'quote' | 'heredoc' | 'continuation';

export type ParseResult =
  | { readonly kind: 'complete'; readonly program: Program; readonly warnings: readonly string[] }
  | { readonly kind: 'incomplete'; readonly reason: IncompleteReason }
  /** `message` is bash's text without the `bash: ` prefix. */
  | { readonly kind: 'error'; readonly message: string };

export function parse(source: string, options: ParseOptions = {}): ParseResult {
  const parser = new Parser(source, options);
  try {
    const program = parser.parseAll();
    return { kind: 'complete', program, warnings: parser.warnings };
  } catch (error) {
    if (error instanceof NeedMore) return { kind: 'incomplete', reason: error.reason };
    if (error instanceof ParseFailure) return { kind: 'error', message: error.message };
    throw error;
  }
}

/** False while the text still needs more lines (open quote, heredoc body, trailing `|` …). */
export function isComplete(source: string): boolean {
  return parse(source).kind !== 'incomplete';
}

/** Parse the body of an expanding here-document: `$` and backquotes work, quotes are literal. */
export function parseHeredocText(text: string): Word {
  const parser = new Parser(text, { final: true });
  try {
    return parser.parseHeredocWord();
  } catch (error) {
    // An unparsable `$(` in a heredoc body is kept as text, which is what the learner sees anyway.
    if (error instanceof ParseFailure || error instanceof NeedMore) {
      return { parts: [{ type: 'literal', value: text, quoted: true }], raw: text };
    }
    throw error;
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const REDIRECT = /^(\d*)(<<<|<<-|<<|<>|>>|>&|<&|>\||&>>|&>|>|<)/;
const SPECIAL_PARAM = /[0-9?$#!@*-]/;
/** Reserved words that cannot start a command. */
const RESERVED_TERMINATORS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', '}', 'esac']);

class NeedMore extends Error {
  constructor(readonly reason: IncompleteReason) {
    super(`incomplete: ${reason}`);
  }
}

class ParseFailure extends Error {}

function isMeta(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '|' || c === '&' || c === ';' || c === '(' || c === ')' || c === '<' || c === '>';
}

interface PendingHeredoc {
  readonly body: HeredocBody;
  readonly line: number;
}

class Parser {
  private pos = 0;
  private pending: PendingHeredoc[] = [];
  private readonly final: boolean;
  private readonly aliasLookup: ((name: string) => string | undefined) | undefined;
  /** Aliases expanded for the current command word, so `alias ls='ls -l'` does not loop. */
  private aliasGuard = new Set<string>();
  /** An alias ending in a blank makes the next word eligible for alias expansion too. */
  private aliasCheckAt = -1;
  readonly warnings: string[] = [];

  constructor(
    private src: string,
    options: ParseOptions,
  ) {
    this.final = options.final ?? false;
    this.aliasLookup = options.aliases;
  }

  parseAll(): Program {
    const program = this.parseList(undefined);
    if (this.pending.length > 0) this.readHeredocBodies();
    return program;
  }

  parseHeredocWord(): Word {
    const parts: WordPart[] = [];
    let literal = '';
    const flush = (): void => {
      if (literal) parts.push({ type: 'literal', value: literal, quoted: true });
      literal = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      const next = this.src[this.pos + 1];
      if (c === '\\' && next !== undefined && '$`\\'.includes(next)) {
        literal += next;
        this.pos += 2;
      } else if (c === '\\' && next === '\n') {
        this.pos += 2;
      } else if (c === '$') {
        const part = this.parseDollar(true);
        if (part) {
          flush();
          parts.push(part);
        } else {
          literal += '$';
          this.pos++;
        }
      } else if (c === '`') {
        flush();
        parts.push(this.parseBackquote(true));
      } else {
        literal += c;
        this.pos++;
      }
    }
    flush();
    return { parts, raw: this.src };
  }

  // ---- errors -------------------------------------------------------------------------------

  private needMore(reason: IncompleteReason, match?: string): never {
    if (!this.final) throw new NeedMore(reason);
    if (match !== undefined) throw new ParseFailure(`unexpected EOF while looking for matching \`${match}'`);
    throw new ParseFailure('syntax error: unexpected end of file');
  }

  private unexpected(): never {
    if (this.pos >= this.src.length) this.needMore('continuation');
    throw new ParseFailure(`syntax error near unexpected token \`${this.describeToken()}'`);
  }

  private describeToken(): string {
    const c = this.src[this.pos]!;
    if (c === '\n') return 'newline';
    for (const op of ['&&', '||', ';;', '|&', '&>>', '&>', '<<<', '<<-', '<<', '>>', '>&', '<&', '>|', '<>']) {
      if (this.src.startsWith(op, this.pos)) return op;
    }
    if (isMeta(c)) return c;
    let end = this.pos;
    while (end < this.src.length && !isMeta(this.src[end]!)) end++;
    return this.src.slice(this.pos, end);
  }

  // ---- low-level scanning ---------------------------------------------------------------------

  private atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  private peek(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  /** Skip blanks, line continuations and comments; never a newline. */
  private skipBlanks(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t') {
        this.pos++;
      } else if (c === '\\' && this.peek(1) === '\n') {
        this.pos += 2;
      } else if (c === '\\' && this.peek(1) === undefined && !this.final) {
        this.needMore('continuation');
      } else if (c === '#') {
        while (!this.atEnd() && this.peek() !== '\n') this.pos++;
      } else {
        return;
      }
    }
  }

  /** Skip blank lines (reading any here-document bodies they release). */
  private skipNewlines(): void {
    for (;;) {
      this.skipBlanks();
      if (this.peek() !== '\n') return;
      this.consumeNewline();
    }
  }

  private consumeNewline(): void {
    this.pos++;
    if (this.pending.length > 0) this.readHeredocBodies();
  }

  private readHeredocBodies(): void {
    const pending = this.pending;
    this.pending = [];
    for (const { body, line: startLine } of pending) {
      let text = '';
      let closed = false;
      while (!closed) {
        if (this.atEnd()) {
          if (!this.final) throw new NeedMore('heredoc');
          this.warnings.push(
            `warning: here-document at line ${startLine} delimited by end-of-file (wanted \`${body.delimiter}')`,
          );
          break;
        }
        const end = this.src.indexOf('\n', this.pos);
        const raw = end < 0 ? this.src.slice(this.pos) : this.src.slice(this.pos, end);
        this.pos = end < 0 ? this.src.length : end + 1;
        const line = body.stripTabs ? raw.replace(/^\t+/, '') : raw;
        if (line === body.delimiter) closed = true;
        else text += line + '\n';
      }
      body.text = text;
      body.word = body.expand ? parseHeredocText(text) : undefined;
    }
  }

  /** A reserved word can only be a plain unquoted word followed by a metacharacter. */
  private peekReserved(): string | undefined {
    let end = this.pos;
    while (end < this.src.length && !isMeta(this.src[end]!) && !`'"\\$\``.includes(this.src[end]!)) end++;
    if (end === this.pos) return undefined;
    if (end < this.src.length && !isMeta(this.src[end]!)) return undefined;
    return this.src.slice(this.pos, end);
  }

  private lineNumber(): number {
    let line = 1;
    for (let i = 0; i < this.pos && i < this.src.length; i++) if (this.src[i] === '\n') line++;
    return line;
  }

  // ---- grammar ------------------------------------------------------------------------------

  /**
   * A list of and-or lists separated by `;`, `&` or newlines, up to the end of input or, when
   * nested, up to one of `terminators` (a reserved word, or `)`), which is left unconsumed.
   */
  private parseList(terminators: ReadonlySet<string> | undefined): Program {
    const items: AndOrList[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.atEnd()) {
        if (terminators) this.needMore('continuation', terminators.has(')') ? ')' : undefined);
        break;
      }
      if (terminators && this.atTerminator(terminators)) {
        if (items.length === 0) this.unexpected();
        break;
      }
      items.push(this.parseAndOr());
      this.skipBlanks();
      const c = this.peek();
      if (c === undefined) continue;
      if (c === '&' && this.peek(1) !== '&' && this.peek(1) !== '>') {
        items[items.length - 1] = { ...items[items.length - 1]!, background: true };
        this.pos++;
        continue;
      }
      if (c === ';' && this.peek(1) !== ';') {
        this.pos++;
        continue;
      }
      if (c === '\n') {
        this.consumeNewline();
        continue;
      }
      if (terminators && this.atTerminator(terminators)) break;
      this.unexpected();
    }
    return { type: 'program', items };
  }

  private atTerminator(terminators: ReadonlySet<string>): boolean {
    if (this.peek() === ')') return terminators.has(')');
    const word = this.peekReserved();
    return word !== undefined && terminators.has(word);
  }

  private parseAndOr(): AndOrList {
    this.skipBlanks();
    const start = this.pos;
    const first = this.parsePipeline();
    const rest: Array<{ op: '&&' | '||'; pipeline: Pipeline }> = [];
    for (;;) {
      this.skipBlanks();
      const op = this.src.startsWith('&&', this.pos) ? '&&' : this.src.startsWith('||', this.pos) ? '||' : undefined;
      if (!op) break;
      this.pos += 2;
      this.skipNewlines();
      if (this.atEnd()) this.needMore('continuation');
      rest.push({ op, pipeline: this.parsePipeline() });
    }
    return { type: 'andor', first, rest, text: this.src.slice(start, this.pos).trim() };
  }

  private parsePipeline(): Pipeline {
    this.skipBlanks();
    let negated = false;
    if (this.peekReserved() === '!') {
      negated = true;
      this.pos++;
      this.skipBlanks();
    }
    const commands: Command[] = [this.parseCommand()];
    for (;;) {
      this.skipBlanks();
      if (this.peek() !== '|' || this.peek(1) === '|') break;
      this.pos += this.peek(1) === '&' ? 2 : 1;
      this.skipNewlines();
      if (this.atEnd()) this.needMore('continuation');
      commands.push(this.parseCommand());
    }
    return { type: 'pipeline', negated, commands };
  }

  private parseCommand(): Command {
    this.skipBlanks();
    if (this.atEnd()) this.needMore('continuation');
    const c = this.peek()!;
    if (c === '(') {
      this.pos++;
      const body = this.parseList(new Set([')']));
      this.pos++;
      return { type: 'subshell', body, redirects: this.parseTrailingRedirects() };
    }
    const reserved = this.peekReserved();
    switch (reserved) {
      case '{': {
        this.pos++;
        const body = this.parseList(new Set(['}']));
        this.expectReserved('}');
        return { type: 'group', body, redirects: this.parseTrailingRedirects() };
      }
      case 'if':
        return this.parseIf();
      case 'for':
        return this.parseFor();
      case 'while':
      case 'until':
        return this.parseWhile(reserved === 'until');
      default:
        if (reserved !== undefined && RESERVED_TERMINATORS.has(reserved)) this.unexpected();
    }
    return this.parseSimple();
  }

  private expectReserved(word: string): void {
    this.skipNewlines();
    if (this.peekReserved() !== word) this.unexpected();
    this.pos += word.length;
  }

  private parseIf(): IfClause {
    this.pos += 2;
    const branches: Array<{ condition: Program; body: Program }> = [];
    let otherwise: Program | undefined;
    let condition = this.parseList(new Set(['then']));
    for (;;) {
      this.expectReserved('then');
      const body = this.parseList(new Set(['elif', 'else', 'fi']));
      branches.push({ condition, body });
      const word = this.peekReserved()!;
      this.pos += word.length;
      if (word === 'elif') {
        condition = this.parseList(new Set(['then']));
        continue;
      }
      if (word === 'else') {
        otherwise = this.parseList(new Set(['fi']));
        this.expectReserved('fi');
      }
      break;
    }
    return { type: 'if', branches, otherwise, redirects: this.parseTrailingRedirects() };
  }

  private parseFor(): ForClause {
    this.pos += 3;
    this.skipBlanks();
    if (this.atEnd()) this.needMore('continuation');
    const name = this.peekReserved() ?? '';
    if (!NAME.test(name) || NAME.exec(name)![0] !== name) {
      if (name === '') this.unexpected();
      throw new ParseFailure(`\`${name}': not a valid identifier`);
    }
    this.pos += name.length;
    const items: Word[] = [];
    this.skipNewlines();
    if (this.peekReserved() === 'in') {
      this.pos += 2;
      for (;;) {
        this.skipBlanks();
        const c = this.peek();
        if (c === undefined) this.needMore('continuation');
        if (c === ';') {
          this.pos++;
          break;
        }
        if (c === '\n') {
          this.consumeNewline();
          break;
        }
        if (isMeta(c)) this.unexpected();
        items.push(this.parseWord());
      }
    } else {
      // `for name; do` with no `in` goes over the positional parameters, as `in "$@"` would.
      items.push({ parts: [{ type: 'param', name: '@', quoted: true }], raw: '"$@"' });
      if (this.peek() === ';') this.pos++;
    }
    this.expectReserved('do');
    const body = this.parseList(new Set(['done']));
    this.expectReserved('done');
    return { type: 'for', name, items, body, redirects: this.parseTrailingRedirects() };
  }

  private parseWhile(until: boolean): WhileClause {
    this.pos += 5; // `while` and `until` are both five letters
    const condition = this.parseList(new Set(['do']));
    this.expectReserved('do');
    const body = this.parseList(new Set(['done']));
    this.expectReserved('done');
    return { type: 'while', until, condition, body, redirects: this.parseTrailingRedirects() };
  }

  private parseTrailingRedirects(): Redirect[] {
    const redirects: Redirect[] = [];
    for (;;) {
      this.skipBlanks();
      const match = REDIRECT.exec(this.src.slice(this.pos, this.pos + 16));
      if (!match || (match[1] && match[2]!.startsWith('&'))) return redirects;
      redirects.push(this.parseRedirect(match[1]!, match[2]!));
    }
  }

  private parseSimple(): SimpleCommand {
    const assignments: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      this.skipBlanks();
      if (this.atEnd()) break;
      const match = this.atProcessSubstitution() ? null : REDIRECT.exec(this.src.slice(this.pos, this.pos + 16));
      if (match && !(match[1] && match[2]!.startsWith('&'))) {
        redirects.push(this.parseRedirect(match[1]!, match[2]!));
        continue;
      }
      if (isMeta(this.peek()!) && !this.atProcessSubstitution()) break;
      if (words.length === 0 && ASSIGNMENT.test(this.src.slice(this.pos, this.pos + 256))) {
        assignments.push(toAssignment(this.parseWord()));
        continue;
      }
      if ((words.length === 0 || this.pos === this.aliasCheckAt) && this.expandAlias()) continue;
      words.push(this.parseWord());
      if (words.length === 1) this.aliasGuard = new Set();
    }
    if (assignments.length === 0 && words.length === 0 && redirects.length === 0) this.unexpected();
    return { type: 'simple', assignments, words, redirects };
  }

  /** Replace an alias name at the cursor by its value; true when the source changed. */
  private expandAlias(): boolean {
    if (!this.aliasLookup) return false;
    const name = this.peekReserved();
    if (name === undefined || this.aliasGuard.has(name)) return false;
    const value = this.aliasLookup(name);
    if (value === undefined) return false;
    this.aliasGuard.add(name);
    this.src = this.src.slice(0, this.pos) + value + this.src.slice(this.pos + name.length);
    this.aliasCheckAt = /[ \t]$/.test(value) ? this.pos + value.length : -1;
    return true;
  }

  private parseRedirect(fdText: string, op: string): Redirect {
    this.pos += fdText.length + op.length;
    const explicitFd = fdText === '' ? undefined : Number(fdText);
    const inputFd = explicitFd ?? 0;
    const outputFd = explicitFd ?? 1;
    const line = this.lineNumber();
    this.skipBlanks();
    if (this.atEnd() || (isMeta(this.peek()!) && !this.atProcessSubstitution())) {
      if (this.atEnd()) throw new ParseFailure("syntax error near unexpected token `newline'");
      this.unexpected();
    }
    const target = this.parseWord();
    switch (op) {
      case '<<':
      case '<<-': {
        const quoted = /['"\\]/.test(target.raw);
        const body: HeredocBody = {
          delimiter: removeQuotes(target.raw),
          expand: !quoted,
          stripTabs: op === '<<-',
          text: '',
          word: undefined,
        };
        this.pending.push({ body, line });
        return { type: 'heredoc', fd: inputFd, body };
      }
      case '<<<':
        return { type: 'herestring', fd: inputFd, target };
      case '>&':
      case '<&':
        if (/^(\d+|-)$/.test(target.raw)) return { type: 'dup', fd: op === '<&' ? inputFd : outputFd, target };
        return { type: 'file', fd: op === '<&' ? inputFd : explicitFd ?? -1, op: op === '<&' ? '<' : explicitFd === undefined ? '&>' : '>', target };
      case '<':
      case '<>':
        return { type: 'file', fd: inputFd, op: '<', target };
      case '&>':
      case '&>>':
        return { type: 'file', fd: -1, op, target };
      case '>>':
        return { type: 'file', fd: outputFd, op: '>>', target };
      default:
        return { type: 'file', fd: outputFd, op: '>', target };
    }
  }

  // ---- words --------------------------------------------------------------------------------

  /**
   * One word up to an unquoted metacharacter, or (inside `${x:-…}`) up to the closing brace.
   * `quotedContext` marks parts as quoted when the whole word sits inside double quotes.
   */
  private parseWord(stopAtBrace = false, quotedContext = false): Word {
    const start = this.pos;
    const parts: WordPart[] = [];
    let literal = '';
    const flush = (): void => {
      if (literal) parts.push({ type: 'literal', value: literal, quoted: quotedContext });
      literal = '';
    };
    const pushQuoted = (value: string): void => {
      flush();
      parts.push({ type: 'literal', value, quoted: true });
    };
    for (;;) {
      const c = this.peek();
      if (c === undefined) {
        if (stopAtBrace) this.needMore('quote', '}');
        break;
      }
      if (!stopAtBrace && !quotedContext && this.atProcessSubstitution()) {
        flush();
        parts.push(this.parseProcessSubstitution());
        continue;
      }
      if (stopAtBrace ? c === '}' : isMeta(c)) break;
      if (c === '\\') {
        const next = this.peek(1);
        if (next === undefined) {
          if (!this.final) this.needMore('continuation');
          literal += '\\';
          this.pos++;
        } else if (next === '\n') {
          this.pos += 2;
        } else {
          pushQuoted(next);
          this.pos += 2;
        }
      } else if (c === "'" && !quotedContext) {
        const close = this.src.indexOf("'", this.pos + 1);
        if (close < 0) this.needMore('quote', "'");
        pushQuoted(this.src.slice(this.pos + 1, close));
        this.pos = close + 1;
      } else if (c === '"') {
        flush();
        this.parseDoubleQuoted(parts);
      } else if (c === '$' && this.peek(1) === '"' && !quotedContext) {
        this.pos++;
      } else if (c === '$' && this.peek(1) === "'" && !quotedContext) {
        pushQuoted(this.parseAnsiC());
      } else if (c === '$') {
        const part = this.parseDollar(quotedContext);
        if (part) {
          flush();
          parts.push(part);
        } else {
          literal += '$';
          this.pos++;
        }
      } else if (c === '`') {
        flush();
        parts.push(this.parseBackquote(quotedContext));
      } else {
        literal += c;
        this.pos++;
      }
    }
    flush();
    return { parts, raw: this.src.slice(start, this.pos) };
  }

  private parseDoubleQuoted(parts: WordPart[]): void {
    this.pos++;
    let literal = '';
    let any = false;
    const flush = (): void => {
      if (literal) parts.push({ type: 'literal', value: literal, quoted: true });
      if (literal) any = true;
      literal = '';
    };
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.needMore('quote', '"');
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === '\\') {
        const next = this.peek(1);
        if (next === undefined) this.needMore('quote', '"');
        if (next === '\n') {
          this.pos += 2;
        } else if ('$`"\\'.includes(next)) {
          literal += next;
          this.pos += 2;
        } else {
          literal += '\\';
          this.pos++;
        }
      } else if (c === '$') {
        const part = this.parseDollar(true);
        if (part) {
          flush();
          parts.push(part);
          any = true;
        } else {
          literal += '$';
          this.pos++;
        }
      } else if (c === '`') {
        flush();
        parts.push(this.parseBackquote(true));
        any = true;
      } else {
        literal += c;
        this.pos++;
      }
    }
    flush();
    // `""` is still a word (an empty argument), so it leaves a quoted empty literal behind.
    if (!any) parts.push({ type: 'literal', value: '', quoted: true });
  }

  /** `$'…'`: C escapes, the result is quoted text. */
  private parseAnsiC(): string {
    this.pos += 2;
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.needMore('quote', "'");
      this.pos++;
      if (c === "'") return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.peek() ?? '';
      this.pos++;
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
      if (e in simple) {
        out += simple[e];
      } else if (e === 'x') {
        const hex = /^[0-9a-fA-F]{1,2}/.exec(this.src.slice(this.pos))?.[0] ?? '';
        this.pos += hex.length;
        out += hex ? String.fromCharCode(parseInt(hex, 16)) : '\\x';
      } else if (/[0-7]/.test(e)) {
        const oct = e + (/^[0-7]{0,2}/.exec(this.src.slice(this.pos))?.[0] ?? '');
        this.pos += oct.length - 1;
        out += String.fromCharCode(parseInt(oct, 8));
      } else {
        out += '\\' + e;
      }
    }
  }

  /** Parses `$…` at the cursor, or returns undefined (cursor unmoved) when `$` is just a dollar. */
  private parseDollar(quoted: boolean): WordPart | undefined {
    const next = this.peek(1);
    if (next === '(') {
      if (this.peek(2) === '(') return this.parseArithmetic(quoted);
      this.pos += 2;
      const program = this.parseList(new Set([')']));
      this.pos++;
      return { type: 'command', program, quoted };
    }
    if (next === '{') return this.parseBraceParam(quoted);
    if (next !== undefined && /[A-Za-z_]/.test(next)) {
      const name = NAME.exec(this.src.slice(this.pos + 1))![0];
      this.pos += 1 + name.length;
      return { type: 'param', name, quoted };
    }
    if (next !== undefined && SPECIAL_PARAM.test(next)) {
      this.pos += 2;
      return { type: 'param', name: next, quoted };
    }
    return undefined;
  }

  private parseArithmetic(quoted: boolean): WordPart {
    const start = this.pos + 3;
    let depth = 0;
    for (let i = start; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0 && this.src[i + 1] === ')') {
          this.pos = i + 2;
          return { type: 'arith', expression: this.src.slice(start, i), quoted };
        }
        depth--;
      }
    }
    return this.needMore('quote', ')');
  }

  private parseBraceParam(quoted: boolean): WordPart {
    const start = this.pos;
    this.pos += 2;
    const bad = (): never => {
      const close = this.src.indexOf('}', start);
      if (close < 0) this.needMore('quote', '}');
      throw new ParseFailure(`${this.src.slice(start, close + 1)}: bad substitution`);
    };
    let length = false;
    if (this.peek() === '#' && this.peek(1) !== '}') {
      length = true;
      this.pos++;
    }
    let name: string;
    const rest = this.src.slice(this.pos);
    // `${10}`: braces let a positional parameter have more than one digit (`$10` is `${1}0`).
    const identifier = NAME.exec(rest) ?? /^[0-9]+/.exec(rest);
    if (identifier) name = identifier[0];
    else if (rest[0] !== undefined && SPECIAL_PARAM.test(rest[0])) name = rest[0];
    else if (rest.length === 0) return this.needMore('quote', '}');
    else return bad();
    this.pos += name.length;
    if (this.atEnd()) this.needMore('quote', '}');
    if (this.peek() === '}') {
      this.pos++;
      return { type: 'param', name, quoted, length };
    }
    if (length) return bad();
    const op = (['##', '%%', ':-', ':=', ':+', ':?', '-', '=', '+', '?', '#', '%'] as const).find((o) =>
      this.src.startsWith(o, this.pos),
    );
    if (!op) return bad();
    this.pos += op.length;
    const arg = this.parseWord(true, quoted);
    this.pos++;
    return { type: 'param', name, quoted, op: op satisfies ParamOp, arg };
  }

  /** `<(` or `>(` at the cursor: a process substitution. */
  private atProcessSubstitution(): boolean {
    const c = this.peek();
    return (c === '<' || c === '>') && this.peek(1) === '(';
  }

  private parseProcessSubstitution(): WordPart {
    const direction = this.peek() === '<' ? '<' : '>';
    this.pos += 2;
    const program = this.parseList(new Set([')']));
    this.pos++;
    return { type: 'procsub', direction, program, quoted: false };
  }

  private parseBackquote(quoted: boolean): WordPart {
    let inner = '';
    let i = this.pos + 1;
    for (;;) {
      const c = this.src[i];
      if (c === undefined) this.needMore('quote', '`');
      if (c === '`') break;
      if (c === '\\' && i + 1 < this.src.length && '$`\\'.includes(this.src[i + 1]!)) {
        inner += this.src[i + 1];
        i += 2;
        continue;
      }
      inner += c;
      i++;
    }
    this.pos = i + 1;
    const result = parse(inner, { final: true, ...(this.aliasLookup ? { aliases: this.aliasLookup } : {}) });
    if (result.kind === 'error') throw new ParseFailure(result.message);
    if (result.kind !== 'complete') throw new ParseFailure('syntax error: unexpected end of file');
    return { type: 'command', program: result.program, quoted };
  }
}

function toAssignment(word: Word): Assignment {
  const first = word.parts[0];
  if (!first || first.type !== 'literal' || first.quoted) throw new Error('not an assignment');
  const eq = first.value.indexOf('=');
  const name = first.value.slice(0, eq);
  const remainder = first.value.slice(eq + 1);
  const parts: WordPart[] = remainder ? [{ type: 'literal', value: remainder, quoted: false }] : [];
  parts.push(...word.parts.slice(1));
  return { name, value: { parts, raw: word.raw.slice(eq + 1) } };
}

/** The text a quoted word stands for, without expanding anything (heredoc delimiters). */
function removeQuotes(raw: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < raw.length) out += raw[++i];
      else out += c;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '\\' && i + 1 < raw.length) {
      out += raw[++i];
    } else {
      out += c;
    }
  }
  return out;
}
