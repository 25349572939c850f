/**
 * Word expansion in bash's order: brace, tilde, parameter / command / arithmetic, field
 * splitting of unquoted results, pathname expansion, quote removal.
 */
import type { Program, Word, WordPart } from './ast.js';
import { ArithmeticError, evaluateArithmetic } from './arithmetic.js';
import { braceExpand } from './brace-expansion.js';
import { escapeGlob, globToRegExpSource, hasGlobChars } from './glob.js';

/** An expansion that fails the command, e.g. `${x:?}`; message is bash's without `bash: `. */
export class ExpansionError extends Error {}

export interface ExpansionContext {
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
  /** Home directory for `~` (user '') or `~user`; undefined keeps the tilde. */
  tilde(user: string): string | undefined;
  /** Run `$(…)` and return its standard output. */
  substitute(program: Program): Promise<string>;
  /** Pathname expansion of an escaped pattern; no match gives []. */
  glob(pattern: string): string[];
  /** `<(list)` / `>(list)`: the `/dev/fd/N` path standing for the list's output or input. */
  processSubstitution?(program: Program, direction: '<' | '>'): Promise<string>;
  /** The positional parameters `$1`…`$N`, which `$@` and `$*` make words of; none when absent. */
  positionalArgs?(): readonly string[];
}

/** What `"$*"` puts between the parameters: IFS's first character, a space when IFS is unset. */
export function ifsJoiner(ifs: string | undefined): string {
  return ifs === undefined ? ' ' : (ifs[0] ?? '');
}

/** Expand command words into argv: may produce more or fewer fields than words. */
export async function expandWords(words: readonly Word[], ctx: ExpansionContext): Promise<string[]> {
  const out: string[] = [];
  for (const word of words) {
    for (const braced of braceExpand(word)) {
      for (const field of await expandFields(braced, ctx)) {
        if (field.glob && hasGlobChars(field.pattern)) {
          const matches = ctx.glob(field.pattern);
          if (matches.length > 0) {
            out.push(...matches);
            continue;
          }
        }
        out.push(field.text);
      }
    }
  }
  return out;
}

/** Expand to one string without splitting or globbing (assignments, heredocs, `case` words). */
export async function expandWord(word: Word, ctx: ExpansionContext): Promise<string> {
  const builder = new FieldBuilder(false);
  await appendParts(withTilde(word.parts, ctx), builder, ctx);
  return builder.joined().text;
}

/** Expand to a pattern: quoted characters come back escaped so they match only themselves. */
export async function expandPattern(word: Word, ctx: ExpansionContext): Promise<string> {
  const builder = new FieldBuilder(false);
  await appendParts(word.parts, builder, ctx);
  return builder.joined().pattern;
}

interface Field {
  text: string;
  /** The same text with quoted pattern characters escaped. */
  pattern: string;
  glob: boolean;
}

class FieldBuilder {
  readonly fields: Field[] = [];
  private current: Field | undefined;

  constructor(private readonly split: boolean) {}

  quoted(text: string): void {
    const field = this.ensure();
    field.text += text;
    field.pattern += escapeGlob(text);
  }

  unquoted(text: string): void {
    if (text === '') return;
    const field = this.ensure();
    field.text += text;
    field.pattern += text;
    if (/[*?[]/.test(text)) field.glob = true;
  }

  /** The result of an unquoted expansion: split on IFS whitespace when splitting is on. */
  expansion(text: string): void {
    if (!this.split) {
      this.unquoted(text);
      return;
    }
    text.split(/[ \t\n]+/).forEach((piece, index) => {
      if (index > 0) this.terminate();
      this.unquoted(piece);
    });
  }

  /**
   * `$@` and `$*`: each parameter its own word, split further when unquoted; `"$*"` is one word,
   * the parameters joined by `joiner`. Where no splitting happens (`x=$@`) all are joined.
   */
  parameters(args: readonly string[], quoted: boolean, star: boolean, joiner: string): void {
    if (!this.split || (quoted && star)) {
      const text = args.join(star ? joiner : ' ');
      if (quoted) this.quoted(text);
      else this.unquoted(text);
      return;
    }
    args.forEach((arg, index) => {
      if (index > 0) this.terminate();
      if (quoted) this.quoted(arg);
      else this.expansion(arg);
    });
  }

  terminate(): void {
    if (this.current) this.fields.push(this.current);
    this.current = undefined;
  }

  joined(): Field {
    this.terminate();
    return this.fields[0] ?? { text: '', pattern: '', glob: false };
  }

  private ensure(): Field {
    return (this.current ??= { text: '', pattern: '', glob: false });
  }
}

async function expandFields(word: Word, ctx: ExpansionContext): Promise<Field[]> {
  const builder = new FieldBuilder(true);
  await appendParts(withTilde(word.parts, ctx), builder, ctx);
  builder.terminate();
  return builder.fields;
}

/** `~` and `~user` at the start of a word, up to the first slash, become a home directory. */
function withTilde(parts: readonly WordPart[], ctx: ExpansionContext): readonly WordPart[] {
  const first = parts[0];
  if (!first || first.type !== 'literal' || first.quoted || !first.value.startsWith('~')) return parts;
  const slash = first.value.indexOf('/');
  if (slash < 0 && parts.length > 1) return parts;
  const user = first.value.slice(1, slash < 0 ? undefined : slash);
  const home = user === '+' ? ctx.getVar('PWD') : user === '-' ? ctx.getVar('OLDPWD') : ctx.tilde(user);
  if (home === undefined) return parts;
  const rest = slash < 0 ? '' : first.value.slice(slash);
  const replaced: WordPart[] = [{ type: 'literal', value: home, quoted: true }];
  if (rest) replaced.push({ type: 'literal', value: rest, quoted: false });
  return [...replaced, ...parts.slice(1)];
}

async function appendParts(parts: readonly WordPart[], builder: FieldBuilder, ctx: ExpansionContext): Promise<void> {
  for (const part of parts) {
    switch (part.type) {
      case 'literal':
        if (part.quoted) builder.quoted(part.value);
        else builder.unquoted(part.value);
        break;
      case 'param': {
        const value = await expandParam(part, ctx);
        if (typeof value === 'object') {
          builder.parameters(value, part.quoted, part.name === '*', ifsJoiner(ctx.getVar('IFS')));
          break;
        }
        if (value === undefined) {
          // `"$UNSET"` is still one (empty) argument.
          if (part.quoted) builder.quoted('');
          break;
        }
        if (part.quoted) builder.quoted(value);
        else builder.expansion(value);
        break;
      }
      case 'command': {
        const output = (await ctx.substitute(part.program)).replace(/\n+$/, '');
        if (part.quoted) builder.quoted(output);
        else builder.expansion(output);
        break;
      }
      case 'procsub': {
        if (!ctx.processSubstitution) throw new ExpansionError('process substitution is not available here');
        builder.quoted(await ctx.processSubstitution(part.program, part.direction));
        break;
      }
      case 'arith': {
        let value: number;
        try {
          // Variables inside `$(( ))` are read by the evaluator itself, bare or with `$`.
          value = evaluateArithmetic(part.expression, (name) => ctx.getVar(name));
        } catch (error) {
          if (error instanceof ArithmeticError) throw new ExpansionError(error.message);
          throw error;
        }
        if (part.quoted) builder.quoted(String(value));
        else builder.expansion(String(value));
        break;
      }
    }
  }
}

/** `$@`, `$*` and their `${@…}` forms: the parameters as a list, or one string where an operator makes one. */
async function expandParameters(part: Extract<WordPart, { type: 'param' }>, ctx: ExpansionContext): Promise<readonly string[] | string> {
  const args = ctx.positionalArgs?.() ?? [];
  if (part.length) return String(args.length);
  const arg = async (): Promise<string> => (part.arg ? expandWord(part.arg, ctx) : '');
  const isSet = args.length > 0;
  switch (part.op) {
    case undefined:
      return args;
    case ':-':
    case '-':
      return isSet ? args : arg();
    case ':+':
    case '+':
      return isSet ? arg() : '';
    case ':=':
    case '=':
      throw new ExpansionError(`$${part.name}: cannot assign in this way`);
    case ':?':
    case '?': {
      if (isSet) return args;
      const message = await arg();
      throw new ExpansionError(`${part.name}: ${message || 'parameter null or not set'}`);
    }
    default: {
      const pattern = part.arg ? await expandPattern(part.arg, ctx) : '';
      const op = part.op;
      return args.map((subject) => removePattern(subject, pattern, op));
    }
  }
}

async function expandParam(part: Extract<WordPart, { type: 'param' }>, ctx: ExpansionContext): Promise<readonly string[] | string | undefined> {
  if (part.name === '@' || part.name === '*') return expandParameters(part, ctx);
  const value = ctx.getVar(part.name);
  if (part.length) return String([...(value ?? '')].length);
  if (!part.op) return value;
  const isSet = value !== undefined;
  const isNonEmpty = isSet && value !== '';
  const arg = async (): Promise<string> => (part.arg ? expandWord(part.arg, ctx) : '');
  switch (part.op) {
    case ':-':
      return isNonEmpty ? value : arg();
    case '-':
      return isSet ? value : arg();
    case ':=':
    case '=': {
      if (part.op === ':=' ? isNonEmpty : isSet) return value;
      if (!/^[A-Za-z_]/.test(part.name)) throw new ExpansionError(`$${part.name}: cannot assign in this way`);
      const assigned = await arg();
      ctx.setVar(part.name, assigned);
      return assigned;
    }
    case ':+':
      return isNonEmpty ? arg() : '';
    case '+':
      return isSet ? arg() : '';
    case ':?':
    case '?': {
      if (part.op === ':?' ? isNonEmpty : isSet) return value;
      const message = await arg();
      throw new ExpansionError(`${part.name}: ${message || 'parameter null or not set'}`);
    }
    default: {
      const subject = value ?? '';
      const pattern = part.arg ? await expandPattern(part.arg, ctx) : '';
      return removePattern(subject, pattern, part.op);
    }
  }
}

function removePattern(subject: string, pattern: string, op: '#' | '##' | '%' | '%%'): string {
  if (pattern === '') return subject;
  const regex = new RegExp(`^${globToRegExpSource(pattern)}$`, 'u');
  const chars = [...subject];
  const n = chars.length;
  if (op === '#' || op === '##') {
    const lengths = op === '#' ? range(0, n) : range(0, n).reverse();
    for (const k of lengths) if (regex.test(chars.slice(0, k).join(''))) return chars.slice(k).join('');
  } else {
    const starts = op === '%' ? range(0, n).reverse() : range(0, n);
    for (const k of starts) if (regex.test(chars.slice(k).join(''))) return chars.slice(0, k).join('');
  }
  return subject;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}
