/**
 * The StatefulSet controller (kube-controller-manager `statefulset`, pkg/controller/statefulset
 * 1.32): Pods `<set>-<ordinal>` with stable identity and their PersistentVolumeClaims, created in
 * ordinal order each waiting for its predecessor to be Running and Ready (OrderedReady) or all at
 * once (Parallel), removed from the highest ordinal down; failed Pods recreated; RollingUpdate from
 * the highest ordinal down to the partition, one Pod at a time, or OnDelete; the claims' owner
 * references per persistentVolumeClaimRetentionPolicy; ControllerRevision history; and the status
 * `kubectl get sts` and `kubectl rollout status sts` read. (maxUnavailable, alpha in 1.32, is
 * not simulated.)
 */
import type { ControllerRevision, StatefulSet, StatefulSetStatus } from '../../../../shared/api/apps.js';
import type { Pod, PodTemplateSpec } from '../../../../shared/api/core.js';
import { type Disposable, DisposableStore } from '../../../../shared/lifecycle.js';
import type { Clock } from '../../../base/clock.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import type { ApiClient } from '../../client/api-client.js';
import { EventRecorder } from '../../client/event-recorder.js';
import { Informer, type InformerChange, objectKey } from '../../client/informer.js';
import { labelSelectorAsSelector } from '../../../base/label-selector.js';
import { CONTROLLER_REVISIONS, PERSISTENT_VOLUME_CLAIMS, PODS, STATEFUL_SETS } from '../../client/resources.js';
import { WorkQueue } from '../../client/work-queue.js';
import { OwnerIndex } from '../daemonset/owner-index.js';
import { isPodReady, podAvailability } from '../daemonset/pod-state.js';
import { adoptOrphans } from '../daemonset/adoption.js';
import { controllerOf, controllerRef, templateOfRevision } from '../history.js';
import {
  POD_INDEX_LABEL,
  POD_NAME_LABEL,
  type PersistentVolumeClaim,
  claimOwnersFor,
  claimsFor,
  inOrdinalRange,
  newStatefulSetPod,
  ordinalOf,
  podRevision,
  replicaCount,
  startOrdinal,
} from './stateful-pod.js';
import { statefulSetRevisions, truncateHistory } from './statefulset-history.js';

/** Retry after a failed write, as the rate-limited queue would. */
const RETRY_MS = 5_000;

/** A replica slot: the Pod in the cache, or the one this sync would create. */
interface Slot {
  ordinal: number;
  pod?: Pod;
  /** The Pod to create when `pod` is missing. */
  desired: Pod;
}

interface Counts {
  replicas: number;
  ready: number;
  available: number;
  current: number;
  updated: number;
}

function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !pod.metadata.deletionTimestamp;
}

export class StatefulSetController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly sets: Informer<StatefulSet>;
  private readonly pods: Informer<Pod>;
  private readonly revisions: Informer<ControllerRevision>;
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly podsByOwner = new OwnerIndex<Pod>();
  private readonly revisionsByOwner = new OwnerIndex<ControllerRevision>();
  private readonly queue: WorkQueue;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
  ) {
    this.sets = this.disposables.add(new Informer<StatefulSet>(client, STATEFUL_SETS));
    this.pods = this.disposables.add(new Informer<Pod>(client, PODS));
    this.revisions = this.disposables.add(new Informer<ControllerRevision>(client, CONTROLLER_REVISIONS));
    this.claims = this.disposables.add(new Informer<PersistentVolumeClaim>(client, PERSISTENT_VOLUME_CLAIMS));
    this.queue = this.disposables.add(new WorkQueue(clock, (key) => this.sync(key)));
    this.recorder = new EventRecorder(client, clock, { component: 'statefulset-controller' });
    this.disposables.add(this.sets.onDidChange((change) => this.queue.add(objectKey(change.object))));
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
      }),
    );
  }

  start(): void {
    this.claims.start();
    this.revisions.start();
    this.pods.start();
    this.sets.start();
  }

  /** A new or relabelled orphan: the StatefulSets in its namespace whose selector matches may adopt it. */
  private enqueueAdopters(change: InformerChange<Pod>): void {
    const pod = change.object;
    if (change.type === 'delete' || pod.metadata.deletionTimestamp || controllerOf(pod)) return;
    if (change.old && !controllerOf(change.old) && canonicalJson(change.old.metadata.labels ?? {}) === canonicalJson(pod.metadata.labels ?? {})) return;
    for (const owner of this.sets.list((o) => o.metadata.namespace === pod.metadata.namespace)) {
      const selector = labelSelectorAsSelector(owner.spec.selector);
      if (selector.ok && selector.selector.matches(pod.metadata.labels) && ordinalOf(owner, pod) >= 0) this.queue.add(objectKey(owner));
    }
  }

  private enqueueOwner(object: Pod): void {
    const ref = controllerOf(object);
    if (ref?.kind === 'StatefulSet' && ref.apiVersion === 'apps/v1') this.queue.add(`${object.metadata.namespace ?? ''}/${ref.name}`);
  }

  private sync(key: string): void {
    const set = this.sets.get(key);
    if (!set) return;
    // Only Pods named after the set (isMemberOf) are adopted.
    const adopted = adoptOrphans(this.client, set, controllerRef(set, 'apps/v1', 'StatefulSet'), this.podsByOwner.orphans(set.metadata.namespace), (pod) => ordinalOf(set, pod) >= 0);
    const owned = [...this.podsByOwner.owned(set.metadata.uid), ...adopted];
    const revisions = this.revisionsByOwner.owned(set.metadata.uid);
    const found = statefulSetRevisions(this.client, set, revisions);
    if (!found.ok) {
      this.queue.addAfter(key, RETRY_MS);
      return;
    }
    const { current, update, collisionCount } = found;
    const status = this.updateStatefulSet(key, set, owned, current, update);
    this.writeStatus(key, set, { ...status, collisionCount });
    truncateHistory(this.client, set, this.revisionsByOwner.owned(set.metadata.uid), owned, current, update);
  }

  /** updateStatefulSet: one step of the ordered state machine; returns the status to record. */
  private updateStatefulSet(key: string, set: StatefulSet, owned: Pod[], current: ControllerRevision, update: ControllerRevision): StatefulSetStatus {
    const currentTemplate: PodTemplateSpec = templateOfRevision(current) ?? set.spec.template;
    const updateTemplate: PodTemplateSpec = templateOfRevision(update) ?? set.spec.template;
    const start = startOrdinal(set);
    const count = replicaCount(set);
    const slots: Slot[] = [];
    const condemned: Pod[] = [];
    const byOrdinal = new Map<number, Pod>();
    for (const pod of owned) {
      const ordinal = ordinalOf(set, pod);
      if (ordinal < 0) continue;
      if (inOrdinalRange(set, ordinal)) byOrdinal.set(ordinal, pod);
      else condemned.push(pod);
    }
    condemned.sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
    const rollingUpdate = set.spec.updateStrategy?.rollingUpdate;
    const partition = rollingUpdate?.partition;
    const rolling = set.spec.updateStrategy?.type === 'RollingUpdate' || set.spec.updateStrategy?.type === undefined;
    for (let ordinal = start; ordinal < start + count; ordinal++) {
      // newVersionedStatefulSetPod: below the partition (without rollingUpdate: below the current
      // replicas) Pods are made at the current revision.
      const keepsCurrent =
        (rolling && !rollingUpdate && ordinal < start + (set.status?.currentReplicas ?? 0)) || (rollingUpdate !== undefined && ordinal < start + (partition ?? 0));
      const desired = keepsCurrent
        ? newStatefulSetPod(set, currentTemplate, ordinal, current.metadata.name ?? '')
        : newStatefulSetPod(set, updateTemplate, ordinal, update.metadata.name ?? '');
      slots.push({ ordinal, pod: byOrdinal.get(ordinal), desired });
    }
    const base: StatefulSetStatus = {
      observedGeneration: set.metadata.generation,
      replicas: 0,
      availableReplicas: 0,
      currentRevision: current.metadata.name,
      updateRevision: update.metadata.name,
    };
    const finish = (): StatefulSetStatus => this.withCounts(key, base, set, [...slots.map((s) => s.pod), ...condemned], current, update);
    if (set.metadata.deletionTimestamp) return finish();
    const monotonic = set.spec.podManagementPolicy !== 'Parallel';
    // The first unhealthy Pod, counting the ones still to be created; only it may be condemned while unhealthy.
    let firstUnhealthy: Pod | undefined;
    for (const slot of slots) {
      if (!slot.pod || !isHealthy(slot.pod)) {
        firstUnhealthy = slot.pod ?? slot.desired;
        break;
      }
    }
    for (let i = condemned.length - 1; i >= 0 && !firstUnhealthy; i--) if (!isHealthy(condemned[i]!)) firstUnhealthy = condemned[i];

    let exit = false;
    for (const slot of slots) {
      if (this.processReplica(set, slot, monotonic)) {
        exit = true;
        if (monotonic) break;
      }
    }
    if (exit) return finish();
    for (const pod of condemned) {
      if (this.fixClaimOwners(set, pod, true) === 'failed' && monotonic) return finish();
    }
    for (const pod of condemned) {
      if (this.processCondemned(set, pod, firstUnhealthy, monotonic)) {
        exit = true;
        if (monotonic) break;
      }
    }
    if (exit) return finish();
    if (!rolling) return finish();
    // Roll from the highest ordinal down to the partition: delete one old Pod, wait for it to come back healthy.
    const updateMin = start + (partition ?? 0);
    for (let i = slots.length - 1; i >= 0 && slots[i]!.ordinal >= updateMin; i--) {
      const pod = slots[i]!.pod;
      if (!pod) return finish();
      if (podRevision(pod) !== update.metadata.name && !pod.metadata.deletionTimestamp) {
        this.deletePod(set, pod);
        // The deleted Pod no longer counts as current (status.CurrentReplicas--).
        const status = finish();
        if (status.currentReplicas) status.currentReplicas -= 1;
        if (status.currentReplicas === 0) delete status.currentReplicas;
        return status;
      }
      if (!isHealthy(pod)) return finish();
    }
    return finish();
  }

  /** processReplica: true when this sync can go no further. */
  private processReplica(set: StatefulSet, slot: Slot, monotonic: boolean): boolean {
    const pod = slot.pod;
    if (pod && (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded')) {
      // Recreated on a later sync, once the old Pod is gone from etcd.
      if (!pod.metadata.deletionTimestamp) this.deletePod(set, pod);
      return true;
    }
    if (!pod) {
      const created = this.createPod(set, slot);
      return !created || monotonic;
    }
    if (pod.status?.phase === 'Pending') this.createMissingClaims(set, pod);
    if (pod.metadata.deletionTimestamp && monotonic) return true;
    if (!isRunningAndReady(pod) && monotonic) return true;
    const availability = podAvailability(pod, set.spec.minReadySeconds ?? 0, this.clock.now());
    if (!availability.available && monotonic) return true;
    if (this.fixClaimOwners(set, pod, false) === 'failed') return true;
    return !this.fixIdentity(set, pod);
  }

  /** identityMatches / UpdateStatefulPod: put back a `statefulset.kubernetes.io/pod-name` label someone changed. */
  private fixIdentity(set: StatefulSet, pod: Pod): boolean {
    const name = pod.metadata.name ?? '';
    if (pod.metadata.labels?.[POD_NAME_LABEL] === name) return true;
    const next = structuredClone(pod);
    next.metadata.labels = { ...next.metadata.labels, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinalOf(set, pod)) };
    const updated = this.client.update(PODS, set.metadata.namespace, next);
    if (updated.ok) {
      this.recorder.event(set, 'Normal', 'SuccessfulUpdate', `update Pod ${name} in StatefulSet ${set.metadata.name ?? ''} successful`);
      return true;
    }
    if (updated.status.code === 409 || updated.status.code === 404) return true;
    this.recorder.event(set, 'Warning', 'FailedUpdate', `update Pod ${name} in StatefulSet ${set.metadata.name ?? ''} failed error: ${updated.status.message ?? ''}`);
    this.queue.addAfter(objectKey(set), RETRY_MS);
    return false;
  }

  /** processCondemned: scale down, highest ordinal first; in order mode one at a time and only when healthy. */
  private processCondemned(set: StatefulSet, pod: Pod, firstUnhealthy: Pod | undefined, monotonic: boolean): boolean {
    if (pod.metadata.deletionTimestamp) return monotonic;
    if (!isRunningAndReady(pod) && monotonic && pod !== firstUnhealthy) return true;
    const available = podAvailability(pod, set.spec.minReadySeconds ?? 0, this.clock.now()).available;
    if (!available && monotonic && pod !== firstUnhealthy) return true;
    this.deletePod(set, pod);
    return true;
  }

  /** CreateStatefulPod: the claims first, then the Pod, then the claims' owners. */
  private createPod(set: StatefulSet, slot: Slot): boolean {
    if (!this.createMissingClaims(set, slot.desired)) return false;
    const namespace = set.metadata.namespace ?? 'default';
    const name = slot.desired.metadata.name ?? '';
    const created = this.client.create<Pod>(PODS, namespace, slot.desired);
    if (!created.ok) {
      // Already there: the informer has not caught up yet; the watch event brings us back.
      if (created.status.reason === 'AlreadyExists') return false;
      this.recorder.event(set, 'Warning', 'FailedCreate', `create Pod ${name} in StatefulSet ${set.metadata.name ?? ''} failed error: ${created.status.message ?? ''}`);
      this.queue.addAfter(objectKey(set), RETRY_MS);
      return false;
    }
    this.fixClaimOwners(set, created.value, false);
    this.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${set.metadata.name ?? ''} successful`);
    return true;
  }

  /** createPersistentVolumeClaims: every missing claim, with its Event. */
  private createMissingClaims(set: StatefulSet, pod: Pod): boolean {
    const namespace = set.metadata.namespace ?? 'default';
    for (const claim of claimsFor(set, ordinalOf(set, pod))) {
      const name = claim.metadata.name ?? '';
      const existing = this.claims.get(`${namespace}/${name}`);
      if (existing) {
        if (existing.metadata.deletionTimestamp) {
          this.recorder.event(set, 'Warning', 'FailedCreate', `create Pod ${pod.metadata.name ?? ''} in StatefulSet ${set.metadata.name ?? ''} failed error: pvc ${name} is being deleted`);
          return false;
        }
        continue;
      }
      const created = this.client.create(PERSISTENT_VOLUME_CLAIMS, namespace, claim);
      if (created.ok) {
        this.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${pod.metadata.name ?? ''} in StatefulSet ${set.metadata.name ?? ''} success`);
      } else if (created.status.reason !== 'AlreadyExists') {
        this.recorder.event(
          set,
          'Warning',
          'FailedCreate',
          `create Claim ${name} for Pod ${pod.metadata.name ?? ''} in StatefulSet ${set.metadata.name ?? ''} failed error: ${created.status.message ?? ''}`,
        );
        this.queue.addAfter(objectKey(set), RETRY_MS);
        return false;
      }
    }
    return true;
  }

  /** UpdatePodClaimForRetentionPolicy: the claims' owner references for this Pod. */
  private fixClaimOwners(set: StatefulSet, pod: Pod, scaledDown: boolean): 'ok' | 'failed' {
    const namespace = set.metadata.namespace ?? 'default';
    for (const claim of claimsFor(set, ordinalOf(set, pod))) {
      const existing = this.claims.get(`${namespace}/${claim.metadata.name ?? ''}`);
      if (!existing) continue;
      const owners = claimOwnersFor(existing, set, pod, scaledDown);
      if (!owners) continue;
      const next = structuredClone(existing);
      if (owners.length > 0) next.metadata.ownerReferences = owners;
      else delete next.metadata.ownerReferences;
      const written = this.client.update(PERSISTENT_VOLUME_CLAIMS, namespace, next);
      if (!written.ok && written.status.code !== 404) {
        this.queue.addAfter(objectKey(set), RETRY_MS);
        return 'failed';
      }
    }
    return 'ok';
  }

  /** DeleteStatefulPod, with its Event. */
  private deletePod(set: StatefulSet, pod: Pod): void {
    const name = pod.metadata.name ?? '';
    const deleted = this.client.delete(PODS, set.metadata.namespace, name);
    if (deleted.ok) {
      this.recorder.event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${name} in StatefulSet ${set.metadata.name ?? ''} successful`);
    } else if (deleted.status.code !== 404) {
      this.recorder.event(set, 'Warning', 'FailedDelete', `delete Pod ${name} in StatefulSet ${set.metadata.name ?? ''} failed error: ${deleted.status.message ?? ''}`);
      this.queue.addAfter(objectKey(set), RETRY_MS);
    }
  }

  /** computeReplicaStatus over the Pods as they were at the start of the sync (created ones count from the next). */
  private withCounts(key: string, base: StatefulSetStatus, set: StatefulSet, pods: Array<Pod | undefined>, current: ControllerRevision, update: ControllerRevision): StatefulSetStatus {
    const counts: Counts = { replicas: 0, ready: 0, available: 0, current: 0, updated: 0 };
    const now = this.clock.now();
    let recheckMs: number | undefined;
    for (const pod of pods) {
      if (!pod || !pod.status?.phase) continue;
      counts.replicas++;
      if (isRunningAndReady(pod)) {
        counts.ready++;
        const availability = podAvailability(pod, set.spec.minReadySeconds ?? 0, now);
        if (availability.available) counts.available++;
        else if (availability.waitMs !== undefined) recheckMs = Math.min(recheckMs ?? Infinity, availability.waitMs);
      }
      if (pod.metadata.deletionTimestamp) continue;
      const revision = podRevision(pod);
      if (revision === current.metadata.name) counts.current++;
      if (revision === update.metadata.name) counts.updated++;
    }
    if (recheckMs !== undefined) this.queue.addAfter(key, recheckMs);
    const status: StatefulSetStatus = { ...base, replicas: counts.replicas, availableReplicas: counts.available };
    if (counts.ready) status.readyReplicas = counts.ready;
    if (counts.current) status.currentReplicas = counts.current;
    if (counts.updated) status.updatedReplicas = counts.updated;
    return status;
  }

  /** updateStatefulSetStatus: completeRollingUpdate, then write only when inconsistent. */
  private writeStatus(key: string, set: StatefulSet, status: StatefulSetStatus): void {
    const rolling = set.spec.updateStrategy?.type === 'RollingUpdate' || set.spec.updateStrategy?.type === undefined;
    if (rolling && (status.updatedReplicas ?? 0) === status.replicas && (status.readyReplicas ?? 0) === status.replicas) {
      status.currentReplicas = status.updatedReplicas;
      status.currentRevision = status.updateRevision;
      if (!status.currentReplicas) delete status.currentReplicas;
    }
    const old = set.status;
    if (
      old &&
      (status.observedGeneration ?? 0) <= (old.observedGeneration ?? 0) &&
      status.replicas === old.replicas &&
      (status.currentReplicas ?? 0) === (old.currentReplicas ?? 0) &&
      (status.readyReplicas ?? 0) === (old.readyReplicas ?? 0) &&
      (status.updatedReplicas ?? 0) === (old.updatedReplicas ?? 0) &&
      (status.currentRevision ?? '') === (old.currentRevision ?? '') &&
      (status.availableReplicas ?? 0) === (old.availableReplicas ?? 0) &&
      (status.updateRevision ?? '') === (old.updateRevision ?? '') &&
      (status.collisionCount ?? 0) === (old.collisionCount ?? 0)
    ) {
      return;
    }
    const next = structuredClone(set);
    next.status = { ...status, ...(old?.conditions ? { conditions: structuredClone(old.conditions) } : {}) };
    const written = this.client.updateStatus(STATEFUL_SETS, set.metadata.namespace, next);
    if (!written.ok && written.status.code !== 409 && written.status.code !== 404) this.queue.addAfter(key, RETRY_MS);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
