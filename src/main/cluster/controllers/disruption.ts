/**
 * The disruption controller (kube-controller-manager `disruption`): keeps every
 * PodDisruptionBudget's status true — expectedPods, desiredHealthy from minAvailable or
 * maxUnavailable (percentages of the owning workloads' scale, rounded up), currentHealthy (Ready
 * Pods not being deleted nor just evicted), disruptionsAllowed, the `DisruptionAllowed` condition
 * and observedGeneration — which is what the eviction subresource spends. It also clears a
 * `DisruptionTarget` condition left on a Pod that was never deleted (an eviction whose delete
 * failed) after two minutes.
 */
import { controllerOf } from '../../../shared/api/owner-references.js';
import type { IntOrString } from '../../../shared/api/apps.js';
import type { Pod } from '../../../shared/api/core.js';
import type { KubeObject, LabelSelector, OwnerReference } from '../../../shared/api/meta.js';
import { type Disposable, DisposableStore } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import { canonicalJson } from '../../base/canonical-json.js';
import {
  DELETION_TIMEOUT_MS,
  DISRUPTION_ALLOWED,
  type DisruptionBudget,
  SYNC_FAILED,
  conditionsAreUpToDate,
  isPodReady,
  scaledValue,
  setStatusCondition,
  updateDisruptionAllowedCondition,
} from '../../base/disruption-budget.js';
import { rfc3339 } from '../../base/duration.js';
import { labelSelectorAsSelector } from '../../base/label-selector.js';
import type { ApiClient } from '../client/api-client.js';
import { EventRecorder } from '../client/event-recorder.js';
import { Informer, objectKey } from '../client/informer.js';
import { DEPLOYMENTS, POD_DISRUPTION_BUDGETS, PODS, REPLICA_SETS, type ResourceRef, STATEFUL_SETS } from '../client/resources.js';
import { WorkQueue } from '../client/work-queue.js';

/** stalePodDisruptionTimeout. */
const STALE_POD_DISRUPTION_TIMEOUT_MS = 2 * 60 * 1000;

type Counted = { ok: true; expected: number; desired: number; unmanaged: string[] } | { ok: false; error: string };

interface Scaled extends KubeObject {
  spec?: { replicas?: number };
}

/** `&LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}` (%v). */
function selectorString(selector: LabelSelector | undefined): string {
  if (!selector) return '<nil>';
  const labels = Object.keys(selector.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${selector.matchLabels![k]!},`)
    .join('');
  const expressions = (selector.matchExpressions ?? [])
    .map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`)
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${expressions}},}`;
}


function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  // apiequality.Semantic: an empty map equals a missing one.
  return canonicalJson(a ?? {}) === canonicalJson(b ?? {});
}

export class DisruptionController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly budgets: Informer<DisruptionBudget>;
  private readonly pods: Informer<Pod>;
  private readonly queue: WorkQueue;
  /** Pods (namespace/name) to check for a stale DisruptionTarget condition. */
  private readonly stalePods: WorkQueue;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
  ) {
    this.budgets = this.disposables.add(new Informer<DisruptionBudget>(client, POD_DISRUPTION_BUDGETS));
    this.pods = this.disposables.add(new Informer<Pod>(client, PODS));
    this.queue = this.disposables.add(new WorkQueue(clock, (key) => this.sync(key)));
    this.stalePods = this.disposables.add(new WorkQueue(clock, (key) => this.syncStalePodDisruption(key)));
    this.recorder = new EventRecorder(client, clock, { component: 'controllermanager' });
    this.disposables.add(this.budgets.onDidChange((change) => this.queue.add(objectKey(change.object))));
    this.disposables.add(
      this.pods.onDidChange((change) => {
        this.enqueueBudgetsOf(change.object);
        if (change.old) this.enqueueBudgetsOf(change.old);
        if (change.type !== 'delete' && this.staleDisruptionIn(change.object) !== undefined) this.stalePods.add(objectKey(change.object));
      }),
    );
  }

  start(): void {
    this.budgets.start();
    this.pods.start();
  }

  private enqueueBudgetsOf(pod: Pod): void {
    for (const pdb of this.budgets.list((b) => b.metadata.namespace === pod.metadata.namespace)) {
      if (this.selects(pdb, pod)) this.queue.add(objectKey(pdb));
    }
  }

  private selects(pdb: DisruptionBudget, pod: Pod): boolean {
    const selector = labelSelectorAsSelector(pdb.spec?.selector);
    return selector.ok && selector.selector.matches(pod.metadata.labels);
  }

  private sync(key: string): void {
    const pdb = this.budgets.get(key);
    if (!pdb) return;
    const selector = labelSelectorAsSelector(pdb.spec?.selector);
    if (!selector.ok) {
      this.failSafe(key, pdb, selector.error);
      return;
    }
    const pods = this.pods.list((p) => p.metadata.namespace === pdb.metadata.namespace && selector.selector.matches(p.metadata.labels));
    if (pods.length === 0) this.recorder.event(pdb, 'Normal', 'NoPods', 'No matching pods found');
    const counted = this.expectedPodCount(pdb, pods);
    if (!counted.ok) {
      this.recorder.event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${counted.error}`);
      this.failSafe(key, pdb, counted.error);
      return;
    }
    if (counted.unmanaged.length > 0) {
      this.recorder.event(
        pdb,
        'Warning',
        'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${selectorString(pdb.spec?.selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
      );
    }
    const now = this.clock.now();
    const { disrupted, recheckAt } = this.disruptedPods(pods, pdb, now);
    const currentHealthy = pods.filter((p) => {
      if (p.metadata.deletionTimestamp !== undefined) return false;
      const evictedAt = disrupted[p.metadata.name ?? ''];
      if (evictedAt !== undefined && Date.parse(evictedAt) + DELETION_TIMEOUT_MS > now) return false;
      return isPodReady(p);
    }).length;
    this.updateStatus(key, pdb, currentHealthy, counted.desired, counted.expected, disrupted);
    // At least a millisecond: on the virtual clock a recheck due exactly now would find the same
    // state again without time moving on.
    if (recheckAt !== undefined) this.queue.addAfter(key, Math.max(1, recheckAt - now));
  }

  /** getExpectedPodCount: an int minAvailable counts Pods; percentages and maxUnavailable use the workloads' scale. */
  private expectedPodCount(pdb: DisruptionBudget, pods: Pod[]): Counted {
    const spec = pdb.spec ?? {};
    const present = (v: IntOrString | undefined | null): v is IntOrString => v !== undefined && v !== null;
    if (present(spec.maxUnavailable)) {
      const scale = this.expectedScale(pods);
      if (!scale.ok) return scale;
      const max = scaledValue(spec.maxUnavailable, scale.expected, true);
      if (!max.ok) return max;
      return { ...scale, desired: Math.max(0, scale.expected - max.value) };
    }
    if (present(spec.minAvailable)) {
      if (typeof spec.minAvailable === 'number') return { ok: true, expected: pods.length, desired: spec.minAvailable, unmanaged: [] };
      const scale = this.expectedScale(pods);
      if (!scale.ok) return scale;
      const min = scaledValue(spec.minAvailable, scale.expected, true);
      if (!min.ok) return min;
      return { ...scale, desired: min.value };
    }
    return { ok: true, expected: 0, desired: 0, unmanaged: [] };
  }

  /** getExpectedScale: the sum of the scales of the Pods' controllers, each counted once. */
  private expectedScale(pods: Pod[]): Counted {
    const scales = new Map<string, number>();
    const unmanaged: string[] = [];
    for (const pod of pods) {
      const ref = controllerOf(pod);
      if (!ref) {
        unmanaged.push(pod.metadata.name ?? '');
        continue;
      }
      if (scales.has(ref.uid)) continue;
      const found = this.controllerScale(ref, pod.metadata.namespace);
      if (!found) return { ok: false, error: `found no controllers for pod ${JSON.stringify(pod.metadata.name ?? '')}` };
      scales.set(found.uid, found.scale);
    }
    let expected = 0;
    for (const scale of scales.values()) expected += scale;
    return { ok: true, expected, desired: 0, unmanaged };
  }

  /** The finders: a ReplicaSet (or the Deployment that owns it) or a StatefulSet, by controllerRef uid. */
  private controllerScale(ref: OwnerReference, namespace: string | undefined): { uid: string; scale: number } | undefined {
    const fetch = (resource: ResourceRef, name: string, uid: string): Scaled | undefined => {
      const got = this.client.get<Scaled>(resource, namespace, name);
      return got.ok && got.value.metadata.uid === uid ? got.value : undefined;
    };
    if (ref.kind === 'ReplicaSet' && ref.apiVersion === 'apps/v1') {
      const rs = fetch(REPLICA_SETS, ref.name, ref.uid);
      if (!rs) return undefined;
      const owner = controllerOf(rs);
      if (owner?.kind === 'Deployment' && owner.apiVersion === 'apps/v1') {
        const deployment = fetch(DEPLOYMENTS, owner.name, owner.uid);
        return deployment ? { uid: owner.uid, scale: deployment.spec?.replicas ?? 1 } : undefined;
      }
      return { uid: ref.uid, scale: rs.spec?.replicas ?? 1 };
    }
    if (ref.kind === 'StatefulSet' && ref.apiVersion === 'apps/v1') {
      const sts = fetch(STATEFUL_SETS, ref.name, ref.uid);
      return sts ? { uid: ref.uid, scale: sts.spec?.replicas ?? 1 } : undefined;
    }
    return undefined;
  }

  /** buildDisruptedPodMap: evictions still expected to finish; a recheck when the first one times out. */
  private disruptedPods(pods: Pod[], pdb: DisruptionBudget, now: number): { disrupted: Record<string, string>; recheckAt?: number } {
    const recorded = pdb.status?.disruptedPods;
    const disrupted: Record<string, string> = {};
    let recheckAt: number | undefined;
    if (!recorded) return { disrupted };
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp !== undefined) continue;
      const at = recorded[pod.metadata.name ?? ''];
      if (at === undefined) continue;
      const expectedDeletion = Date.parse(at) + DELETION_TIMEOUT_MS;
      if (expectedDeletion < now) {
        this.recorder.event(pod, 'Warning', 'NotDeleted', `Pod was expected by PDB ${pdb.metadata.namespace ?? ''}/${pdb.metadata.name ?? ''} to be deleted but it wasn't`);
      } else {
        if (recheckAt === undefined || expectedDeletion < recheckAt) recheckAt = expectedDeletion;
        disrupted[pod.metadata.name ?? ''] = at;
      }
    }
    return { disrupted, recheckAt };
  }

  /** updatePdbStatus: write only when something changed. */
  private updateStatus(key: string, pdb: DisruptionBudget, currentHealthy: number, desiredHealthy: number, expectedPods: number, disrupted: Record<string, string>): void {
    // No disruptions while no Pods are expected: a budget whose Pods just appeared stays safe
    // until this controller has counted them.
    let disruptionsAllowed = currentHealthy - desiredHealthy;
    if (expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
    const status = pdb.status ?? {};
    const generation = pdb.metadata.generation ?? 0;
    if (
      (status.currentHealthy ?? 0) === currentHealthy &&
      (status.desiredHealthy ?? 0) === desiredHealthy &&
      (status.expectedPods ?? 0) === expectedPods &&
      (status.disruptionsAllowed ?? 0) === disruptionsAllowed &&
      sameMap(status.disruptedPods, disrupted) &&
      (status.observedGeneration ?? 0) === generation &&
      conditionsAreUpToDate(pdb)
    ) {
      return;
    }
    const next = structuredClone(pdb);
    next.status = {
      observedGeneration: generation,
      ...(Object.keys(disrupted).length > 0 ? { disruptedPods: disrupted } : {}),
      disruptionsAllowed,
      currentHealthy,
      desiredHealthy,
      expectedPods,
      conditions: structuredClone(status.conditions),
    };
    updateDisruptionAllowedCondition(next.status, this.clock.now());
    this.write(key, next);
  }

  /** failSafe: no disruptions, and the reason in the condition. */
  private failSafe(key: string, pdb: DisruptionBudget, error: string): void {
    const next = structuredClone(pdb);
    const status = (next.status ??= {});
    status.disruptionsAllowed = 0;
    const conditions = (status.conditions ??= []);
    const changed = setStatusCondition(
      conditions,
      { type: DISRUPTION_ALLOWED, status: 'False', observedGeneration: status.observedGeneration ?? 0, reason: SYNC_FAILED, message: error },
      this.clock.now(),
    );
    if (!changed && (pdb.status?.disruptionsAllowed ?? 0) === 0) return;
    this.write(key, next);
  }

  private write(key: string, pdb: DisruptionBudget): void {
    const written = this.client.updateStatus(POD_DISRUPTION_BUDGETS, pdb.metadata.namespace, pdb);
    // A conflict means a newer budget is on its way through the informer, which queues it again.
    if (!written.ok && written.status.code !== 409 && written.status.code !== 404) this.queue.addAfter(key, 1000);
  }

  /**
   * nonTerminatingPodHasStaleDisruptionCondition: milliseconds until a DisruptionTarget=True
   * condition on a Pod that is not going away turns stale (0: already), or undefined when there is
   * none to clear — the kubelet's own (TerminationByKubelet) and terminal Pods' are never stale.
   */
  private staleDisruptionIn(pod: Pod): number | undefined {
    if (pod.metadata.deletionTimestamp !== undefined) return undefined;
    const condition = pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
    if (!condition || condition.status !== 'True' || condition.reason === 'TerminationByKubelet') return undefined;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return undefined;
    const since = condition.lastTransitionTime ? Date.parse(condition.lastTransitionTime) : 0;
    return Math.max(0, since + STALE_POD_DISRUPTION_TIMEOUT_MS - this.clock.now());
  }

  /** syncStalePodDisruption: turn the condition False once stale (as the controller's apply does). */
  private syncStalePodDisruption(key: string): void {
    const pod = this.pods.get(key);
    if (!pod) return;
    const waitFor = this.staleDisruptionIn(pod);
    if (waitFor === undefined) return;
    if (waitFor > 0) {
      this.stalePods.addAfter(key, waitFor);
      return;
    }
    const next = structuredClone(pod);
    const condition = next.status!.conditions!.find((c) => c.type === 'DisruptionTarget')!;
    condition.status = 'False';
    condition.lastTransitionTime = rfc3339(this.clock.now());
    const written = this.client.updateStatus(PODS, pod.metadata.namespace, next);
    if (!written.ok && written.status.code !== 409 && written.status.code !== 404) this.stalePods.addAfter(key, 1000);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
