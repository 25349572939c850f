/**
 * `kubectl drain NODE`: cordon, list the node's Pods, refuse on the filters' errors (DaemonSet
 * Pods, local storage, unmanaged Pods) or warn, then evict them through `pods/<name>/eviction`
 * (policy/v1), retrying every 5 s while a PodDisruptionBudget refuses (429), and wait until each
 * is gone — or delete them with `--disable-eviction`. kubectl discovers the Eviction's
 * group/version; the lab's discovery names subresources only, so policy/v1 is taken as given.
 */
import type { Node, Pod } from '../../../../shared/api/core.js';
import type { Status } from '../../../../shared/api/meta.js';
import { formatGoDuration } from '../../../base/duration.js';
import type { ApiClient } from '../../../cluster/client/api-client.js';
import { PODS } from '../../../cluster/client/resources.js';
import type { KubectlCommand } from '../../command.js';
import { KubectlError } from '../../errors.js';
import type { FlagSpec } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { type DryRun, dryRunOf, dryRunSuffix, printObjects } from '../../print-flags.js';
import { CORDON_FLAGS, cordonNodes, resolveNodes } from './cordon.js';
import { type DrainOptions, filterPods } from './drain-filters.js';

const DRAIN_FLAGS: FlagSpec[] = [
  ...CORDON_FLAGS,
  { name: 'force', type: 'bool' },
  { name: 'ignore-daemonsets', type: 'bool' },
  { name: 'delete-emptydir-data', type: 'bool' },
  { name: 'grace-period', type: 'int' },
  { name: 'timeout', type: 'duration' },
  { name: 'pod-selector', type: 'string' },
  { name: 'disable-eviction', type: 'bool' },
  { name: 'skip-wait-for-delete-timeout', type: 'int' },
  { name: 'chunk-size', type: 'int' },
];

const RETRY_MS = 5000;

interface Drain {
  inv: Invocation;
  client: ApiClient;
  options: DrainOptions;
  grace: number;
  dryRun: DryRun;
  /** ms, Infinity for none. */
  timeout: number;
  podSelector: string;
}

function podsOn(d: Drain, node: string): { pods: Pod[]; warnings: string; errors: string[] } {
  const listed = d.client.list<Pod>(PODS, undefined, { fieldSelector: `spec.nodeName=${node}`, labelSelector: d.podSelector || undefined });
  if (!listed.ok) return { pods: [], warnings: '', errors: [listed.status.message ?? ''] };
  return filterPods(d.client, listed.value.items, { ...d.options, now: d.inv.env.now() });
}

function deleteOptions(d: Drain): Record<string, unknown> {
  return { ...(d.grace >= 0 ? { gracePeriodSeconds: d.grace } : {}), ...(d.dryRun === 'server' ? { dryRun: ['All'] } : {}) };
}

function evict(d: Drain, pod: Pod): { ok: true } | { ok: false; status: Status } {
  const namespace = pod.metadata.namespace;
  const name = pod.metadata.name ?? '';
  const result = d.client.request({
    verb: 'create',
    ...PODS,
    subresource: 'eviction',
    namespace,
    name,
    body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace }, deleteOptions: deleteOptions(d) },
  });
  return result.ok ? { ok: true } : { ok: false, status: result.status };
}

function gone(d: Drain, pod: Pod): boolean {
  const got = d.client.get(PODS, pod.metadata.namespace, pod.metadata.name ?? '');
  return !got.ok ? got.status.code === 404 : got.value.metadata.uid !== pod.metadata.uid;
}

/** evictPods / deletePods and waitForDelete: the errors, in the order they happened. */
async function removePods(d: Drain, pods: Pod[]): Promise<string[]> {
  const errors: string[] = [];
  const useEviction = !d.inv.flags.bool('disable-eviction');
  const deadline = d.inv.env.now() + d.timeout;
  const q = (s: string | undefined): string => JSON.stringify(s ?? '');
  type State = { pod: Pod; retryAt?: number; waiting: boolean };
  let pending: State[] = [];
  for (const pod of pods) {
    if (!useEviction) {
      const deleted = d.client.delete(PODS, pod.metadata.namespace, pod.metadata.name ?? '', deleteOptions(d));
      if (!deleted.ok && deleted.status.code !== 404) return [deleted.status.message ?? ''];
    }
    pending.push({ pod, waiting: !useEviction, retryAt: useEviction ? d.inv.env.now() : undefined });
  }
  const verb = useEviction ? 'evicted' : 'deleted';
  for (;;) {
    const now = d.inv.env.now();
    const next: State[] = [];
    for (const state of pending) {
      const { pod } = state;
      if (!state.waiting && state.retryAt !== undefined && state.retryAt <= now) {
        d.inv.out(`evicting pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}${dryRunSuffix(d.dryRun)}\n`);
        if (now >= deadline) {
          errors.push(`error when evicting pods/${q(pod.metadata.name)} -n ${q(pod.metadata.namespace)}: global timeout reached: ${formatGoDuration(d.timeout)}`);
          continue;
        }
        const result = evict(d, pod);
        if (!result.ok && result.status.code === 429) {
          d.inv.err(`error when evicting pods/${q(pod.metadata.name)} -n ${q(pod.metadata.namespace)} (will retry after 5s): ${result.status.message ?? ''}\n`);
          next.push({ ...state, retryAt: now + RETRY_MS });
          continue;
        }
        if (!result.ok && result.status.code !== 404) {
          errors.push(`error when evicting pods/${q(pod.metadata.name)} -n ${q(pod.metadata.namespace)}: ${result.status.message ?? ''}`);
          continue;
        }
        if (!result.ok || d.dryRun === 'server') continue;
        next.push({ pod, waiting: true });
        continue;
      }
      if (state.waiting && gone(d, pod)) {
        printObjects(d.inv, [pod], verb, d.dryRun);
        continue;
      }
      if (state.waiting && now >= deadline) {
        errors.push(`error when waiting for pod ${q(pod.metadata.name)} in namespace ${q(pod.metadata.namespace)} to terminate: context deadline exceeded`);
        continue;
      }
      next.push(state);
    }
    pending = next;
    if (pending.length === 0) return errors;
    const wake = Math.min(deadline, ...pending.map((s) => s.retryAt ?? Infinity));
    const until = Number.isFinite(wake) ? wake - d.inv.env.now() : 7 * 24 * 3_600_000;
    await d.inv.env.waitUntil(() => pending.some((s) => s.waiting && gone(d, s.pod)), Math.max(until, 0), d.inv.ctx.signal);
    if (d.inv.ctx.signal.aborted) return errors;
  }
}

/** deleteOrEvictPodsSimple: the error that stopped the node's drain, if any. */
async function drainNode(d: Drain, node: string): Promise<string[] | undefined> {
  const list = podsOn(d, node);
  if (list.errors.length > 0) return list.errors;
  if (list.warnings) d.inv.err(`Warning: ${list.warnings}\n`);
  if (d.dryRun === 'client') {
    for (const pod of list.pods) d.inv.out(`evicting pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}${dryRunSuffix('client')}\n`);
    return undefined;
  }
  const errors = await removePods(d, list.pods);
  if (errors.length === 0) return undefined;
  const message = errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
  const pendingPods = podsOn(d, node);
  if (pendingPods.pods.length > 0) {
    d.inv.err(`There are pending pods in node ${JSON.stringify(node)} when an error occurred: ${message}\n`);
    for (const pod of pendingPods.pods) d.inv.err(`pod/${pod.metadata.name ?? ''}\n`);
  }
  return errors;
}

async function runDrain(inv: Invocation): Promise<number> {
  const client = inv.client();
  const nodes: Node[] = resolveNodes(inv, client, 'drain NODE');
  const dryRun = dryRunOf(inv);
  const podSelector = inv.flags.string('pod-selector');
  if (podSelector && !/^[\w./-]+(\s*(=|==|!=)\s*[\w./-]*)?(\s*,\s*[\w./-]+(\s*(=|==|!=)\s*[\w./-]*)?)*$/.test(podSelector)) {
    throw new KubectlError('error: --pod-selector=<pod_selector> must be a valid label selector\n');
  }
  const timeoutMs = inv.flags.number('timeout', 0);
  const d: Drain = {
    inv,
    client,
    dryRun,
    podSelector,
    grace: inv.flags.number('grace-period', -1),
    timeout: timeoutMs > 0 ? timeoutMs : Infinity,
    options: {
      force: inv.flags.bool('force'),
      ignoreDaemonSets: inv.flags.bool('ignore-daemonsets'),
      deleteEmptyDirData: inv.flags.bool('delete-emptydir-data'),
      skipWaitForDeleteTimeout: inv.flags.number('skip-wait-for-delete-timeout', 0),
      now: inv.env.now(),
    },
  };
  cordonNodes(inv, client, nodes, true, dryRun);
  const fatal: string[][] = [];
  const remaining: string[] = [];
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    const errors = await drainNode(d, name);
    if (inv.ctx.signal.aborted) return 130;
    if (!errors) {
      printObjects(inv, [node], 'drained', dryRun);
      continue;
    }
    const message = [...new Set(errors)].length === 1 ? errors[0]! : `[${[...new Set(errors)].join(', ')}]`;
    inv.err(`error: unable to drain node ${JSON.stringify(name)} due to error: ${message}, continuing command...\n`);
    fatal.push(errors);
    remaining.push(name);
  }
  if (remaining.length === 0) return 0;
  inv.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
  // CheckErr of the aggregate: each error of the first node's aggregate on a line of its own
  // (several nodes' aggregates print as bracketed lists).
  if (fatal.length === 1) inv.err(fatal[0]!.map((e) => `${e}\n`).join(''));
  else inv.err(fatal.map((errors) => `${errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`}\n`).join(''));
  return 1;
}

export const DRAIN_COMMAND: KubectlCommand = { flags: DRAIN_FLAGS, run: runDrain };
