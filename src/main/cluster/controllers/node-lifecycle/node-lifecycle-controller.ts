/**
 * The node lifecycle controller (kube-controller-manager `node-lifecycle`,
 * pkg/controller/nodelifecycle in 1.32), running as `node-controller`:
 *
 * * Every `--node-monitor-period` (5 s) it checks each Node's heartbeats — its Lease's renewTime and
 *   the Ready condition's lastHeartbeatTime, as *observed* by the controller. After
 *   `--node-monitor-grace-period` (50 s since 1.32; 60 s for a node that never posted status) without
 *   one, it turns Ready, MemoryPressure, DiskPressure and PIDPressure `Unknown`
 *   (`NodeStatusUnknown`, "Kubelet stopped posting node status."), records `NodeNotReady` on the
 *   Node and marks its Pods not Ready (a `NodeNotReady` Warning on each).
 * * On every Node change it keeps the NoSchedule condition taints (`node.kubernetes.io/unreachable`,
 *   `not-ready`, `memory-pressure` …, and `unschedulable` for a cordoned Node) in line with the
 *   conditions.
 * * A Node observed NotReady/Unknown gets `node.kubernetes.io/not-ready` / `unreachable` NoExecute
 *   taints, at most 0.1 Nodes per second per zone (--node-eviction-rate), none while every zone is
 *   fully disrupted; a Ready Node has them removed. The taint-eviction controller evicts from there.
 */
import type { Lease, Node, NodeCondition, Pod, PodCondition, Taint } from '../../../../shared/api/core.js';
import { type Disposable, DisposableStore } from '../../../../shared/lifecycle.js';
import type { Clock } from '../../../base/clock.js';
import { rfc3339 } from '../../../base/duration.js';
import type { ApiClient } from '../../client/api-client.js';
import { EventRecorder } from '../../client/event-recorder.js';
import { Informer } from '../../client/informer.js';
import { LEASES, NODES, PODS } from '../../client/resources.js';
import { WorkQueue } from '../../client/work-queue.js';
import { PodsByNode } from './pods-by-node.js';
import { CONDITION_TAINTS, CONDITION_TAINT_KEYS, TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE, sameTaint, swapTaints } from './taints.js';

export interface NodeLifecycleConfig {
  /** --node-monitor-period. */
  monitorPeriodMs: number;
  /** --node-monitor-grace-period (50 s in 1.32, raised from 40 s by kubernetes/kubernetes#126287). */
  gracePeriodMs: number;
  /** --node-startup-grace-period: for a Node without any Ready condition yet. */
  startupGracePeriodMs: number;
  /** --node-eviction-rate: NoExecute taints per second per zone. */
  evictionRate: number;
  /** --secondary-node-eviction-rate, for partially disrupted zones of large clusters. */
  secondaryEvictionRate: number;
  /** --unhealthy-zone-threshold. */
  unhealthyZoneThreshold: number;
  /** --large-cluster-size-threshold. */
  largeClusterThreshold: number;
}

export const DEFAULT_NODE_LIFECYCLE_CONFIG: NodeLifecycleConfig = {
  monitorPeriodMs: 5_000,
  gracePeriodMs: 50_000,
  startupGracePeriodMs: 60_000,
  evictionRate: 0.1,
  secondaryEvictionRate: 0.01,
  unhealthyZoneThreshold: 0.55,
  largeClusterThreshold: 50,
};

const UNREACHABLE_NO_EXECUTE: Taint = { key: TAINT_UNREACHABLE, effect: 'NoExecute' };
const NOT_READY_NO_EXECUTE: Taint = { key: TAINT_NOT_READY, effect: 'NoExecute' };
const MONITORED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];
const EXCLUDE_DISRUPTION_LABEL = 'node.kubernetes.io/exclude-disruption';
const RETRY_MS = 1_000;

type ZoneState = 'Initial' | 'Normal' | 'PartialDisruption' | 'FullDisruption';

/** What the controller last observed of a Node (nodeHealthData). */
interface NodeHealth {
  ready: NodeCondition | undefined;
  probeTimestamp: number;
  leaseRenewTime: string | undefined;
}

/** A token bucket with a burst of one (flowcontrol.NewTokenBucketRateLimiter(qps, 1)); qps 0 never accepts. */
class TokenBucket {
  private tokens = 1;
  private last: number;

  constructor(
    readonly qps: number,
    now: number,
  ) {
    this.last = now;
  }

  private refill(now: number): void {
    this.tokens = Math.min(1, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
  }

  tryAccept(now: number): boolean {
    if (this.qps <= 0) return false;
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is available (undefined: never). */
  waitMs(now: number): number | undefined {
    if (this.qps <= 0) return undefined;
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.qps) * 1000);
  }
}

/** One zone's NoExecute tainting queue (RateLimitedTimedQueue), in the order Nodes were added. */
interface ZoneTainter {
  queue: string[];
  limiter: TokenBucket;
  state: ZoneState;
}

function conditionOf(node: Node, type: string): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === type);
}

/** GetZoneKey: region and zone labels (empty for an unlabelled node). */
function zoneKey(node: Node): string {
  const labels = node.metadata.labels ?? {};
  const region = labels['topology.kubernetes.io/region'] ?? labels['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}

function sameCondition(a: NodeCondition | undefined, b: NodeCondition | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export class NodeLifecycleController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly nodes: Informer<Node>;
  private readonly leases: Informer<Lease>;
  private readonly pods: Informer<Pod>;
  private readonly podsByNode: PodsByNode;
  private readonly noScheduleQueue: WorkQueue;
  private readonly podQueue: WorkQueue;
  private readonly recorder: EventRecorder;
  private readonly health = new Map<string, NodeHealth>();
  private readonly known = new Map<string, string>();
  private readonly zones = new Map<string, ZoneTainter>();
  private readonly retryMarkPods = new Set<string>();
  private monitorTimer: Disposable | undefined;
  private tainterTimer: { at: number; timer: Disposable } | undefined;
  private started = false;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
    private readonly config: NodeLifecycleConfig = DEFAULT_NODE_LIFECYCLE_CONFIG,
  ) {
    this.nodes = this.disposables.add(new Informer<Node>(client, NODES));
    this.leases = this.disposables.add(new Informer<Lease>(client, LEASES, { namespace: 'kube-node-lease' }));
    this.pods = this.disposables.add(new Informer<Pod>(client, PODS));
    this.podsByNode = this.disposables.add(new PodsByNode(this.pods));
    this.noScheduleQueue = this.disposables.add(new WorkQueue(clock, (name) => this.doNoScheduleTaintingPass(name)));
    this.podQueue = this.disposables.add(new WorkQueue(clock, (key) => this.processPod(key)));
    this.recorder = new EventRecorder(client, clock, { component: 'node-controller' });
    this.disposables.add(
      this.nodes.onDidChange((change) => {
        if (change.type !== 'delete') this.noScheduleQueue.add(change.object.metadata.name ?? '');
      }),
    );
    // podUpdated: a Pod newly bound to a node that is not Ready is marked not Ready at once.
    this.disposables.add(
      this.pods.onDidChange((change) => {
        const node = change.object.spec.nodeName;
        if (change.type !== 'delete' && node && node !== change.old?.spec.nodeName) {
          this.podQueue.add(`${change.object.metadata.namespace ?? ''}/${change.object.metadata.name ?? ''}`);
        }
      }),
    );
    this.disposables.add({ dispose: () => this.monitorTimer?.dispose() });
    this.disposables.add({ dispose: () => this.tainterTimer?.timer.dispose() });
  }

  start(): void {
    this.leases.start();
    this.pods.start();
    this.nodes.start();
    this.started = true;
    this.scheduleMonitor(0);
  }

  private scheduleMonitor(delayMs: number): void {
    this.monitorTimer = this.clock.schedule(
      delayMs,
      () => {
        if (!this.started) return;
        this.monitorNodeHealth();
        this.scheduleMonitor(this.config.monitorPeriodMs);
      },
      { background: true },
    );
  }

  // ---- monitorNodeHealth ------------------------------------------------------------------------

  private monitorNodeHealth(): void {
    const nodes = this.nodes.list().sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
    const seen = new Set<string>();
    for (const node of nodes) {
      const name = node.metadata.name ?? '';
      seen.add(name);
      if (this.known.has(name)) continue;
      this.known.set(name, node.metadata.uid ?? '');
      this.nodeEvent(name, node.metadata.uid ?? '', 'RegisteredNode', `Registered Node ${name} in Controller`);
      this.zoneFor(node);
      this.markNodeAsReachable(node);
    }
    for (const [name, uid] of [...this.known]) {
      if (seen.has(name)) continue;
      this.nodeEvent(name, uid, 'RemovingNode', `Removing Node ${name} from Controller`);
      this.known.delete(name);
      this.health.delete(name);
      this.retryMarkPods.delete(name);
    }
    const zoneConditions = new Map<string, Array<NodeCondition | undefined>>();
    for (const cached of nodes) {
      const updated = this.tryUpdateNodeHealth(cached);
      if (!updated) continue;
      const { node, observed, current } = updated;
      const name = node.metadata.name ?? '';
      if (node.metadata.labels?.[EXCLUDE_DISRUPTION_LABEL] === undefined) {
        const zone = zoneKey(node);
        const list = zoneConditions.get(zone);
        if (list) list.push(current);
        else zoneConditions.set(zone, [current]);
      }
      if (!current) continue;
      this.processTaintBaseEviction(node, observed);
      const becameNotReady = current.status !== 'True' && observed.status === 'True';
      if (becameNotReady) this.recordNodeStatusChange(node, 'NodeNotReady');
      if (becameNotReady || (this.retryMarkPods.has(name) && observed.status !== 'True')) {
        if (!this.markPodsNotReady(this.podsByNode.on(name), name)) {
          this.retryMarkPods.add(name);
          continue;
        }
      }
      this.retryMarkPods.delete(name);
    }
    this.handleDisruption(zoneConditions, nodes);
    this.kickTainter();
  }

  /**
   * tryUpdateNodeHealth: the Ready condition as observed, and as it is after this pass (Unknown
   * when the grace period has run out). Undefined when the status write failed.
   */
  private tryUpdateNodeHealth(cached: Node): { node: Node; observed: NodeCondition; current: NodeCondition | undefined } | undefined {
    const now = this.clock.now();
    const name = cached.metadata.name ?? '';
    // Read from the cache; a copy is made only when there is something to write (5,000 nodes every 5 s).
    let node = cached;
    const created = node.metadata.creationTimestamp ? Date.parse(node.metadata.creationTimestamp) : now;
    let health = this.health.get(name);
    let current = conditionOf(node, 'Ready');
    let observed: NodeCondition;
    let grace: number;
    if (!current) {
      // Never posted: a stand-in Unknown condition from the creation time, and the startup grace.
      observed = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: node.metadata.creationTimestamp ?? undefined, lastTransitionTime: node.metadata.creationTimestamp ?? undefined };
      grace = this.config.startupGracePeriodMs;
      if (health) health.ready = undefined;
      else health = { ready: undefined, probeTimestamp: created, leaseRenewTime: undefined };
    } else {
      observed = { ...current };
      grace = this.config.gracePeriodMs;
    }
    const saved = health?.ready;
    if (!health) {
      health = { ready: current && { ...current }, probeTimestamp: now, leaseRenewTime: undefined };
    } else if ((!saved && current) || (saved && !current)) {
      health = { ready: current && { ...current }, probeTimestamp: now, leaseRenewTime: health.leaseRenewTime };
    } else if (saved && current && saved.lastHeartbeatTime !== current.lastHeartbeatTime) {
      health = { ready: { ...current }, probeTimestamp: now, leaseRenewTime: health.leaseRenewTime };
    }
    // Always a fresh probe when the Lease was renewed.
    const renewTime = this.leases.get(`kube-node-lease/${name}`)?.spec.renewTime;
    if (renewTime && (health.leaseRenewTime === undefined || Date.parse(health.leaseRenewTime) < Date.parse(renewTime))) {
      health.leaseRenewTime = renewTime;
      health.probeTimestamp = now;
    }
    this.health.set(name, health);
    if (now > health.probeTimestamp + grace) {
      const nowText = rfc3339(now);
      node = structuredClone(cached);
      const conditions = (node.status ??= {}).conditions ?? (node.status.conditions = []);
      for (const type of MONITORED_CONDITIONS) {
        const condition = conditions.find((c) => c.type === type);
        if (!condition) {
          conditions.push({
            type,
            status: 'Unknown',
            reason: 'NodeStatusNeverUpdated',
            message: 'Kubelet never posted node status.',
            lastHeartbeatTime: node.metadata.creationTimestamp ?? undefined,
            lastTransitionTime: nowText,
          });
        } else if (condition.status !== 'Unknown') {
          condition.status = 'Unknown';
          condition.reason = 'NodeStatusUnknown';
          condition.message = 'Kubelet stopped posting node status.';
          condition.lastTransitionTime = nowText;
        }
      }
      current = conditionOf(node, 'Ready');
      if (!sameCondition(current, observed)) {
        const written = this.client.updateStatus<Node>(NODES, undefined, node);
        if (!written.ok) return undefined;
        health.ready = current && { ...current };
      }
    }
    return { node, observed, current };
  }

  /** RecordNodeStatusChange: the Node's uid in the reference is its name, as Kubernetes does. */
  private recordNodeStatusChange(node: Node, status: string): void {
    const name = node.metadata.name ?? '';
    this.nodeEvent(name, name, status, `Node ${name} status is now: ${status}`);
  }

  private nodeEvent(name: string, uid: string, reason: string, message: string): void {
    this.recorder.event({ apiVersion: 'v1', kind: 'Node', metadata: { name, uid } }, 'Normal', reason, message);
  }

  /** MarkPodsNotReady: each Pod's Ready condition False (a Warning `NodeNotReady` on it); false if a write failed. */
  private markPodsNotReady(pods: readonly Pod[], nodeName: string): boolean {
    let ok = true;
    const nowText = rfc3339(this.clock.now());
    for (const pod of pods) {
      if (pod.spec.nodeName !== nodeName) continue;
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const next = structuredClone(pod);
      const condition = next.status!.conditions!.find((c) => c.type === 'Ready')!;
      const updated: PodCondition = { ...condition, status: 'False', lastTransitionTime: nowText };
      next.status!.conditions = next.status!.conditions!.map((c) => (c === condition ? updated : c));
      const written = this.client.updateStatus<Pod>(PODS, pod.metadata.namespace, next);
      if (!written.ok) {
        if (written.status.code !== 404) ok = false;
        continue;
      }
      this.recorder.event(written.value, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
    return ok;
  }

  /** processPod: a Pod bound to a Node whose Ready condition is not True is marked not Ready. */
  private processPod(key: string): void {
    const pod = this.pods.get(key);
    const nodeName = pod?.spec.nodeName;
    if (!pod || !nodeName) return;
    const health = this.health.get(nodeName);
    if (!health?.ready || !this.nodes.get(nodeName)) return;
    if (health.ready.status !== 'True' && !this.markPodsNotReady([pod], nodeName)) this.podQueue.addAfter(key, RETRY_MS);
  }

  // ---- NoSchedule taints from conditions ---------------------------------------------------------

  private doNoScheduleTaintingPass(name: string): void {
    const node = this.nodes.get(name);
    if (!node) return;
    const wanted: Taint[] = [];
    for (const condition of node.status?.conditions ?? []) {
      const key = CONDITION_TAINTS[condition.type]?.[condition.status];
      if (key) wanted.push({ key, effect: 'NoSchedule' });
    }
    if (node.spec.unschedulable) wanted.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
    const present = (node.spec.taints ?? []).filter((t) => t.effect === 'NoSchedule' && CONDITION_TAINT_KEYS.has(t.key));
    const add = wanted.filter((w) => !present.some((p) => sameTaint(p, w)));
    const remove = present.filter((p) => !wanted.some((w) => sameTaint(p, w)));
    if (add.length === 0 && remove.length === 0) return;
    if (!this.writeTaints(node, add, remove)) this.noScheduleQueue.addAfter(name, RETRY_MS);
  }

  private writeTaints(node: Node, add: readonly Taint[], remove: readonly Taint[]): boolean {
    const taints = swapTaints(node, add, remove, this.clock.now());
    if (!taints) return true;
    const next = structuredClone(node);
    if (taints.length > 0) next.spec.taints = taints;
    else delete next.spec.taints;
    const written = this.client.update<Node>(NODES, undefined, next);
    return written.ok || written.status.code === 404;
  }

  // ---- NoExecute taints, rate limited per zone ---------------------------------------------------

  private zoneFor(node: Node): ZoneTainter {
    const key = zoneKey(node);
    let zone = this.zones.get(key);
    if (!zone) this.zones.set(key, (zone = { queue: [], limiter: new TokenBucket(this.config.evictionRate, this.clock.now()), state: 'Initial' }));
    return zone;
  }

  private processTaintBaseEviction(node: Node, observed: NodeCondition): void {
    const taints = node.spec.taints ?? [];
    const has = (t: Taint): boolean => taints.some((x) => sameTaint(x, t));
    switch (observed.status) {
      case 'False':
        // Already unreachable: swap at once, without waiting for the limiter.
        if (has(UNREACHABLE_NO_EXECUTE)) this.writeTaints(node, [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE]);
        else this.markNodeForTainting(node, NOT_READY_NO_EXECUTE);
        break;
      case 'Unknown':
        if (has(NOT_READY_NO_EXECUTE)) this.writeTaints(node, [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE]);
        else this.markNodeForTainting(node, UNREACHABLE_NO_EXECUTE);
        break;
      case 'True':
        this.markNodeAsReachable(node);
        break;
    }
  }

  private markNodeForTainting(node: Node, taint: Taint): void {
    if ((node.spec.taints ?? []).some((t) => sameTaint(t, taint))) return;
    const zone = this.zoneFor(node);
    const name = node.metadata.name ?? '';
    if (!zone.queue.includes(name)) zone.queue.push(name);
  }

  private markNodeAsReachable(node: Node): void {
    const zone = this.zones.get(zoneKey(node));
    if (zone) zone.queue = zone.queue.filter((n) => n !== node.metadata.name);
    this.writeTaints(node, [], [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE]);
  }

  /** doNoExecuteTaintingPass for every zone; then wait for the next token where Nodes still wait. */
  private kickTainter(): void {
    const now = this.clock.now();
    let nextWait: number | undefined;
    for (const zone of this.zones.values()) {
      while (zone.queue.length > 0 && zone.limiter.tryAccept(now)) {
        const name = zone.queue.shift()!;
        const node = this.nodes.get(name);
        const status = node ? conditionOf(node, 'Ready')?.status : undefined;
        if (!node || status === undefined || status === 'True') continue;
        const [add, opposite] = status === 'False' ? [NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE] : [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE];
        if (!this.writeTaints(node, [add], [opposite])) zone.queue.push(name);
      }
      if (zone.queue.length > 0) {
        const wait = zone.limiter.waitMs(now);
        if (wait !== undefined && (nextWait === undefined || wait < nextWait)) nextWait = wait;
      }
    }
    if (nextWait === undefined) return;
    const at = now + Math.max(1, nextWait);
    if (this.tainterTimer && this.tainterTimer.at <= at) return;
    this.tainterTimer?.timer.dispose();
    this.tainterTimer = {
      at,
      timer: this.clock.schedule(at - now, () => {
        this.tainterTimer = undefined;
        this.kickTainter();
      }),
    };
  }

  /** handleDisruption: zone states choose each zone's tainting rate; all zones down stops tainting. */
  private handleDisruption(zoneConditions: Map<string, Array<NodeCondition | undefined>>, nodes: readonly Node[]): void {
    const newStates = new Map<string, ZoneState>();
    let allFully = true;
    for (const [zone, conditions] of zoneConditions) {
      const state = this.computeZoneState(conditions);
      if (state !== 'FullDisruption') allFully = false;
      newStates.set(zone, state);
      const tainter = this.zones.get(zone);
      if (tainter === undefined) {
        this.zones.set(zone, { queue: [], limiter: new TokenBucket(this.config.evictionRate, this.clock.now()), state: 'Initial' });
      }
    }
    let allWereFully = true;
    for (const [zone, tainter] of this.zones) {
      if (!zoneConditions.has(zone)) continue;
      if (tainter.state !== 'FullDisruption') allWereFully = false;
    }
    if (allFully && allWereFully) return;
    if (allFully) {
      // Every Node is down: more likely the control plane lost its network than every kubelet died.
      for (const node of nodes) this.markNodeAsReachable(node);
      for (const tainter of this.zones.values()) {
        this.swapLimiter(tainter, 0);
        tainter.state = 'FullDisruption';
      }
      return;
    }
    if (allWereFully) {
      // Leaving full disruption: every Node gets a fresh grace period.
      const now = this.clock.now();
      for (const health of this.health.values()) health.probeTimestamp = now;
    }
    for (const [zone, state] of newStates) {
      const tainter = this.zones.get(zone)!;
      if (tainter.state === state && !allWereFully) continue;
      const size = zoneConditions.get(zone)?.length ?? 0;
      const qps = state === 'PartialDisruption' ? (size > this.config.largeClusterThreshold ? this.config.secondaryEvictionRate : 0) : this.config.evictionRate;
      this.swapLimiter(tainter, qps);
      tainter.state = state;
    }
  }

  private computeZoneState(conditions: ReadonlyArray<NodeCondition | undefined>): ZoneState {
    let ready = 0;
    let notReady = 0;
    for (const condition of conditions) {
      if (condition?.status === 'True') ready++;
      else notReady++;
    }
    if (ready === 0 && notReady > 0) return 'FullDisruption';
    if (notReady > 2 && notReady / (notReady + ready) >= this.config.unhealthyZoneThreshold) return 'PartialDisruption';
    return 'Normal';
  }

  private swapLimiter(tainter: ZoneTainter, qps: number): void {
    if (tainter.limiter.qps === qps) return;
    tainter.limiter = new TokenBucket(qps, this.clock.now());
  }

  dispose(): void {
    this.started = false;
    this.disposables.dispose();
  }
}
