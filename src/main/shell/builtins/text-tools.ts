/** `cat`, `head`, `tail` and `wc`: read files or stdin, GNU coreutils wording and layout. */
import type { Builtin, BuiltinContext } from './builtin.js';
import { lastValue, parseOptions } from './options.js';
import { localeQuote, quoteName, readOperand, splitLinesKeep, usageError } from './util.js';

const encoder = new TextEncoder();

function cat(ctx: BuiltinContext): number {
  const parsed = parseOptions('cat', ctx.argv.slice(1), {
    flags: 'nbEsAu',
    long: { number: 'n', 'number-nonblank': 'b', 'show-ends': 'E', 'squeeze-blank': 's', 'show-all': 'A' },
  });
  if (!parsed.ok) return usageError(ctx, 'cat', parsed.message);
  const { flags, operands } = parsed.options;
  const showEnds = flags.has('E') || flags.has('A');
  const numberAll = flags.has('n') && !flags.has('b');
  let lineNumber = 1;
  let status = 0;
  let previousBlank = false;
  for (const operand of operands.length > 0 ? operands : ['-']) {
    const read = readOperand(ctx, operand);
    if (!read.ok) {
      ctx.stderr.write(`cat: ${operand}: ${read.error.description}\n`);
      status = 1;
      continue;
    }
    if (!numberAll && !flags.has('b') && !showEnds && !flags.has('s')) {
      ctx.stdout.write(read.text);
      continue;
    }
    let out = '';
    for (const line of splitLinesKeep(read.text)) {
      const body = line.endsWith('\n') ? line.slice(0, -1) : line;
      const blank = body === '';
      if (flags.has('s') && blank && previousBlank) continue;
      previousBlank = blank;
      const numbered = numberAll || (flags.has('b') && !blank);
      out += (numbered ? `${String(lineNumber++).padStart(6)}\t` : '') + body + (line.endsWith('\n') ? (showEnds ? '$\n' : '\n') : '');
    }
    ctx.stdout.write(out);
  }
  return status;
}

interface Slice {
  readonly lines: number | undefined;
  readonly bytes: number | undefined;
  /** head: `-n -N` (all but the last N); tail: `-n +N` (from line N). */
  readonly flipped: boolean;
}

function parseCount(
  ctx: BuiltinContext,
  tool: 'head' | 'tail',
  args: string[],
): { slice: Slice; operands: readonly string[]; headers: boolean } | number {
  // `head -5` is an old spelling of `head -n 5`.
  const normalized = args.map((a, i) => {
    if (i > 0 && /^(-[nc]|--lines|--bytes)$/.test(args[i - 1]!)) return a;
    if (/^-\d+$/.test(a)) return `-n${a.slice(1)}`;
    return /^\+\d+$/.test(a) && tool === 'tail' ? `-n${a}` : a;
  });
  const parsed = parseOptions(tool, normalized, {
    flags: 'qvfF',
    values: 'nc',
    long: { lines: 'n', bytes: 'c', quiet: 'q', silent: 'q', verbose: 'v', follow: 'f' },
  });
  if (!parsed.ok) return usageError(ctx, tool, parsed.message);
  const n = lastValue(parsed.options, 'n');
  const c = lastValue(parsed.options, 'c');
  const parse = (value: string, what: string): { count: number; flipped: boolean } | undefined => {
    const match = /^([+-]?)(\d+)$/.exec(value);
    if (!match) {
      ctx.stderr.write(`${tool}: invalid number of ${what}: ${localeQuote(value)}\n`);
      return undefined;
    }
    return { count: Number(match[2]), flipped: tool === 'head' ? match[1] === '-' : match[1] === '+' };
  };
  let lines: number | undefined = 10;
  let bytes: number | undefined;
  let flipped = false;
  if (c !== undefined) {
    const r = parse(c, 'bytes');
    if (!r) return 1;
    bytes = r.count;
    lines = undefined;
    flipped = r.flipped;
  } else if (n !== undefined) {
    const r = parse(n, 'lines');
    if (!r) return 1;
    lines = r.count;
    flipped = r.flipped;
  }
  const flags = parsed.options.flags;
  const operands = parsed.options.operands;
  const headers = flags.has('v') || (!flags.has('q') && operands.length > 1);
  return { slice: { lines, bytes, flipped }, operands, headers };
}

function takeHead(text: string, slice: Slice): string {
  if (slice.bytes !== undefined) {
    const bytes = encoder.encode(text);
    const end = slice.flipped ? Math.max(0, bytes.length - slice.bytes) : slice.bytes;
    return new TextDecoder().decode(bytes.slice(0, end));
  }
  const lines = splitLinesKeep(text);
  const count = slice.lines ?? 10;
  return (slice.flipped ? lines.slice(0, Math.max(0, lines.length - count)) : lines.slice(0, count)).join('');
}

function takeTail(text: string, slice: Slice): string {
  if (slice.bytes !== undefined) {
    const bytes = encoder.encode(text);
    const start = slice.flipped ? Math.max(0, slice.bytes - 1) : Math.max(0, bytes.length - slice.bytes);
    return new TextDecoder().decode(bytes.slice(start));
  }
  const lines = splitLinesKeep(text);
  const count = slice.lines ?? 10;
  return (slice.flipped ? lines.slice(Math.max(0, count - 1)) : count === 0 ? [] : lines.slice(-count)).join('');
}

function headOrTail(tool: 'head' | 'tail') {
  return (ctx: BuiltinContext): number => {
    const parsed = parseCount(ctx, tool, ctx.argv.slice(1));
    if (typeof parsed === 'number') return parsed;
    const { headers } = parsed;
    const operands = parsed.operands.length > 0 ? parsed.operands : ['-'];
    let status = 0;
    let first = true;
    for (const operand of operands) {
      const read = readOperand(ctx, operand);
      if (!read.ok) {
        const verb = read.error.code === 'EISDIR' ? 'error reading' : 'cannot open';
        const suffix = read.error.code === 'EISDIR' ? '' : ' for reading';
        ctx.stderr.write(`${tool}: ${verb} ${quoteName(operand)}${suffix}: ${read.error.description}\n`);
        status = 1;
        continue;
      }
      if (headers) {
        ctx.stdout.write(`${first ? '' : '\n'}==> ${operand === '-' ? 'standard input' : operand} <==\n`);
      }
      first = false;
      ctx.stdout.write(tool === 'head' ? takeHead(read.text, parsed.slice) : takeTail(read.text, parsed.slice));
    }
    return status;
  };
}

interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
  maxLine: number;
}

function count(text: string): Counts {
  let maxLine = 0;
  for (const line of text.split('\n')) maxLine = Math.max(maxLine, [...line].length);
  return {
    lines: (text.match(/\n/g) ?? []).length,
    words: (text.match(/[^\s]+/g) ?? []).length,
    chars: [...text].length,
    bytes: encoder.encode(text).length,
    maxLine,
  };
}

function wc(ctx: BuiltinContext): number {
  const parsed = parseOptions('wc', ctx.argv.slice(1), {
    flags: 'lwcmL',
    long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm', 'max-line-length': 'L' },
  });
  if (!parsed.ok) return usageError(ctx, 'wc', parsed.message);
  const { flags, operands } = parsed.options;
  let selected = (['l', 'w', 'm', 'c', 'L'] as const).filter((f) => flags.has(f));
  if (selected.length === 0) selected = ['l', 'w', 'c'];
  const inputs = operands.length > 0 ? operands : ['-'];
  // `regular` feeds GNU's column width: pipes and directories are not regular files.
  const results: Array<{ name: string | undefined; counts: Counts | undefined; regular: boolean }> = [];
  let status = 0;
  for (const operand of inputs) {
    const read = readOperand(ctx, operand);
    if (!read.ok) {
      ctx.stderr.write(`wc: ${operand}: ${read.error.description}\n`);
      status = 1;
      results.push({ name: operand, counts: read.error.code === 'EISDIR' ? count('') : undefined, regular: false });
      continue;
    }
    results.push({ name: operands.length > 0 ? operand : undefined, counts: count(read.text), regular: operand !== '-' });
  }
  // GNU's width: 1 for a single count of a single input, else wide enough for the total byte
  // size of the regular files, at least 7 when standard input (a pipe) is among them.
  let width = 1;
  if (!(inputs.length === 1 && selected.length === 1) && results[0]?.counts) {
    let minimum = 1;
    let regularBytes = 0;
    for (const { counts, regular } of results) {
      if (!counts) continue;
      if (regular) regularBytes += counts.bytes;
      else minimum = 7;
    }
    width = Math.max(minimum, String(regularBytes).length);
  }
  const pick = (c: Counts, f: (typeof selected)[number]): number =>
    f === 'l' ? c.lines : f === 'w' ? c.words : f === 'm' ? c.chars : f === 'c' ? c.bytes : c.maxLine;
  const format = (c: Counts, name: string | undefined): string =>
    selected.map((f) => String(pick(c, f)).padStart(width)).join(' ') + (name !== undefined ? ` ${name}` : '') + '\n';
  let out = '';
  const total: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 };
  for (const { name, counts } of results) {
    if (!counts) continue;
    out += format(counts, name);
    total.lines += counts.lines;
    total.words += counts.words;
    total.chars += counts.chars;
    total.bytes += counts.bytes;
    total.maxLine = Math.max(total.maxLine, counts.maxLine);
  }
  if (inputs.length > 1) out += format(total, 'total');
  ctx.stdout.write(out);
  return status;
}

export const textToolBuiltins: readonly Builtin[] = [
  { name: 'cat', kind: 'utility', run: cat },
  { name: 'head', kind: 'utility', run: headOrTail('head') },
  { name: 'tail', kind: 'utility', run: headOrTail('tail') },
  { name: 'wc', kind: 'utility', run: wc },
];
