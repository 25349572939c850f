/**
 * Which Pod a troubleshooting command talks to (polymorphichelpers): `POD` or `TYPE/NAME` is
 * fetched as the resource builder does (`pods` when no type is given); a workload or Service
 * leads to one of the Pods its selector matches — the best to read logs from (podutils.ByLogging)
 * or the most active one to attach to (ActivePods, reversed) — waiting up to
 * `--pod-running-timeout` for one to appear.
 */
import type { Pod } from '../../../../shared/api/core.js';
import type { KubeObject, LabelSelector, Status } from '../../../../shared/api/meta.js';
import { labelSelectorAsSelector } from '../../../base/label-selector.js';
import type { ApiClient } from '../../../cluster/client/api-client.js';
import { PODS } from '../../../cluster/client/resources.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { Invocation } from '../../invocation.js';
import { resolveResource, resourceRef } from '../../resource-resolver.js';

/** How to pick among a selector's Pods: for logs, or for exec/attach/port-forward. */
export type PodChoice = 'logging' | 'attach';

/** What a `POD` or `TYPE/NAME` argument named: the object as the server returned it. */
export interface NamedObject {
  object: KubeObject;
  /** The Go type kubectl names in its errors (`*v1.ConfigMap`). */
  goType: string;
}

/** GET the object `POD` or `TYPE/NAME` names (the builder's ResourceNames("pods", arg)). */
export function getNamedObject(inv: Invocation, client: ApiClient, arg: string): { ok: true; value: NamedObject } | { ok: false; status: Status } {
  const slash = arg.indexOf('/');
  const typed = slash >= 0 ? arg.slice(0, slash) : 'pods';
  const name = slash >= 0 ? arg.slice(slash + 1) : arg;
  if (slash >= 0 && (!typed || !name)) throw new KubectlError('error: arguments in resource/name form must have a single resource and name\n');
  const resource = resolveResource(typed, client.discovery());
  if (!resource) throw new KubectlError(`error: the server doesn't have a resource type "${typed}"\n`);
  const got = client.get(resourceRef(resource), resource.namespaced ? inv.namespace : undefined, name);
  if (!got.ok) return got;
  return { ok: true, value: { object: got.value, goType: `*${resource.version}.${resource.kind}` } };
}

/** SelectorsForObject: the label selector of a workload's Pods, as a selector string. */
function podSelectorOf(object: KubeObject, goType: string): { ok: true; selector: string } | { ok: false; error: string } {
  const kind = object.kind ?? '';
  const spec = (object as { spec?: { selector?: unknown } }).spec ?? {};
  if (['ReplicaSet', 'StatefulSet', 'DaemonSet', 'Deployment', 'Job'].includes(kind)) {
    const compiled = labelSelectorAsSelector(spec.selector as LabelSelector | undefined);
    if (!compiled.ok) return { ok: false, error: `invalid label selector: ${compiled.error}` };
    return { ok: true, selector: compiled.selector.toString() };
  }
  if (kind === 'ReplicationController' || kind === 'Service') {
    const map = (spec.selector ?? {}) as Record<string, string>;
    if (kind === 'Service' && Object.keys(map).length === 0) return { ok: false, error: 'invalid service \'' + (object.metadata.name ?? '') + '\': Service is defined without a selector' };
    return { ok: true, selector: Object.keys(map).sort().map((k) => `${k}=${map[k]}`).join(',') };
  }
  return { ok: false, error: `selector for ${goType} not implemented` };
}

function isReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function readyTime(pod: Pod): number {
  const ready = (pod.status?.conditions ?? []).find((c) => c.type === 'Ready' && c.status === 'True');
  return ready?.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : NaN;
}

function maxRestarts(pod: Pod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s) => s.restartCount));
}

function created(pod: Pod): number {
  return pod.metadata.creationTimestamp ? Date.parse(pod.metadata.creationTimestamp) : NaN;
}

/** afterOrZero(a, b): a is after b, or a is unset while b is set. */
function afterOrZero(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a);
  return a > b;
}

/** podutils.ByLogging's Less: assigned, running, ready, longest ready, most restarts, oldest first. */
function lessByLogging(a: Pod, b: Pod): boolean {
  const nodeA = a.spec.nodeName ?? '';
  const nodeB = b.spec.nodeName ?? '';
  if (nodeA !== nodeB && (!nodeA || !nodeB)) return nodeA !== '';
  const phase: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
  const pa = phase[a.status?.phase ?? ''] ?? 0;
  const pb = phase[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa < pb;
  if (isReady(a) !== isReady(b)) return isReady(a);
  if (isReady(a) && isReady(b) && readyTime(a) !== readyTime(b)) return afterOrZero(readyTime(b), readyTime(a));
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) > maxRestarts(b);
  if (created(a) !== created(b)) return afterOrZero(created(b), created(a));
  return false;
}

/** podutils.ActivePods' Less, reversed: the most active Pod first. */
function lessByActivity(a: Pod, b: Pod): boolean {
  const activeLess = (x: Pod, y: Pod): boolean => {
    const nodeX = x.spec.nodeName ?? '';
    const nodeY = y.spec.nodeName ?? '';
    if (nodeX !== nodeY && (!nodeX || !nodeY)) return nodeX === '';
    const phase: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
    const px = phase[x.status?.phase ?? ''] ?? 0;
    const py = phase[y.status?.phase ?? ''] ?? 0;
    if (px !== py) return px < py;
    if (isReady(x) !== isReady(y)) return !isReady(x);
    if (isReady(x) && isReady(y) && readyTime(x) !== readyTime(y)) return afterOrZero(readyTime(x), readyTime(y));
    if (maxRestarts(x) !== maxRestarts(y)) return maxRestarts(x) > maxRestarts(y);
    if (created(x) !== created(y)) return afterOrZero(created(x), created(y));
    return false;
  };
  return activeLess(b, a);
}

/** The selector's Pods, best first; waits (GetPodList's watch) up to `timeoutMs` for a first one. */
async function podsForSelector(inv: Invocation, client: ApiClient, namespace: string, selector: string, choice: PodChoice, timeoutMs: number): Promise<Pod[]> {
  const list = (): Pod[] => {
    const listed = client.list<Pod>(PODS, namespace, { labelSelector: selector });
    if (!listed.ok) throw new KubectlError(formatStatusError(listed.status));
    return listed.value.items;
  };
  let pods = list();
  if (pods.length === 0) {
    await inv.env.waitUntil(() => (pods = list()).length > 0, timeoutMs, inv.ctx.signal);
    if (pods.length === 0) throw new KubectlError('error: timed out waiting for the condition\n');
  }
  const less = choice === 'logging' ? lessByLogging : lessByActivity;
  return [...pods].sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
}

/**
 * The Pods an object leads to: the Pod itself, or the best of its selector's Pods (all of them
 * with `all`, for `logs --all-pods`). For logs, kubectl says which one it took when there were
 * several (`Found 3 pods, using pod/web-…`).
 */
export async function podsForObject(inv: Invocation, client: ApiClient, named: NamedObject, choice: PodChoice, timeoutMs: number, all = false): Promise<Pod[]> {
  const { object } = named;
  if (object.kind === 'Pod') return [object as Pod];
  const selector = podSelectorOf(object, named.goType);
  if (!selector.ok) {
    const what = choice === 'logging' ? 'cannot get the logs from' : 'cannot attach to';
    throw new KubectlError(`error: ${what} ${named.goType}: ${selector.error}\n`);
  }
  const pods = await podsForSelector(inv, client, object.metadata.namespace ?? inv.namespace, selector.selector, choice, timeoutMs);
  if (all) return pods;
  const first = pods[0]!;
  if (choice === 'logging' && pods.length > 1) inv.err(`Found ${pods.length} pods, using pod/${first.metadata.name ?? ''}\n`);
  return [first];
}

/** The one Pod exec, attach and port-forward use for an object. */
export async function attachablePod(inv: Invocation, client: ApiClient, named: NamedObject, timeoutMs: number): Promise<Pod> {
  const [pod] = await podsForObject(inv, client, named, 'attach', timeoutMs);
  return pod!;
}

/** podcmd.AllContainerNames: `app, sidecar, debugger (ephem), setup (init)`. */
export function allContainerNames(pod: Pod): string {
  const ephemeral = ((pod.spec as { ephemeralContainers?: Array<{ name: string }> }).ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`);
  const init = (pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`);
  return [...pod.spec.containers.map((c) => c.name), ...ephemeral, ...init].join(', ');
}

/** Whether a container of any kind has this name (podcmd.FindContainerByName). */
export function hasContainer(pod: Pod, name: string): boolean {
  const ephemeral = (pod.spec as { ephemeralContainers?: Array<{ name: string }> }).ephemeralContainers ?? [];
  return [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...ephemeral].some((c) => c.name === name);
}

/** More than one container to choose from, so kubectl says which one it defaulted to. */
export function hasSeveralContainers(pod: Pod): boolean {
  const ephemeral = (pod.spec as { ephemeralContainers?: unknown[] }).ephemeralContainers ?? [];
  return pod.spec.containers.length > 1 || (pod.spec.initContainers ?? []).length > 0 || ephemeral.length > 0;
}

/**
 * podcmd.FindOrDefaultContainerByName (exec, attach, cp): the named container, else the
 * `kubectl.kubernetes.io/default-container` annotation's, else the first — saying so (on stderr,
 * or through `warn`) unless `quiet` when there was a choice.
 */
export function findOrDefaultContainer(inv: Invocation, pod: Pod, name: string, quiet: boolean, warn = (text: string): void => inv.err(text)): string {
  if (name) {
    if (!hasContainer(pod, name)) throw new KubectlError(`error: container ${name} not found in pod ${pod.metadata.name ?? ''}\n`);
    return name;
  }
  if (pod.spec.containers.length === 0) throw new KubectlError(`error: pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''} does not have any containers\n`);
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated && hasContainer(pod, annotated)) return annotated;
  const first = pod.spec.containers[0]!.name;
  if (!quiet && hasSeveralContainers(pod)) warn(`Defaulted container ${JSON.stringify(first)} out of: ${allContainerNames(pod)}\n`);
  return first;
}

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';
