/**
 * `journalctl [-u UNIT] [-n N] [--no-pager] [-e] [-f]` on a node, in the default `short` format.
 * `-f` prints the last 10 lines, then new ones as the units write them (checked every simulated
 * second) until Ctrl+C. Following cannot end in a script, so there it is refused.
 */
import type { CommandContext } from '../../../shell/types.js';
import { type JournalEntry, formatEntry } from '../journal.js';
import type { NodeOs } from '../node-os.js';

/** Waits `ms` of the lab's time; resolves early when `signal` aborts. */
export type LabSleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** How often a follower looks for new entries (journald wakes followers at once; a second is close enough). */
const FOLLOW_POLL_MS = 1000;

export async function runJournalctl(ctx: CommandContext, os: NodeOs | undefined, sleep?: LabSleep): Promise<number> {
  const args = ctx.argv.slice(1);
  const units: string[] = [];
  let lines: number | undefined;
  let follow = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = (): string | undefined => args[++i];
    if (arg === '-u' || arg === '--unit') units.push(value() ?? '');
    else if (arg.startsWith('--unit=')) units.push(arg.slice(7));
    else if (/^-u.+/.test(arg)) units.push(arg.slice(2));
    else if (arg === '-n' || arg === '--lines') lines = Number(value() ?? 10);
    else if (arg.startsWith('--lines=')) lines = Number(arg.slice(8));
    else if (/^-n\d+$/.test(arg)) lines = Number(arg.slice(2));
    else if (arg === '-f' || arg === '--follow') follow = true;
    else if (arg === '-e' || arg === '--pager-end') lines ??= 1000;
    else if (arg === '--no-pager' || arg === '-x' || arg === '-q' || arg === '--no-hostname') continue;
    else if (/^-[a-z]+$/.test(arg) && [...arg.slice(1)].every((c) => 'xefq'.includes(c))) follow ||= arg.includes('f');
    else {
      ctx.stderr.write(`journalctl: unrecognized option '${arg}'\n`);
      return 1;
    }
  }
  if (follow && !ctx.interactive) {
    ctx.stderr.write('journalctl: -f follows forever and would never end in a script; use -n N to see the last lines\n');
    return 1;
  }
  if (follow) lines ??= 10;
  const wanted = units.map((u) => (u.includes('.') ? u : `${u}.service`));
  const selected = (all: readonly JournalEntry[]): JournalEntry[] => all.filter((e) => wanted.length === 0 || wanted.includes(e.unit));
  const cursor = os?.journal.cursor ?? 0;
  let entries = selected(os?.journal.read() ?? []);
  if (lines !== undefined) entries = lines <= 0 ? [] : entries.slice(-lines);
  const host = os?.hostname ?? ctx.shell.host.name;
  if (entries.length === 0 && !follow) {
    ctx.stdout.write('-- No entries --\n');
    return 0;
  }
  ctx.stdout.write(entries.map((e) => formatEntry(e, host) + '\n').join(''));
  if (follow && os && sleep) await followJournal(ctx, os, host, cursor, selected, sleep);
  return 0;
}

async function followJournal(ctx: CommandContext, os: NodeOs, host: string, from: number, selected: (all: readonly JournalEntry[]) => JournalEntry[], sleep: LabSleep): Promise<void> {
  let cursor = from;
  while (!ctx.signal.aborted) {
    await sleep(FOLLOW_POLL_MS, ctx.signal);
    if (ctx.signal.aborted) break;
    const fresh = selected(os.journal.readSince(cursor));
    cursor = os.journal.cursor;
    if (fresh.length > 0) ctx.stdout.write(fresh.map((e) => formatEntry(e, host) + '\n').join(''));
  }
}
