/**
 * The deployment controller (kube-controller-manager's `deployment`): for each Deployment, a
 * ReplicaSet per Pod template (`<name>-<pod-template-hash>`), rolled out by the Deployment's
 * strategy, scaled proportionally when the Deployment is resized mid-rollout, paused and resumed,
 * with revisions (a template equal to an old ReplicaSet's reuses it under the next revision), a
 * revision history limit, progress deadlines and the status `kubectl rollout status` reads.
 */
import type { Deployment, ReplicaSet } from '../../../../shared/api/apps.js';
import type { Pod } from '../../../../shared/api/core.js';
import type { OwnerReference } from '../../../../shared/api/meta.js';
import { type Disposable, DisposableStore } from '../../../../shared/lifecycle.js';
import type { Clock } from '../../../base/clock.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import { type CompiledSelector, labelSelectorAsSelector } from '../../../base/label-selector.js';
import type { ApiClient } from '../../client/api-client.js';
import { EventRecorder } from '../../client/event-recorder.js';
import { Informer, objectKey } from '../../client/informer.js';
import { DEPLOYMENTS, PODS, REPLICA_SETS } from '../../client/resources.js';
import { WorkQueue } from '../../client/work-queue.js';
import { Backoff, OwnerIndex, claim, controllerRefOf, newControllerRef } from '../replicaset.js';
import { rolloutStatus, calculateStatus, sameStatus, serializedStatus, stuckRequeueAfter } from './progress.js';
import { rolloutRecreate } from './recreate.js';
import { newRSNewReplicas, rolloutRolling } from './rolling.js';
import { type ReplicaSets, type RolloutOps, type Scaled, allOf } from './rollout.js';
import {
  DESIRED_REPLICAS_ANNOTATION,
  FAILED_RS_CREATE_REASON,
  FOUND_NEW_RS_REASON,
  MAX_REPLICAS_ANNOTATION,
  NEW_RS_REASON,
  PAUSED_DEPLOY_REASON,
  POD_TEMPLATE_HASH_LABEL,
  PROGRESSING,
  RESUMED_DEPLOY_REASON,
  TIMED_OUT_REASON,
  activeReplicaSets,
  byCreation,
  byRevision,
  bySizeNewer,
  bySizeOlder,
  computeHash,
  equalIgnoreHash,
  getCondition,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  maxRevision,
  maxSurge,
  newCondition,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  setCondition,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  specReplicas,
} from './util.js';

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's. */
function findNewReplicaSet(d: Deployment, rsList: ReplicaSet[]): ReplicaSet | undefined {
  return [...rsList].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
}

export class DeploymentController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly deployments: Informer<Deployment>;
  private readonly replicaSets: Informer<ReplicaSet>;
  private readonly pods: Informer<Pod>;
  private readonly queue: WorkQueue;
  private readonly recorder: EventRecorder;
  private readonly rsIndex = new OwnerIndex<ReplicaSet>();
  private readonly podIndex = new OwnerIndex<Pod>();
  private readonly deploymentsByNamespace = new Map<string, Set<string>>();
  private readonly ops: RolloutOps;
  private readonly backoff = new Backoff();

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
  ) {
    this.deployments = this.disposables.add(new Informer<Deployment>(client, DEPLOYMENTS));
    this.replicaSets = this.disposables.add(new Informer<ReplicaSet>(client, REPLICA_SETS));
    this.pods = this.disposables.add(new Informer<Pod>(client, PODS));
    this.queue = this.disposables.add(new WorkQueue(clock, (key) => this.sync(key)));
    this.recorder = new EventRecorder(client, clock, { component: 'deployment-controller' });
    this.ops = {
      replicaSets: (d, rsList, create) => this.getAllReplicaSetsAndSyncRevision(d, rsList, create),
      scaleAndRecord: (rs, scale, d) => this.scaleReplicaSetAndRecordEvent(rs, scale, d),
      syncRolloutStatus: (allRSs, newRS, d) => this.syncRolloutStatus(allRSs, newRS, d),
      cleanup: (oldRSs, d) => this.cleanupDeployment(oldRSs, d),
      podMap: (d, rsList) => this.podMap(d, rsList),
    };
    this.disposables.add(
      this.deployments.onDidChange((change) => {
        const ns = change.object.metadata.namespace ?? '';
        const key = objectKey(change.object);
        if (change.type === 'delete') this.deploymentsByNamespace.get(ns)?.delete(key);
        else {
          let set = this.deploymentsByNamespace.get(ns);
          if (!set) this.deploymentsByNamespace.set(ns, (set = new Set()));
          set.add(key);
        }
        this.queue.add(key);
      }),
    );
    this.disposables.add(
      this.replicaSets.onDidChange((change) => {
        this.rsIndex.update(change.type === 'delete' ? change.object : change.old, change.type === 'delete' ? undefined : change.object);
        this.replicaSetChanged(change.type === 'delete' ? change.object : change.old, change.type === 'delete' ? undefined : change.object);
      }),
    );
    this.disposables.add(
      this.pods.onDidChange((change) => {
        this.podIndex.update(change.type === 'delete' ? change.object : change.old, change.type === 'delete' ? undefined : change.object);
        if (change.type === 'delete') this.podDeleted(change.object);
      }),
    );
  }

  start(): void {
    this.deployments.start();
    this.replicaSets.start();
    this.pods.start();
  }

  // ---------------------------------------------------------------------------------------------
  // Event handlers.

  private resolve(namespace: string | undefined, ref: OwnerReference | undefined): Deployment | undefined {
    if (!ref || ref.kind !== 'Deployment' || ref.apiVersion.split('/')[0] !== 'apps') return undefined;
    const d = this.deployments.get(`${namespace ?? ''}/${ref.name}`);
    return d && d.metadata.uid === ref.uid ? d : undefined;
  }

  private enqueueOwner(rs: ReplicaSet | undefined): boolean {
    const ref = rs && controllerRefOf(rs);
    if (!rs || !ref) return false;
    const d = this.resolve(rs.metadata.namespace, ref);
    if (d) this.queue.add(objectKey(d));
    return true;
  }

  /** addReplicaSet / updateReplicaSet / deleteReplicaSet: wake the owner, or every Deployment an orphan matches. */
  private replicaSetChanged(old: ReplicaSet | undefined, rs: ReplicaSet | undefined): void {
    if (old && rs && old.metadata.resourceVersion === rs.metadata.resourceVersion) return;
    if (old && rs && controllerRefOf(old)?.uid !== controllerRefOf(rs)?.uid) this.enqueueOwner(old);
    if (!rs) {
      this.enqueueOwner(old);
      return;
    }
    if (this.enqueueOwner(rs)) return;
    if (rs.metadata.deletionTimestamp) return;
    const labelsChanged = !old || canonicalJson(old.metadata.labels ?? {}) !== canonicalJson(rs.metadata.labels ?? {});
    if (!labelsChanged && old && !controllerRefOf(old)) return;
    for (const key of this.deploymentsByNamespace.get(rs.metadata.namespace ?? '') ?? []) {
      const d = this.deployments.get(key);
      const selector = labelSelectorAsSelector(d?.spec.selector);
      if (d && selector.ok && !selector.selector.empty && selector.selector.matches(rs.metadata.labels)) this.queue.add(key);
    }
  }

  /** deletePod: a Recreate rollout waits for the last old Pod to go. */
  private podDeleted(pod: Pod): void {
    const ref = controllerRefOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return;
    const rs = this.replicaSets.get(`${pod.metadata.namespace ?? ''}/${ref.name}`);
    if (!rs || rs.metadata.uid !== ref.uid) return;
    const d = this.resolve(rs.metadata.namespace, controllerRefOf(rs));
    if (!d || d.spec.strategy?.type !== 'Recreate') return;
    const remaining = this.rsIndex.owned(d.metadata.uid ?? '').reduce((n, r) => n + this.podIndex.owned(r.metadata.uid ?? '').length, 0);
    if (remaining === 0) this.queue.add(objectKey(d));
  }

  // ---------------------------------------------------------------------------------------------
  // syncDeployment.

  private sync(key: string): void {
    const cached = this.deployments.get(key);
    if (!cached) return;
    const d = structuredClone(cached);
    const selector = labelSelectorAsSelector(d.spec.selector);
    if (!selector.ok) return;
    if (selector.selector.empty) {
      this.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status = { ...d.status, observedGeneration: d.metadata.generation ?? 0 };
        this.writeStatus(d);
      }
      return;
    }
    const rsList = this.replicaSetsFor(d, selector.selector);
    let ok: boolean;
    if (d.metadata.deletionTimestamp) ok = this.syncStatusOnly(d, rsList);
    else if (!this.checkPausedConditions(d)) ok = false;
    else if (d.spec.paused || this.isScalingEvent(d, rsList)) ok = this.syncScale(d, rsList);
    else if (d.spec.strategy?.type === 'Recreate') ok = rolloutRecreate(this.ops, d, rsList);
    else ok = rolloutRolling(this.ops, d, rsList);
    if (ok) this.backoff.forget(key);
    else this.queue.addAfter(key, this.backoff.next(key));
  }

  /** getReplicaSetsForDeployment: claim (adopt / release) by the selector. */
  private replicaSetsFor(d: Deployment, selector: CompiledSelector): ReplicaSet[] {
    const ref = newControllerRef(d, 'apps/v1', 'Deployment');
    const candidates = [...this.rsIndex.owned(d.metadata.uid ?? ''), ...this.rsIndex.orphansIn(d.metadata.namespace ?? '')];
    const claimed: ReplicaSet[] = [];
    let canAdopt: boolean | undefined;
    for (const rs of candidates) {
      const matches = selector.matches(rs.metadata.labels);
      if (!controllerRefOf(rs) && matches) {
        canAdopt ??= this.canAdopt(d);
        if (!canAdopt) continue;
      }
      const result = claim(this.client, REPLICA_SETS, d, ref, rs, matches);
      if (result.claimed) claimed.push(result.object);
    }
    return claimed;
  }

  private canAdopt(d: Deployment): boolean {
    const fresh = this.client.get<Deployment>(DEPLOYMENTS, d.metadata.namespace, d.metadata.name ?? '');
    return fresh.ok && fresh.value.metadata.uid === d.metadata.uid && !fresh.value.metadata.deletionTimestamp;
  }

  private podMap(d: Deployment, rsList: ReplicaSet[]): Map<string, Pod[]> {
    const selector = labelSelectorAsSelector(d.spec.selector);
    const map = new Map<string, Pod[]>();
    for (const rs of rsList) {
      const uid = rs.metadata.uid ?? '';
      map.set(uid, this.podIndex.owned(uid).filter((p) => selector.ok && selector.selector.matches(p.metadata.labels)));
    }
    return map;
  }

  /** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed (never over a timeout). */
  private checkPausedConditions(d: Deployment): boolean {
    if (!hasProgressDeadline(d)) return true;
    const condition = getCondition(d.status, PROGRESSING);
    if (condition?.reason === TIMED_OUT_REASON) return true;
    const pausedExists = condition?.reason === PAUSED_DEPLOY_REASON;
    const now = this.clock.now();
    const status = (d.status = structuredClone(d.status ?? {}));
    if (d.spec.paused && !pausedExists) setCondition(status, newCondition(PROGRESSING, 'Unknown', PAUSED_DEPLOY_REASON, 'Deployment is paused', now));
    else if (!d.spec.paused && pausedExists) setCondition(status, newCondition(PROGRESSING, 'Unknown', RESUMED_DEPLOY_REASON, 'Deployment is resumed', now));
    else return true;
    return this.writeStatus(d);
  }

  /** isScalingEvent: an active ReplicaSet was sized for another replica count. */
  private isScalingEvent(d: Deployment, rsList: ReplicaSet[]): boolean {
    const rss = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    if (!rss) return false;
    for (const rs of activeReplicaSets(allOf(rss))) {
      const desired = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
      if (desired === undefined || !/^\d+$/.test(desired)) continue;
      if (Number(desired) !== replicasOf(d)) return true;
    }
    return false;
  }

  /** sync: scale (proportionally mid-rollout), clean up while paused, and update the status. */
  private syncScale(d: Deployment, rsList: ReplicaSet[]): boolean {
    const rss = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    if (!rss) return false;
    if (!this.scale(d, rss.newRS, rss.oldRSs)) return false;
    if (d.spec.paused) this.cleanupDeployment(rss.oldRSs, d);
    return this.syncDeploymentStatus(allOf(rss), rss.newRS, d);
  }

  private syncStatusOnly(d: Deployment, rsList: ReplicaSet[]): boolean {
    const rss = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    if (!rss) return false;
    return this.syncDeploymentStatus(allOf(rss), rss.newRS, d);
  }

  /** scale: the one active ReplicaSet takes the whole count; else share the difference in proportion. */
  private scale(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
    const desired = replicasOf(d);
    const activeOrLatest = this.findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (replicasOf(activeOrLatest) === desired) return true;
      return this.scaleReplicaSetAndRecordEvent(activeOrLatest, desired, d).ok;
    }
    if (this.isSaturated(d, newRS)) {
      for (const old of activeReplicaSets(oldRSs)) {
        if (!this.scaleReplicaSetAndRecordEvent(old, 0, d).ok) return false;
      }
      return true;
    }
    if (!isRollingUpdate(d)) return true;
    const allRSs = activeReplicaSets([...oldRSs, newRS]);
    const allowed = desired > 0 ? desired + maxSurge(d) : 0;
    const toAdd = allowed - specReplicas(allRSs);
    let operation = '';
    if (toAdd > 0) {
      allRSs.sort(bySizeNewer);
      operation = 'up';
    } else if (toAdd < 0) {
      allRSs.sort(bySizeOlder);
      operation = 'down';
    }
    let added = 0;
    const sizes = new Map<string, number>();
    for (const rs of allRSs) {
      if (toAdd !== 0) {
        const proportion = this.proportion(rs, d, toAdd, added);
        sizes.set(rs.metadata.name ?? '', replicasOf(rs) + proportion);
        added += proportion;
      } else {
        sizes.set(rs.metadata.name ?? '', replicasOf(rs));
      }
    }
    for (let i = 0; i < allRSs.length; i++) {
      const rs = allRSs[i]!;
      const name = rs.metadata.name ?? '';
      // Leftovers go to the largest ReplicaSet.
      if (i === 0 && toAdd !== 0) sizes.set(name, Math.max(0, sizes.get(name)! + toAdd - added));
      if (!this.scaleReplicaSet(rs, sizes.get(name)!, d, operation).ok) return false;
    }
    return true;
  }

  /** FindActiveOrLatest. */
  private findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
    if (!newRS && oldRSs.length === 0) return undefined;
    const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
    const active = activeReplicaSets([...newestFirst, newRS]);
    if (active.length === 0) return newRS ?? newestFirst[0];
    return active.length === 1 ? active[0] : undefined;
  }

  /** IsSaturated: the new ReplicaSet has the full count, sized for it, and all of it available. */
  private isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
    if (!rs) return false;
    const desired = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
    if (desired === undefined || !/^-?\d+$/.test(desired)) return false;
    return replicasOf(rs) === replicasOf(d) && Number(desired) === replicasOf(d) && (rs.status?.availableReplicas ?? 0) === replicasOf(d);
  }

  /** GetProportion with getReplicaSetFraction. */
  private proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
    if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
    let fraction: number;
    if (replicasOf(d) === 0) fraction = -replicasOf(rs);
    else {
      const maxReplicas = replicasOf(d) + maxSurge(d);
      let annotated = Number.parseInt(rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION] ?? '', 10);
      if (!Number.isFinite(annotated) || annotated === 0) annotated = d.status?.replicas ?? 0;
      // Go's math.Round: halves away from zero.
      const size = (replicasOf(rs) * maxReplicas) / annotated;
      fraction = Math.sign(size) * Math.round(Math.abs(size)) - replicasOf(rs);
    }
    const allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  // ---------------------------------------------------------------------------------------------
  // ReplicaSets.

  /** getAllReplicaSetsAndSyncRevision: old ones, and the new one (found, or created when asked). */
  private getAllReplicaSetsAndSyncRevision(d: Deployment, rsList: ReplicaSet[], createIfNotExisted: boolean): ReplicaSets | undefined {
    const existing = findNewReplicaSet(d, rsList);
    const oldRSs = rsList.filter((rs) => rs.metadata.uid !== existing?.metadata.uid);
    const newRS = this.getNewReplicaSet(d, rsList, oldRSs, existing, createIfNotExisted);
    if (newRS === false) return undefined;
    return { newRS, oldRSs };
  }

  /** getNewReplicaSet: false when a write failed. */
  private getNewReplicaSet(d: Deployment, rsList: ReplicaSet[], oldRSs: ReplicaSet[], existing: ReplicaSet | undefined, create: boolean): ReplicaSet | undefined | false {
    const newRevision = String(maxRevision(oldRSs) + 1);
    const now = this.clock.now();
    if (existing) {
      const rsCopy = structuredClone(existing);
      const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
      const minReadyDiffers = (rsCopy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0);
      if (annotationsUpdated || minReadyDiffers) {
        if (d.spec.minReadySeconds !== undefined) rsCopy.spec.minReadySeconds = d.spec.minReadySeconds;
        else delete rsCopy.spec.minReadySeconds;
        const updated = this.client.update<ReplicaSet>(REPLICA_SETS, rsCopy.metadata.namespace, rsCopy);
        return updated.ok ? updated.value : false;
      }
      let needsUpdate = setDeploymentRevision(d, rsCopy.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '');
      if (hasProgressDeadline(d) && !getCondition(d.status, PROGRESSING)) {
        d.status = structuredClone(d.status ?? {});
        setCondition(d.status, newCondition(PROGRESSING, 'True', FOUND_NEW_RS_REASON, `Found new replica set "${rsCopy.metadata.name ?? ''}"`, now));
        needsUpdate = true;
      }
      if (needsUpdate && !this.writeStatus(d)) return false;
      return rsCopy;
    }
    if (!create) return undefined;

    const hash = computeHash(d.spec.template, d.status?.collisionCount);
    const template = structuredClone(d.spec.template);
    const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
    template.metadata = { ...template.metadata, labels };
    const selector = structuredClone(d.spec.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
    const name = `${d.metadata.name ?? ''}-${hash}`;
    const newRS: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, namespace: d.metadata.namespace, labels: { ...labels }, annotations: {}, ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')] },
      spec: { replicas: 0, ...(d.spec.minReadySeconds !== undefined ? { minReadySeconds: d.spec.minReadySeconds } : {}), selector, template },
    };
    const replicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    newRS.spec.replicas = replicas;
    setNewReplicaSetAnnotations(d, newRS, newRevision, false);
    const created = this.client.create<ReplicaSet>(REPLICA_SETS, d.metadata.namespace, newRS);
    let createdRS: ReplicaSet;
    let alreadyExists = false;
    if (created.ok) createdRS = created.value;
    else if (created.status.reason === 'AlreadyExists') {
      // Ours already (a stale cache)? Else a hash collision: count it, and the next hash differs.
      const found = this.replicaSets.get(`${d.metadata.namespace ?? ''}/${name}`);
      if (found && controllerRefOf(found)?.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, found.spec.template)) {
        createdRS = found;
        alreadyExists = true;
      } else {
        d.status = { ...structuredClone(d.status ?? {}), collisionCount: (d.status?.collisionCount ?? 0) + 1 };
        this.writeStatus(d);
        return false;
      }
    } else if (created.status.reason === 'Forbidden') {
      return false;
    } else {
      const message = `Failed to create new replica set "${name}": ${created.status.message ?? ''}`;
      if (hasProgressDeadline(d)) {
        d.status = structuredClone(d.status ?? {});
        setCondition(d.status, newCondition(PROGRESSING, 'False', FAILED_RS_CREATE_REASON, message, now));
        this.writeStatus(d);
      }
      this.recorder.event(d, 'Warning', FAILED_RS_CREATE_REASON, message);
      return false;
    }
    if (!alreadyExists && replicas > 0) {
      this.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${createdRS.metadata.name ?? ''} from 0 to ${replicas}`);
    }
    let needsUpdate = setDeploymentRevision(d, newRevision);
    if (!alreadyExists && hasProgressDeadline(d)) {
      d.status = structuredClone(d.status ?? {});
      setCondition(d.status, newCondition(PROGRESSING, 'True', NEW_RS_REASON, `Created new replica set "${createdRS.metadata.name ?? ''}"`, now));
      needsUpdate = true;
    }
    if (needsUpdate && !this.writeStatus(d)) return false;
    return createdRS;
  }

  /** scaleReplicaSetAndRecordEvent. */
  private scaleReplicaSetAndRecordEvent(rs: ReplicaSet, newScale: number, d: Deployment): Scaled {
    if (replicasOf(rs) === newScale) return { ok: true, scaled: false, rs };
    return this.scaleReplicaSet(rs, newScale, d, replicasOf(rs) < newScale ? 'up' : 'down');
  }

  /** scaleReplicaSet: the size and the replica annotations, with a ScalingReplicaSet event for a new size. */
  private scaleReplicaSet(rs: ReplicaSet, newScale: number, d: Deployment, operation: string): Scaled {
    const sizeNeedsUpdate = replicasOf(rs) !== newScale;
    const max = replicasOf(d) + maxSurge(d);
    if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, replicasOf(d), max)) return { ok: true, scaled: false, rs };
    const oldScale = replicasOf(rs);
    const rsCopy = structuredClone(rs);
    rsCopy.spec.replicas = newScale;
    setReplicasAnnotations(rsCopy, replicasOf(d), max);
    const updated = this.client.update<ReplicaSet>(REPLICA_SETS, rs.metadata.namespace, rsCopy);
    if (!updated.ok) return { ok: false, scaled: false, rs };
    if (sizeNeedsUpdate) {
      this.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${rs.metadata.name ?? ''} from ${oldScale} to ${newScale}`);
    }
    return { ok: true, scaled: sizeNeedsUpdate, rs: updated.value };
  }

  /** cleanupDeployment: delete the oldest fully scaled-down ReplicaSets beyond revisionHistoryLimit. */
  private cleanupDeployment(oldRSs: ReplicaSet[], d: Deployment): void {
    if (!hasRevisionHistoryLimit(d)) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = cleanable.length - (d.spec.revisionHistoryLimit ?? 0);
    if (diff <= 0) return;
    cleanable.sort(byRevision);
    for (const rs of cleanable.slice(0, diff)) {
      if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      this.client.delete(REPLICA_SETS, rs.metadata.namespace, rs.metadata.name ?? '');
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Status.

  /** syncDeploymentStatus: counts and Available, no progress estimate. */
  private syncDeploymentStatus(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): boolean {
    const status = calculateStatus(allRSs, newRS, d, this.clock.now());
    if (sameStatus(d.status, status)) return true;
    d.status = status;
    return this.writeStatus(d);
  }

  private syncRolloutStatus(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): boolean {
    const now = this.clock.now();
    const status = rolloutStatus(allRSs, newRS, d, now);
    if (sameStatus(d.status, status)) {
      const after = stuckRequeueAfter(d, status, now);
      // A deadline check is background work: it fires when time passes, but never holds the clock.
      if (after !== undefined) this.queue.addAfter(objectKey(d), after, { background: true });
      return true;
    }
    d.status = status;
    return this.writeStatus(d);
  }

  /** UpdateStatus; `d` carries on with the written resourceVersion. */
  private writeStatus(d: Deployment): boolean {
    const body = structuredClone(d);
    body.status = serializedStatus(d.status);
    const written = this.client.updateStatus<Deployment>(DEPLOYMENTS, d.metadata.namespace, body);
    if (!written.ok) return false;
    d.metadata.resourceVersion = written.value.metadata.resourceVersion;
    return true;
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
