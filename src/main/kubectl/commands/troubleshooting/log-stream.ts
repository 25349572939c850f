/**
 * Reading a container's log through GET pods/<name>/log, once or as a stream. The lab's
 * pods/log answers with what the instance wrote so far, so a stream asks again at each poll and
 * passes on the lines that are new, until the instance stops (its status is no longer running,
 * or a restart gave it a new container ID) — when the real stream would close.
 */
import type { ContainerStatus, Pod } from '../../../../shared/api/core.js';
import type { ApiClient } from '../../../cluster/client/api-client.js';
import type { RequestQuery } from '../../../cluster/apiserver/types.js';
import { PODS } from '../../../cluster/client/resources.js';
import { formatStatusError } from '../../errors.js';
import type { Invocation } from '../../invocation.js';

/** One log stream kubectl opens: a container of a Pod. */
export interface LogRequest {
  pod: Pod;
  container: string;
}

/** A followed stream: `step` prints what is new and says whether the instance ended. */
export interface FollowedStream {
  step(): boolean;
}

/** GET pods/<name>/log for one container. */
export function readLog(client: ApiClient, request: LogRequest, query: RequestQuery): { ok: true; text: string } | { ok: false; error: string; message: string } {
  const got = client.request<string>({ verb: 'get', ...PODS, subresource: 'log', namespace: request.pod.metadata.namespace, name: request.pod.metadata.name, query: { ...query, container: request.container } });
  if (got.ok) return { ok: true, text: got.value };
  return { ok: false, error: formatStatusError(got.status), message: got.status.message ?? '' };
}

export function prefixed(text: string, prefix: string): string {
  return prefix ? text.replace(/^(?=.)/gm, prefix) : text;
}

/** The container's current status, to see when the instance being followed ends. */
function instanceOf(client: ApiClient, request: LogRequest): ContainerStatus | undefined {
  const got = client.get<Pod>(PODS, request.pod.metadata.namespace, request.pod.metadata.name ?? '');
  if (!got.ok) return undefined;
  const status = got.value.status ?? {};
  return [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? []), ...(status.ephemeralContainerStatuses ?? [])].find((s) => s.name === request.container);
}

/** Follow `request` from now on: each step prints the lines written since the last one. */
export function followStream(inv: Invocation, client: ApiClient, request: LogRequest, options: { prefix: string; timestamps?: boolean }): FollowedStream {
  const whole: RequestQuery = { container: request.container, timestamps: options.timestamps };
  const lines = (text: string): string[] => text.split('\n').slice(0, -1);
  const start = readLog(client, request, whole);
  let seen = start.ok ? lines(start.text).length : 0;
  const instance = instanceOf(client, request)?.containerID;
  return {
    step() {
      const status = instanceOf(client, request);
      if (!status || status.containerID !== instance) return true;
      const now = readLog(client, request, whole);
      if (now.ok) {
        const all = lines(now.text);
        if (all.length > seen) inv.out(prefixed(all.slice(seen).map((l) => `${l}\n`).join(''), options.prefix));
        seen = all.length;
      }
      return !status.state.running;
    },
  };
}
