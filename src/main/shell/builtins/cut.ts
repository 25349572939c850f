/** `cut`: select fields (`-d: -f1,3-`), characters or bytes (`-c 1-5`) of each line, GNU wording. */
import type { Builtin, BuiltinContext } from './builtin.js';
import { lastValue, parseOptions } from './options.js';
import { localeQuote, readOperand, splitLinesKeep, usageError } from './util.js';

interface Range {
  readonly from: number;
  readonly to: number;
}

type ListResult = { ok: true; ranges: Range[] } | { ok: false; message: string };

/** GNU's list syntax: `N`, `N-`, `N-M`, `-M`, comma separated. */
function parseList(list: string, fields: boolean): ListResult {
  const ranges: Range[] = [];
  const zero = fields ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
  for (const part of list.split(/[, ]/)) {
    const match = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!match || part === '' || part === '-') {
      return { ok: false, message: `invalid ${fields ? 'field value' : 'byte/character position'} ${localeQuote(part)}` };
    }
    const from = match[1] === '' ? 1 : Number(match[1]);
    const to = match[2] === '' ? from : match[3] === '' ? Infinity : Number(match[3]);
    if ((match[1] !== '' && from === 0) || (match[3] !== '' && Number(match[3]) === 0)) return { ok: false, message: zero };
    if (to < from) return { ok: false, message: 'invalid decreasing range' };
    ranges.push({ from, to });
  }
  return { ok: true, ranges };
}

const selected = (ranges: readonly Range[], position: number): boolean => ranges.some((r) => position >= r.from && position <= r.to);

function cut(ctx: BuiltinContext): number {
  const parsed = parseOptions('cut', ctx.argv.slice(1), {
    flags: 'sn',
    values: 'bcfd',
    long: { bytes: 'b', characters: 'c', fields: 'f', delimiter: 'd', 'only-delimited': 's', complement: 'x', 'output-delimiter': 'o' },
    longValues: ['o'],
  });
  if (!parsed.ok) return usageError(ctx, 'cut', parsed.message);
  const options = parsed.options;
  const lists = (['b', 'c', 'f'] as const).filter((k) => options.values.has(k));
  if (lists.length === 0) return usageError(ctx, 'cut', 'cut: you must specify a list of bytes, characters, or fields');
  if (lists.length > 1) return usageError(ctx, 'cut', 'cut: only one list may be specified');
  const mode = lists[0]!;
  const list = parseList(lastValue(options, mode)!, mode === 'f');
  if (!list.ok) return usageError(ctx, 'cut', `cut: ${list.message}`);
  const delimiterValue = lastValue(options, 'd');
  if (delimiterValue !== undefined && mode !== 'f') {
    return usageError(ctx, 'cut', 'cut: an input delimiter may be specified only when operating on fields');
  }
  if (delimiterValue !== undefined && [...delimiterValue].length > 1) return usageError(ctx, 'cut', 'cut: the delimiter must be a single character');
  const delimiter = delimiterValue === undefined || delimiterValue === '' ? '\t' : delimiterValue;
  const outputDelimiter = lastValue(options, 'o');
  const complement = options.flags.has('x');
  const keep = (position: number): boolean => selected(list.ranges, position) !== complement;

  const cutLine = (line: string): string | undefined => {
    if (mode !== 'f') {
      const picked: string[] = [];
      [...line].forEach((unit, i) => {
        if (keep(i + 1)) picked.push(unit);
      });
      return picked.join(outputDelimiter ?? '');
    }
    if (!line.includes(delimiter)) return options.flags.has('s') ? undefined : line;
    return line
      .split(delimiter)
      .filter((_, i) => keep(i + 1))
      .join(outputDelimiter ?? delimiter);
  };

  let status = 0;
  for (const operand of options.operands.length > 0 ? options.operands : ['-']) {
    const read = readOperand(ctx, operand);
    if (!read.ok) {
      ctx.stderr.write(`cut: ${operand}: ${read.error.description}\n`);
      status = 1;
      continue;
    }
    let out = '';
    for (const raw of splitLinesKeep(read.text)) {
      const line = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
      const result = cutLine(line);
      if (result !== undefined) out += result + '\n';
    }
    ctx.stdout.write(out);
  }
  return status;
}

export const cutBuiltin: Builtin = { name: 'cut', kind: 'utility', run: cut };
