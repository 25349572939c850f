/**
 * `GET pods/<name>/log`: the API server's checks (PodLogOptions validation, choosing the container)
 * with kube-apiserver 1.32's wording, then the kubelet's (validateContainerLogStatus: is there a
 * running or terminated instance to read?) with the kubelet's wording, which the API server passes
 * on as a 400. The text itself comes from a ContainerLogSource — the container runtime's log files;
 * without one, containers have written nothing.
 */
import type { Container, ContainerStatus, Pod } from '../../../../shared/api/core.js';
import { badRequest, forbidden, invalid, invalidValue, type FieldError } from '../errors.js';
import type { RequestQuery } from '../types.js';
import type { SubresourceHandler } from './resource.js';

/** One line a container wrote (without its newline), as the CRI log file records it. */
export interface LogEntry {
  /** Lab-clock milliseconds. */
  time: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** Where container output lives: the kubelet's container runtime implements it. */
export interface ContainerLogSource {
  /**
   * The lines of one container instance, oldest first: the current one, or the one before it
   * (`previous`). Undefined when the runtime keeps no such instance.
   */
  read(pod: Pod, container: string, instance: 'current' | 'previous'): readonly LogEntry[] | undefined;
}

/** ValidatePodLogOptions. */
function validateOptions(query: RequestQuery & { limitBytes?: number; sinceTime?: string }): FieldError[] {
  const errors: FieldError[] = [];
  if (query.tailLines !== undefined && query.tailLines < 0) errors.push(invalidValue('tailLines', query.tailLines, 'must be greater than or equal to 0'));
  if (query.limitBytes !== undefined && query.limitBytes < 1) errors.push(invalidValue('limitBytes', query.limitBytes, 'must be greater than 0'));
  if (query.sinceSeconds !== undefined && query.sinceTime !== undefined) {
    errors.push(forbidden('', 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  } else if (query.sinceSeconds !== undefined && query.sinceSeconds < 1) {
    errors.push(invalidValue('sinceSeconds', query.sinceSeconds, 'must be greater than 0'));
  }
  return errors;
}

/**
 * validateContainer: the one container of a single-container Pod, or the named one. The list in
 * the error is podutil.VisitContainers' order — init, regular, then ephemeral containers.
 */
function chooseContainer(pod: Pod, requested: string | undefined): { ok: true; name: string } | { ok: false; error: string } {
  const podName = pod.metadata.name ?? '';
  const spec = pod.spec;
  const ephemeral = (spec as { ephemeralContainers?: Container[] }).ephemeralContainers ?? [];
  const all = [...(spec.initContainers ?? []), ...spec.containers, ...ephemeral].map((c) => c.name);
  if (!requested) {
    if (spec.containers.length === 1) return { ok: true, name: spec.containers[0]!.name };
    if (spec.containers.length === 0) return { ok: false, error: `a container name must be specified for pod ${podName}` };
    return { ok: false, error: `a container name must be specified for pod ${podName}, choose one of: [${all.join(' ')}]` };
  }
  if (!all.includes(requested)) return { ok: false, error: `container ${requested} is not valid for pod ${podName}` };
  return { ok: true, name: requested };
}

/** The kubelet's validateContainerLogStatus: undefined when there are logs to read. */
function containerLogStatusError(pod: Pod, container: string, previous: boolean): string | undefined {
  const podName = pod.metadata.name ?? '';
  const status = pod.status ?? {};
  const ephemeral = (status as { ephemeralContainerStatuses?: ContainerStatus[] }).ephemeralContainerStatuses ?? [];
  const found = [status.containerStatuses ?? [], status.initContainerStatuses ?? [], ephemeral]
    .map((list) => list.find((s) => s.name === container))
    .find((s) => s !== undefined);
  const subject = `container ${JSON.stringify(container)} in pod ${JSON.stringify(podName)}`;
  if (!found) return `${subject} is not available`;
  const last = found.lastState?.terminated;
  const { waiting, running, terminated } = found.state ?? {};
  if (previous) return last?.containerID ? undefined : `previous terminated ${subject} not found`;
  if (running) return undefined;
  if (terminated) return terminated.containerID || last?.containerID ? undefined : `${subject} is terminated`;
  if (last) return last.containerID ? undefined : `${subject} is terminated`;
  if (waiting) {
    if (waiting.reason === 'ErrImagePull') return `${subject} is waiting to start: image can't be pulled`;
    if (waiting.reason === 'ImagePullBackOff') return `${subject} is waiting to start: trying and failing to pull image`;
    return `${subject} is waiting to start: ${waiting.reason ?? ''}`;
  }
  return `${subject} is waiting to start - no logs yet`;
}

/** time.RFC3339Nano: fractional seconds without trailing zeros (none at all when whole). */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(Math.floor(ms)).toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

/** The kubelet's log reader: tailLines picks the last lines, then sinceSeconds drops older ones. */
function render(entries: readonly LogEntry[], query: RequestQuery & { limitBytes?: number }, now: number): string {
  let lines = [...entries];
  if (query.tailLines !== undefined) lines = query.tailLines === 0 ? [] : lines.slice(-query.tailLines);
  if (query.sinceSeconds !== undefined) {
    const since = now - query.sinceSeconds * 1000;
    lines = lines.filter((e) => e.time >= since);
  } else if (query.sinceTime !== undefined) {
    const since = Date.parse(query.sinceTime);
    lines = lines.filter((e) => e.time >= since);
  }
  const text = lines.map((e) => `${query.timestamps ? `${rfc3339Nano(e.time)} ` : ''}${e.text}\n`).join('');
  return query.limitBytes !== undefined ? Buffer.from(text).subarray(0, query.limitBytes).toString() : text;
}

/** The handler for `pods/log`, reading output from `source` (none: containers wrote nothing). */
export function podLogHandler(source?: ContainerLogSource): SubresourceHandler {
  return {
    verbs: ['get'],
    handle(request, parent, ctx) {
      const pod = parent as Pod;
      const query = request.query ?? {};
      const errors = validateOptions(query);
      if (errors.length > 0) return { ok: false, status: invalid('PodLogOptions', '', pod.metadata.name ?? '', errors) };
      const container = chooseContainer(pod, query.container);
      if (!container.ok) return { ok: false, status: badRequest(container.error) };
      // LogLocation: a Pod on no node has no kubelet to ask, and the answer is empty.
      if (!pod.spec.nodeName) return { ok: true, code: 200, value: '' };
      const notReadable = containerLogStatusError(pod, container.name, query.previous === true);
      if (notReadable) return { ok: false, status: badRequest(notReadable) };
      const entries = source?.read(pod, container.name, query.previous ? 'previous' : 'current') ?? [];
      return { ok: true, code: 200, value: render(entries, query, ctx.now()) };
    },
  };
}
