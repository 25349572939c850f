/**
 * `grep` with the options learners use on kubectl output and manifests: -i -v -n -c -o -q -l
 * -L -w -x -h -H -r -E -F -e -m and -A/-B/-C. POSIX basic and extended regular expressions are
 * translated to JavaScript ones. Exit status: 0 selected, 1 none, 2 trouble.
 */
import { resolvePath } from '../../hosts/vfs.js';
import type { Builtin, BuiltinContext } from './builtin.js';
import { lastValue, parseOptions } from './options.js';
import { readOperand, splitLines, usageError } from './util.js';

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
};

export class PatternError extends Error {}

/** Translate a POSIX BRE (or ERE when `extended`) to JavaScript regular-expression source. */
export function posixToJs(pattern: string, extended: boolean): string {
  let out = '';
  let depth = 0;
  // `*` is literal where there is nothing to repeat: at the start, after `(` or `|`.
  let atStart = true;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const wasStart = atStart;
    atStart = false;
    if (c === '[') {
      const end = bracketEnd(pattern, i);
      if (end < 0) throw new PatternError('Unmatched [, [^, [:, [., or [=');
      out += translateBracket(pattern.slice(i + 1, end));
      i = end;
      continue;
    }
    if (c === '\\') {
      const next = pattern[++i];
      if (next === undefined) throw new PatternError('Trailing backslash');
      if (!extended && '(){}|+?'.includes(next)) {
        if (next === '(') depth++;
        if (next === ')') {
          if (depth === 0) throw new PatternError('Unmatched ) or \\)');
          depth--;
        }
        out += next;
        atStart = next === '(' || next === '|';
      } else if (next === '<') out += '\\b(?=\\w)';
      else if (next === '>') out += '\\b(?<=\\w)';
      else if ('wWsSbB'.includes(next)) out += '\\' + next;
      else if (/[0-9]/.test(next)) out += '\\' + next;
      else out += escapeChar(next);
      continue;
    }
    if (extended) {
      if (c === '(') {
        depth++;
        atStart = true;
        out += '(';
      } else if (c === ')') {
        if (depth === 0) throw new PatternError('Unmatched ) or \\)');
        depth--;
        out += ')';
      } else if (c === '|') {
        atStart = true;
        out += '|';
      } else if (c === '{' && !/^\{\d+(,\d*)?\}/.test(pattern.slice(i))) {
        out += '\\{';
      } else if ((c === '*' || c === '+' || c === '?') && wasStart) {
        out += '\\' + c;
      } else {
        out += c === '}' && !/\{\d+(,\d*)?$/.test(pattern.slice(0, i)) ? '\\}' : c;
      }
      continue;
    }
    if ('(){}|+?'.includes(c)) out += '\\' + c;
    else if (c === '*' && wasStart) out += '\\*';
    else if (c === '^' && !wasStart) out += '\\^';
    else if (c === '$' && i !== pattern.length - 1 && pattern.slice(i + 1, i + 3) !== '\\)' && pattern.slice(i + 1, i + 3) !== '\\|') out += '\\$';
    else {
      out += c;
      if (c === '^') atStart = true;
    }
  }
  if (depth > 0) throw new PatternError('Unmatched ( or \\(');
  return out;
}

function bracketEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '[' && ':.='.includes(pattern[i + 1] ?? '')) {
      const close = pattern.indexOf(pattern[i + 1]! + ']', i + 2);
      if (close < 0) return -1;
      i = close + 1;
    } else if (pattern[i] === ']') {
      return i;
    }
  }
  return -1;
}

function translateBracket(body: string): string {
  let out = '[';
  let i = 0;
  if (body[0] === '^') {
    out += '^';
    i = 1;
  }
  for (; i < body.length; i++) {
    const c = body[i]!;
    const cls = c === '[' && body[i + 1] === ':' ? /^\[:([a-z]+):\]/.exec(body.slice(i)) : null;
    if (cls) {
      const range = POSIX_CLASSES[cls[1]!];
      if (range === undefined) throw new PatternError('Invalid character class name');
      out += range;
      i += cls[0].length - 1;
    } else if (c === '\\' || c === ']' || c === '[' || (c === '^' && i > 0)) {
      out += '\\' + c;
    } else {
      out += c;
    }
  }
  return out + ']';
}

function escapeChar(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? '\\' + c : c;
}

function grep(ctx: BuiltinContext): number {
  const args = ctx.argv.slice(1).filter((a) => !/^--colou?r(=.*)?$/.test(a));
  const parsed = parseOptions('grep', args, {
    flags: 'ivncoqlLwxhHrRsEFGIZ',
    values: 'emABCf',
    long: {
      'ignore-case': 'i',
      'invert-match': 'v',
      'line-number': 'n',
      count: 'c',
      'only-matching': 'o',
      quiet: 'q',
      silent: 'q',
      'files-with-matches': 'l',
      'files-without-match': 'L',
      'word-regexp': 'w',
      'line-regexp': 'x',
      'no-filename': 'h',
      'with-filename': 'H',
      recursive: 'r',
      'no-messages': 's',
      'extended-regexp': 'E',
      'fixed-strings': 'F',
      'basic-regexp': 'G',
      regexp: 'e',
      'max-count': 'm',
      'after-context': 'A',
      'before-context': 'B',
      context: 'C',
    },
  });
  if (!parsed.ok) return usageError(ctx, 'grep', parsed.message, 2);
  const { flags, values } = parsed.options;
  const operands = [...parsed.options.operands];
  let patterns = [...(values.get('e') ?? [])];
  if (patterns.length === 0) {
    const first = operands.shift();
    if (first === undefined) {
      ctx.stderr.write("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
      return 2;
    }
    patterns = [first];
  }
  patterns = patterns.flatMap((p) => p.split('\n'));
  let regex: RegExp;
  try {
    const sources = patterns.map((p) => (flags.has('F') ? p.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&') : posixToJs(p, flags.has('E'))));
    let source = sources.map((s) => `(?:${s})`).join('|');
    if (flags.has('w')) source = `(?<![\\w])(?:${source})(?![\\w])`;
    if (flags.has('x')) source = `^(?:${source})$`;
    regex = new RegExp(source, flags.has('i') ? 'gi' : 'g');
  } catch (error) {
    const message = error instanceof PatternError ? error.message : 'Invalid regular expression';
    ctx.stderr.write(`grep: ${message}\n`);
    return 2;
  }
  const numberOption = (key: string): number | undefined => {
    const raw = lastValue(parsed.options, key);
    return raw === undefined ? undefined : Math.max(0, Number.parseInt(raw, 10) || 0);
  };
  const context = numberOption('C') ?? 0;
  const after = numberOption('A') ?? context;
  const before = numberOption('B') ?? context;
  const maxCount = numberOption('m');
  const recursive = flags.has('r') || flags.has('R');
  // `grep -r x` with no operand names files as `a.yaml`, `grep -r x .` as `./a.yaml`.
  const implicitDot = recursive && operands.length === 0;
  if (operands.length === 0) operands.push(recursive ? '.' : '-');

  // Expand directories for -r; a directory without -r is an error like GNU's.
  const inputs: Array<{ name: string; text?: string; error?: string }> = [];
  const fs = ctx.shell.host.fs;
  const walk = (name: string, path: string): void => {
    for (const entry of fs.readdir(path)) {
      const child = resolvePath(path, entry);
      const childName = implicitDot && name === '.' ? entry : `${name.replace(/\/+$/, '')}/${entry}`;
      if (fs.stat(child).isDirectory) walk(childName, child);
      else inputs.push({ name: childName, text: fs.readFile(child) });
    }
  };
  for (const operand of operands) {
    if (operand !== '-' && recursive && fs.tryStat(ctx.shell.resolvePath(operand))?.isDirectory) {
      walk(operand, ctx.shell.resolvePath(operand));
      continue;
    }
    const read = readOperand(ctx, operand);
    const name = operand === '-' ? '(standard input)' : operand;
    if (read.ok) inputs.push({ name, text: read.text });
    else inputs.push({ name, error: read.error.description });
  }
  const showNames = flags.has('H') || (!flags.has('h') && (inputs.length > 1 || recursive));
  let selectedAny = false;
  let trouble = false;
  let out = '';
  const invert = flags.has('v');
  for (const input of inputs) {
    if (input.text === undefined) {
      if (!flags.has('s')) ctx.stderr.write(`grep: ${input.name}: ${input.error}\n`);
      trouble = true;
      continue;
    }
    const lines = splitLines(input.text);
    const prefix = (n: number, separator: string): string =>
      (showNames ? input.name + separator : '') + (flags.has('n') ? `${n + 1}${separator}` : '');
    const selected: number[] = [];
    for (let n = 0; n < lines.length; n++) {
      regex.lastIndex = 0;
      if (regex.test(lines[n]!) !== invert) {
        selected.push(n);
        if (maxCount !== undefined && selected.length >= maxCount) break;
      }
    }
    if (selected.length > 0) selectedAny = true;
    if (flags.has('q')) {
      if (selectedAny) break;
      continue;
    }
    if (flags.has('l')) {
      if (selected.length > 0) out += input.name + '\n';
      continue;
    }
    if (flags.has('L')) {
      if (selected.length === 0) out += input.name + '\n';
      continue;
    }
    if (flags.has('c')) {
      out += (showNames ? `${input.name}:` : '') + `${selected.length}\n`;
      continue;
    }
    if (flags.has('o')) {
      if (invert) continue;
      for (const n of selected) {
        regex.lastIndex = 0;
        for (const match of lines[n]!.matchAll(regex)) if (match[0] !== '') out += prefix(n, ':') + match[0] + '\n';
      }
      continue;
    }
    out += renderWithContext(lines, selected, before, after, prefix);
  }
  ctx.stdout.write(out);
  if (flags.has('q') && selectedAny) return 0;
  if (trouble) return 2;
  return selectedAny ? 0 : 1;
}

function renderWithContext(
  lines: readonly string[],
  selected: readonly number[],
  before: number,
  after: number,
  prefix: (n: number, separator: string) => string,
): string {
  if (before === 0 && after === 0) return selected.map((n) => prefix(n, ':') + lines[n] + '\n').join('');
  const chosen = new Set(selected);
  const shown = new Set<number>();
  for (const n of selected) {
    for (let k = Math.max(0, n - before); k <= Math.min(lines.length - 1, n + after); k++) shown.add(k);
  }
  let out = '';
  let last = -1;
  for (const n of [...shown].sort((a, b) => a - b)) {
    if (last >= 0 && n > last + 1) out += '--\n';
    out += prefix(n, chosen.has(n) ? ':' : '-') + lines[n] + '\n';
    last = n;
  }
  return out;
}

export const grepBuiltin: Builtin = { name: 'grep', kind: 'utility', run: grep };
