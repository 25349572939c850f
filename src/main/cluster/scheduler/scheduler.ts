/**
 * kube-scheduler: takes Pods without a node from the scheduling queue, runs PreFilter and Filter
 * over (enough of) the nodes from an incrementally kept cache, scores the feasible ones and binds
 * the Pod to the best through the `binding` subresource. A Pod that fits nowhere may preempt
 * lower-priority Pods (DefaultPreemption); otherwise it gets Kubernetes' exact FailedScheduling
 * message and waits until a cluster event one of the rejecting plugins cares about.
 */
import type { Node, Pod } from '../../../shared/api/core.js';
import { type Disposable, DisposableStore } from '../../../shared/lifecycle.js';
import { canonicalJson } from '../../base/canonical-json.js';
import type { Clock } from '../../base/clock.js';
import { rfc3339 } from '../../base/duration.js';
import { parseQuantity } from '../../base/quantity.js';
import type { Random } from '../../base/random.js';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../../shared/api/storage.js';
import type { ApiClient } from '../client/api-client.js';
import { EventRecorder } from '../client/event-recorder.js';
import { Informer, objectKey } from '../client/informer.js';
import { NODES, PERSISTENT_VOLUMES, PERSISTENT_VOLUME_CLAIMS, PODS, STORAGE_CLASSES } from '../client/resources.js';
import { NO_NODES_AVAILABLE, fitErrorMessage } from './fit-error.js';
import { type ClusterEvent, CycleState, type FilterPlugin, type NodeInfo, type PluginStatus, type SchedulingRecord, type ScorePlugin } from './framework.js';
import { BalancedAllocation } from './plugins/balanced-allocation.js';
import { InterPodAffinity } from './plugins/inter-pod-affinity.js';
import { NodeAffinity } from './plugins/node-affinity.js';
import { NodeName } from './plugins/node-name.js';
import { NodePorts } from './plugins/node-ports.js';
import { NodeResourcesFit } from './plugins/node-resources-fit.js';
import { NodeUnschedulable } from './plugins/node-unschedulable.js';
import { PodTopologySpread } from './plugins/pod-topology-spread.js';
import { TaintToleration } from './plugins/taint-toleration.js';
import { type VolumeListers, claimClass, isWaitForFirstConsumer, makeVolumeBinding, podClaimNames, volumeFitsClaim, volumeNodeAffinity } from './plugins/volume-binding.js';
import { nodeSelectorMatches } from './plugins/node-selector.js';
import { preempt, priorityOf } from './preemption.js';
import { SchedulingQueue } from './scheduling-queue.js';
import { SchedulerCache, withPods } from './scheduler-cache.js';

export { failedSchedulingMessage } from './fit-error.js';

export const SCHEDULER_NAME = 'default-scheduler';
export const SELECTED_NODE_ANNOTATION = 'volume.kubernetes.io/selected-node';
const RECORDS_KEPT = 100;
/** minFeasibleNodesToFind / minFeasibleNodesPercentageToFind (percentageOfNodesToScore's adaptive default). */
const MIN_FEASIBLE_NODES = 100;
const MIN_FEASIBLE_PERCENT = 5;

/** numFeasibleNodesToFind: all nodes below 100, else 50% minus 1% per 125 nodes, at least 5% and 100. */
export function numFeasibleNodesToFind(total: number): number {
  if (total < MIN_FEASIBLE_NODES) return total;
  const percentage = Math.max(MIN_FEASIBLE_PERCENT, 50 - Math.trunc(total / 125));
  return Math.max(MIN_FEASIBLE_NODES, Math.trunc((total * percentage) / 100));
}

const bytes = (q: string | undefined): number => parseQuantity(q) ?? 0;
const claimRequest = (c: PersistentVolumeClaim): number => bytes(c.spec.resources?.requests?.storage);
const volumeCapacity = (v: PersistentVolume): number => bytes(v.spec.capacity?.storage);

/**
 * The compact form of a decision, expanded only when the UI asks: the cycle's node list (the
 * cache's snapshot array, replaced, never changed, when nodes come and go), where the visit
 * started and how many nodes it took, and only the rejections.
 */
interface CompactRecord {
  pod: string;
  time: number;
  filterPlugins: readonly FilterPlugin[];
  nodes: readonly NodeInfo[];
  start: number;
  visited: number;
  /** Rejections by position in the visit. */
  failures: Map<number, PluginStatus>;
  scored: readonly NodeInfo[];
  scores: Array<{ plugin: string; values: number[] }>;
  selected?: string;
  message?: string;
}

interface WaitingOnVolumes {
  node: string;
  claims: string[];
  timeout: Disposable;
}

/** --bind-timeout-seconds (VolumeBinding's bindTimeout): how long PreBind waits for the claims. */
const VOLUME_BIND_TIMEOUT_MS = 600_000;

export class Scheduler implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly volumes: Informer<PersistentVolume>;
  private readonly classes: Informer<StorageClass>;
  private readonly cache = new SchedulerCache();
  private readonly queue: SchedulingQueue;
  private readonly recorder: EventRecorder;
  private readonly records: CompactRecord[] = [];
  private readonly filters: FilterPlugin[];
  private readonly scorers: ScorePlugin[];
  private readonly listers: VolumeListers;
  private readonly waitingOnVolumes = new Map<string, WaitingOnVolumes>();
  /** Pending Pods with status.nominatedNodeName, by node: preemption reserved room for them there. */
  private readonly nominated = new Map<string, Map<string, Pod>>();
  private readonly nominatedNodeOf = new Map<string, string>();
  /** Where the next cycle starts looking (nextStartNodeIndex), so big clusters share the load. */
  private nextStartNodeIndex = 0;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {
    this.pods = this.disposables.add(new Informer<Pod>(client, PODS));
    this.nodes = this.disposables.add(new Informer<Node>(client, NODES));
    this.claims = this.disposables.add(new Informer<PersistentVolumeClaim>(client, PERSISTENT_VOLUME_CLAIMS));
    this.volumes = this.disposables.add(new Informer<PersistentVolume>(client, PERSISTENT_VOLUMES));
    this.classes = this.disposables.add(new Informer<StorageClass>(client, STORAGE_CLASSES));
    this.listers = {
      claim: (namespace, name) => this.claims.get(`${namespace}/${name}`),
      volume: (name) => this.volumes.get(name),
      volumes: () => this.volumes.list(),
      storageClass: (name) => this.classes.get(name),
    };
    // kube-scheduler's default Filter order.
    this.filters = [
      NodeUnschedulable,
      NodeName,
      TaintToleration,
      NodeAffinity,
      NodePorts,
      NodeResourcesFit,
      makeVolumeBinding(this.listers, claimRequest, volumeCapacity),
      PodTopologySpread,
      InterPodAffinity,
    ];
    this.scorers = [TaintToleration, NodeAffinity, NodeResourcesFit, BalancedAllocation, PodTopologySpread, InterPodAffinity];
    const eventsByPlugin = new Map(this.filters.map((p) => [p.name, p.events ?? []]));
    this.queue = this.disposables.add(
      new SchedulingQueue(
        clock,
        (key) => priorityOf(this.pods.get(key) ?? ({ spec: {} } as Pod)),
        (plugin) => eventsByPlugin.get(plugin) ?? [],
        (key) => this.scheduleOne(key),
      ),
    );
    // kube-scheduler records through events.k8s.io/v1: repeats are counted, nothing is combined or dropped.
    this.recorder = new EventRecorder(client, clock, { component: SCHEDULER_NAME }, { aggregate: false, spamFilter: false });
    this.disposables.add(this.pods.onDidChange((change) => this.onPod(change.type, change.object, change.old)));
    this.disposables.add(
      this.nodes.onDidChange((change) => {
        const node = change.object;
        if (change.type === 'delete') {
          this.cache.removeNode(node.metadata.name ?? '');
          return;
        }
        this.cache.setNode(node);
        if (change.type === 'add' || !change.old) this.queue.onEvent('NodeAdd');
        else if (schedulingFacts(change.old) !== schedulingFacts(node)) this.queue.onEvent('NodeUpdate');
      }),
    );
    this.disposables.add(
      this.claims.onDidChange((change) => {
        this.queue.onEvent('PersistentVolumeClaimChange');
        if (change.type !== 'delete') this.checkWaitingOnVolumes();
      }),
    );
    this.disposables.add(this.volumes.onDidChange(() => this.queue.onEvent('PersistentVolumeChange')));
    this.disposables.add(this.classes.onDidChange(() => this.queue.onEvent('StorageClassChange')));
  }

  start(): void {
    this.classes.start();
    this.volumes.start();
    this.claims.start();
    this.nodes.start();
    this.pods.start();
  }

  /** Recent decisions, newest last: the "why this node?" view (kept for the last 100 Pods only). */
  recentDecisions(): readonly SchedulingRecord[] {
    return this.records.map(expand);
  }

  private onPod(type: 'add' | 'update' | 'delete', pod: Pod, old: Pod | undefined): void {
    const key = objectKey(pod);
    this.trackNomination(key, type === 'delete' || pod.spec.nodeName ? undefined : pod);
    const node = pod.spec.nodeName;
    const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    if (type === 'delete' || (node && terminal)) {
      const wasAssigned = this.cache.nodeOf(key) !== undefined;
      this.cache.removePod(key);
      this.queue.delete(key);
      this.stopWaitingOnVolumes(key);
      if (wasAssigned) this.queue.onEvent('AssignedPodDelete');
      return;
    }
    if (node) {
      const known = this.cache.nodeOf(key) !== undefined;
      this.cache.setPod(key, pod, node);
      this.queue.delete(key);
      this.stopWaitingOnVolumes(key);
      // Pods this scheduler assumed count as added once the informer shows them bound.
      if (!known || !old?.spec.nodeName) this.queue.onEvent('AssignedPodAdd');
      else if (old && canonicalJson(old.metadata.labels ?? {}) !== canonicalJson(pod.metadata.labels ?? {})) this.queue.onEvent('AssignedPodUpdate');
      return;
    }
    // Like isPodUpdated: a change to status alone (e.g. our own PodScheduled=False) is no reason to retry.
    if (type === 'update' && old && !specOrMetaChanged(old, pod)) return;
    if (!this.responsibleFor(pod) || this.waitingOnVolumes.has(key)) return;
    if (type === 'add') this.queue.add(key);
    else this.queue.update(key);
  }

  private trackNomination(key: string, pod: Pod | undefined): void {
    const node = pod?.metadata.deletionTimestamp ? undefined : pod?.status?.nominatedNodeName;
    const previous = this.nominatedNodeOf.get(key);
    if (previous !== undefined && previous !== node) {
      const onPrevious = this.nominated.get(previous);
      onPrevious?.delete(key);
      // Drop the emptied map: an empty `nominated` lets every cycle skip the per-node lookup.
      if (onPrevious?.size === 0) this.nominated.delete(previous);
      this.nominatedNodeOf.delete(key);
    }
    if (!node || !pod) return;
    let pods = this.nominated.get(node);
    if (!pods) this.nominated.set(node, (pods = new Map()));
    pods.set(key, pod);
    this.nominatedNodeOf.set(key, node);
  }

  /** Nominated Pods of at least this Pod's priority on the node (their room is spoken for). */
  private nominatedFor(pod: Pod, key: string, node: string): Pod[] {
    const pods = this.nominated.get(node);
    if (!pods || pods.size === 0) return [];
    const out: Pod[] = [];
    for (const [other, p] of pods) if (other !== key && priorityOf(p) >= priorityOf(pod)) out.push(p);
    return out;
  }

  /** NodeUnschedulable and TaintToleration's Filter accept every node while none is cordoned or tainted. */
  private passesEverywhere(plugin: FilterPlugin): boolean {
    return (plugin === NodeUnschedulable && this.cache.unschedulableNodes === 0) || (plugin === TaintToleration && this.cache.taintedNodes === 0);
  }

  private responsibleFor(pod: Pod): boolean {
    return !pod.spec.nodeName && !pod.metadata.deletionTimestamp && (pod.spec.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME;
  }

  private scheduleOne(key: string): void {
    const pod = this.pods.get(key);
    if (!pod || !this.responsibleFor(pod) || this.waitingOnVolumes.has(key)) return;
    const all = this.cache.list();
    const record: CompactRecord = { pod: key, time: this.clock.now(), filterPlugins: [], nodes: all, start: 0, visited: 0, failures: new Map(), scored: [], scores: [] };
    if (all.length === 0) {
      record.message = NO_NODES_AVAILABLE;
      this.remember(record);
      this.fail(key, pod, NO_NODES_AVAILABLE, []);
      return;
    }
    const state = new CycleState();
    // PreFilter: a rejection here rejects every node with the same message.
    const active: FilterPlugin[] = [];
    for (const plugin of this.filters) {
      const result = plugin.preFilter?.(pod, state, this.cache);
      if (result === 'skip') continue;
      if (result) {
        const reason = result.reasons.join(', ');
        const failures = new Map(all.map((info) => [info.node.metadata.name ?? '', result]));
        record.message = this.failureMessage(pod, all.length, [...failures.values()], failures, reason);
        this.remember(record);
        this.fail(key, pod, record.message, [plugin.name]);
        return;
      }
      active.push(plugin);
    }
    record.filterPlugins = active;
    // Checks that pass on every node of this cluster (no node cordoned, none tainted) are not run
    // per node; the record still shows them passing.
    const checks = active.filter((plugin) => !this.passesEverywhere(plugin));
    const runPlugins = (info: NodeInfo): PluginStatus | undefined => {
      for (let i = 0; i < checks.length; i++) {
        const status = checks[i]!.filter(pod, info, state);
        if (status) return status;
      }
      return undefined;
    };
    // RunFilterPluginsWithNominatedPods: the node must fit with its equal-or-higher-priority
    // nominated Pods added, and without them.
    // Without any nominated Pod (the usual case) that is just the plugins: no per-node lookup.
    const runFilters = this.nominated.size === 0 ? runPlugins : (info: NodeInfo): PluginStatus | undefined => {
      const nominated = this.nominatedFor(pod, key, info.node.metadata.name ?? '');
      if (nominated.length > 0) {
        const status = runPlugins(withPods(info, nominated));
        if (status) return status;
      }
      return runPlugins(info);
    };
    // Filter, starting where the last cycle stopped, until enough feasible nodes are found.
    const wanted = numFeasibleNodesToFind(all.length);
    const feasible: NodeInfo[] = [];
    const failures = new Map<string, PluginStatus>();
    const start = this.nextStartNodeIndex % all.length;
    let visited = 0;
    for (let index = start; visited < all.length && feasible.length < wanted; visited++) {
      const info = all[index]!;
      if (++index === all.length) index = 0;
      const status = runFilters(info);
      if (status) {
        failures.set(info.node.metadata.name ?? '', status);
        record.failures.set(visited, status);
      } else feasible.push(info);
    }
    record.start = start;
    record.visited = visited;
    this.nextStartNodeIndex = (start + visited) % all.length;
    if (feasible.length === 0) {
      const outcome = preempt(pod, this.cache, all.length, failures, runFilters);
      const plugins = new Set([...failures.values()].map((f) => f.plugin));
      if ('victims' in outcome) {
        record.message = fitErrorMessage(all.length, [...failures.values()]);
        this.remember(record);
        this.evict(pod, outcome.node, outcome.victims);
        this.fail(key, pod, record.message, plugins, outcome.node);
      } else {
        record.message = fitErrorMessage(all.length, [...failures.values()], undefined, outcome.message);
        this.remember(record);
        this.fail(key, pod, record.message, plugins);
      }
      return;
    }
    const chosen = feasible.length === 1 ? feasible[0]! : this.score(pod, state, feasible, record);
    const nodeName = chosen.node.metadata.name ?? '';
    record.selected = nodeName;
    this.remember(record);
    // Reserve/PreBind for volumes: a WaitForFirstConsumer claim is bound or provisioned for this node first.
    const pending = this.bindVolumes(pod, nodeName);
    this.cache.setPod(key, pod, nodeName);
    if (pending.length > 0) {
      const timeout = this.clock.schedule(VOLUME_BIND_TIMEOUT_MS, () => this.volumeBindingTimedOut(key));
      this.waitingOnVolumes.set(key, { node: nodeName, claims: pending, timeout });
      return;
    }
    this.bind(key, pod, nodeName);
  }

  private score(pod: Pod, state: CycleState, feasible: NodeInfo[], record: CompactRecord): NodeInfo {
    const count = feasible.length;
    const totals = new Array<number>(count).fill(0);
    record.scored = feasible;
    for (const plugin of this.scorers) {
      if (plugin.preScore?.(pod, state, feasible, this.cache) === 'skip') continue;
      const values = new Array<number>(count);
      // Without taints anywhere every node has no untolerated PreferNoSchedule taint: raw score 0.
      if (plugin === TaintToleration && this.cache.taintedNodes === 0) values.fill(0);
      else for (let i = 0; i < count; i++) values[i] = plugin.score(pod, feasible[i]!, state);
      plugin.normalizeScore?.(values, state);
      record.scores.push({ plugin: plugin.name, values });
      for (let i = 0; i < count; i++) totals[i]! += values[i]! * plugin.weight;
    }
    const best: number[] = [];
    let bestScore = -Infinity;
    for (let i = 0; i < count; i++) {
      const total = totals[i]!;
      if (total > bestScore) {
        bestScore = total;
        best.length = 0;
        best.push(i);
      } else if (total === bestScore) best.push(i);
    }
    // Ties are broken at random, as kube-scheduler does (seeded here, so runs repeat).
    return feasible[best[this.random.int(0, best.length - 1)]!]!;
  }

  private bind(key: string, pod: Pod, nodeName: string): void {
    const bound = this.client.bind(pod.metadata.namespace ?? 'default', pod.metadata.name ?? '', nodeName);
    if (!bound.ok) {
      this.cache.removePod(key);
      this.queue.retryAfterBackoff(key);
      return;
    }
    this.queue.forget(key);
    this.recorder.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`);
  }

  /**
   * The volume binder's PreBind: a matching static volume gets its claimRef set (the PV controller
   * finishes the binding); otherwise the claim is annotated with the selected node for the
   * provisioner. Returns the claims still to be bound.
   */
  private bindVolumes(pod: Pod, nodeName: string): string[] {
    const namespace = pod.metadata.namespace ?? 'default';
    const pending: string[] = [];
    const node = this.cache.get(nodeName)?.node;
    for (const name of podClaimNames(pod)) {
      const claim = this.claims.get(`${namespace}/${name}`);
      if (!claim || claim.status?.phase === 'Bound') continue;
      pending.push(`${namespace}/${name}`);
      if (!isWaitForFirstConsumer(this.listers, claim) || claim.metadata.annotations?.[SELECTED_NODE_ANNOTATION]) continue;
      const candidates = this.volumes
        .list()
        .filter((pv) => !pv.spec.claimRef && volumeFitsClaim(pv, claim, claimRequest, volumeCapacity))
        .filter((pv) => {
          const required = volumeNodeAffinity(pv);
          return !required || (node !== undefined && nodeSelectorMatches(required, node));
        })
        .sort((a, b) => volumeCapacity(a) - volumeCapacity(b));
      const pv = candidates[0];
      if (pv) {
        const updated = structuredClone(pv);
        updated.spec.claimRef = { kind: 'PersistentVolumeClaim', namespace, name, uid: claim.metadata.uid, apiVersion: 'v1', resourceVersion: claim.metadata.resourceVersion };
        updated.metadata.annotations = { ...updated.metadata.annotations, 'pv.kubernetes.io/bound-by-controller': 'yes' };
        this.client.update(PERSISTENT_VOLUMES, undefined, updated);
      } else if (claimClass(claim) !== '') {
        const updated = structuredClone(claim);
        updated.metadata.annotations = { ...updated.metadata.annotations, [SELECTED_NODE_ANNOTATION]: nodeName };
        this.client.update(PERSISTENT_VOLUME_CLAIMS, namespace, updated);
      }
    }
    return pending;
  }

  private stopWaitingOnVolumes(key: string): void {
    this.waitingOnVolumes.get(key)?.timeout.dispose();
    this.waitingOnVolumes.delete(key);
  }

  /** PreBind gave up: the Pod is no longer assumed on the node and goes back to the queue. */
  private volumeBindingTimedOut(key: string): void {
    if (!this.waitingOnVolumes.has(key)) return;
    this.stopWaitingOnVolumes(key);
    this.cache.removePod(key);
    const pod = this.pods.get(key);
    if (!pod || !this.responsibleFor(pod)) return;
    this.fail(key, pod, 'running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded', ['VolumeBinding']);
  }

  private checkWaitingOnVolumes(): void {
    for (const [key, waiting] of this.waitingOnVolumes) {
      if (!waiting.claims.every((c) => this.claims.get(c)?.status?.phase === 'Bound')) continue;
      this.stopWaitingOnVolumes(key);
      const pod = this.pods.get(key);
      if (pod && this.responsibleFor(pod)) this.bind(key, pod, waiting.node);
    }
  }

  private failureMessage(pod: Pod, total: number, failures: PluginStatus[], byNode: Map<string, PluginStatus>, preFilterMessage?: string): string {
    const outcome = preempt(pod, this.cache, total, byNode, () => undefined);
    return fitErrorMessage(total, failures, preFilterMessage, 'message' in outcome ? outcome.message : undefined);
  }

  /** Evict preemption's victims (DisruptionTarget condition, deletion, Preempted events). */
  private evict(pod: Pod, nodeName: string, victims: Pod[]): void {
    for (const victim of victims) {
      const updated: Pod = structuredClone(victim);
      const status = (updated.status ??= {});
      status.conditions = [
        ...(status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
        {
          type: 'DisruptionTarget',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: rfc3339(this.clock.now()),
          reason: 'PreemptionByScheduler',
          message: `${SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
        },
      ];
      this.client.updateStatus(PODS, victim.metadata.namespace, updated);
      this.client.delete(PODS, victim.metadata.namespace, victim.metadata.name ?? '');
      this.recorder.event(victim, 'Normal', 'Preempted', `Preempted by pod ${pod.metadata.uid ?? ''} on node ${nodeName}`);
    }
  }

  /** PodScheduled=False with the message, a FailedScheduling event, and wait for a relevant event. */
  private fail(key: string, pod: Pod, message: string, plugins: Iterable<string>, nominatedNodeName?: string): void {
    const current = this.pods.get(key) ?? pod;
    const condition = current.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const nominate = nominatedNodeName !== undefined && current.status?.nominatedNodeName !== nominatedNodeName;
    if (condition?.status !== 'False' || condition.message !== message || nominate) {
      const updated: Pod = structuredClone(current);
      const status = (updated.status ??= {});
      // The nominated node goes with the condition, in one write (updatePod in handleSchedulingFailure).
      if (nominatedNodeName !== undefined) status.nominatedNodeName = nominatedNodeName;
      status.conditions = [
        ...(status.conditions ?? []).filter((c) => c.type !== 'PodScheduled'),
        {
          type: 'PodScheduled',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: condition?.status === 'False' ? condition.lastTransitionTime : rfc3339(this.clock.now()),
          reason: 'Unschedulable',
          message,
        },
      ];
      this.client.updateStatus(PODS, pod.metadata.namespace, updated);
    }
    this.recorder.event(pod, 'Warning', 'FailedScheduling', message);
    // With no nodes at all, any node arriving helps.
    const rejecting = [...plugins];
    this.queue.markUnschedulable(key, rejecting.length > 0 ? rejecting : ['NodeName']);
  }

  private remember(record: CompactRecord): void {
    this.records.push(record);
    if (this.records.length > RECORDS_KEPT) this.records.shift();
  }

  dispose(): void {
    for (const waiting of this.waitingOnVolumes.values()) waiting.timeout.dispose();
    this.waitingOnVolumes.clear();
    this.disposables.dispose();
  }
}

function expand(r: CompactRecord): SchedulingRecord {
  const filters: SchedulingRecord['filters'] = [];
  for (let i = 0; i < r.visited; i++) {
    const node = r.nodes[(r.start + i) % r.nodes.length]!.node.metadata.name ?? '';
    const failure = r.failures.get(i);
    for (const plugin of r.filterPlugins) {
      if (failure && failure.plugin === plugin.name) {
        filters.push({ node, plugin: plugin.name, status: failure });
        break;
      }
      filters.push({ node, plugin: plugin.name, status: 'Success' });
    }
  }
  const scores: SchedulingRecord['scores'] = [];
  r.scored.forEach((info, i) => {
    const node = info.node.metadata.name ?? '';
    for (const s of r.scores) scores.push({ node, plugin: s.plugin, score: s.values[i]! });
  });
  return { pod: r.pod, time: r.time, filters, scores, ...(r.selected ? { selected: r.selected } : {}), ...(r.message ? { message: r.message } : {}) };
}

/** What of a Node the Filter plugins read: a change elsewhere (heartbeats) moves no Pod. */
function schedulingFacts(node: Node): string {
  return canonicalJson({ labels: node.metadata.labels ?? {}, taints: node.spec.taints ?? [], unschedulable: node.spec.unschedulable ?? false, allocatable: node.status?.allocatable ?? {} });
}

function specOrMetaChanged(old: Pod, pod: Pod): boolean {
  const strip = (p: Pod): unknown => ({ ...p, status: undefined, metadata: { ...p.metadata, resourceVersion: undefined, generation: undefined, managedFields: undefined } });
  return canonicalJson(strip(old)) !== canonicalJson(strip(pod));
}

export type { ClusterEvent };
