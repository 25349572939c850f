/**
 * Small text filters learners pipe kubectl output through: `base64` (decoding Secrets), `tee`,
 * `sort`, `uniq`, `seq`, `basename`, `dirname`.
 */
import { isFsError } from '../../hosts/vfs.js';
import type { Builtin, BuiltinContext } from './builtin.js';
import { lastValue, parseOptions } from './options.js';
import { readOperand, splitLines, usageError } from './util.js';

function readAll(ctx: BuiltinContext, tool: string, operands: readonly string[]): string | undefined {
  let text = '';
  for (const operand of operands.length > 0 ? operands : ['-']) {
    const read = readOperand(ctx, operand);
    if (!read.ok) {
      ctx.stderr.write(`${tool}: ${operand}: ${read.error.description}\n`);
      return undefined;
    }
    text += read.text;
  }
  return text;
}

function base64(ctx: BuiltinContext): number {
  const parsed = parseOptions('base64', ctx.argv.slice(1), { flags: 'di', values: 'w', long: { decode: 'd', wrap: 'w', 'ignore-garbage': 'i' } });
  if (!parsed.ok) return usageError(ctx, 'base64', parsed.message);
  const text = readAll(ctx, 'base64', parsed.options.operands);
  if (text === undefined) return 1;
  if (parsed.options.flags.has('d')) {
    const cleaned = parsed.options.flags.has('i') ? text.replace(/[^A-Za-z0-9+/=]/g, '') : text.replace(/\s/g, '');
    let binary: string;
    try {
      binary = atob(cleaned);
    } catch {
      ctx.stderr.write('base64: invalid input\n');
      return 1;
    }
    ctx.stdout.write(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return 0;
  }
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const encoded = btoa(binary);
  const wrap = Number(lastValue(parsed.options, 'w') ?? 76);
  const lines = wrap > 0 ? (encoded.match(new RegExp(`.{1,${wrap}}`, 'g')) ?? []) : [encoded];
  ctx.stdout.write(lines.length > 0 ? lines.join('\n') + '\n' : '');
  return 0;
}

function tee(ctx: BuiltinContext): number {
  const parsed = parseOptions('tee', ctx.argv.slice(1), { flags: 'ai', long: { append: 'a' } });
  if (!parsed.ok) return usageError(ctx, 'tee', parsed.message);
  const fs = ctx.shell.host.fs;
  let status = 0;
  for (const file of parsed.options.operands) {
    try {
      const path = ctx.shell.resolvePath(file);
      if (parsed.options.flags.has('a')) fs.appendFile(path, ctx.stdin);
      else fs.writeFile(path, ctx.stdin);
    } catch (error) {
      if (!isFsError(error)) throw error;
      ctx.stderr.write(`tee: ${file}: ${error.description}\n`);
      status = 1;
    }
  }
  ctx.stdout.write(ctx.stdin);
  return status;
}

function sort(ctx: BuiltinContext): number {
  const parsed = parseOptions('sort', ctx.argv.slice(1), {
    flags: 'rnufhVgb',
    values: 'kt',
    long: { reverse: 'r', 'numeric-sort': 'n', unique: 'u', 'ignore-case': 'f', key: 'k', 'field-separator': 't' },
  });
  if (!parsed.ok) return usageError(ctx, 'sort', parsed.message, 2);
  const text = readAll(ctx, 'sort', parsed.options.operands);
  if (text === undefined) return 2;
  const { flags } = parsed.options;
  const separator = lastValue(parsed.options, 't');
  const keySpec = lastValue(parsed.options, 'k');
  // `-k START[,END]` with options of its own (`-k3,3nr`); without them the global ones apply.
  const key = keySpec === undefined ? undefined : /^(\d+)(?:\.\d+)?([bdfghinMRrV]*)(?:,(\d+)(?:\.\d+)?([bdfghinMRrV]*))?$/.exec(keySpec);
  if (keySpec !== undefined && (!key || Number(key[1]) === 0)) {
    ctx.stderr.write(key ? `sort: field number is zero: invalid field specification ‘${keySpec}’\n` : `sort: invalid number at field start: invalid count at start of ‘${keySpec}’\n`);
    return 2;
  }
  const keyFlags = key && (key[2] || key[4]) ? new Set([...(key[2] ?? ''), ...(key[4] ?? '')]) : flags;
  const keyOf = (line: string): string => {
    if (!key) return line;
    const fields = separator !== undefined ? line.split(separator) : line.trim().split(/\s+/);
    const end = key[3] !== undefined ? Number(key[3]) : fields.length;
    return fields.slice(Number(key[1]) - 1, end).join(separator ?? ' ');
  };
  const reverse = keyFlags.has('r') || flags.has('r');
  const compareKeys = (ka: string, kb: string): number => {
    if (keyFlags.has('n') || keyFlags.has('h') || keyFlags.has('V') || keyFlags.has('g')) return (Number.parseFloat(ka) || 0) - (Number.parseFloat(kb) || 0);
    const x = keyFlags.has('f') ? ka.toUpperCase() : ka;
    const y = keyFlags.has('f') ? kb.toUpperCase() : kb;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const compare = (a: string, b: string): number => {
    const byKey = compareKeys(keyOf(a), keyOf(b));
    if (byKey !== 0) return reverse ? -byKey : byKey;
    // GNU's last-resort comparison of whole lines, reversed with -r too.
    const whole = a < b ? -1 : a > b ? 1 : 0;
    return reverse ? -whole : whole;
  };
  let lines = splitLines(text).sort(compare);
  if (flags.has('u')) lines = lines.filter((line, i) => i === 0 || compare(line, lines[i - 1]!) !== 0);
  ctx.stdout.write(lines.map((l) => l + '\n').join(''));
  return 0;
}

function uniq(ctx: BuiltinContext): number {
  const parsed = parseOptions('uniq', ctx.argv.slice(1), { flags: 'cdui', long: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i' } });
  if (!parsed.ok) return usageError(ctx, 'uniq', parsed.message);
  const text = readAll(ctx, 'uniq', parsed.options.operands.slice(0, 1));
  if (text === undefined) return 1;
  const { flags } = parsed.options;
  const same = (a: string, b: string): boolean => (flags.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
  const groups: Array<{ line: string; count: number }> = [];
  for (const line of splitLines(text)) {
    const last = groups[groups.length - 1];
    if (last && same(last.line, line)) last.count++;
    else groups.push({ line, count: 1 });
  }
  let out = '';
  for (const { line, count } of groups) {
    if (flags.has('d') && count < 2) continue;
    if (flags.has('u') && count > 1) continue;
    out += (flags.has('c') ? `${String(count).padStart(7)} ` : '') + line + '\n';
  }
  ctx.stdout.write(out);
  return 0;
}

function seq(ctx: BuiltinContext): number {
  const args = ctx.argv.slice(1);
  if (args.length === 0 || args.length > 3) return usageError(ctx, 'seq', args.length === 0 ? 'seq: missing operand' : `seq: extra operand ‘${args[3]}’`);
  const numbers = args.map(Number);
  const bad = args.find((a, i) => !Number.isFinite(numbers[i]));
  if (bad !== undefined) return usageError(ctx, 'seq', `seq: invalid floating point argument: ‘${bad}’`);
  const [first, step, last] = numbers.length === 1 ? [1, 1, numbers[0]!] : numbers.length === 2 ? [numbers[0]!, 1, numbers[1]!] : (numbers as [number, number, number]);
  if (step === 0) return usageError(ctx, 'seq', `seq: invalid Zero increment value: ‘${args[1]}’`);
  let out = '';
  for (let n = first, i = 0; step > 0 ? n <= last : n >= last; n = first + step * ++i) {
    out += `${Number(n.toFixed(10))}\n`;
    if (i > 100_000) break;
  }
  ctx.stdout.write(out);
  return 0;
}

function basenameBuiltin(ctx: BuiltinContext): number {
  const [path, suffix] = ctx.argv.slice(1);
  if (path === undefined) return usageError(ctx, 'basename', 'basename: missing operand');
  let base = path.replace(/\/+$/, '');
  base = base === '' && path.startsWith('/') ? '/' : base.slice(base.lastIndexOf('/') + 1);
  if (suffix && base !== suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
  ctx.stdout.write(base + '\n');
  return 0;
}

function dirnameBuiltin(ctx: BuiltinContext): number {
  const paths = ctx.argv.slice(1);
  if (paths.length === 0) return usageError(ctx, 'dirname', 'dirname: missing operand');
  let out = '';
  for (const path of paths) {
    const trimmed = path.replace(/\/+$/, '');
    const slash = trimmed.lastIndexOf('/');
    out += (slash < 0 ? '.' : slash === 0 ? '/' : trimmed.slice(0, slash).replace(/\/+$/, '') || '/') + '\n';
  }
  ctx.stdout.write(out);
  return 0;
}

export const filterBuiltins: readonly Builtin[] = [
  { name: 'base64', kind: 'utility', run: base64 },
  { name: 'tee', kind: 'utility', run: tee },
  { name: 'sort', kind: 'utility', run: sort },
  { name: 'uniq', kind: 'utility', run: uniq },
  { name: 'seq', kind: 'utility', run: seq },
  { name: 'basename', kind: 'utility', run: basenameBuiltin },
  { name: 'dirname', kind: 'utility', run: dirnameBuiltin },
];
