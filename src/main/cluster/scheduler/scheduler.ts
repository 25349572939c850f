/**
 * kube-scheduler: watches Pods that have no node, runs the Filter plugins over every node, scores
 * the survivors, and binds the Pod to the best one through the `binding` subresource. A Pod that
 * fits nowhere gets Kubernetes' exact FailedScheduling message and waits in the unschedulable
 * queue until the cluster changes.
 */
import type { Node, Pod } from '../../../shared/api/core.js';
import { type Disposable, DisposableStore } from '../../../shared/lifecycle.js';
import { canonicalJson } from '../../base/canonical-json.js';
import type { Clock } from '../../base/clock.js';
import { rfc3339 } from '../../base/duration.js';
import { milliValue, parseQuantity } from '../../base/quantity.js';
import type { Random } from '../../base/random.js';
import type { ApiClient } from '../client/api-client.js';
import { EventRecorder } from '../client/event-recorder.js';
import { Informer, objectKey } from '../client/informer.js';
import { NODES, PODS } from '../client/resources.js';
import { WorkQueue } from '../client/work-queue.js';
import type { FilterPlugin, NodeInfo, PluginStatus, SchedulingRecord, ScorePlugin } from './framework.js';
import { NodeAffinity } from './plugins/node-affinity.js';
import { NodeName } from './plugins/node-name.js';
import { NodeResourcesFit, podRequests } from './plugins/node-resources-fit.js';
import { NodeUnschedulable } from './plugins/node-unschedulable.js';
import { TaintToleration } from './plugins/taint-toleration.js';

export const SCHEDULER_NAME = 'default-scheduler';

/** Filter plugins in kube-scheduler's default order. */
const FILTERS: FilterPlugin[] = [NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodeResourcesFit];
const SCORES: ScorePlugin[] = [NodeResourcesFit];

/** Back-off for Pods that failed to schedule: 1 s doubling to 10 s (podInitialBackoff / podMaxBackoff). */
const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 10_000;
/**
 * An unschedulable Pod waits for a cluster change; failing that, the queue flushes it back after
 * podMaxInUnschedulablePodsDuration (5 min). Retrying sooner would repeat FailedScheduling every
 * few seconds, which kube-scheduler does not do.
 */
const UNSCHEDULABLE_FLUSH_MS = 5 * 60_000;
const RECORDS_KEPT = 100;

export class Scheduler implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly queue: WorkQueue;
  private readonly recorder: EventRecorder;
  private readonly attempts = new Map<string, number>();
  /** Pods waiting for a cluster change, by key. */
  private readonly unschedulable = new Set<string>();
  private readonly records: SchedulingRecord[] = [];

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {
    this.pods = this.disposables.add(new Informer<Pod>(client, PODS));
    this.nodes = this.disposables.add(new Informer<Node>(client, NODES));
    this.queue = this.disposables.add(new WorkQueue(clock, (key) => this.scheduleOne(key)));
    this.recorder = new EventRecorder(client, clock, { component: SCHEDULER_NAME });
    this.disposables.add(
      this.pods.onDidChange((change) => {
        const pod = change.object;
        if (change.type === 'delete') {
          this.attempts.delete(objectKey(pod));
          this.unschedulable.delete(objectKey(pod));
          // Freed room may let a waiting Pod in.
          if (pod.spec.nodeName) this.retryUnschedulable();
          return;
        }
        // Like isPodUpdated: a change to status alone (e.g. our own PodScheduled=False) is no reason to retry.
        if (change.type === 'update' && change.old && !specOrMetaChanged(change.old, pod)) return;
        if (this.responsibleFor(pod)) this.queue.add(objectKey(pod));
      }),
    );
    this.disposables.add(this.nodes.onDidChange(() => this.retryUnschedulable()));
  }

  start(): void {
    this.nodes.start();
    this.pods.start();
  }

  /** Recent decisions, newest last: the "why this node?" view. */
  recentDecisions(): readonly SchedulingRecord[] {
    return this.records;
  }

  private responsibleFor(pod: Pod): boolean {
    return !pod.spec.nodeName && !pod.metadata.deletionTimestamp && (pod.spec.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME;
  }

  private retryUnschedulable(): void {
    for (const key of this.unschedulable) this.queue.add(key);
    this.unschedulable.clear();
  }

  private nodeInfos(): NodeInfo[] {
    const byNode = new Map<string, NodeInfo>();
    for (const node of this.nodes.list().sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) {
      const alloc = node.status?.allocatable ?? {};
      byNode.set(node.metadata.name ?? '', {
        node,
        pods: [],
        requested: { milliCPU: 0, memory: 0, pods: 0 },
        allocatable: {
          milliCPU: milliValue(alloc.cpu ?? '0'),
          memory: parseQuantity(alloc.memory ?? '0') ?? 0,
          pods: parseQuantity(alloc.pods ?? '0') ?? 0,
        },
      });
    }
    for (const pod of this.pods.list()) {
      const info = pod.spec.nodeName ? byNode.get(pod.spec.nodeName) : undefined;
      if (!info) continue;
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      const req = podRequests(pod);
      info.pods.push(pod);
      info.requested.milliCPU += req.milliCPU;
      info.requested.memory += req.memory;
      info.requested.pods += 1;
    }
    return [...byNode.values()];
  }

  private scheduleOne(key: string): void {
    const pod = this.pods.get(key);
    if (!pod || !this.responsibleFor(pod)) return;
    const record: SchedulingRecord = { pod: key, time: this.clock.now(), filters: [], scores: [] };
    const infos = this.nodeInfos();
    const feasible: NodeInfo[] = [];
    const failures: PluginStatus[] = [];
    for (const info of infos) {
      const nodeName = info.node.metadata.name ?? '';
      let failed: PluginStatus | undefined;
      for (const plugin of FILTERS) {
        const status = plugin.filter(pod, info);
        record.filters.push({ node: nodeName, plugin: plugin.name, status: status ?? 'Success' });
        if (status) {
          failed = status;
          break;
        }
      }
      if (failed) failures.push(failed);
      else feasible.push(info);
    }
    if (feasible.length === 0) {
      record.message = failedSchedulingMessage(infos.length, failures);
      this.remember(record);
      this.markUnschedulable(key, pod, record.message);
      return;
    }
    let best: NodeInfo[] = [];
    let bestScore = -1;
    for (const info of feasible) {
      let total = 0;
      for (const plugin of SCORES) {
        const score = plugin.score(pod, info);
        record.scores.push({ node: info.node.metadata.name ?? '', plugin: plugin.name, score });
        total += score * plugin.weight;
      }
      if (total > bestScore) {
        bestScore = total;
        best = [info];
      } else if (total === bestScore) {
        best.push(info);
      }
    }
    // Ties are broken at random, as kube-scheduler does (seeded here, so runs repeat).
    const chosen = best[this.random.int(0, best.length - 1)]!;
    const nodeName = chosen.node.metadata.name ?? '';
    record.selected = nodeName;
    this.remember(record);
    const bound = this.client.bind(pod.metadata.namespace ?? 'default', pod.metadata.name ?? '', nodeName);
    if (!bound.ok) {
      this.queue.addAfter(key, this.backoff(key));
      return;
    }
    this.attempts.delete(key);
    this.recorder.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`);
  }

  private markUnschedulable(key: string, pod: Pod, message: string): void {
    const current = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (current?.status !== 'False' || current.message !== message) {
      const updated: Pod = structuredClone(pod);
      const status = (updated.status ??= {});
      status.conditions = [
        ...(status.conditions ?? []).filter((c) => c.type !== 'PodScheduled'),
        {
          type: 'PodScheduled',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: current?.status === 'False' ? current.lastTransitionTime : rfc3339(this.clock.now()),
          reason: 'Unschedulable',
          message,
        },
      ];
      this.client.updateStatus(PODS, pod.metadata.namespace, updated);
    }
    this.recorder.event(pod, 'Warning', 'FailedScheduling', message);
    this.unschedulable.add(key);
    this.queue.addAfter(key, UNSCHEDULABLE_FLUSH_MS);
  }

  private backoff(key: string): number {
    const n = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, n);
    return Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** (n - 1));
  }

  private remember(record: SchedulingRecord): void {
    this.records.push(record);
    if (this.records.length > RECORDS_KEPT) this.records.shift();
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

function specOrMetaChanged(old: Pod, pod: Pod): boolean {
  const strip = (p: Pod): unknown => ({ ...p, status: undefined, metadata: { ...p.metadata, resourceVersion: undefined, generation: undefined, managedFields: undefined } });
  return canonicalJson(strip(old)) !== canonicalJson(strip(pod));
}

/**
 * `0/3 nodes are available: 1 node(s) had untolerated taint {…}, 2 Insufficient cpu. preemption: …`
 * Reasons are counted and sorted as kube-scheduler's FitError does; the preemption part says which
 * nodes preemption could not help (unresolvable failures) and where it found no victims.
 */
export function failedSchedulingMessage(total: number, failures: PluginStatus[]): string {
  // ErrNoNodesAvailable: with no nodes at all there is no FitError to count.
  if (total === 0) return 'no nodes available to schedule pods';
  const counts = new Map<string, number>();
  for (const f of failures) for (const r of f.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const reasons = [...counts].map(([r, n]) => `${n} ${r}`).sort();
  let message = `0/${total} nodes are available: ${reasons.join(', ')}.`;
  const unresolvable = failures.filter((f) => f.code === 'UnschedulableAndUnresolvable').length;
  const noVictims = failures.length - unresolvable;
  const parts: string[] = [];
  if (unresolvable > 0) parts.push(`${unresolvable} Preemption is not helpful for scheduling`);
  if (noVictims > 0) parts.push(`${noVictims} No preemption victims found for incoming pod`);
  if (parts.length > 0) message += ` preemption: 0/${total} nodes are available: ${parts.sort().join(', ')}.`;
  return message;
}
