/**
 * Built-ins about the session itself: `exit`/`logout`, `true`/`false`, `clear`, `sleep`,
 * `source`/`.`, `history`, `hostname`, `whoami`, and `complete`/`compopt`/`shopt`, which
 * ~/.bashrc calls and which are accepted and ignored.
 */
import type { Builtin, BuiltinContext } from './builtin.js';
import { localeQuote, usageError } from './util.js';

function exit(ctx: BuiltinContext): number {
  const args = ctx.argv.slice(1);
  const nested = ctx.control.depth > 1;
  if (ctx.interactive) ctx.stderr.write(nested ? 'logout\n' : 'exit\n');
  if (args.length > 1) {
    ctx.stderr.write(`bash: ${ctx.argv[0]}: too many arguments\n`);
    return 1;
  }
  let status = ctx.control.lastStatus;
  if (args[0] !== undefined) {
    if (/^\s*[+-]?\d+\s*$/.test(args[0])) {
      status = ((Number(args[0]) % 256) + 256) % 256;
    } else {
      ctx.stderr.write(`bash: ${ctx.argv[0]}: ${args[0]}: numeric argument required\n`);
      status = 2;
    }
  }
  if (nested && ctx.interactive) ctx.stderr.write(`Connection to ${ctx.shell.host.name} closed.\n`);
  ctx.control.exitRequest = status;
  return status;
}

function logout(ctx: BuiltinContext): number {
  if (ctx.control.depth === 1) {
    ctx.stderr.write("bash: logout: not login shell: use `exit'\n");
    return 1;
  }
  return exit(ctx);
}

const UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** `sleep 5`, `sleep 0.5`, `sleep 1m 30s`: the sum in milliseconds, or the offending operand. */
export function parseSleep(args: readonly string[]): number | { invalid: string } {
  let total = 0;
  for (const arg of args) {
    const match = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
    if (!match) return { invalid: arg };
    total += Number(match[1]) * UNITS[match[2]!]! * 1000;
  }
  return total;
}

async function sleep(ctx: BuiltinContext): Promise<number> {
  const args = ctx.argv.slice(1);
  if (args.length === 0) return usageError(ctx, 'sleep', 'sleep: missing operand');
  const ms = parseSleep(args);
  if (typeof ms !== 'number') return usageError(ctx, 'sleep', `sleep: invalid time interval ${localeQuote(ms.invalid)}`);
  try {
    await ctx.control.services.sleep(ms, ctx.signal);
  } catch (error) {
    if (ctx.signal.aborted) return 130;
    throw error;
  }
  return ctx.signal.aborted ? 130 : 0;
}

async function source(ctx: BuiltinContext): Promise<number> {
  const name = ctx.argv[0]!;
  const file = ctx.argv[1];
  if (file === undefined) {
    ctx.stderr.write(`bash: ${name}: filename argument required\n${name}: usage: ${name} filename [arguments]\n`);
    return 2;
  }
  const fs = ctx.shell.host.fs;
  const path = ctx.shell.resolvePath(file);
  const stat = fs.tryStat(path);
  if (!stat) {
    ctx.stderr.write(`bash: ${file}: No such file or directory\n`);
    return 1;
  }
  if (stat.isDirectory) {
    ctx.stderr.write(`bash: ${name}: ${file}: is a directory\n`);
    return 1;
  }
  // Arguments after the file are its positional parameters while it runs; without any it sees ours.
  const args = ctx.argv.slice(2);
  if (args.length === 0) return ctx.control.runText(fs.readFile(path), ctx.io, ctx.signal);
  const saved = ctx.control.positional;
  ctx.control.positional = { zero: saved.zero, args };
  try {
    return await ctx.control.runText(fs.readFile(path), ctx.io, ctx.signal);
  } finally {
    ctx.control.positional = saved;
  }
}

function history(ctx: BuiltinContext): number {
  const args = ctx.argv.slice(1);
  const history = ctx.control.history;
  if (args[0] === '-c') {
    history.clear();
    return 0;
  }
  let entries = history.entries.map((line, i) => ({ line, number: history.firstNumber + i }));
  if (args[0] !== undefined) {
    if (!/^\d+$/.test(args[0])) {
      ctx.stderr.write(`bash: history: ${args[0]}: numeric argument required\n`);
      return 1;
    }
    entries = Number(args[0]) === 0 ? [] : entries.slice(-Number(args[0]));
  }
  ctx.stdout.write(entries.map((e) => `${String(e.number).padStart(5)}  ${e.line}\n`).join(''));
  return 0;
}

function hostname(ctx: BuiltinContext): number {
  const flag = ctx.argv[1];
  const host = ctx.shell.host;
  if (flag === '-I') ctx.stdout.write(`${host.address} \n`);
  else if (flag === '-i') ctx.stdout.write(`${host.address}\n`);
  else if (flag === '-s') ctx.stdout.write(`${host.name.split('.')[0]}\n`);
  else ctx.stdout.write(`${host.name}\n`);
  return 0;
}

function whoami(ctx: BuiltinContext): number {
  ctx.stdout.write(`${ctx.control.user}\n`);
  return 0;
}

function clear(ctx: BuiltinContext): number {
  ctx.stdout.write('\x1b[H\x1b[2J\x1b[3J');
  return 0;
}

const ignored = (): number => 0;

export const sessionBuiltins: readonly Builtin[] = [
  { name: 'exit', kind: 'shell', run: exit },
  { name: 'logout', kind: 'shell', run: logout },
  { name: 'true', kind: 'shell', run: () => 0 },
  { name: 'false', kind: 'shell', run: () => 1 },
  { name: ':', kind: 'shell', run: () => 0 },
  { name: 'clear', kind: 'utility', run: clear },
  { name: 'sleep', kind: 'utility', run: sleep },
  { name: 'source', kind: 'shell', run: source },
  { name: '.', kind: 'shell', run: source },
  { name: 'history', kind: 'shell', run: history },
  { name: 'hostname', kind: 'utility', run: hostname },
  { name: 'whoami', kind: 'utility', run: whoami },
  { name: 'complete', kind: 'shell', run: ignored },
  { name: 'compopt', kind: 'shell', run: ignored },
  { name: 'shopt', kind: 'shell', run: ignored },
];
