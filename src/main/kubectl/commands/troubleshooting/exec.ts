/**
 * `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`: kubectl 1.32's
 * ExecOptions — the Pod (or the most active Pod of a workload), the container (`Defaulted
 * container …`), then POST pods/<name>/exec with PodExecOptions. What the process wrote goes to
 * stdout and stderr, and a non-zero exit becomes `command terminated with exit code N` with that
 * status, as cmdutil.CheckErr reports a remote ExitError.
 *
 * The lab's exec subresource runs a command to its end with its stdin given up front, so `-i`
 * sends what is piped into kubectl (at a terminal, what is typed until Ctrl+D). With `-it` at a terminal the stdin stream stays open: a shell
 * then answers with an interactive session, and the terminal is relayed to it (terminal-stream.ts)
 * until it exits.
 */
import type { Pod } from '../../../../shared/api/core.js';
import type { ExecStreamResult } from '../../../cluster/apiserver/registry/pod-exec.js';
import type { ApiClient } from '../../../cluster/client/api-client.js';
import { PODS } from '../../../cluster/client/resources.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { FlagSpec } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { attachablePod, findOrDefaultContainer, getNamedObject } from './pod-target.js';
import { relayTerminal, streamRequestError } from './terminal-stream.js';

export const EXEC_FLAGS: FlagSpec[] = [
  { name: 'pod-running-timeout', type: 'duration' },
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'container', short: 'c', type: 'string' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
];

/** What pods/exec answers: the process's output and exit code. */
export type ExecAnswer = ExecStreamResult;

/** What to run where, and with which streams. */
export interface ExecCall {
  pod: Pod;
  container: string;
  command: string[];
  /** Sent on the stdin stream; undefined without `-i`; true: the terminal, kept open. */
  stdin?: string | true;
  tty?: boolean;
}

/**
 * POST pods/<name>/exec and wait the lab time the process took. Errors are kubectl's: the API
 * server's Status as `Error from server …`, a refused upgrade or stream failure as `error: …`.
 */
export async function execInPod(inv: Invocation, client: ApiClient, call: ExecCall): Promise<ExecAnswer> {
  const result = client.request<ExecAnswer>({
    verb: 'create',
    ...PODS,
    subresource: 'exec',
    namespace: call.pod.metadata.namespace,
    name: call.pod.metadata.name,
    body: {
      container: call.container,
      command: call.command,
      stdin: call.stdin ?? false,
      stdout: true,
      stderr: !call.tty,
      tty: call.tty === true,
      // A tty's size goes first on the resize stream.
      ...(call.tty ? { columns: inv.ctx.columns } : {}),
    },
  });
  if (!result.ok) throw streamRequestError(result.status);
  if (result.value.elapsedMs > 0) await inv.env.waitUntil(() => false, result.value.elapsedMs, inv.ctx.signal);
  return result.value;
}

/** The Pod `POD` or `TYPE/NAME` names, as exec, attach and cp find it. */
export async function podNamed(inv: Invocation, client: ApiClient, arg: string, timeoutMs: number): Promise<Pod> {
  const named = getNamedObject(inv, client, arg);
  if (!named.ok) throw new KubectlError(formatStatusError(named.status));
  return attachablePod(inv, client, named.value, timeoutMs);
}

/** Exec needs a Pod whose containers may still run. */
export function refuseCompletedPod(pod: Pod): void {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`error: cannot exec into a container in a completed pod; current phase is ${phase}\n`);
}

export async function runExec(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const args = f.positional;
  const filenames = f.strings('filename');
  // cobra's ArgsLenAtDash: the arguments before `--` are the positional ones.
  if (!hasDash(inv) && (args.length > 1 || (args.length > 0 && filenames.length > 0))) {
    throw inv.usageError('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
  }
  const command = f.afterDash;
  const resourceName = args[0] ?? '';
  if (!resourceName && filenames.length === 0) throw new KubectlError('error: pod, type/name or --filename must be specified\n');
  if (command.length === 0) throw new KubectlError('error: you must specify at least one command for the container\n');
  if (!resourceName) throw new KubectlError('error: exec with --filename is not available in this lab; name the Pod instead\n');

  const client = inv.client();
  const pod = await podNamed(inv, client, resourceName, f.number('pod-running-timeout', 60_000));
  refuseCompletedPod(pod);
  const quiet = f.bool('quiet');
  const container = f.string('container') || findOrDefaultContainer(inv, pod, '', quiet);

  const stdin = f.bool('stdin');
  let tty = stdin && f.bool('tty');
  // SetupTTY: a TTY needs a terminal on kubectl's stdin.
  if (tty && (inv.ctx.stdinRedirected || !inv.ctx.interactive || !inv.ctx.terminal)) {
    tty = false;
    if (!quiet) inv.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  }
  const terminal = tty ? inv.ctx.terminal : undefined;
  // With a terminal, stdin stays open on the stream (`true`); otherwise what was piped in is sent,
  // or with `-i` alone at a terminal, what is typed until Ctrl+D.
  let input: string | undefined;
  if (stdin && !terminal) {
    const typed = inv.ctx.stdinRedirected ? inv.ctx.stdin : await typedUntilEof(inv);
    if (typed === undefined) return INTERRUPTED;
    input = typed;
  }
  const answer = await execInPod(inv, client, { pod, container, command, stdin: !stdin ? undefined : terminal ? true : input, tty });
  inv.out(answer.stdout);
  inv.err(answer.stderr);
  const exitCode = answer.session && terminal ? await relayTerminal(inv, terminal, answer.session) : answer.exitCode;
  return remoteExitStatus(inv, exitCode);
}

/** What bash reports for a command Ctrl+C stopped (128 + SIGINT). */
const INTERRUPTED = 130;

/**
 * `-i` without `-t` at a terminal: the lines typed (echoed by the terminal, no prompt) until Ctrl+D
 * on an empty line; undefined when Ctrl+C stopped kubectl first. The lab's exec takes stdin up
 * front, so the process sees all of it once input ends (a real one reads each line as it comes).
 */
async function typedUntilEof(inv: Invocation): Promise<string | undefined> {
  const terminal = inv.ctx.interactive ? inv.ctx.terminal : undefined;
  if (!terminal) return inv.ctx.stdin;
  let typed = '';
  for (;;) {
    const line = await terminal.readLine('');
    if (line.kind === 'eof') return typed;
    if (line.kind === 'interrupt') {
      // The tty echoes the interrupt character; kubectl dies of SIGINT and bash starts a new line.
      inv.out('^C\n');
      return undefined;
    }
    typed += `${line.text}\n`;
  }
}

/** cmdutil.CheckErr of a remote ExitError: `command terminated with exit code N`, status N. */
function remoteExitStatus(inv: Invocation, exitCode: number): number {
  if (exitCode !== 0) inv.err(`command terminated with exit code ${exitCode}\n`);
  return exitCode;
}

/** Whether `--` was typed (then every argument after the Pod is the command, even none). */
function hasDash(inv: Invocation): boolean {
  return inv.ctx.argv.includes('--');
}
