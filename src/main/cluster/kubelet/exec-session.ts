/**
 * An interactive shell exec'd into a container (`kubectl exec -it POD -- sh`): one shell process
 * whose state — working directory, variables, `$?` — lasts from line to line, behind the stream
 * the client types into. It prints its image's prompt (busybox ash `/etc # `, Debian's dash `# `,
 * bash `root@web:/etc# `), runs each line on the lab clock (the client sleeps what the line
 * sleeps, or interrupts it), and ends on `exit [N]` or end of input with that status.
 */
import type { ExecStreamChunk, ExecStreamSession } from '../../../shared/api/exec-stream.js';
import type { ExecProcess } from './exec.js';
import type { Userland } from './image-catalog.js';
import { type ProcessRun, Shell } from './shell-script.js';

/** Which shell runs, and as whom: what its prompt is made of. */
export interface ShellIdentity {
  /** `sh`, `ash` or `bash`. */
  name: string;
  userland: Userland;
  hostname: string;
  uid: number;
}

/**
 * The prompt: busybox ash's default `\w \$ `, Debian dash's `# ` (it shows no directory), and for
 * bash the `\u@\h:\w\$ ` of Debian's /etc/bash.bashrc; `~` for the home directory, `#` for root.
 */
export function shellPrompt(identity: ShellIdentity, cwd: string, home: string): string {
  const sigil = identity.uid === 0 ? '#' : '$';
  const dir = cwd === home ? '~' : home !== '/' && cwd.startsWith(`${home}/`) ? `~${cwd.slice(home.length)}` : cwd;
  if (identity.userland === 'busybox') return `${dir} ${sigil} `;
  if (identity.name === 'bash') return `${identity.uid === 0 ? 'root' : 'I have no name!'}@${identity.hostname.split('.')[0]}:${dir}${sigil} `;
  return `${sigil} `;
}

/** What each shell writes when input ends (Ctrl+D): ash a newline, bash `exit`, dash nothing. */
function endOfInputText(identity: ShellIdentity): string {
  if (identity.userland === 'busybox') return '\n';
  return identity.name === 'bash' ? 'exit\n' : '';
}

export function shellSession(process: ExecProcess, identity: ShellIdentity): ExecStreamSession {
  const shell = new Shell(process.ctx, { name: identity.name, interactive: true });
  let run: ProcessRun | undefined;
  /** A chunk held back while the line waits (a network tool timing out) before showing it. */
  let held: ExecStreamChunk | undefined;
  let exitCode: number | undefined;

  const takeOutput = (): string => {
    const text = process.output.stdout + process.output.stderr;
    process.output.stdout = '';
    process.output.stderr = '';
    return text;
  };
  const prompt = (): string => shellPrompt(identity, process.ctx.cwd ?? '/', process.ctx.env.get('HOME') ?? '/');
  const waiting = (output = ''): ExecStreamChunk => ({ output, prompt: prompt() });
  const end = (code: number, farewell: string): ExecStreamChunk => {
    exitCode = code;
    run = undefined;
    process.persist();
    return { output: takeOutput() + farewell, exitCode: code };
  };
  const step = (): ExecStreamChunk => {
    const before = process.waited();
    const next = run!.next();
    const waited = process.waited() - before;
    let chunk: ExecStreamChunk;
    if (next.done) {
      run = undefined;
      process.persist();
      // Interactive bash says `exit` when it leaves on the builtin.
      chunk = shell.exited ? end(next.value, identity.name === 'bash' ? 'exit\n' : '') : waiting(takeOutput());
    } else {
      chunk = { output: takeOutput(), sleepMs: next.value };
    }
    if (waited <= 0) return chunk;
    held = chunk;
    return { output: '', sleepMs: waited };
  };
  const closed = (): ExecStreamChunk => ({ output: '', exitCode: exitCode ?? 0 });

  return {
    start: () => waiting(),
    writeLine(line) {
      if (exitCode !== undefined) return closed();
      // An empty line too: dash counts it among the lines it names in messages.
      run = shell.run(line);
      return step();
    },
    resume() {
      if (exitCode !== undefined) return closed();
      if (held) {
        const chunk = held;
        held = undefined;
        return chunk;
      }
      return run ? step() : waiting();
    },
    interrupt() {
      if (exitCode !== undefined) return closed();
      // The tty echoes ^C; the shell abandons the line (or the one being typed) and prompts again.
      run?.return(130);
      run = undefined;
      held = undefined;
      shell.interrupted();
      process.persist();
      return waiting(`${takeOutput()}^C\n`);
    },
    endInput() {
      if (exitCode !== undefined) return closed();
      return end(shell.lastStatus, endOfInputText(identity));
    },
  };
}
