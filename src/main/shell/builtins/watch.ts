/**
 * procps `watch`: run a command every interval of simulated time and show its output under the
 * `Every 2.0s: cmd      host: date` header (the screen cleared first on a terminal) until Ctrl+C.
 */
import { BufferSink } from '../io.js';
import type { Builtin, BuiltinContext } from './builtin.js';
import { parseOptions, lastValue } from './options.js';
import { shellQuote } from './util.js';

const CLEAR_SCREEN = '\x1b[H\x1b[2J';
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const USAGE = `
Usage:
 watch [options] command

Options:
  -b, --beep             beep if command has a non-zero exit
  -c, --color            interpret ANSI color and style sequences
  -d, --differences[=<permanent>]
                         highlight changes between updates
  -e, --errexit          exit if command has a non-zero exit
  -g, --chgexit          exit when output from command changes
  -n, --interval <secs>  seconds to wait between updates
  -p, --precise          attempt run command in precise intervals
  -t, --no-title         turn off header
  -w, --no-wrap          turn off line wrapping
  -x, --exec             pass command to exec instead of "sh -c"

 -h, --help     display this help and exit
 -v, --version  output version information and exit

For more details see watch(1).
`;

/** C's ctime layout: `Mon Nov 23 19:13:05 2026`. */
function ctime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** The title line: interval and command on the left, host and time on the right, clipped to `width`. */
export function watchHeader(intervalSeconds: number, command: string, host: string, now: number, width: number): string {
  const left = `Every ${intervalSeconds.toFixed(1)}s: `;
  const right = `${host}: ${ctime(now)}`;
  if (width < right.length) return '';
  if (width < right.length + left.length + 1) return ' '.repeat(width - right.length) + right;
  const room = width - right.length - left.length - 1;
  const shown = command.length <= room ? command : room >= 3 ? command.slice(0, room - 3) + '...' : '';
  const text = left + shown;
  return text + ' '.repeat(Math.max(1, width - right.length - text.length)) + right;
}

async function watch(ctx: BuiltinContext): Promise<number> {
  const parsed = parseOptions('watch', ctx.argv.slice(1), {
    flags: 'bcdegptwxhv',
    values: 'n',
    long: { interval: 'n', 'no-title': 't', differences: 'd', errexit: 'e', chgexit: 'g', exec: 'x', color: 'c', beep: 'b', precise: 'p', 'no-wrap': 'w', help: 'h', version: 'v' },
    stopAtOperand: true,
  });
  if (!parsed.ok) {
    ctx.stderr.write(`${parsed.message}${USAGE}`);
    return 1;
  }
  const { flags, operands } = parsed.options;
  if (flags.has('h')) {
    ctx.stdout.write(USAGE);
    return 0;
  }
  if (flags.has('v')) {
    ctx.stdout.write('watch from procps-ng 3.3.17\n');
    return 0;
  }
  if (operands.length === 0) {
    ctx.stderr.write(USAGE);
    return 1;
  }
  const intervalText = lastValue(parsed.options, 'n') ?? '2';
  let interval = Number(intervalText.replace(',', '.'));
  if (!Number.isFinite(interval) || intervalText.trim() === '') {
    ctx.stderr.write(`watch: failed to parse argument: '${intervalText}'\n`);
    return 1;
  }
  interval = Math.max(0.1, interval);
  const command = flags.has('x') ? operands.map(shellQuote).join(' ') : operands.join(' ');
  const services = ctx.control.services;
  const now = (): number => services.now?.() ?? Date.now();
  let previous: string | undefined;
  for (;;) {
    const output = new BufferSink();
    const status = await ctx.control.runSubshell(command, { stdin: undefined, stdout: output, stderr: output }, ctx.signal);
    if (ctx.signal.aborted) return 130;
    let screen = ctx.stdoutIsTerminal ? CLEAR_SCREEN : '';
    if (!flags.has('t')) screen += watchHeader(interval, command, ctx.shell.host.name, now(), ctx.columns) + '\n\n';
    ctx.stdout.write(screen + output.text);
    if (flags.has('e') && status !== 0) {
      ctx.stderr.write(`\ncommand exit with a non-zero status, press a key to exit\n`);
      return 8;
    }
    if (flags.has('g') && previous !== undefined && previous !== output.text) return 0;
    previous = output.text;
    try {
      await services.sleep(interval * 1000, ctx.signal);
    } catch {
      return 130;
    }
    if (ctx.signal.aborted) return 130;
    // Let Ctrl+C and the rest of the lab in between refreshes.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

export const watchBuiltin: Builtin = { name: 'watch', kind: 'utility', run: watch };
