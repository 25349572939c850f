/**
 * A container whose main process is a shell with stdin and a tty (`kubectl run -it … -- sh`, a Pod
 * with `stdin: true, tty: true`): the shell waits for what is typed on its terminal, and
 * `kubectl attach -it` (pods/attach) connects a terminal to it. The process runs on the lab clock
 * like any other (container-runtime.ts steps it); a line typed wakes it, and when the shell exits
 * the container exits with its status. What it prints goes to the container log too, as a tty's
 * output does. It sees the container as an exec'd process does (files, volumes, the image's tools).
 */
import type { Container } from '../../../shared/api/core.js';
import type { ExecStreamChunk, ExecStreamSession } from '../../../shared/api/exec-stream.js';
import type { ExecProcess } from './exec.js';
import { type ShellIdentity, shellPrompt } from './exec-session.js';
import type { Userland } from './image-catalog.js';
import { type ProcessContext, type ProcessRun, Shell } from './shell-script.js';

/** How often an attached client looks again while the shell is busy (lab ms). */
const BUSY_POLL_MS = 1000;

/** The terminal side of one running shell process. */
class ShellTerminal {
  readonly lines: string[] = [];
  interrupt = false;
  endOfInput = false;
  /** Waiting for a line (at its prompt). */
  idle = true;
  exitCode: number | undefined;
  /** The shell and what it sees, made when a terminal is first attached (nothing is typed before). */
  attached: { shell: Shell; view: ExecProcess; identity: ShellIdentity } | undefined;

  constructor(
    readonly name: string,
    readonly userland: Userland,
    readonly container: Container,
  ) {}
}

const terminals = new WeakMap<ProcessContext, ShellTerminal>();
/** Containers with `stdinOnce` whose one attach is over: their stdin is closed for good. */
const closedStdin = new WeakSet<Container>();

/** Whether the container's `stdinOnce` stdin was used and closed (a restarted shell reads EOF). */
export function stdinClosed(container: Container): boolean {
  return closedStdin.has(container);
}

/** The main process: a shell reading lines from its terminal until `exit` or end of input. */
export function* attachableShell(ctx: ProcessContext, name: string, userland: Userland, container: Container): ProcessRun {
  const terminal = new ShellTerminal(name, userland, container);
  terminals.set(ctx, terminal);
  for (;;) {
    terminal.idle = true;
    while (terminal.lines.length === 0 && !terminal.endOfInput) yield Infinity;
    terminal.idle = false;
    const line = terminal.lines.shift();
    const attached = terminal.attached;
    if (line === undefined || !attached) return (terminal.exitCode = attached?.shell.lastStatus ?? 0);
    const { shell, view } = attached;
    const run = shell.run(line);
    let waitedBefore = view.waited();
    let next = run.next();
    for (;;) {
      // What the network tools waited, then the line's own sleep, pass on the lab clock.
      const waited = view.waited() - waitedBefore;
      waitedBefore = view.waited();
      if (!next.done || waited > 0) yield waited + (next.done ? 0 : next.value);
      if (terminal.interrupt || next.done) break;
      next = run.next();
    }
    view.persist();
    if (terminal.interrupt) {
      run.return(130);
      shell.interrupted();
      terminal.interrupt = false;
      continue;
    }
    if (shell.exited && next.done) return (terminal.exitCode = next.value);
  }
}

/**
 * Attach a client's terminal to the shell of the main process with context `ctx`, if it is one:
 * `wake` steps the process at once (a line typed, Ctrl+C); `view` makes what the shell sees.
 */
export function attachToShell(ctx: ProcessContext, wake: () => void, view: () => ExecProcess): ExecStreamSession | undefined {
  const terminal = terminals.get(ctx);
  if (!terminal) return undefined;
  if (!terminal.attached) {
    const made = view();
    const toTerminal = made.ctx.out;
    made.ctx.out = (stream, text) => {
      ctx.out(stream, text);
      toTerminal(stream, text);
    };
    const identity: ShellIdentity = { name: terminal.name, userland: terminal.userland, hostname: made.ctx.env.get('HOSTNAME') ?? '', uid: 0 };
    terminal.attached = { shell: new Shell(made.ctx, { name: terminal.name, interactive: true }), view: made, identity };
  }
  const { view: process, identity } = terminal.attached;
  const take = (): string => {
    const text = process.output.stdout + process.output.stderr;
    process.output.stdout = '';
    process.output.stderr = '';
    return text;
  };
  const prompt = (): string => shellPrompt(identity, process.ctx.cwd ?? '/', process.ctx.env.get('HOME') ?? '/');
  const status = (extra = ''): ExecStreamChunk => {
    if (terminal.exitCode !== undefined) {
      if (terminal.container.stdinOnce === true) closedStdin.add(terminal.container);
      return { output: take() + extra, exitCode: terminal.exitCode };
    }
    if (terminal.idle) return { output: take() + extra, prompt: prompt() };
    return { output: take() + extra, sleepMs: BUSY_POLL_MS };
  };
  return {
    start() {
      // Only what the shell prints from now on reaches the new terminal.
      take();
      return status();
    },
    writeLine(line) {
      if (terminal.exitCode !== undefined) return status();
      terminal.lines.push(line);
      wake();
      return status();
    },
    resume: () => status(),
    interrupt() {
      if (terminal.exitCode !== undefined) return status();
      const before = take();
      if (terminal.idle) terminal.attached?.shell.interrupted();
      else {
        terminal.interrupt = true;
        wake();
      }
      // The tty echoes ^C; the shell drops the line and prompts again.
      return { output: `${before}^C\n${take()}`, prompt: prompt() };
    },
    endInput() {
      if (terminal.exitCode !== undefined) return status();
      terminal.endOfInput = true;
      wake();
      return status(identity.userland === 'busybox' ? '\n' : '');
    },
  };
}
