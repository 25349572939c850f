/**
 * coreutils' `timeout [-s SIG] [-k DURATION] [--preserve-status] [-v] DURATION COMMAND [ARG]…`:
 * runs COMMAND and stops it once DURATION of lab time passed (`5`, `0.5`, `5s`, `2m`, `1h`, `1d`;
 * 0 never). Exit status: 124 when it timed out (128+9 when the signal was KILL, the command's own
 * with --preserve-status), else the command's; 125 for timeout's own errors, 127 when COMMAND
 * cannot be found. The clock is not timeout's to drive: COMMAND moves it (`timeout 5 kubectl get
 * pods -w` ends the watch after 5 s of lab time).
 */
import type { Disposable } from '../../../shared/lifecycle.js';
import type { Builtin, BuiltinContext } from './builtin.js';
import { parseOptions, lastValue } from './options.js';
import { parseSleep } from './session.js';
import { localeQuote, shellQuote, usageError } from './util.js';

const SIGNALS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, PIPE: 13, ALRM: 14, TERM: 15, CONT: 18, STOP: 19 };

/** A signal by name (`TERM`, `SIGTERM`) or number, or undefined. */
function signalNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) <= 64 ? Number(text) : undefined;
  return SIGNALS[text.replace(/^SIG/, '')];
}

function signalName(signal: number): string {
  return Object.entries(SIGNALS).find(([, n]) => n === signal)?.[0] ?? String(signal);
}

/** bash builtins that are also programs in /usr/bin (coreutils, procps). */
const ALSO_PROGRAMS = new Set(['echo', 'true', 'false', 'printf', 'test', '[', 'kill', 'pwd']);

/** Whether COMMAND cannot run: bash's own builtins and keywords are no programs timeout could exec. */
function missingCommand(ctx: BuiltinContext, name: string): boolean {
  if (name.includes('/')) return !ctx.shell.host.fs.exists(ctx.shell.resolvePath(name));
  const found = ctx.control.describe(name);
  if (found?.kind === 'builtin') return !ALSO_PROGRAMS.has(name);
  return found === undefined || found.kind === 'keyword';
}

/** A timer from a wait, for shells whose services cannot schedule. */
function fallbackTimer(wait: (ms: number, signal: AbortSignal) => Promise<void>, ms: number, run: () => void): Disposable {
  const cancelled = new AbortController();
  wait(ms, cancelled.signal).then(
    () => cancelled.signal.aborted || run(),
    () => undefined,
  );
  return { dispose: () => cancelled.abort() };
}

async function timeout(ctx: BuiltinContext): Promise<number> {
  const parsed = parseOptions('timeout', ctx.argv.slice(1), {
    flags: 'v',
    values: 'sk',
    long: { signal: 's', 'kill-after': 'k', verbose: 'v', 'preserve-status': 'preserve-status', foreground: 'foreground' },
    longValues: ['s', 'k'],
    stopAtOperand: true,
  });
  if (!parsed.ok) return usageError(ctx, 'timeout', parsed.message, 125);
  const { flags, operands } = parsed.options;
  if (operands.length < 2) return usageError(ctx, 'timeout', 'timeout: missing operand', 125);
  const signalText = lastValue(parsed.options, 's') ?? 'TERM';
  const signal = signalNumber(signalText);
  if (signal === undefined) return usageError(ctx, 'timeout', `timeout: ${localeQuote(signalText)}: invalid signal`, 125);
  for (const duration of [lastValue(parsed.options, 'k'), operands[0]]) {
    if (duration !== undefined && typeof parseSleep([duration]) !== 'number') return usageError(ctx, 'timeout', `timeout: invalid time interval ${localeQuote(duration)}`, 125);
  }
  const ms = parseSleep([operands[0]!]) as number;
  const [name, ...args] = operands.slice(1) as [string, ...string[]];
  if (missingCommand(ctx, name)) {
    ctx.stderr.write(`timeout: failed to run command ${localeQuote(name)}: No such file or directory\n`);
    return 127;
  }

  const child = new AbortController();
  const stopChild = (): void => child.abort();
  ctx.signal.addEventListener('abort', stopChild, { once: true });
  let timedOut = false;
  const expire = (): void => {
    if (child.signal.aborted) return;
    timedOut = true;
    if (flags.has('v')) ctx.stderr.write(`timeout: sending signal ${signalName(signal)} to command ${localeQuote(name)}\n`);
    child.abort();
  };
  // The timer waits for the clock without moving it: the command moves it (or the foreground, for a job).
  const services = ctx.control.services;
  const timer = ms <= 0 ? undefined : services.setTimer ? services.setTimer(ms, expire) : fallbackTimer(services.waitInBackground ?? services.sleep, ms, expire);
  let status: number;
  try {
    status = await ctx.control.runSubshell([name, ...args].map(shellQuote).join(' '), ctx.io, child.signal);
  } finally {
    timer?.dispose();
    ctx.signal.removeEventListener('abort', stopChild);
  }
  if (ctx.signal.aborted) return 130;
  if (!timedOut) return status;
  if (flags.has('preserve-status')) return 128 + signal;
  return signal === 9 ? 137 : 124;
}

export const timeoutBuiltin: Builtin = { name: 'timeout', kind: 'utility', run: timeout };
