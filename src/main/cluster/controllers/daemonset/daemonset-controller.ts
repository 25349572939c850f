/**
 * The DaemonSet controller (kube-controller-manager `daemonset`, pkg/controller/daemon 1.32): one
 * Pod per eligible node, bound there through a node-name affinity the default scheduler honours;
 * Pods removed from nodes that no longer qualify (an untolerated NoExecute taint, changed labels);
 * failed Pods replaced; a RollingUpdate or OnDelete update strategy; ControllerRevisions as the
 * history `kubectl rollout history/undo` reads; and the status `kubectl get ds` and
 * `kubectl rollout status ds` print.
 */
import type { ControllerRevision, DaemonSet, DaemonSetStatus } from '../../../../shared/api/apps.js';
import type { Node, Pod } from '../../../../shared/api/core.js';
import { type Disposable, DisposableStore } from '../../../../shared/lifecycle.js';
import type { Clock } from '../../../base/clock.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import type { ApiClient } from '../../client/api-client.js';
import { EventRecorder } from '../../client/event-recorder.js';
import { Informer, type InformerChange, objectKey } from '../../client/informer.js';
import { labelSelectorAsSelector } from '../../../base/label-selector.js';
import { CONTROLLER_REVISIONS, DAEMON_SETS, NODES, PODS } from '../../client/resources.js';
import { WorkQueue } from '../../client/work-queue.js';
import { POD_REVISION_LABEL, controllerOf, controllerRef } from '../history.js';
import { adoptOrphans } from './adoption.js';
import { type Eligibility, daemonPlacement, isPodUpdated, newDaemonPod, nodeShouldRunDaemonPod, targetNodeName, templateGeneration } from './daemon-pod.js';
import { cleanupHistory, constructHistory } from './daemonset-history.js';
import { OwnerIndex } from './owner-index.js';
import { byCreationTimestampAndPhase, isPodReady, isPodTerminal, podAvailability } from './pod-state.js';
import { type NodePods, planRollingUpdate, rollingBudgets } from './rolling-update.js';

/** Retry after a failed write, as the rate-limited queue would. */
const RETRY_MS = 5_000;
const FAILED_POD_BACKOFF_INITIAL_MS = 1_000;
const FAILED_POD_BACKOFF_MAX_MS = 15 * 60_000;

/** A node's name and whether the DaemonSet belongs there, judged once per sync. */
interface PlacedNode extends Eligibility {
  name: string;
}

interface NodePodMaps {
  all: Map<string, Pod[]>;
  live: Map<string, Pod[]>;
}

/** What a sync waits to see in the Pod informer before acting again (ControllerExpectations). */
interface Expectations {
  creates: Set<string>;
  deletes: Set<string>;
}

export class DaemonSetController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly daemonSets: Informer<DaemonSet>;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly revisions: Informer<ControllerRevision>;
  private readonly podsByOwner = new OwnerIndex<Pod>();
  private readonly revisionsByOwner = new OwnerIndex<ControllerRevision>();
  private readonly expectations = new Map<string, Expectations>();
  private readonly backoff = new Map<string, { at: number; delay: number }>();
  private readonly queue: WorkQueue;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
  ) {
    this.daemonSets = this.disposables.add(new Informer<DaemonSet>(client, DAEMON_SETS));
    this.pods = this.disposables.add(new Informer<Pod>(client, PODS));
    this.nodes = this.disposables.add(new Informer<Node>(client, NODES));
    this.revisions = this.disposables.add(new Informer<ControllerRevision>(client, CONTROLLER_REVISIONS));
    this.queue = this.disposables.add(new WorkQueue(clock, (key) => this.sync(key)));
    this.recorder = new EventRecorder(client, clock, { component: 'daemonset-controller' });
    this.disposables.add(this.daemonSets.onDidChange((change) => this.queue.add(objectKey(change.object))));
    this.disposables.add(
      this.pods.onDidChange((change) => {
        this.podsByOwner.update(change);
        this.enqueueOwner(change.object);
        if (change.old) this.enqueueOwner(change.old);
        this.enqueueAdopters(change);
      }),
    );
    this.disposables.add(
      this.revisions.onDidChange((change) => {
        this.revisionsByOwner.update(change);
        this.enqueueOwner(change.object);
      }),
    );
    this.disposables.add(
      this.nodes.onDidChange((change) => {
        // Heartbeats and other status writes cannot change where daemons run: only labels and spec do.
        if (change.type === 'update' && change.old && !nodeChangedForDaemons(change.old, change.object)) return;
        for (const ds of this.daemonSets.list()) this.queue.add(objectKey(ds));
      }),
    );
  }

  start(): void {
    this.nodes.start();
    this.revisions.start();
    this.pods.start();
    this.daemonSets.start();
  }

  /** A new or relabelled orphan: the DaemonSets in its namespace whose selector matches may adopt it. */
  private enqueueAdopters(change: InformerChange<Pod>): void {
    const pod = change.object;
    if (change.type === 'delete' || pod.metadata.deletionTimestamp || controllerOf(pod)) return;
    if (change.old && !controllerOf(change.old) && canonicalJson(change.old.metadata.labels ?? {}) === canonicalJson(pod.metadata.labels ?? {})) return;
    for (const owner of this.daemonSets.list((o) => o.metadata.namespace === pod.metadata.namespace)) {
      const selector = labelSelectorAsSelector(owner.spec.selector);
      if (selector.ok && selector.selector.matches(pod.metadata.labels)) this.queue.add(objectKey(owner));
    }
  }

  private enqueueOwner(object: Pod | ControllerRevision): void {
    const ref = controllerOf(object);
    if (ref?.kind === 'DaemonSet' && ref.apiVersion === 'apps/v1') this.queue.add(`${object.metadata.namespace ?? ''}/${ref.name}`);
  }

  /** Whether every create and delete of the last sync has reached the Pod informer. */
  private expectationsSatisfied(key: string): boolean {
    const pending = this.expectations.get(key);
    if (!pending) return true;
    for (const podKey of pending.creates) if (this.pods.get(podKey)) pending.creates.delete(podKey);
    for (const podKey of pending.deletes) {
      const pod = this.pods.get(podKey);
      if (!pod || pod.metadata.deletionTimestamp) pending.deletes.delete(podKey);
    }
    if (pending.creates.size === 0 && pending.deletes.size === 0) {
      this.expectations.delete(key);
      return true;
    }
    return false;
  }

  private sync(key: string): void {
    const ds = this.daemonSets.get(key);
    if (!ds) {
      this.expectations.delete(key);
      return;
    }
    if (ds.metadata.deletionTimestamp) return;
    const adopted = adoptOrphans(this.client, ds, controllerRef(ds, 'apps/v1', 'DaemonSet'), this.podsByOwner.orphans(ds.metadata.namespace));
    const owned = [...this.podsByOwner.owned(ds.metadata.uid), ...adopted];
    const history = constructHistory(this.client, ds, this.revisionsByOwner.owned(ds.metadata.uid));
    if (!history.ok) {
      this.queue.addAfter(key, RETRY_MS);
      return;
    }
    const hash = history.hash;
    const placement = daemonPlacement(ds);
    const nodes: PlacedNode[] = this.nodes
      .list()
      .map((node) => ({ name: node.metadata.name ?? '', ...nodeShouldRunDaemonPod(placement, node) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const byNode = this.podsByNode(owned);
    if (this.expectationsSatisfied(key)) {
      this.manage(key, ds, nodes, owned, byNode, hash);
      const live = new Set(owned.map((p) => p.metadata.labels?.['controller-revision-hash']).filter((h): h is string => h !== undefined));
      cleanupHistory(this.client, ds, this.revisionsByOwner.owned(ds.metadata.uid), history.current, live);
    }
    this.updateStatus(key, ds, nodes, byNode.live, hash);
  }

  /**
   * The Pods per target node in one pass: `all` for manage (terminating Pods still occupy their
   * node), `live` without the terminating Pods that already finished (for the rolling update and
   * the status).
   */
  private podsByNode(pods: Pod[]): NodePodMaps {
    const all = new Map<string, Pod[]>();
    const live = new Map<string, Pod[]>();
    const push = (map: Map<string, Pod[]>, node: string, pod: Pod) => {
      const list = map.get(node);
      if (list) list.push(pod);
      else map.set(node, [pod]);
    };
    for (const pod of pods) {
      const node = targetNodeName(pod);
      if (node === undefined) continue;
      push(all, node, pod);
      if (!(pod.metadata.deletionTimestamp && isPodTerminal(pod))) push(live, node, pod);
    }
    return { all, live };
  }

  /** manage + rollingUpdate: the creates and deletes that make each node right. */
  private manage(key: string, ds: DaemonSet, nodes: PlacedNode[], owned: Pod[], pods: NodePodMaps, hash: string): void {
    const byNode = pods.all;
    const needing: string[] = [];
    const toDelete: Pod[] = [];
    const surge = ds.spec.updateStrategy?.type === 'RollingUpdate' && rollingBudgets(ds.spec.updateStrategy.rollingUpdate, 1).maxSurge > 0;
    const known = new Set<string>();
    for (const { name, shouldRun, shouldContinueRunning } of nodes) {
      known.add(name);
      const pods = byNode.get(name) ?? [];
      if (shouldRun && pods.length === 0) {
        needing.push(name);
      } else if (shouldContinueRunning) {
        const running: Pod[] = [];
        for (const pod of pods) {
          if (pod.metadata.deletionTimestamp) continue;
          if (pod.status?.phase === 'Failed') {
            // The kubelet may reject every new Pod (a host port taken …): back off instead of hot-looping.
            const wait = this.failedPodBackoff(`${ds.metadata.uid ?? ''}/${name}`);
            if (wait > 0) {
              this.queue.addAfter(key, wait);
              continue;
            }
            this.recorder.event(
              ds,
              'Warning',
              'FailedDaemonPod',
              `Found failed daemon pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''} on node ${name}, will try to kill it`,
            );
            toDelete.push(pod);
          } else if (pod.status?.phase === 'Succeeded') {
            toDelete.push(pod);
          } else {
            running.push(pod);
          }
        }
        if (running.length > 1) toDelete.push(...(surge ? this.surplusWithSurge(ds, running, hash) : running.sort(byCreationTimestampAndPhase).slice(1)));
      } else if (pods.length > 0) {
        toDelete.push(...pods.filter((p) => !p.metadata.deletionTimestamp));
      }
    }
    // getUnscheduledPodsWithoutNode: Pods waiting for a node that is gone.
    for (const [node, pods] of byNode) {
      if (known.has(node)) continue;
      toDelete.push(...pods.filter((p) => !p.spec.nodeName && !p.metadata.deletionTimestamp));
    }
    this.syncNodes(key, ds, toDelete, needing, hash);
    if (ds.spec.updateStrategy?.type !== 'RollingUpdate' || !this.expectationsSatisfied(key)) return;
    const live = pods.live;
    const rows: NodePods[] = [];
    let desired = 0;
    for (const { name, shouldRun } of nodes) {
      if (shouldRun) desired++;
      rows.push({ node: name, shouldRun, pods: live.get(name) ?? [] });
    }
    const generation = templateGeneration(ds);
    const plan = planRollingUpdate(
      rows,
      (pod) => isPodUpdated(pod, hash, generation),
      rollingBudgets(ds.spec.updateStrategy.rollingUpdate, desired),
      ds.spec.minReadySeconds ?? 0,
      this.clock.now(),
    );
    const byName = new Map(owned.map((p) => [p.metadata.name ?? '', p]));
    this.syncNodes(
      key,
      ds,
      plan.deletePods.map((n) => byName.get(n)).filter((p): p is Pod => p !== undefined),
      plan.createOn,
      hash,
    );
  }

  /**
   * failedPodsBackoff (1 s doubling to 15 min per DaemonSet and node): 0 when a failed Pod may be
   * deleted now (and the next delay starts), else the milliseconds still to wait.
   */
  private failedPodBackoff(key: string): number {
    const now = this.clock.now();
    const entry = this.backoff.get(key);
    if (entry && now - entry.at < entry.delay) return entry.at + entry.delay - now;
    // An entry idle for twice the maximum starts over (the backoff's garbage collection).
    const fresh = !entry || now - entry.at > 2 * FAILED_POD_BACKOFF_MAX_MS;
    this.backoff.set(key, { at: now, delay: fresh ? FAILED_POD_BACKOFF_INITIAL_MS : Math.min(entry.delay * 2, FAILED_POD_BACKOFF_MAX_MS) });
    return 0;
  }

  /**
   * With surge, two Pods may share a node only while the oldest new one is not yet available and
   * the oldest old one is Ready; every other Pod there goes (podsShouldBeOnNode).
   */
  private surplusWithSurge(ds: DaemonSet, running: Pod[], hash: string): Pod[] {
    let oldestNew: Pod | undefined;
    let oldestOld: Pod | undefined;
    const surplus: Pod[] = [];
    for (const pod of running.sort(byCreationTimestampAndPhase)) {
      if (pod.metadata.labels?.[POD_REVISION_LABEL] === hash) {
        if (!oldestNew) {
          oldestNew = pod;
          continue;
        }
      } else if (!oldestOld) {
        oldestOld = pod;
        continue;
      }
      surplus.push(pod);
    }
    if (oldestNew && oldestOld && (!isPodReady(oldestOld) || podAvailability(oldestNew, ds.spec.minReadySeconds ?? 0, this.clock.now()).available)) {
      surplus.push(oldestOld);
    }
    return surplus;
  }

  /** syncNodes: create on the nodes, delete the Pods, each with its Event. */
  private syncNodes(key: string, ds: DaemonSet, toDelete: Pod[], createOn: string[], hash: string): void {
    if (toDelete.length === 0 && createOn.length === 0) return;
    let pending = this.expectations.get(key);
    if (!pending) this.expectations.set(key, (pending = { creates: new Set(), deletes: new Set() }));
    const namespace = ds.metadata.namespace ?? 'default';
    let failed = false;
    for (const node of createOn) {
      const created = this.client.create<Pod>(PODS, namespace, newDaemonPod(ds, node, hash));
      if (created.ok) {
        pending.creates.add(objectKey(created.value));
        this.recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.value.metadata.name ?? ''}`);
      } else {
        failed = true;
        // A terminating namespace refuses new Pods; that is not worth an Event.
        if (created.status.reason !== 'Forbidden' || !(created.status.message ?? '').includes('being terminated')) {
          this.recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${created.status.message ?? ''}`);
        }
      }
    }
    for (const pod of toDelete) {
      const deleted = this.client.delete(PODS, namespace, pod.metadata.name ?? '');
      if (deleted.ok) {
        pending.deletes.add(objectKey(pod));
        this.recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name ?? ''}`);
      } else if (deleted.status.code !== 404) {
        failed = true;
        this.recorder.event(ds, 'Warning', 'FailedDelete', `Error deleting: ${deleted.status.message ?? ''}`);
      }
    }
    if (failed) this.queue.addAfter(key, RETRY_MS);
  }

  /** updateDaemonSetStatus: counts over the nodes, written only when they changed. */
  private updateStatus(key: string, ds: DaemonSet, nodes: PlacedNode[], byNode: Map<string, Pod[]>, hash: string): void {
    const now = this.clock.now();
    const minReadySeconds = ds.spec.minReadySeconds ?? 0;
    const generation = templateGeneration(ds);
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    let recheckMs: number | undefined;
    for (const { name, shouldRun } of nodes) {
      const pods = byNode.get(name) ?? [];
      if (!shouldRun) {
        if (pods.length > 0) misscheduled++;
        continue;
      }
      desired++;
      if (pods.length === 0) continue;
      current++;
      const pod = pods.length === 1 ? pods[0]! : [...pods].sort(byCreationTimestampAndPhase)[0]!;
      if (isPodReady(pod)) {
        ready++;
        const availability = podAvailability(pod, minReadySeconds, now);
        if (availability.available) available++;
        else if (availability.waitMs !== undefined) recheckMs = Math.min(recheckMs ?? Infinity, availability.waitMs);
      }
      if (isPodUpdated(pod, hash, generation)) updated++;
    }
    const status: DaemonSetStatus = {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      // omitempty: zero counters are left out, as kube-apiserver stores them.
      ...(ds.metadata.generation ? { observedGeneration: ds.metadata.generation } : {}),
      ...(updated ? { updatedNumberScheduled: updated } : {}),
      ...(available ? { numberAvailable: available } : {}),
      ...(desired - available ? { numberUnavailable: desired - available } : {}),
      ...(ds.status?.collisionCount !== undefined ? { collisionCount: ds.status.collisionCount } : {}),
      ...(ds.status?.conditions ? { conditions: ds.status.conditions } : {}),
    };
    if (recheckMs !== undefined) this.queue.addAfter(key, recheckMs);
    if (sameStatus(ds.status, status)) return;
    const next = structuredClone(ds);
    next.status = status;
    const written = this.client.updateStatus(DAEMON_SETS, ds.metadata.namespace, next);
    if (!written.ok && written.status.code !== 409 && written.status.code !== 404) this.queue.addAfter(key, RETRY_MS);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

/** The status with omitempty applied to the optional counters, compared field by field. */
function sameStatus(old: DaemonSetStatus | undefined, next: DaemonSetStatus): boolean {
  if (!old) return false;
  const norm = (s: DaemonSetStatus) => ({
    ...s,
    observedGeneration: s.observedGeneration || undefined,
    updatedNumberScheduled: s.updatedNumberScheduled || undefined,
    numberAvailable: s.numberAvailable || undefined,
    numberUnavailable: s.numberUnavailable || undefined,
  });
  return canonicalJson(norm(old)) === canonicalJson(norm(next));
}

/** shouldIgnoreNodeUpdate, narrowed to what decides eligibility: labels, taints, the rest of the spec. */
function nodeChangedForDaemons(old: Node, cur: Node): boolean {
  return canonicalJson(old.metadata.labels ?? {}) !== canonicalJson(cur.metadata.labels ?? {}) || canonicalJson(old.spec) !== canonicalJson(cur.spec);
}
