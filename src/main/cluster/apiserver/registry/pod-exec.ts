/**
 * `POST pods/<name>/exec` (PodExecOptions: container, command[], stdin, stdout, stderr, tty): the
 * API server's checks in kube-apiserver 1.32's wording (ExecLocation → streamLocation: choosing
 * the container, the Pod must be on a node), then the kubelet's. Authorization is `create` on
 * `pods/exec`, done by the server before this. The stream itself is modelled as one answer: what
 * the process wrote and its exit code.
 *
 * Errors and how kubectl shows them:
 * - the API server's 400s (`container x is not valid for pod web`) → `Error from server (BadRequest): …`;
 * - the kubelet's refusal before the upgrade (`container not found ("x")`, a 500 with the kubelet's
 *   plain-text body) → `error: unable to upgrade connection: container not found ("x")` — this
 *   handler's Status message already carries the `unable to upgrade connection: ` prefix;
 * - runc failing to start the executable, sent on the stream's error channel as an InternalError →
 *   `error: Internal error occurred: error executing command in container: …`.
 */
import type { Pod } from '../../../../shared/api/core.js';
import type { ExecStreamSession } from '../../../../shared/api/exec-stream.js';
import type { Status } from '../../../../shared/api/meta.js';
import { badRequest } from '../errors.js';
import type { SubresourceHandler } from './resource.js';

/** PodExecOptions as the request carries them (the query of a real request, here the body). */
export interface PodExecOptions {
  container?: string;
  command?: string[];
  stdin?: boolean | string;
  stdout?: boolean;
  stderr?: boolean;
  tty?: boolean;
  /** With a tty: the client terminal's width, as the first message of the resize stream sends it. */
  columns?: number;
}

/** What the exec'd process did. */
export interface ExecStreamResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Lab time the process took. */
  elapsedMs: number;
  blocked?: boolean;
  /** An interactive process (a shell with a tty and an open stdin): the stream stays open. */
  session?: ExecStreamSession;
}

/** Where exec runs: the kubelet of the Pod's node (kubelet/exec-source.ts implements it). */
export interface ContainerExecSource {
  exec(
    pod: Pod,
    container: string,
    command: string[],
    options: { stdin?: string; tty?: boolean; interactive?: boolean; columns?: number },
  ): { ok: true; result: ExecStreamResult } | { ok: false; stage: 'upgrade' | 'stream'; message: string };
  /** pods/attach: the terminal of the container's main process, when it reads one. */
  attach?(pod: Pod, container: string, columns?: number): { ok: true; session?: ExecStreamSession } | { ok: false; stage: 'upgrade'; message: string };
}

function failure(code: number, message: string, reason?: Status['reason']): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, ...(reason ? { reason } : {}), code };
}

/** streamLocation's container choice: the only container, or a named one of the Pod's. */
function chooseContainer(pod: Pod, requested: string | undefined): { ok: true; name: string } | { ok: false; error: string } {
  const name = pod.metadata.name ?? '';
  const spec = pod.spec;
  if (!requested) {
    if (spec.containers.length === 1) return { ok: true, name: spec.containers[0]!.name };
    if (spec.containers.length === 0) return { ok: false, error: `a container name must be specified for pod ${name}` };
    // getContainerNames: the names joined by spaces; init containers named separately.
    let error = `a container name must be specified for pod ${name}, choose one of: [${spec.containers.map((c) => c.name).join(' ')}]`;
    const init = (spec.initContainers ?? []).map((c) => c.name);
    if (init.length > 0) error += ` or one of the init containers: [${init.join(' ')}]`;
    return { ok: false, error };
  }
  const ephemeral = ((spec as { ephemeralContainers?: Array<{ name: string }> }).ephemeralContainers ?? []).map((c) => c.name);
  const all = [...spec.containers.map((c) => c.name), ...(spec.initContainers ?? []).map((c) => c.name), ...ephemeral];
  if (!all.includes(requested)) return { ok: false, error: `container ${requested} is not valid for pod ${name}` };
  return { ok: true, name: requested };
}

/**
 * `POST pods/<name>/attach` (PodAttachOptions: container, stdin, stdout, stderr, tty): the same
 * container choice and node check as exec, then the kubelet's stream to the main process — its
 * terminal session when it is a shell reading stdin, else nothing to type into (`{}`).
 */
export function podAttachHandler(source?: ContainerExecSource): SubresourceHandler {
  return {
    verbs: ['create'],
    handle(request, parent) {
      const pod = parent as Pod;
      const body = request.body;
      const options: PodExecOptions = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as PodExecOptions) : {};
      const container = chooseContainer(pod, options.container ?? request.query?.container);
      if (!container.ok) return { ok: false, status: badRequest(container.error) };
      if (!pod.spec.nodeName) return { ok: false, status: badRequest(`pod ${pod.metadata.name ?? ''} does not have a host assigned`) };
      const attached = source?.attach?.(pod, container.name, options.columns) ?? { ok: false, message: `container not found (${JSON.stringify(container.name)})` };
      if (!attached.ok) return { ok: false, status: failure(500, `unable to upgrade connection: ${attached.message}`) };
      return { ok: true, code: 200, value: { session: attached.session } };
    },
  };
}

/** The handler for `pods/exec`, running commands through `source` (none: no kubelet answers). */
export function podExecHandler(source?: ContainerExecSource): SubresourceHandler {
  return {
    verbs: ['create'],
    handle(request, parent) {
      const pod = parent as Pod;
      const body = request.body;
      const options: PodExecOptions = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as PodExecOptions) : {};
      const container = chooseContainer(pod, options.container ?? request.query?.container);
      if (!container.ok) return { ok: false, status: badRequest(container.error) };
      if (!pod.spec.nodeName) return { ok: false, status: badRequest(`pod ${pod.metadata.name ?? ''} does not have a host assigned`) };
      const command = options.command ?? [];
      // The kubelet's remotecommand handshake refuses these before upgrading.
      if (command.length === 0) return { ok: false, status: failure(400, 'unable to upgrade connection: you must specify at least 1 command') };
      if (options.stdin === undefined && options.stdout === false && options.stderr === false) {
        return { ok: false, status: failure(400, 'unable to upgrade connection: you must specify at least 1 of stdin, stdout, stderr') };
      }
      if (!source) return { ok: false, status: failure(500, `unable to upgrade connection: container not found (${JSON.stringify(container.name)})`) };
      const stdin = typeof options.stdin === 'string' ? options.stdin : undefined;
      // `stdin: true` with nothing sent up front: the client's terminal stays open on the stream.
    const outcome = source.exec(pod, container.name, command, { stdin, tty: options.tty === true, interactive: options.stdin === true, columns: options.columns });
      if (!outcome.ok) {
        if (outcome.stage === 'upgrade') return { ok: false, status: failure(500, `unable to upgrade connection: ${outcome.message}`) };
        return { ok: false, status: failure(500, outcome.message, 'InternalError') };
      }
      return { ok: true, code: 200, value: outcome.result };
    },
  };
}
