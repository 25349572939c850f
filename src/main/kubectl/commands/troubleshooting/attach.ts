/**
 * `kubectl attach (POD | TYPE/NAME) -c CONTAINER [-i] [-t]`: kubectl 1.32's AttachOptions checks
 * and messages (`If you don't see a command prompt, try pressing enter.`), then the container's
 * output from now on until it stops or Ctrl+C. With `-i`, POST pods/attach: a shell reading its
 * terminal (`stdin: true, tty: true`) gets the learner's terminal (terminal-stream.ts). Otherwise
 * the output is read the way `logs -f` reads it (only new lines).
 */
import type { Container } from '../../../../shared/api/core.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { FlagSpec } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { pollUntilInterrupted } from './blocking.js';
import { followStream } from './log-stream.js';
import { attachablePod, findOrDefaultContainer, getNamedObject } from './pod-target.js';
import { attachToPod } from './terminal-stream.js';

export const ATTACH_FLAGS: FlagSpec[] = [
  { name: 'pod-running-timeout', type: 'duration' },
  { name: 'container', short: 'c', type: 'string' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
];

/** The status a shell reports for a process killed by SIGINT. */
const INTERRUPTED = 130;

export async function runAttach(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const args = f.positional;
  const timeout = f.number('pod-running-timeout', 60_000);
  if (args.length === 0) throw new KubectlError('error: at least 1 argument is required for attach\n');
  if (args.length > 2) throw new KubectlError(`error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]\n`);
  if (timeout <= 0) throw new KubectlError('error: --pod-running-timeout must be higher than zero\n');

  const client = inv.client();
  const named = getNamedObject(inv, client, args.length === 2 ? `${args[0]}/${args[1]}` : args[0]!);
  if (!named.ok) throw new KubectlError(formatStatusError(named.status));
  const pod = await attachablePod(inv, client, named.value, timeout);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`error: cannot attach a container in a completed pod; current phase is ${phase}\n`);

  const quiet = f.bool('quiet');
  let containerName: string;
  try {
    containerName = findOrDefaultContainer(inv, pod, f.string('container'), quiet);
  } catch (error) {
    if (error instanceof KubectlError) throw new KubectlError(error.text.replace(/^error: /, 'error: cannot attach to the container: '));
    throw error;
  }
  const container = [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...(pod.spec.ephemeralContainers ?? [])].find((c) => c.name === containerName) as Container | undefined;
  const allocatesTty = container?.tty === true;
  let tty = f.bool('tty');
  if (tty && !allocatesTty) {
    tty = false;
    if (!quiet) inv.err(`error: Unable to use a TTY - container ${containerName} did not allocate one\n`);
  } else if (!tty && allocatesTty) {
    tty = true;
  }
  if (f.bool('stdin') && tty && (inv.ctx.stdinRedirected || !inv.ctx.interactive) && !quiet) {
    inv.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  }
  if (!quiet) inv.err("If you don't see a command prompt, try pressing enter.\n");
  if (f.bool('stdin') && (await attachToPod(inv, client, pod, containerName)) !== undefined) return 0;

  const stream = followStream(inv, client, { pod, container: containerName }, { prefix: '' });
  const interrupted = await pollUntilInterrupted(inv, () => stream.step());
  return interrupted ? INTERRUPTED : 0;
}
