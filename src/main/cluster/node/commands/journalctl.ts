/**
 * `journalctl [-u UNIT] [-n N] [--no-pager] [-e] [-f]` on a node, in the default `short` format.
 * Following (`-f`) cannot end in a script, so there it is refused; at a terminal the lines so far
 * are shown with a note (the lab's journal does not stream).
 */
import type { CommandContext } from '../../../shell/types.js';
import { formatEntry } from '../journal.js';
import type { NodeOs } from '../node-os.js';

export function runJournalctl(ctx: CommandContext, os: NodeOs | undefined): number {
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
  let entries = (os?.journal.read() ?? []).filter((e) => wanted.length === 0 || wanted.includes(e.unit));
  if (lines !== undefined) entries = lines <= 0 ? [] : entries.slice(-lines);
  if (entries.length === 0) {
    ctx.stdout.write('-- No entries --\n');
    return 0;
  }
  const host = os?.hostname ?? ctx.shell.host.name;
  ctx.stdout.write(entries.map((e) => formatEntry(e, host) + '\n').join(''));
  if (follow) ctx.stderr.write('(journalctl: following is not available in this lab; run it again to see newer lines)\n');
  return 0;
}
