/**
 * `kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]`, `-l selector`: kubectl 1.32's
 * LogsOptions — which Pods and containers to read (the default-container annotation, `Defaulted
 * container …`, `Found N pods, using pod/…`, `--all-containers`, `--all-pods`), one GET of
 * pods/<name>/log per container with PodLogOptions, `--prefix`, `--ignore-errors`, and its errors.
 *
 * Following (`-f`): the lab's pods/log answers with what was written so far, so kubectl asks
 * again each second of lab time and prints the lines that are new, until the container instance
 * ends (the stream closes) or Ctrl+C (kubectl's interrupt handler exits 1).
 */
import type { Pod } from '../../../../shared/api/core.js';
import type { ApiClient } from '../../../cluster/client/api-client.js';
import type { RequestQuery } from '../../../cluster/apiserver/types.js';
import { PODS } from '../../../cluster/client/resources.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { FlagSpec } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { pollUntilInterrupted } from './blocking.js';
import { type FollowedStream, type LogRequest, followStream, prefixed, readLog } from './log-stream.js';
import { DEFAULT_CONTAINER_ANNOTATION, allContainerNames, getNamedObject, hasContainer, hasSeveralContainers, podsForObject } from './pod-target.js';

export const LOGS_FLAGS: FlagSpec[] = [
  { name: 'all-pods', type: 'bool' },
  { name: 'all-containers', type: 'bool' },
  { name: 'follow', short: 'f', type: 'bool' },
  { name: 'timestamps', type: 'bool' },
  { name: 'limit-bytes', type: 'int' },
  { name: 'previous', short: 'p', type: 'bool' },
  { name: 'tail', type: 'int' },
  { name: 'ignore-errors', type: 'bool' },
  { name: 'since-time', type: 'string' },
  { name: 'since', type: 'duration' },
  { name: 'container', short: 'c', type: 'string' },
  { name: 'insecure-skip-tls-verify-backend', type: 'bool' },
  { name: 'pod-running-timeout', type: 'duration' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'max-log-requests', type: 'int' },
  { name: 'prefix', type: 'bool' },
];

const USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

/** With a selector and no --tail, kubectl shows the last 10 lines of each container. */
const SELECTOR_TAIL = 10;

/** The parsed command line. */
interface LogsOptions {
  query: RequestQuery;
  allContainers: boolean;
  allPods: boolean;
  prefix: boolean;
  follow: boolean;
  ignoreErrors: boolean;
}

/** util.ParseRFC3339: RFC 3339 with or without fractional seconds. */
function parseSinceTime(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text) || Number.isNaN(Date.parse(text))) {
    throw new KubectlError(`error: parsing time ${JSON.stringify(text)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(text)} as "2006"\n`);
  }
  return text;
}

/** LogsOptions.Complete's argument rules, ToLogOptions and Validate. */
function readOptions(inv: Invocation, args: string[]): LogsOptions {
  const f = inv.flags;
  const selector = f.string('selector');
  if (args.length === 0 && !selector) throw inv.usageError(USAGE);
  if (args.length === 1 && selector) throw inv.usageError('only a selector (-l) or a POD name is allowed');
  if (args.length > 2) throw inv.usageError(USAGE);
  const container = args.length === 2 ? args[1]! : f.string('container');
  const sinceMs = f.number('since', 0);
  const sinceTime = f.string('since-time');
  const query: RequestQuery = { container: container || undefined, previous: f.bool('previous') || undefined, timestamps: f.bool('timestamps') || undefined };
  if (sinceTime) query.sinceTime = parseSinceTime(sinceTime);
  if (f.has('limit-bytes') && f.number('limit-bytes', 0) !== 0) query.limitBytes = f.number('limit-bytes', 0);
  if (sinceMs !== 0) query.sinceSeconds = Math.round(sinceMs / 1000);
  const tail = f.number('tail', -1);
  if (selector && tail === -1 && !f.has('tail')) query.tailLines = SELECTOR_TAIL;
  else if (tail !== -1) query.tailLines = tail;

  if (sinceTime && sinceMs !== 0) throw new KubectlError('error: at most one of `sinceTime` or `sinceSeconds` may be specified\n');
  if (f.bool('all-containers') && container) throw new KubectlError(`error: --all-containers=true should not be specified with container name ${container}\n`);
  if (f.has('container') && args.length === 2) throw new KubectlError('error: only one of -c or an inline [CONTAINER] arg is allowed\n');
  if (f.number('limit-bytes', 0) < 0) throw new KubectlError('error: --limit-bytes must be greater than 0\n');
  if (query.sinceSeconds !== undefined && query.sinceSeconds < 0) throw new KubectlError('error: --since must be greater than 0\n');
  if (query.tailLines !== undefined && query.tailLines < -1) throw new KubectlError('error: --tail must be greater than or equal to -1\n');
  return {
    query,
    allContainers: f.bool('all-containers'),
    allPods: f.bool('all-pods'),
    prefix: f.bool('prefix') || f.bool('all-pods'),
    follow: f.bool('follow'),
    ignoreErrors: f.bool('ignore-errors'),
  };
}

/** logsForObject for one Pod: its containers to read, with the default-container rules. */
function requestsForPod(inv: Invocation, pod: Pod, options: LogsOptions, quietDefault: boolean): LogRequest[] {
  const name = pod.metadata.name ?? '';
  if (options.allContainers) {
    const ephemeral = (pod.spec as { ephemeralContainers?: Array<{ name: string }> }).ephemeralContainers ?? [];
    return [...(pod.spec.initContainers ?? []), ...pod.spec.containers, ...ephemeral].map((c) => ({ pod, container: c.name }));
  }
  let container = options.query.container ?? '';
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (!container && annotated) {
    if (hasContainer(pod, annotated)) container = annotated;
    else inv.err(`Default container name ${JSON.stringify(annotated)} not found in pod ${name}\n`);
  }
  if (!container) {
    container = pod.spec.containers[0]?.name ?? '';
    if (hasSeveralContainers(pod) && !quietDefault) inv.err(`Defaulted container ${JSON.stringify(container)} out of: ${allContainerNames(pod)}\n`);
  }
  if (!hasContainer(pod, container)) throw new KubectlError(`error: container ${container} is not valid for pod ${name}\n`);
  return [{ pod, container }];
}

/** The builder's lookup: the named object (its Pod(s)) or the Pods a selector matches. */
async function logRequests(inv: Invocation, client: ApiClient, args: string[], options: LogsOptions): Promise<LogRequest[]> {
  const selector = inv.flags.string('selector');
  if (selector && args.length === 0) {
    const listed = client.list<Pod>(PODS, inv.namespace, { labelSelector: selector });
    if (!listed.ok) throw new KubectlError(formatStatusError(listed.status));
    if (listed.value.items.length === 0) inv.err(`No resources found in ${inv.namespace} namespace.\n`);
    return listed.value.items.flatMap((pod) => requestsForPod(inv, pod, options, false));
  }
  const named = getNamedObject(inv, client, args[0]!);
  if (!named.ok) {
    if (named.status.reason === 'NotFound') throw new KubectlError(`error: error from server (NotFound): ${named.status.message ?? ''} in namespace ${JSON.stringify(inv.namespace)}\n`);
    throw new KubectlError(formatStatusError(named.status));
  }
  const timeout = inv.flags.number('pod-running-timeout', 20_000);
  const pods = await podsForObject(inv, client, named.value, 'logging', timeout, options.allPods);
  return pods.flatMap((pod) => requestsForPod(inv, pod, options, options.allPods));
}

/**
 * Print one stream's answer; when following, return how to keep reading it (new lines until the
 * container instance stops).
 */
function openStream(inv: Invocation, client: ApiClient, request: LogRequest, options: LogsOptions): FollowedStream | undefined {
  const prefix = options.prefix ? `[pod/${request.pod.metadata.name ?? ''}/${request.container}] ` : '';
  const first = readLog(client, request, options.query);
  if (!first.ok) {
    if (!options.ignoreErrors) throw new KubectlError(first.error);
    inv.out(`error: ${first.message}\n`);
    return undefined;
  }
  inv.out(prefixed(first.text, prefix));
  if (!options.follow || options.query.previous) return undefined;
  return followStream(inv, client, request, { prefix, timestamps: options.query.timestamps });
}

export async function runLogs(inv: Invocation): Promise<number> {
  const args = inv.flags.positional;
  const options = readOptions(inv, args);
  const client = inv.client();
  const requests = await logRequests(inv, client, args, options);
  const maxFollow = inv.flags.number('max-log-requests', 5);
  if (options.follow && requests.length > 1 && requests.length > maxFollow) {
    throw new KubectlError(
      `error: you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${maxFollow}, use --max-log-requests to increase the limit\n`,
    );
  }
  const followed = requests.map((request) => openStream(inv, client, request, options)).filter((s) => s !== undefined);
  if (followed.length === 0) return 0;
  // Several streams are followed at once, their new lines printed as they come.
  let open = followed;
  const interrupted = await pollUntilInterrupted(inv, () => {
    open = open.filter((stream) => !stream.step());
    return open.length === 0;
  });
  return interrupted ? 1 : 0;
}
