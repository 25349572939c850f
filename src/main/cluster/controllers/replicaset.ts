/**
 * The ReplicaSet controller (kube-controller-manager's `replicaset`): keeps `spec.replicas` Pods
 * made from the template, owned by the ReplicaSet. It adopts orphans its selector matches and
 * releases owned Pods it no longer matches, waits for its own creates and deletes to be observed
 * (expectations) before acting again, creates in slow-start batches (1, 2, 4 …) so a failing create
 * stops early, deletes the least valuable Pods first (getPodsToDelete's ranking), and reports
 * replicas, fullyLabeledReplicas, readyReplicas, availableReplicas (minReadySeconds),
 * observedGeneration and the ReplicaFailure condition.
 */
import { controllerOf } from '../../../shared/api/owner-references.js';
import type { ReplicaSet, WorkloadCondition } from '../../../shared/api/apps.js';
import type { Pod } from '../../../shared/api/core.js';
import type { KubeObject, LabelSelector, OwnerReference, Status } from '../../../shared/api/meta.js';
import { type Disposable, DisposableStore } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import { canonicalJson } from '../../base/canonical-json.js';
import { isPodReady } from '../../base/disruption-budget.js';
import { rfc3339 } from '../../base/duration.js';
import { type CompiledSelector, labelSelectorAsSelector } from '../../base/label-selector.js';
import type { ApiClient } from '../client/api-client.js';
import { EventRecorder } from '../client/event-recorder.js';
import { Informer, objectKey } from '../client/informer.js';
import { PODS, REPLICA_SETS, type ResourceRef } from '../client/resources.js';
import { WorkQueue } from '../client/work-queue.js';

/** BurstReplicas: at most this many creates or deletes per sync. */
const BURST_REPLICAS = 500;
/** controller.SlowStartInitialBatchSize. */
const SLOW_START_INITIAL_BATCH_SIZE = 1;
/** ExpectationsTimeout: unobserved expectations stop blocking a sync after five minutes. */
const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;
/** The rate-limited queue's per-item exponential back-off: 5 ms doubling to 1000 s. */
const BACKOFF_BASE_MS = 5;
const BACKOFF_MAX_MS = 1000 * 1000;

// ---------------------------------------------------------------------------------------------
// Pod helpers shared with the deployment controller.

export const controllerRefOf = controllerOf;

/** metav1.NewControllerRef. */
export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** controller.IsPodActive: not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed' && pod.metadata.deletionTimestamp === undefined;
}

function readySince(pod: Pod): number | undefined {
  const condition = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
  return condition?.lastTransitionTime ? Date.parse(condition.lastTransitionTime) : undefined;
}

/** podutil.IsPodAvailable: Ready for longer than minReadySeconds (strictly). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = readySince(pod);
  return since !== undefined && since + minReadySeconds * 1000 < now;
}

/** When a Ready Pod turns available (the first millisecond its ready time + minReadySeconds is before now). */
function availableAt(pod: Pod, minReadySeconds: number): number | undefined {
  const since = readySince(pod);
  return since === undefined ? undefined : since + minReadySeconds * 1000 + 1;
}

function isNamespaceTerminating(status: Status): boolean {
  return (status.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating') || /because it is being terminated$/.test(status.message ?? '');
}

// ---------------------------------------------------------------------------------------------
// Deletion ranking (controller.ActivePodsWithRanks, LogarithmicScaleDown and PodDeletionCost on).

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(pod: Pod): number {
  const value = Number.parseInt(pod.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? '', 10);
  return Number.isFinite(value) ? value : 0;
}

function maxRestarts(pod: Pod): number {
  let max = 0;
  for (const s of pod.status?.containerStatuses ?? []) max = Math.max(max, s.restartCount);
  return max;
}

/** logarithmicRankDiff: compare how long ago, in powers of two of nanoseconds. */
function logRank(at: number, now: number): number {
  const ns = (now - at) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

/** afterOrZero, then the logarithmic bucket when both times are set. */
function newerFirst(a: number | undefined, b: number | undefined, now: number, uidA: string, uidB: string): number {
  if (a === undefined || b === undefined) return a === undefined ? -1 : 1;
  const diff = logRank(a, now) - logRank(b, now);
  if (diff === 0) return uidA < uidB ? -1 : uidA > uidB ? 1 : 0;
  return diff;
}

interface RankedPod {
  pod: Pod;
  /** Active Pods of the same owner family on the Pod's node. */
  rank: number;
}

function comparePodsForDeletion(a: RankedPod, b: RankedPod, now: number): number {
  const [pa, pb] = [a.pod, b.pod];
  // 1. Unassigned < assigned.
  const [na, nb] = [pa.spec.nodeName ?? '', pb.spec.nodeName ?? ''];
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  // 2. Pending < Unknown < Running.
  const [oa, ob] = [PHASE_ORDINAL[pa.status?.phase ?? ''] ?? 0, PHASE_ORDINAL[pb.status?.phase ?? ''] ?? 0];
  if (oa !== ob) return oa - ob;
  // 3. Not ready < ready.
  const [ra, rb] = [isPodReady(pa), isPodReady(pb)];
  if (ra !== rb) return ra ? 1 : -1;
  // 4. Lower pod-deletion-cost < higher.
  const [ca, cb] = [deletionCost(pa), deletionCost(pb)];
  if (ca !== cb) return ca - cb;
  // 5. Doubled up < not doubled up.
  if (a.rank !== b.rank) return b.rank - a.rank;
  const [ua, ub] = [pa.metadata.uid ?? '', pb.metadata.uid ?? ''];
  // 6. Ready for less time < more time.
  if (ra && rb) {
    const [ta, tb] = [readySince(pa), readySince(pb)];
    if (ta !== tb) {
      const order = newerFirst(ta, tb, now, ua, ub);
      if (order !== 0) return order;
    }
  }
  // 7. More container restarts < fewer.
  const [xa, xb] = [maxRestarts(pa), maxRestarts(pb)];
  if (xa !== xb) return xb - xa;
  // 8. Newer < older.
  const [ka, kb] = [pa.metadata.creationTimestamp, pb.metadata.creationTimestamp];
  if (ka !== kb) {
    return newerFirst(ka ? Date.parse(ka) : undefined, kb ? Date.parse(kb) : undefined, now, ua, ub);
  }
  return 0;
}

/** getPodsToDelete: the `count` Pods ranked least valuable (all of them when that is everyone). */
export function getPodsToDelete(pods: Pod[], related: Pod[], count: number, now: number): Pod[] {
  if (count >= pods.length) return pods.slice(0, count);
  const onNode = new Map<string, number>();
  for (const pod of related) {
    if (isPodActive(pod)) onNode.set(pod.spec.nodeName ?? '', (onNode.get(pod.spec.nodeName ?? '') ?? 0) + 1);
  }
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec.nodeName ?? '') ?? 0 }));
  ranked.sort((a, b) => comparePodsForDeletion(a, b, now));
  return ranked.slice(0, count).map((r) => r.pod);
}

/** workqueue's ItemExponentialFailureRateLimiter: AddRateLimited's delay, and Forget on success. */
export class Backoff {
  private readonly failures = new Map<string, number>();

  next(key: string): number {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    return Math.min(BACKOFF_BASE_MS * 2 ** n, BACKOFF_MAX_MS);
  }

  forget(key: string): void {
    this.failures.delete(key);
  }
}

// ---------------------------------------------------------------------------------------------
// Expectations (UIDTrackingControllerExpectations).

interface Expectation {
  add: number;
  deletes: Set<string>;
  at: number;
}

export class Expectations {
  private readonly byKey = new Map<string, Expectation>();

  constructor(private readonly clock: Clock) {}

  satisfied(key: string): boolean {
    const e = this.byKey.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.deletes.size === 0) return true;
    return this.clock.now() - e.at > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, count: number): void {
    this.byKey.set(key, { add: count, deletes: new Set(), at: this.clock.now() });
  }

  expectDeletions(key: string, podKeys: string[]): void {
    this.byKey.set(key, { add: 0, deletes: new Set(podKeys), at: this.clock.now() });
  }

  creationObserved(key: string): void {
    const e = this.byKey.get(key);
    if (e && e.add > 0) e.add--;
  }

  deletionObserved(key: string, podKey: string): void {
    this.byKey.get(key)?.deletes.delete(podKey);
  }

  delete(key: string): void {
    this.byKey.delete(key);
  }
}

// ---------------------------------------------------------------------------------------------
// An index of objects by controller uid, and of orphans by namespace, kept from informer changes.

export class OwnerIndex<T extends KubeObject> {
  private readonly byOwner = new Map<string, Map<string, T>>();
  private readonly orphans = new Map<string, Map<string, T>>();

  update(old: T | undefined, object: T | undefined): void {
    if (old) this.bucket(old, false)?.delete(objectKey(old));
    if (object) this.bucket(object, true)!.set(objectKey(object), object);
  }

  owned(uid: string): T[] {
    return [...(this.byOwner.get(uid)?.values() ?? [])];
  }

  orphansIn(namespace: string): T[] {
    return [...(this.orphans.get(namespace)?.values() ?? [])];
  }

  private bucket(object: T, create: boolean): Map<string, T> | undefined {
    const ref = controllerRefOf(object);
    const [map, key] = ref ? [this.byOwner, ref.uid] : [this.orphans, object.metadata.namespace ?? ''];
    let bucket = map.get(key);
    if (!bucket && create) map.set(key, (bucket = new Map()));
    return bucket;
  }
}

/**
 * ControllerRefManager.ClaimObject for one object: keep what the owner controls and matches,
 * release what it controls but no longer matches, adopt matching orphans. Adoption and release are
 * the strategic-merge patches client-go's AdoptPod/ReleasePod send (the controllers' roles allow
 * `patch`, not always `update`). Returns whether the owner now controls the object.
 */
export function claim<T extends KubeObject>(
  client: ApiClient,
  resource: ResourceRef,
  owner: KubeObject,
  ownerRef: OwnerReference,
  object: T,
  matches: boolean,
): { claimed: boolean; object: T } {
  const ref = controllerRefOf(object);
  const name = object.metadata.name ?? '';
  if (ref) {
    if (ref.uid !== owner.metadata.uid) return { claimed: false, object };
    if (matches) return { claimed: true, object };
    if (owner.metadata.deletionTimestamp) return { claimed: false, object };
    const release = { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerRef.uid }], uid: object.metadata.uid } };
    client.patch(resource, object.metadata.namespace, name, 'strategic', release);
    return { claimed: false, object };
  }
  if (owner.metadata.deletionTimestamp || !matches || object.metadata.deletionTimestamp) return { claimed: false, object };
  if (owner.metadata.namespace !== object.metadata.namespace) return { claimed: false, object };
  const adopt = { metadata: { ownerReferences: [ownerRef], uid: object.metadata.uid } };
  const written = client.patch<T>(resource, object.metadata.namespace, name, 'strategic', adopt);
  return written.ok ? { claimed: true, object: written.value } : { claimed: false, object };
}

/** Sets or clears a ReplicaSet condition (NewReplicaSetCondition has no lastUpdateTime). */
function setCondition(conditions: WorkloadCondition[], condition: WorkloadCondition): WorkloadCondition[] {
  const current = conditions.find((c) => c.type === condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return conditions;
  return [...conditions.filter((c) => c.type !== condition.type), condition];
}

// ---------------------------------------------------------------------------------------------

/**
 * What the controllers built on this one differ in: the ReplicaSet controller, and the
 * ReplicationController manager (kube-controller-manager runs the same code on ReplicationControllers
 * converted to ReplicaSets, whose map selector becomes `matchLabels`).
 */
export interface ReplicaSetFlavor {
  resource: ResourceRef;
  apiVersion: string;
  kind: string;
  /** The event source component. */
  component: string;
  /** The owner's selector as a LabelSelector. */
  selector(owner: ReplicaSet): LabelSelector | undefined;
}

export const REPLICA_SET_FLAVOR: ReplicaSetFlavor = {
  resource: REPLICA_SETS,
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  component: 'replicaset-controller',
  selector: (rs) => rs.spec.selector,
};

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

export class ReplicaSetController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly replicaSets: Informer<ReplicaSet>;
  private readonly pods: Informer<Pod>;
  private readonly queue: WorkQueue;
  private readonly recorder: EventRecorder;
  private readonly expectations: Expectations;
  private readonly backoff = new Backoff();
  private readonly podIndex = new OwnerIndex<Pod>();
  /** ReplicaSets by namespace (to find an orphan's candidates) and by their own controller's uid. */
  private readonly rsByNamespace = new Map<string, Set<string>>();
  private readonly rsIndex = new OwnerIndex<ReplicaSet>();

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
    private readonly flavor: ReplicaSetFlavor = REPLICA_SET_FLAVOR,
  ) {
    this.replicaSets = this.disposables.add(new Informer<ReplicaSet>(client, flavor.resource));
    this.pods = this.disposables.add(new Informer<Pod>(client, PODS));
    this.queue = this.disposables.add(new WorkQueue(clock, (key) => this.sync(key)));
    this.recorder = new EventRecorder(client, clock, { component: flavor.component });
    this.expectations = new Expectations(clock);
    this.disposables.add(
      this.replicaSets.onDidChange((change) => {
        const key = objectKey(change.object);
        const ns = change.object.metadata.namespace ?? '';
        this.rsIndex.update(change.type === 'delete' ? change.object : change.old, change.type === 'delete' ? undefined : change.object);
        if (change.type === 'delete') {
          this.rsByNamespace.get(ns)?.delete(key);
          this.expectations.delete(key);
        } else {
          let set = this.rsByNamespace.get(ns);
          if (!set) this.rsByNamespace.set(ns, (set = new Set()));
          set.add(key);
        }
        this.queue.add(key);
      }),
    );
    this.disposables.add(
      this.pods.onDidChange((change) => {
        this.podIndex.update(change.type === 'delete' ? change.object : change.old, change.type === 'delete' ? undefined : change.object);
        if (change.type === 'add') this.addPod(change.object);
        else if (change.type === 'update') this.updatePod(change.old!, change.object);
        else this.deletePod(change.object);
      }),
    );
  }

  start(): void {
    this.replicaSets.start();
    this.pods.start();
  }

  /** resolveControllerRef: the ReplicaSet a controllerRef names, if it is still that one. */
  private resolve(namespace: string | undefined, ref: OwnerReference | undefined): ReplicaSet | undefined {
    if (!ref || ref.kind !== this.flavor.kind || groupOf(ref.apiVersion) !== groupOf(this.flavor.apiVersion)) return undefined;
    const rs = this.replicaSets.get(`${namespace ?? ''}/${ref.name}`);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  }

  /** getPodReplicaSets: the ReplicaSets whose selector matches an orphan. */
  private enqueueMatching(pod: Pod): void {
    for (const key of this.rsByNamespace.get(pod.metadata.namespace ?? '') ?? []) {
      const rs = this.replicaSets.get(key);
      const selector = labelSelectorAsSelector(rs && this.flavor.selector(rs));
      if (rs && selector.ok && !selector.selector.empty && selector.selector.matches(pod.metadata.labels)) this.queue.add(key);
    }
  }

  private addPod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) {
      this.deletePod(pod);
      return;
    }
    const ref = controllerRefOf(pod);
    if (ref) {
      const rs = this.resolve(pod.metadata.namespace, ref);
      if (!rs) return;
      const key = objectKey(rs);
      this.expectations.creationObserved(key);
      this.queue.add(key);
      return;
    }
    this.enqueueMatching(pod);
  }

  private updatePod(old: Pod, pod: Pod): void {
    if (old.metadata.resourceVersion === pod.metadata.resourceVersion) return;
    const labelsChanged = canonicalJson(old.metadata.labels ?? {}) !== canonicalJson(pod.metadata.labels ?? {});
    if (pod.metadata.deletionTimestamp) {
      this.deletePod(pod);
      if (labelsChanged) this.deletePod(old);
      return;
    }
    const [ref, oldRef] = [controllerRefOf(pod), controllerRefOf(old)];
    const refChanged = ref?.uid !== oldRef?.uid;
    if (refChanged && oldRef) {
      const oldRs = this.resolve(old.metadata.namespace, oldRef);
      if (oldRs) this.queue.add(objectKey(oldRs));
    }
    if (ref) {
      const rs = this.resolve(pod.metadata.namespace, ref);
      if (rs) this.queue.add(objectKey(rs));
      return;
    }
    if (labelsChanged || refChanged) this.enqueueMatching(pod);
  }

  private deletePod(pod: Pod): void {
    const rs = this.resolve(pod.metadata.namespace, controllerRefOf(pod));
    if (!rs) return;
    const key = objectKey(rs);
    this.expectations.deletionObserved(key, objectKey(pod));
    this.queue.add(key);
  }

  private sync(key: string): void {
    const rs = this.replicaSets.get(key);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const needsSync = this.expectations.satisfied(key);
    const selector = labelSelectorAsSelector(this.flavor.selector(rs));
    if (!selector.ok) return;
    const namespace = rs.metadata.namespace ?? '';
    const candidates = [...this.podIndex.owned(rs.metadata.uid ?? ''), ...this.podIndex.orphansIn(namespace)].filter(isPodActive);
    const pods = this.claimPods(rs, selector.selector, candidates);
    let manageError: string | undefined;
    if (needsSync && !rs.metadata.deletionTimestamp) manageError = this.manageReplicas(key, rs, pods);
    const updated = this.updateStatus(rs, this.calculateStatus(rs, pods, manageError));
    if (manageError !== undefined || !updated) {
      this.queue.addAfter(key, this.backoff.next(key));
      return;
    }
    this.backoff.forget(key);
    // minReadySeconds: look again when the next Ready Pod becomes available.
    const minReady = updated.spec.minReadySeconds ?? 0;
    if (minReady > 0) {
      const now = this.clock.now();
      let next: number | undefined;
      for (const pod of pods) {
        if (!isPodReady(pod) || isPodAvailable(pod, minReady, now)) continue;
        const at = availableAt(pod, minReady);
        if (at !== undefined && (next === undefined || at < next)) next = at;
      }
      if (next !== undefined) this.queue.addAfter(key, Math.max(1, next - now));
    }
  }

  private claimPods(rs: ReplicaSet, selector: CompiledSelector, candidates: Pod[]): Pod[] {
    const ref = newControllerRef(rs, this.flavor.apiVersion, this.flavor.kind);
    const claimed: Pod[] = [];
    let canAdopt: boolean | undefined;
    for (const pod of candidates) {
      const matches = selector.matches(pod.metadata.labels);
      // RecheckDeletionTimestamp: adopt only while a fresh read shows this same, live ReplicaSet.
      if (!controllerRefOf(pod) && matches) {
        canAdopt ??= this.canAdopt(rs);
        if (!canAdopt) continue;
      }
      const result = claim(this.client, PODS, rs, ref, pod, matches);
      if (result.claimed) claimed.push(result.object);
    }
    return claimed;
  }

  private canAdopt(rs: ReplicaSet): boolean {
    const fresh = this.client.get<ReplicaSet>(this.flavor.resource, rs.metadata.namespace, rs.metadata.name ?? '');
    return fresh.ok && fresh.value.metadata.uid === rs.metadata.uid && !fresh.value.metadata.deletionTimestamp;
  }

  /** manageReplicas: create or delete the difference; returns the first error's text. */
  private manageReplicas(key: string, rs: ReplicaSet, pods: Pod[]): string | undefined {
    const desired = rs.spec.replicas ?? 1;
    let diff = pods.length - desired;
    if (diff < 0) {
      diff = Math.min(-diff, BURST_REPLICAS);
      this.expectations.expectCreations(key, diff);
      const { successes, error } = this.slowStartBatch(diff, () => this.createPod(rs));
      for (let i = successes; i < diff; i++) this.expectations.creationObserved(key);
      return error;
    }
    if (diff > 0) {
      diff = Math.min(diff, BURST_REPLICAS);
      const toDelete = getPodsToDelete(pods, this.relatedPods(rs), diff, this.clock.now());
      this.expectations.expectDeletions(key, toDelete.map(objectKey));
      let firstError: string | undefined;
      for (const pod of toDelete) {
        const error = this.deletePodOf(rs, pod);
        if (error === undefined) continue;
        this.expectations.deletionObserved(key, objectKey(pod));
        if (error !== 'NotFound') firstError ??= error;
      }
      return firstError;
    }
    return undefined;
  }

  /** slowStartBatch: batches of 1, 2, 4 … until one has a failure. */
  private slowStartBatch(count: number, create: () => string | undefined): { successes: number; error?: string } {
    let remaining = count;
    let successes = 0;
    for (let batch = Math.min(remaining, SLOW_START_INITIAL_BATCH_SIZE); batch > 0; batch = Math.min(2 * batch, remaining)) {
      let error: string | undefined;
      for (let i = 0; i < batch; i++) {
        const failed = create();
        if (failed === undefined) successes++;
        else error ??= failed;
      }
      if (error !== undefined) return { successes, error };
      remaining -= batch;
    }
    return { successes };
  }

  /** RealPodControl.CreatePods with GetPodFromTemplate: the template's labels, annotations, finalizers and spec. */
  private createPod(rs: ReplicaSet): string | undefined {
    const template = rs.spec.template;
    const name = rs.metadata.name ?? '';
    const meta = template.metadata ?? {};
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: `${name}-`,
        ...(meta.labels ? { labels: { ...meta.labels } } : {}),
        ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
        ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
        ownerReferences: [newControllerRef(rs, this.flavor.apiVersion, this.flavor.kind)],
      },
      spec: structuredClone(template.spec),
    };
    if (Object.keys(pod.metadata.labels ?? {}).length === 0) return 'unable to create pods, no labels';
    const created = this.client.create<Pod>(PODS, rs.metadata.namespace, pod);
    if (!created.ok) {
      // A terminating namespace refuses everything; the ReplicaSet is about to go too.
      if (isNamespaceTerminating(created.status)) return undefined;
      const message = created.status.message ?? '';
      this.recorder.event(rs, 'Warning', 'FailedCreate', `Error creating: ${message}`);
      return message;
    }
    this.recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.value.metadata.name ?? ''}`);
    return undefined;
  }

  /** RealPodControl.DeletePod: 'NotFound' when already gone, else the error's text. */
  private deletePodOf(rs: ReplicaSet, pod: Pod): string | undefined {
    const name = pod.metadata.name ?? '';
    const deleted = this.client.delete(PODS, pod.metadata.namespace, name);
    if (deleted.ok) {
      this.recorder.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
      return undefined;
    }
    if (deleted.status.reason === 'NotFound') return 'NotFound';
    this.recorder.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${deleted.status.message ?? ''}`);
    return `unable to delete pods: ${deleted.status.message ?? ''}`;
  }

  /** getIndirectlyRelatedPods: the Pods of every ReplicaSet with the same controller (a Deployment's). */
  private relatedPods(rs: ReplicaSet): Pod[] {
    const owner = controllerRefOf(rs);
    const siblings = owner ? this.rsIndex.owned(owner.uid) : [rs];
    return siblings.flatMap((s) => this.podIndex.owned(s.metadata.uid ?? ''));
  }

  private calculateStatus(rs: ReplicaSet, pods: Pod[], manageError: string | undefined): ReplicaSet['status'] & object {
    const templateLabels = rs.spec.template.metadata?.labels ?? {};
    const minReady = rs.spec.minReadySeconds ?? 0;
    const now = this.clock.now();
    let fullyLabeled = 0;
    let ready = 0;
    let available = 0;
    for (const pod of pods) {
      const labels = pod.metadata.labels ?? {};
      if (Object.entries(templateLabels).every(([k, v]) => labels[k] === v)) fullyLabeled++;
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
      }
    }
    let conditions = structuredClone(rs.status?.conditions ?? []);
    const failure = conditions.find((c) => c.type === 'ReplicaFailure');
    if (manageError !== undefined && !failure) {
      const diff = pods.length - (rs.spec.replicas ?? 1);
      const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
      conditions = setCondition(conditions, { type: 'ReplicaFailure', status: 'True', lastTransitionTime: rfc3339(now), reason, message: manageError });
    } else if (manageError === undefined && failure) {
      conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
    }
    // ReplicaSetStatus's field order.
    return {
      replicas: pods.length,
      fullyLabeledReplicas: fullyLabeled,
      readyReplicas: ready,
      availableReplicas: available,
      observedGeneration: rs.status?.observedGeneration,
      ...(conditions.length > 0 ? { conditions } : {}),
    };
  }

  /** updateReplicaSetStatus: nothing to write in the steady state; undefined when the write failed. */
  private updateStatus(rs: ReplicaSet, status: NonNullable<ReplicaSet['status']>): ReplicaSet | undefined {
    const old = rs.status ?? { replicas: 0 };
    const generation = rs.metadata.generation ?? 0;
    if (
      old.replicas === status.replicas &&
      (old.fullyLabeledReplicas ?? 0) === status.fullyLabeledReplicas &&
      (old.readyReplicas ?? 0) === status.readyReplicas &&
      (old.availableReplicas ?? 0) === status.availableReplicas &&
      generation === (old.observedGeneration ?? 0) &&
      canonicalJson(old.conditions ?? []) === canonicalJson(status.conditions ?? [])
    ) {
      return rs;
    }
    const next = structuredClone(rs);
    const written: NonNullable<ReplicaSet['status']> = { ...status, observedGeneration: generation };
    // Zero counts are omitted (omitempty), as the API serialises them.
    for (const field of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'] as const) {
      if (written[field] === 0) delete written[field];
    }
    next.status = written;
    const result = this.client.updateStatus<ReplicaSet>(this.flavor.resource, rs.metadata.namespace, next);
    return result.ok ? result.value : undefined;
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
