/** Bash's job-control builtins over the shell's JobTable: `jobs`, `fg`, `bg`, `kill`, `wait`. */
import { SIGNALS, type Job, type Signal } from '../jobs.js';
import type { Builtin, BuiltinContext } from './builtin.js';

const KILL_USAGE = 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n';

function jobs(ctx: BuiltinContext): number {
  const table = ctx.control.jobs;
  const args = ctx.argv.slice(1);
  const flags = new Set(args.filter((a) => a.startsWith('-')).flatMap((a) => [...a.slice(1)]));
  const bad = [...flags].find((f) => !'lpnrs'.includes(f));
  if (bad !== undefined) {
    ctx.stderr.write(`bash: jobs: -${bad}: invalid option\njobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]\n`);
    return 2;
  }
  const specs = args.filter((a) => !a.startsWith('-'));
  let selected: Job[] = [...table.list()];
  let status = 0;
  if (specs.length > 0) {
    selected = [];
    for (const spec of specs) {
      const found = table.find(spec);
      if (found.ok) selected.push(found.job);
      else {
        ctx.stderr.write(`bash: jobs: ${found.message}\n`);
        status = 1;
      }
    }
  }
  if (flags.has('r')) selected = selected.filter((j) => j.state.kind === 'running');
  if (flags.has('s')) selected = [];
  let out = '';
  for (const job of selected) out += flags.has('p') ? `${job.pid}\n` : table.describe(job, flags.has('l')) + '\n';
  ctx.stdout.write(out);
  // Listing reports finished jobs: they leave the table.
  for (const job of selected) if (job.state.kind !== 'running') table.forget(job);
  return status;
}

/** Wait for a job while Ctrl+C (which goes to the foreground job) may interrupt it. */
function waitFor(job: Job, signal: AbortSignal, interruptJob: boolean): Promise<number> {
  return new Promise((resolve) => {
    const onAbort = (): void => {
      if (interruptJob) job.terminate('INT');
      resolve(130);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    void job.finished.then((status) => {
      signal.removeEventListener('abort', onAbort);
      resolve(status);
    });
  });
}

async function fg(ctx: BuiltinContext): Promise<number> {
  const found = ctx.control.jobs.find(ctx.argv[1]);
  if (!found.ok) {
    ctx.stderr.write(`bash: fg: ${found.message}\n`);
    return 1;
  }
  const job = found.job;
  ctx.stdout.write(job.text + '\n');
  const status = await waitFor(job, ctx.signal, true);
  ctx.control.jobs.forget(job);
  return status;
}

function bg(ctx: BuiltinContext): number {
  const found = ctx.control.jobs.find(ctx.argv[1]);
  if (!found.ok) {
    ctx.stderr.write(`bash: bg: ${found.message}\n`);
    return 1;
  }
  ctx.stderr.write(`bash: bg: job ${found.job.id} already in background\n`);
  return 0;
}

function signalNamed(text: string): Signal | undefined {
  const name = text.toUpperCase().replace(/^SIG/, '');
  if (name in SIGNALS) return name as Signal;
  return (Object.keys(SIGNALS) as Signal[]).find((s) => String(SIGNALS[s].number) === text);
}

function kill(ctx: BuiltinContext): number {
  const args = ctx.argv.slice(1);
  let signal: Signal = 'TERM';
  if (args[0] === '-l' || args[0] === '-L') {
    ctx.stdout.write(' 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP\n 6) SIGABRT\t 7) SIGBUS\t 8) SIGFPE\t 9) SIGKILL\t10) SIGUSR1\n11) SIGSEGV\t12) SIGUSR2\t13) SIGPIPE\t14) SIGALRM\t15) SIGTERM\n');
    return 0;
  }
  if (args[0] === '-s' || args[0] === '-n') {
    const named = args[1] === undefined ? undefined : signalNamed(args[1]);
    if (!named) {
      ctx.stderr.write(args[1] === undefined ? `bash: kill: ${args[0]}: option requires an argument\n${KILL_USAGE}` : `bash: kill: ${args[1]}: invalid signal specification\n`);
      return args[1] === undefined ? 2 : 1;
    }
    signal = named;
    args.splice(0, 2);
  } else if (args[0]?.startsWith('-') && args[0] !== '--') {
    const named = signalNamed(args[0].slice(1));
    if (!named) {
      ctx.stderr.write(`bash: kill: ${args[0].slice(1)}: invalid signal specification\n`);
      return 1;
    }
    signal = named;
    args.shift();
  }
  if (args[0] === '--') args.shift();
  if (args.length === 0) {
    ctx.stderr.write(KILL_USAGE);
    return 2;
  }
  let status = 0;
  for (const target of args) {
    let job: Job | undefined;
    if (target.startsWith('%')) {
      const found = ctx.control.jobs.find(target);
      if (!found.ok) {
        ctx.stderr.write(`bash: kill: ${found.message}\n`);
        status = 1;
        continue;
      }
      job = found.job;
    } else if (/^-?\d+$/.test(target)) {
      job = ctx.control.jobs.findByPid(Number(target));
      if (!job || job.state.kind !== 'running') {
        ctx.stderr.write(`bash: kill: (${target}) - No such process\n`);
        status = 1;
        continue;
      }
    } else {
      ctx.stderr.write(`bash: kill: ${target}: arguments must be process or job IDs\n`);
      status = 1;
      continue;
    }
    if (job.state.kind === 'running') job.terminate(signal);
  }
  return status;
}

async function wait(ctx: BuiltinContext): Promise<number> {
  const table = ctx.control.jobs;
  const targets = ctx.argv.slice(1).filter((a) => a !== '-n' && a !== '-f');
  if (targets.length === 0) {
    for (const job of table.list()) {
      const status = await waitFor(job, ctx.signal, false);
      if (status === 130 && ctx.signal.aborted) return 130;
    }
    return 0;
  }
  let status = 0;
  for (const target of targets) {
    let job: Job | undefined;
    if (target.startsWith('%')) {
      const found = table.find(target);
      if (!found.ok) {
        ctx.stderr.write(`bash: wait: ${found.message}\n`);
        status = 127;
        continue;
      }
      job = found.job;
    } else if (/^\d+$/.test(target)) {
      job = table.findByPid(Number(target));
      if (!job) {
        ctx.stderr.write(`bash: wait: pid ${target} is not a child of this shell\n`);
        status = 127;
        continue;
      }
    } else {
      ctx.stderr.write(`bash: wait: \`${target}': not a pid or valid job spec\n`);
      status = 1;
      continue;
    }
    status = await waitFor(job, ctx.signal, false);
    if (ctx.signal.aborted) return 130;
  }
  return status;
}

export const jobControlBuiltins: readonly Builtin[] = [
  { name: 'jobs', kind: 'shell', run: jobs },
  { name: 'fg', kind: 'shell', run: fg },
  { name: 'bg', kind: 'shell', run: bg },
  { name: 'kill', kind: 'shell', run: kill },
  { name: 'wait', kind: 'shell', run: wait },
];
