/**
 * The Job controller (kube-controller-manager's `job` controller, 1.32): runs a Job's Pods to
 * `completions` with at most `parallelism` at a time (NonIndexed, or Indexed with one completion
 * per index), replaces failed Pods after an exponential back-off until `backoffLimit`, stops at
 * `activeDeadlineSeconds`, applies `podFailurePolicy`, honours `suspend`, and keeps `status` true
 * (1.31+'s interim SuccessCriteriaMet/FailureTarget conditions first). Finished Pods are counted
 * the way the real controller does with the `batch.kubernetes.io/job-tracking` finalizer: first
 * into `uncountedTerminatedPods`, then the finalizer comes off, then into `succeeded`/`failed`,
 * so no Pod is counted twice or lost.
 */
import type { Job, JobStatus } from '../../../../shared/api/batch.js';
import type { Pod } from '../../../../shared/api/core.js';
import { type Disposable, DisposableStore } from '../../../../shared/lifecycle.js';
import type { Clock } from '../../../base/clock.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import { rfc3339 } from '../../../base/duration.js';
import type { ApiClient } from '../../client/api-client.js';
import { EventRecorder } from '../../client/event-recorder.js';
import { Informer, objectKey } from '../../client/informer.js';
import { JOBS, PODS } from '../../client/resources.js';
import { WorkQueue } from '../../client/work-queue.js';
import { ControllerIndex, controllerRef } from './controller-index.js';
import { completionIndex, formatIndexes, parseIndexes } from './indexed.js';
import {
  BACKOFF_LIMIT_EXCEEDED,
  COMPLETIONS_REACHED,
  type ConditionReason,
  DEADLINE_EXCEEDED,
  JOB_RESUMED,
  JOB_SUSPENDED,
  conditionIsTrue,
  findCondition,
  finishedType,
  setCondition,
} from './job-conditions.js';
import {
  JOB_TRACKING_FINALIZER,
  deletionOrder,
  hasTrackingFinalizer,
  isActive,
  isIndexed,
  isPodFailed,
  isReady,
  isTerminating,
  podFromTemplate,
  remainingBackoff,
  restartsPastBackoffLimit,
} from './job-pods.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';

/** MaxPodCreateDeletePerSync. */
const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
/** Retry after a failed write, as the controller's rate-limited queue would (DefaultJobApiBackOff). */
const RETRY_MS = 1000;

const REMOVE_TRACKING_FINALIZER = { metadata: { [`$deleteFromPrimitiveList/finalizers`]: [JOB_TRACKING_FINALIZER] } };

/** What one sync decided about the Job's end. */
interface Outcome {
  type: 'FailureTarget' | 'SuccessCriteriaMet';
  why: ConditionReason;
}

/**
 * What this controller wrote but its informer has not shown yet (client-go's expectations): no
 * Job is managed again until every create, delete and finalizer removal has come back, so a quick
 * second sync never creates or counts twice.
 */
class Expectations {
  private readonly creates = new Map<string, Set<string>>();
  private readonly deletes = new Map<string, Set<string>>();
  private readonly finalizerRemovals = new Set<string>();

  expectCreate(jobUid: string, podName: string): void {
    let names = this.creates.get(jobUid);
    if (!names) this.creates.set(jobUid, (names = new Set()));
    names.add(podName);
  }

  expectDelete(jobUid: string, podUid: string): void {
    let uids = this.deletes.get(jobUid);
    if (!uids) this.deletes.set(jobUid, (uids = new Set()));
    uids.add(podUid);
  }

  expectFinalizerRemoval(podUid: string): void {
    this.finalizerRemovals.add(podUid);
  }

  finalizerRemovalPending(podUid: string): boolean {
    return this.finalizerRemovals.has(podUid);
  }

  /** The informer's view of a Pod: settles whatever it shows has happened. */
  observe(pod: Pod, gone: boolean): void {
    const owner = controllerRef(pod)?.uid;
    const uid = pod.metadata.uid ?? '';
    if (owner !== undefined) {
      const names = this.creates.get(owner);
      if (names?.delete(pod.metadata.name ?? '') && names.size === 0) this.creates.delete(owner);
      if (gone || pod.metadata.deletionTimestamp !== undefined) {
        const uids = this.deletes.get(owner);
        if (uids?.delete(uid) && uids.size === 0) this.deletes.delete(owner);
      }
    }
    if (gone || !hasTrackingFinalizer(pod)) this.finalizerRemovals.delete(uid);
  }

  satisfied(jobUid: string): boolean {
    return !this.creates.has(jobUid) && !this.deletes.has(jobUid);
  }

  forget(jobUid: string): void {
    this.creates.delete(jobUid);
    this.deletes.delete(jobUid);
  }
}

export class JobController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly jobs: Informer<Job>;
  private readonly pods: Informer<Pod>;
  private readonly podsByJob = new ControllerIndex<Pod>('Job');
  private readonly queue: WorkQueue;
  /** Pods whose Job is gone or finished: only their tracking finalizer needs to come off. */
  private readonly orphans: WorkQueue;
  private readonly expectations = new Expectations();
  private readonly recorder: EventRecorder;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
  ) {
    this.jobs = this.disposables.add(new Informer<Job>(client, JOBS));
    this.pods = this.disposables.add(new Informer<Pod>(client, PODS));
    this.queue = this.disposables.add(new WorkQueue(clock, (key) => this.sync(key)));
    this.orphans = this.disposables.add(new WorkQueue(clock, (key) => this.syncOrphanPod(key)));
    this.recorder = new EventRecorder(client, clock, { component: 'job-controller' });
    this.disposables.add(
      this.jobs.onDidChange((change) => {
        this.queue.add(objectKey(change.object));
        if (change.type === 'delete') {
          this.expectations.forget(change.object.metadata.uid ?? '');
          for (const pod of this.podsByJob.list(change.object.metadata.uid)) if (hasTrackingFinalizer(pod)) this.orphans.add(objectKey(pod));
        }
      }),
    );
    this.disposables.add(
      this.pods.onDidChange((change) => {
        this.podsByJob.observe(change);
        this.expectations.observe(change.object, change.type === 'delete');
        const ref = controllerRef(change.object);
        if (ref?.kind !== 'Job') return;
        this.queue.add(`${change.object.metadata.namespace ?? ''}/${ref.name}`);
        if (change.type !== 'delete' && hasTrackingFinalizer(change.object)) this.orphans.add(objectKey(change.object));
      }),
    );
  }

  start(): void {
    // Jobs first: a Pod's owner must be known before the Pod is judged an orphan.
    this.jobs.start();
    this.pods.start();
  }

  /** The Job that controls `pod`, if it still exists (same uid). */
  private jobOf(pod: Pod): Job | undefined {
    const ref = controllerRef(pod);
    if (ref?.kind !== 'Job') return undefined;
    const job = this.jobs.get(`${pod.metadata.namespace ?? ''}/${ref.name}`);
    return job?.metadata.uid === ref.uid ? job : undefined;
  }

  /** handleOrphanPod / cleanupPodFinalizers: a Pod of a missing or finished Job loses the finalizer. */
  private syncOrphanPod(key: string): void {
    const pod = this.pods.get(key);
    if (!pod || !hasTrackingFinalizer(pod) || this.expectations.finalizerRemovalPending(pod.metadata.uid ?? '')) return;
    const job = this.jobOf(pod);
    if (job && finishedType(job) === undefined) return;
    this.removeFinalizer(pod);
  }

  private removeFinalizer(pod: Pod): boolean {
    const name = pod.metadata.name ?? '';
    let patched = this.client.patch(PODS, pod.metadata.namespace, name, 'strategic', REMOVE_TRACKING_FINALIZER);
    if (patched.ok && patched.value.metadata.finalizers?.length === 0) {
      // Go drops an emptied list (omitempty); tested so a finalizer added meanwhile is never lost.
      const emptied = [
        { op: 'test', path: '/metadata/finalizers', value: [] },
        { op: 'remove', path: '/metadata/finalizers' },
      ];
      const tidied = this.client.patch(PODS, pod.metadata.namespace, name, 'json', emptied);
      if (tidied.ok) patched = tidied;
    }
    if (patched.ok) {
      this.expectations.expectFinalizerRemoval(pod.metadata.uid ?? '');
      return true;
    }
    return patched.status.code === 404;
  }

  private sync(key: string): void {
    const job = this.jobs.get(key);
    if (!job) return;
    // A Job managed by another controller (spec.managedBy) is not ours to touch.
    if (job.spec.managedBy !== undefined && job.spec.managedBy !== 'kubernetes.io/job-controller') return;
    const uid = job.metadata.uid ?? '';
    // Finished Jobs are left alone; their Pods' finalizers are the orphan queue's work.
    if (finishedType(job) !== undefined) return;
    if (!this.expectations.satisfied(uid)) return;
    const now = this.clock.now();
    const pods = this.podsByJob.list(uid);
    const status: JobStatus = structuredClone(job.status ?? {});
    const conditions = (status.conditions ??= []);
    const suspended = job.spec.suspend === true;
    let wakeIn: number | undefined;
    const wake = (ms: number): void => {
      wakeIn = wakeIn === undefined ? ms : Math.min(wakeIn, ms);
    };

    if (!suspended && status.startTime === undefined) status.startTime = rfc3339(now);

    // getNewFinishedPods: finished Pods that still carry the finalizer and are in no list yet.
    const uncounted = { succeeded: new Set(status.uncountedTerminatedPods?.succeeded ?? []), failed: new Set(status.uncountedTerminatedPods?.failed ?? []) };
    const completions = job.spec.completions;
    const indexed = isIndexed(job);
    const prevCompleted = parseIndexes(status.completedIndexes, completions ?? 0);
    const completed = new Set(prevCompleted);
    let newSucceeded = 0;
    let newFailed = 0;
    for (const pod of pods) {
      const podUid = pod.metadata.uid ?? '';
      if (!this.carriesFinalizer(pod)) continue;
      if (pod.status?.phase === 'Succeeded') {
        const index = completionIndex(pod);
        if (indexed && index !== undefined && index < (completions ?? 0)) completed.add(index);
        if (!uncounted.succeeded.has(podUid)) newSucceeded++;
      } else if (isPodFailed(pod, job) && !uncounted.failed.has(podUid) && matchPodFailurePolicy(job, pod)?.countFailed !== false) {
        newFailed++;
      }
    }
    const succeeded = indexed ? completed.size : (status.succeeded ?? 0) + uncounted.succeeded.size + newSucceeded;
    const failed = (status.failed ?? 0) + uncounted.failed.size + newFailed;

    let active = pods.filter(isActive);
    let terminating = pods.filter(isTerminating).length;

    // The end: an interim condition already there, else a failure (pod failure policy, back-off
    // limit, deadline); success is judged after managing the Pods.
    let outcome: Outcome | undefined = conditionIsTrue(job, 'SuccessCriteriaMet')
      ? { type: 'SuccessCriteriaMet', why: reasonOf(job, 'SuccessCriteriaMet') }
      : conditionIsTrue(job, 'FailureTarget')
        ? { type: 'FailureTarget', why: reasonOf(job, 'FailureTarget') }
        : undefined;
    if (!outcome) {
      const policyFailure = failJobMessage(job, pods);
      if (policyFailure !== undefined) outcome = { type: 'FailureTarget', why: { reason: 'PodFailurePolicy', message: policyFailure } };
    }
    if (!outcome && (failed > (job.spec.backoffLimit ?? 6) || restartsPastBackoffLimit(job, pods))) {
      outcome = { type: 'FailureTarget', why: BACKOFF_LIMIT_EXCEEDED };
    }
    const deadline = job.spec.activeDeadlineSeconds;
    if (!outcome && !suspended && deadline !== undefined && status.startTime !== undefined) {
      const left = Date.parse(status.startTime) + deadline * 1000 - now;
      if (left <= 0) outcome = { type: 'FailureTarget', why: DEADLINE_EXCEEDED };
      else wake(left);
    }

    if (outcome) {
      // deleteActivePods: finalizers stay, so the deleted Pods are counted below.
      terminating += this.deletePods(job, active, false);
      active = [];
    } else {
      // A Job being deleted makes no more Pods; its Pods' finalizers come off in track.
      const managing = job.metadata.deletionTimestamp === undefined;
      if (!managing) {
        // Nothing to manage.
      } else if (suspended) {
        terminating += this.deletePods(job, active, true);
        active = [];
      } else {
        const parallelism = job.spec.parallelism ?? 1;
        let wantActive: number;
        if (completions === undefined) wantActive = succeeded > 0 ? active.length : parallelism;
        else wantActive = Math.max(0, Math.min(parallelism, completions - succeeded));
        if (active.length > wantActive) {
          // Excess Pods lose their finalizer first: they are not failures.
          const excess = [...active].sort(deletionOrder).slice(0, active.length - wantActive);
          terminating += this.deletePods(job, excess, true);
          const gone = new Set(excess);
          active = active.filter((p) => !gone.has(p));
        } else {
          // podReplacementPolicy Failed: a terminating Pod still holds its place.
          const holding = job.spec.podReplacementPolicy === 'Failed' ? terminating : 0;
          const diff = wantActive - holding - active.length;
          if (diff > 0) {
            const backoff = remainingBackoff(pods, job, now);
            if (backoff > 0) wake(backoff);
            else active = [...active, ...this.createPods(job, diff, indexed ? missingIndexes(completions ?? 0, completed, pods) : undefined)];
          }
        }
      }
      const complete = completions === undefined ? succeeded > 0 && active.length === 0 : succeeded >= completions && active.length === 0;
      if (complete) outcome = { type: 'SuccessCriteriaMet', why: COMPLETIONS_REACHED };
      else if (!managing) {
        // Conditions change only in a sync that managed the Pods.
      } else if (suspended) {
        if (setCondition(conditions, 'Suspended', 'True', JOB_SUSPENDED, now)) this.recorder.event(job, 'Normal', 'Suspended', 'Job suspended');
      } else if (setCondition(conditions, 'Suspended', 'False', JOB_RESUMED, now)) {
        this.recorder.event(job, 'Normal', 'Resumed', 'Job resumed');
        // The deadline counts continuous activity: a resumed Job starts its clock again.
        status.startTime = rfc3339(now);
      }
    }

    status.active = active.length;
    status.terminating = terminating;
    status.ready = active.filter(isReady).length;
    if (this.track(job, status, pods, outcome, prevCompleted) && wakeIn !== undefined) this.queue.addAfter(key, Math.max(1, wakeIn));
  }

  /** A Pod whose tracking finalizer is still on (as far as this controller knows). */
  private carriesFinalizer(pod: Pod): boolean {
    return hasTrackingFinalizer(pod) && !this.expectations.finalizerRemovalPending(pod.metadata.uid ?? '');
  }

  /**
   * trackJobStatusAndRemoveFinalizers: record newly finished Pods in uncountedTerminatedPods
   * (Indexed successes in completedIndexes) with any interim condition, take the finalizers off,
   * move what came off into the counters and — once nothing is uncounted or terminating — add
   * the terminal condition. Returns false when a write failed.
   */
  private track(job: Job, status: JobStatus, pods: readonly Pod[], outcome: Outcome | undefined, prevCompleted: ReadonlySet<number>): boolean {
    const key = objectKey(job);
    const now = this.clock.now();
    const indexed = isIndexed(job);
    const completions = job.spec.completions ?? 0;
    const uncounted = { succeeded: [...(status.uncountedTerminatedPods?.succeeded ?? [])], failed: [...(status.uncountedTerminatedPods?.failed ?? [])] };
    const withFinalizer = new Set(pods.filter((p) => this.carriesFinalizer(p)).map((p) => p.metadata.uid ?? ''));
    const counters = { succeeded: status.succeeded ?? 0, failed: status.failed ?? 0 };
    const completed = new Set(prevCompleted);
    const flushCounted = (): void => {
      // cleanUncountedPodsWithoutFinalizers: whatever lost its finalizer is counted now.
      for (const list of ['succeeded', 'failed'] as const) {
        const kept = uncounted[list].filter((uid) => withFinalizer.has(uid));
        counters[list] += uncounted[list].length - kept.length;
        uncounted[list] = kept;
      }
    };
    flushCounted();
    const toRemove: Pod[] = [];
    for (const pod of pods) {
      if (!this.carriesFinalizer(pod)) continue;
      const uid = pod.metadata.uid ?? '';
      const considerFailed = isPodFailed(pod, job);
      // canRemoveFinalizer: the Job is ending or being deleted, or the Pod is done.
      if (!(job.metadata.deletionTimestamp || outcome || pod.status?.phase === 'Succeeded' || considerFailed)) continue;
      toRemove.push(pod);
      if (pod.status?.phase === 'Succeeded' && !uncounted.failed.includes(uid)) {
        if (indexed) {
          const index = completionIndex(pod);
          if (index !== undefined && index < completions) completed.add(index);
        } else if (!uncounted.succeeded.includes(uid)) uncounted.succeeded.push(uid);
      } else if (considerFailed || outcome?.type === 'FailureTarget') {
        // When the Job is failing, every Pod not yet finished counts as failed.
        const index = completionIndex(pod);
        if (uncounted.failed.includes(uid) || (indexed && (index === undefined || index >= completions))) continue;
        // An ignored failure (podFailurePolicy Ignore) loses its finalizer but is never counted.
        if (matchPodFailurePolicy(job, pod)?.countFailed !== false) uncounted.failed.push(uid);
      }
    }
    const conditions = structuredClone(status.conditions ?? []);
    if (outcome) setCondition(conditions, outcome.type, 'True', outcome.why, now);
    const compose = (extra: Partial<JobStatus> = {}): JobStatus =>
      orderStatus({
        ...status,
        conditions: conditions.length > 0 ? conditions : undefined,
        active: status.active ? status.active : undefined,
        succeeded: (indexed ? completed.size : counters.succeeded) || undefined,
        failed: counters.failed || undefined,
        completedIndexes: indexed && completed.size > 0 ? formatIndexes(completed) : undefined,
        uncountedTerminatedPods: uncountedValue(uncounted),
        ...extra,
      });
    let current = job;
    let written = compose();
    if (!sameStatus(written, job.status)) {
      const result = this.writeStatus(key, { ...structuredClone(job), status: written });
      if (!result) return false;
      current = result;
    }
    for (const pod of toRemove) if (this.removeFinalizer(pod)) withFinalizer.delete(pod.metadata.uid ?? '');
    flushCounted();
    // enactJobFinished: only with nothing left uncounted or terminating.
    let event: [type: 'Normal' | 'Warning', reason: string, message: string] | undefined;
    let extra: Partial<JobStatus> = {};
    if (outcome && uncounted.succeeded.length === 0 && uncounted.failed.length === 0 && (status.terminating ?? 0) === 0) {
      if (outcome.type === 'FailureTarget') {
        if (setCondition(conditions, 'Failed', 'True', outcome.why, now)) event = ['Warning', outcome.why.reason, outcome.why.message];
      } else if (setCondition(conditions, 'Complete', 'True', outcome.why, now)) {
        extra = { completionTime: rfc3339(now) };
        event = ['Normal', 'Completed', 'Job completed'];
      }
    }
    written = compose(extra);
    if (!sameStatus(written, current.status)) {
      if (!this.writeStatus(key, { ...structuredClone(current), status: written })) return false;
    }
    if (event) this.recorder.event(job, event[0], event[1], event[2]);
    return true;
  }

  private writeStatus(key: string, job: Job): Job | undefined {
    const written = this.client.updateStatus<Job>(JOBS, job.metadata.namespace, job);
    if (written.ok) return written.value;
    // A conflict means a newer Job is on its way through the informer, which queues it again.
    if (written.status.code !== 409 && written.status.code !== 404) this.queue.addAfter(key, RETRY_MS);
    return undefined;
  }

  /** Create `count` Pods (for the given indexes when Indexed); returns the created ones. */
  private createPods(job: Job, count: number, indexes: number[] | undefined): Pod[] {
    const created: Pod[] = [];
    const n = Math.min(count, MAX_POD_CREATE_DELETE_PER_SYNC, indexes?.length ?? Infinity);
    for (let i = 0; i < n; i++) {
      const result = this.client.create<Pod>(PODS, job.metadata.namespace, podFromTemplate(job, indexes?.[i]));
      if (!result.ok) {
        this.recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${result.status.message ?? ''}`);
        this.queue.addAfter(objectKey(job), RETRY_MS);
        break;
      }
      this.expectations.expectCreate(job.metadata.uid ?? '', result.value.metadata.name ?? '');
      this.recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${result.value.metadata.name ?? ''}`);
      created.push(result.value);
    }
    return created;
  }

  /**
   * Delete Pods; returns how many went. deleteJobPods (suspension, too many Pods) takes the
   * finalizer off first, so those Pods are never counted; deleteActivePods (the Job is ending)
   * keeps it, so they are counted as failed.
   */
  private deletePods(job: Job, pods: readonly Pod[], removeFinalizerFirst: boolean): number {
    let deleted = 0;
    for (const pod of pods.slice(0, MAX_POD_CREATE_DELETE_PER_SYNC)) {
      if (removeFinalizerFirst && hasTrackingFinalizer(pod) && !this.removeFinalizer(pod)) continue;
      const result = this.client.delete(PODS, pod.metadata.namespace, pod.metadata.name ?? '');
      if (!result.ok) {
        if (result.status.code === 404) continue;
        this.recorder.event(job, 'Warning', 'FailedDelete', `Error deleting: ${result.status.message ?? ''}`);
        this.queue.addAfter(objectKey(job), RETRY_MS);
        continue;
      }
      this.expectations.expectDelete(job.metadata.uid ?? '', pod.metadata.uid ?? '');
      this.recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name ?? ''}`);
      deleted++;
    }
    return deleted;
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

/** getFailJobMessage: the first failed Pod that a FailJob rule matches. */
function failJobMessage(job: Job, pods: readonly Pod[]): string | undefined {
  if (!job.spec.podFailurePolicy) return undefined;
  for (const pod of pods) {
    if (!isPodFailed(pod, job)) continue;
    const message = matchPodFailurePolicy(job, pod)?.failJobMessage;
    if (message !== undefined) return message;
  }
  return undefined;
}

/** Statuses equal as stored (key order and empty fields aside). */
function sameStatus(a: JobStatus | undefined, b: JobStatus | undefined): boolean {
  return canonicalJson(orderStatus(a ?? {})) === canonicalJson(orderStatus(b ?? {}));
}

function reasonOf(job: Job, type: string): ConditionReason {
  const condition = findCondition(job, type);
  return { reason: condition?.reason ?? '', message: condition?.message ?? '' };
}

/** Indexes with neither a completion nor an active Pod, lowest first (firstPendingIndexes). */
function missingIndexes(completions: number, completed: ReadonlySet<number>, pods: readonly Pod[]): number[] {
  const taken = new Set<number>();
  for (const pod of pods) {
    if (!isActive(pod)) continue;
    const index = completionIndex(pod);
    if (index !== undefined) taken.add(index);
  }
  const missing: number[] = [];
  for (let i = 0; i < completions && missing.length < MAX_POD_CREATE_DELETE_PER_SYNC; i++) if (!completed.has(i) && !taken.has(i)) missing.push(i);
  return missing;
}

/** uncountedTerminatedPods as Go serialises it: empty lists left out, so `{}` when nothing is pending. */
function uncountedValue(uncounted: { succeeded: string[]; failed: string[] }): NonNullable<JobStatus['uncountedTerminatedPods']> {
  return { ...(uncounted.succeeded.length > 0 ? { succeeded: uncounted.succeeded } : {}), ...(uncounted.failed.length > 0 ? { failed: uncounted.failed } : {}) };
}

/** JobStatus in Go's field order, so stored JSON reads like kube-apiserver's. */
function orderStatus(status: JobStatus): JobStatus {
  const order: Array<keyof JobStatus> = ['conditions', 'startTime', 'completionTime', 'active', 'succeeded', 'failed', 'terminating', 'completedIndexes', 'failedIndexes', 'uncountedTerminatedPods', 'ready'];
  const out: Record<string, unknown> = {};
  for (const field of order) if (status[field] !== undefined) out[field] = status[field];
  return out as JobStatus;
}
