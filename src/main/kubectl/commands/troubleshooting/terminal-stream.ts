/**
 * kubectl's side of an interactive stream with a tty (`exec -it … -- sh`): the learner's terminal
 * is put through to the process. Each line typed goes to it on stdin, what it writes comes back to
 * the screen, Ctrl+C goes to it (interrupting its line, not kubectl), Ctrl+D is end of input; the
 * process's exit status is kubectl's. While the process sleeps, lab time passes in small steps so
 * Ctrl+C can arrive. `attachToPod` opens such a stream to a container's main process (pods/attach).
 */
import type { Pod } from '../../../../shared/api/core.js';
import type { ExecStreamChunk, ExecStreamSession } from '../../../../shared/api/exec-stream.js';
import type { Status } from '../../../../shared/api/meta.js';
import type { ApiClient } from '../../../cluster/client/api-client.js';
import { PODS } from '../../../cluster/client/resources.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { TerminalInput } from '../../../shell/interactive-input.js';
import type { Invocation } from '../../invocation.js';
import { POLL_INTERVAL_MS, waitLabTime } from './blocking.js';

/** Let `ms` of lab time pass (Infinity: until interrupted); true when `interrupt` aborted first. */
async function sleepInterruptibly(inv: Invocation, ms: number, interrupt: AbortSignal): Promise<boolean> {
  let left = ms;
  while (left > 0 && !interrupt.aborted && !inv.ctx.signal.aborted) {
    const step = Math.min(left, POLL_INTERVAL_MS);
    await waitLabTime(inv, step, interrupt);
    left -= step;
  }
  return interrupt.aborted;
}

/** Relay between the terminal and the stream until the process ends; its exit status. */
export async function relayTerminal(inv: Invocation, terminal: TerminalInput, session: ExecStreamSession): Promise<number> {
  // The container's shell keeps its own history for ↑/↓.
  const history: string[] = [];
  let chunk: ExecStreamChunk = session.start();
  for (;;) {
    inv.out(chunk.output);
    if (chunk.exitCode !== undefined) return chunk.exitCode;
    if (inv.ctx.signal.aborted) return 130;
    const sleepMs = chunk.sleepMs;
    if (sleepMs !== undefined) {
      const interrupted = await terminal.catchInterrupts((signal) => sleepInterruptibly(inv, sleepMs, signal));
      chunk = interrupted ? session.interrupt() : session.resume();
      continue;
    }
    const line = await terminal.readLine(chunk.prompt ?? '', history);
    if (line.kind === 'eof') chunk = session.endInput();
    else if (line.kind === 'interrupt') chunk = session.interrupt();
    else {
      if (line.text.trim() !== '' && history[history.length - 1] !== line.text) history.push(line.text);
      chunk = session.writeLine(line.text);
    }
  }
}

/** Let the process run its line to the end (no Ctrl+C without a terminal); the chunk it ends on. */
async function untilWaiting(inv: Invocation, session: ExecStreamSession, chunk: ExecStreamChunk): Promise<ExecStreamChunk> {
  let current = chunk;
  while (current.sleepMs !== undefined && current.exitCode === undefined) {
    inv.out(current.output);
    if (current.sleepMs === Infinity || (await sleepInterruptibly(inv, current.sleepMs, inv.ctx.signal))) return session.interrupt();
    current = session.resume();
  }
  return current;
}

/**
 * Without a terminal (`kubectl run -it` in a script): what is piped in is typed into the container's
 * terminal line by line — which echoes it after its prompt — and then input ends.
 */
async function feedInput(inv: Invocation, session: ExecStreamSession): Promise<number> {
  let chunk = session.start();
  const lines = inv.ctx.stdin === '' ? [] : inv.ctx.stdin.replace(/\n$/, '').split('\n');
  for (const line of lines) {
    if (chunk.exitCode !== undefined) break;
    inv.out(`${chunk.output}${chunk.prompt ?? ''}${line}\n`);
    chunk = await untilWaiting(inv, session, session.writeLine(line));
  }
  if (chunk.exitCode === undefined) {
    inv.out(`${chunk.output}${chunk.prompt ?? ''}`);
    chunk = session.endInput();
  }
  inv.out(chunk.output);
  return chunk.exitCode ?? 0;
}

/**
 * POST pods/<name>/attach with stdin and a tty and relay the terminal (or the piped input) to the
 * main process; its exit status, or undefined when the process reads no terminal (the caller then
 * shows its output as it comes).
 */
export async function attachToPod(inv: Invocation, client: ApiClient, pod: Pod, container: string): Promise<number | undefined> {
  const result = client.request<{ session?: ExecStreamSession }>({
    verb: 'create',
    ...PODS,
    subresource: 'attach',
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    body: { container, stdin: true, stdout: true, stderr: false, tty: true, columns: inv.ctx.columns },
  });
  if (!result.ok) throw streamRequestError(result.status);
  const session = result.value.session;
  if (!session) return undefined;
  const status = inv.ctx.terminal ? await relayTerminal(inv, inv.ctx.terminal, session) : await feedInput(inv, session);
  // AttachOptions.Run: a terminal in raw mode on a Pod that restarts its containers may come back.
  if (inv.ctx.terminal && !inv.flags.bool('quiet') && pod.spec.restartPolicy === 'Always') {
    const again = `'kubectl attach ${pod.metadata.name ?? ''} -c ${container} -i -t'`;
    const ephemeral = (pod.spec.ephemeralContainers ?? []).some((c) => c.name === container);
    inv.out(ephemeral ? `Session ended, the ephemeral container will not be restarted but may be reattached using ${again} if it is still running\n` : `Session ended, resume using ${again} command when the pod is running\n`);
  }
  return status;
}

/**
 * How kubectl reports a refused exec or attach: the API server's Status as `Error from server …`,
 * the kubelet's refusal or a stream failure as `error: …`.
 */
export function streamRequestError(status: Status): KubectlError {
  // A 400 from the API server is a Status; the kubelet's refusals come back as plain errors.
  if (status.reason === 'BadRequest' || status.reason === 'NotFound' || status.reason === 'Forbidden') return new KubectlError(formatStatusError(status));
  return new KubectlError(`error: ${status.message ?? ''}\n`);
}
