/**
 * The CronJob controller (kube-controller-manager's `cronjob` controller, v2): at each schedule
 * time on the lab clock it creates the Job `<cronjob>-<scheduled minutes since the epoch>`,
 * applies the concurrency policy (Allow, Forbid, Replace) and startingDeadlineSeconds, keeps
 * status.active / lastScheduleTime / lastSuccessfulTime, and deletes finished Jobs beyond the
 * history limits. It wakes itself for the next schedule time instead of polling.
 */
import type { CronJob, CronJobStatus, Job } from '../../../../shared/api/batch.js';
import type { ObjectReference } from '../../../../shared/api/core.js';
import { type Disposable, DisposableStore } from '../../../../shared/lifecycle.js';
import type { Clock } from '../../../base/clock.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import { type CronSchedule, isKnownTimeZone, parseCronSchedule } from '../../../base/cron-schedule.js';
import { rfc3339 } from '../../../base/duration.js';
import type { ApiClient } from '../../client/api-client.js';
import { EventRecorder } from '../../client/event-recorder.js';
import { Informer, objectKey } from '../../client/informer.js';
import { CRON_JOBS, JOBS } from '../../client/resources.js';
import { WorkQueue } from '../../client/work-queue.js';
import { ControllerIndex, controllerRef } from '../job/controller-index.js';
import { finishedType } from '../job/job-conditions.js';
import { nextScheduleTime } from './schedule-times.js';

export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** nextScheduleDelta: requeue a little after the schedule time, against clock skew. */
const NEXT_SCHEDULE_DELTA_MS = 100;
const RETRY_MS = 1000;
const MANY_MISSED = 100;

interface MostRecent {
  earliest: number;
  mostRecent?: number;
  missed: 'none' | 'few' | 'many';
  error?: string;
}

/**
 * mostRecentScheduleTime: from the last schedule (or creation, or the starting deadline) to now,
 * the latest schedule time that has passed and how many were missed — estimated from the
 * interval between the first two, as the real controller does.
 */
function mostRecentScheduleTime(cj: CronJob, now: number, schedule: CronSchedule, timeZone: string | undefined, includeDeadline: boolean): MostRecent {
  let earliest = Date.parse(cj.status?.lastScheduleTime ?? cj.metadata.creationTimestamp ?? '') || 0;
  const deadline = cj.spec.startingDeadlineSeconds;
  if (includeDeadline && deadline !== undefined && deadline !== null) earliest = Math.max(earliest, now - deadline * 1000);
  const t1 = nextScheduleTime(schedule, earliest, timeZone);
  if (t1 === undefined || now < t1) return { earliest, missed: 'none' };
  const t2 = nextScheduleTime(schedule, t1, timeZone);
  if (t2 === undefined || now < t2) return { earliest, mostRecent: t1, missed: 'none' };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { earliest, missed: 'none', error: 'time difference between two schedules is less than 1 second' };
  const missedCount = Math.floor(Math.floor((now - t1) / 1000) / between) + 1;
  let mostRecent: number | undefined;
  for (let t = nextScheduleTime(schedule, t1 + (missedCount - 2) * between * 1000, timeZone); t !== undefined && t <= now; t = nextScheduleTime(schedule, t, timeZone)) mostRecent = t;
  return { earliest, mostRecent, missed: missedCount > MANY_MISSED ? 'many' : 'few' };
}

/** nextScheduleTimeDuration: how long until the schedule after the most recent one (plus the delta). */
function nextScheduleIn(cj: CronJob, now: number, schedule: CronSchedule, timeZone: string | undefined): number | undefined {
  const recent = mostRecentScheduleTime(cj, now, schedule, timeZone, false);
  const from = recent.error ? now : (recent.mostRecent ?? (recent.missed === 'none' ? recent.earliest : now));
  const next = nextScheduleTime(schedule, from, timeZone);
  return next === undefined ? undefined : next + NEXT_SCHEDULE_DELTA_MS - now;
}

/** time.RFC1123Z in UTC: `Wed, 01 Jan 2025 00:01:00 +0000`. */
function rfc1123z(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

/** The scheduled time in the CronJob's zone as RFC 3339 (`2025-01-01T09:00:00+09:00`). */
function rfc3339In(ms: number, timeZone: string | undefined): string {
  if (!timeZone || timeZone === 'UTC') return rfc3339(ms);
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  for (const part of format.formatToParts(ms)) parts[part.type] = part.value;
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offset = Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
  const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${zone}`;
}

/** byJobStartTime: by status.startTime (unset last), then name. */
function byStartTime(a: Job, b: Job): number {
  const sa = a.status?.startTime;
  const sb = b.status?.startTime;
  if (sa === undefined && sb !== undefined) return 1;
  if (sa !== undefined && sb === undefined) return -1;
  if (sa !== undefined && sb !== undefined && sa !== sb) return Date.parse(sa) - Date.parse(sb);
  return (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

export class CronJobController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly cronJobs: Informer<CronJob>;
  private readonly jobs: Informer<Job>;
  private readonly jobsByCronJob = new ControllerIndex<Job>('CronJob');
  private readonly queue: WorkQueue;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
  ) {
    this.cronJobs = this.disposables.add(new Informer<CronJob>(client, CRON_JOBS));
    this.jobs = this.disposables.add(new Informer<Job>(client, JOBS));
    this.queue = this.disposables.add(new WorkQueue(clock, (key) => this.sync(key)));
    this.recorder = new EventRecorder(client, clock, { component: 'cronjob-controller' });
    this.disposables.add(this.cronJobs.onDidChange((change) => this.queue.add(objectKey(change.object))));
    this.disposables.add(
      this.jobs.onDidChange((change) => {
        this.jobsByCronJob.observe(change);
        const ref = controllerRef(change.object);
        if (ref?.kind === 'CronJob') this.queue.add(`${change.object.metadata.namespace ?? ''}/${ref.name}`);
      }),
    );
  }

  start(): void {
    this.jobs.start();
    this.cronJobs.start();
  }

  private sync(key: string): void {
    const cached = this.cronJobs.get(key);
    if (!cached) return;
    const cj = structuredClone(cached);
    cj.status ??= {};
    const jobs = this.jobsByCronJob.list(cj.metadata.uid);
    const requeueIn = this.syncCronJob(cj, jobs);
    this.cleanupFinishedJobs(cj, jobs);
    if (canonicalJson(orderStatus(cj.status)) !== canonicalJson(cached.status ?? {})) {
      cj.status = orderStatus(cj.status);
      const written = this.client.updateStatus(CRON_JOBS, cj.metadata.namespace, cj);
      // A conflict means a newer CronJob is on its way through the informer, which queues it again.
      if (!written.ok && written.status.code !== 409 && written.status.code !== 404) this.queue.addAfter(key, RETRY_MS);
    }
    if (requeueIn !== undefined) this.queue.addAfter(key, Math.max(1, requeueIn));
  }

  /** syncCronJob: reconcile status.active with the Jobs, then maybe start one. Returns when to look again. */
  private syncCronJob(cj: CronJob, jobs: readonly Job[]): number | undefined {
    const status = cj.status!;
    const now = this.clock.now();
    const byUid = new Set<string>();
    for (const job of jobs) {
      const uid = job.metadata.uid ?? '';
      byUid.add(uid);
      const inActive = status.active?.some((a) => a.uid === uid) ?? false;
      const finished = finishedType(job);
      if (!inActive && finished === undefined) {
        this.recorder.event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${job.metadata.name ?? ''}`);
      } else if (inActive && finished !== undefined) {
        removeFromActive(status, uid);
        this.recorder.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name ?? ''}, condition: ${finished}`);
      }
      const completedAt = job.status?.completionTime;
      if (finished === 'Complete' && completedAt !== undefined) {
        if (status.lastSuccessfulTime === undefined || Date.parse(completedAt) > Date.parse(status.lastSuccessfulTime)) status.lastSuccessfulTime = completedAt;
      }
    }
    for (const ref of [...(status.active ?? [])]) {
      if (byUid.has(ref.uid ?? '')) continue;
      // Asked of the API server, as a slow watch may not have shown the Job yet.
      const got = this.client.get<Job>(JOBS, ref.namespace, ref.name ?? '');
      if (!got.ok && got.status.code === 404) {
        this.recorder.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name ?? ''}`);
        removeFromActive(status, ref.uid ?? '');
      }
    }
    if (cj.metadata.deletionTimestamp) return undefined;
    const timeZone = cj.spec.timeZone ?? undefined;
    if (timeZone !== undefined && !isKnownTimeZone(timeZone)) {
      this.recorder.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(timeZone)}: unknown time zone ${timeZone}`);
      return undefined;
    }
    if (cj.spec.suspend === true) return undefined;
    const parsed = parseCronSchedule(cj.spec.schedule);
    if (!parsed.ok) {
      this.recorder.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec.schedule)} : ${parsed.error}`);
      return undefined;
    }
    const schedule = parsed.schedule;
    const zone = timeZone ?? schedule.timeZone;
    const recent = mostRecentScheduleTime(cj, now, schedule, zone, true);
    if (recent.error) {
      this.recorder.event(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec.schedule} : ${recent.error}`);
      return undefined;
    }
    const next = (): number | undefined => nextScheduleIn(cj, now, schedule, zone);
    const scheduled = recent.mostRecent;
    if (scheduled === undefined || scheduled > now) return next();
    if (recent.missed === 'many') {
      this.recorder.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    }
    const deadline = cj.spec.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null && scheduled + deadline * 1000 < now) {
      this.recorder.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      return next();
    }
    const name = `${cj.metadata.name ?? ''}-${Math.floor(scheduled / 60_000)}`;
    if (status.active?.some((a) => a.name === name) || (status.lastScheduleTime !== undefined && Date.parse(status.lastScheduleTime) === scheduled)) return next();
    if (cj.spec.concurrencyPolicy === 'Forbid' && (status.active?.length ?? 0) > 0) {
      this.recorder.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return next();
    }
    if (cj.spec.concurrencyPolicy === 'Replace') {
      for (const ref of [...(status.active ?? [])]) {
        const got = this.client.get<Job>(JOBS, ref.namespace, ref.name ?? '');
        if (!got.ok) continue;
        if (!this.deleteJob(cj, got.value)) {
          this.queue.addAfter(objectKey(cj), RETRY_MS);
          return undefined;
        }
      }
    }
    const created = this.client.create<Job>(JOBS, cj.metadata.namespace, this.jobFor(cj, scheduled));
    let job: Job;
    if (created.ok) {
      job = created.value;
      this.recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name ?? ''}`);
    } else if (created.status.reason === 'AlreadyExists') {
      // Made by someone else (or by us before a lost status write): adopt it only if it is ours.
      const got = this.client.get<Job>(JOBS, cj.metadata.namespace, name);
      if (!got.ok) return next();
      job = got.value;
      if (controllerRef(job)?.uid !== cj.metadata.uid || status.active?.some((a) => a.uid === job.metadata.uid)) return undefined;
    } else {
      this.recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${created.status.message ?? ''}`);
      this.queue.addAfter(objectKey(cj), RETRY_MS);
      return undefined;
    }
    const ref: ObjectReference = {
      kind: 'Job',
      namespace: job.metadata.namespace,
      name: job.metadata.name,
      uid: job.metadata.uid,
      apiVersion: 'batch/v1',
      resourceVersion: job.metadata.resourceVersion,
    };
    status.active = [...(status.active ?? []), ref];
    status.lastScheduleTime = rfc3339(scheduled);
    return next();
  }

  /**
   * getJobFromTemplate2: the template's labels and annotations, the scheduled-timestamp annotation
   * (in spec.timeZone, UTC without one), the owner.
   */
  private jobFor(cj: CronJob, scheduled: number): Job {
    const template = structuredClone(cj.spec.jobTemplate);
    const labels = { ...template.metadata?.labels };
    const annotations = { ...template.metadata?.annotations, [SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339In(scheduled, cj.spec.timeZone ?? undefined) };
    return {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: `${cj.metadata.name ?? ''}-${Math.floor(scheduled / 60_000)}`,
        namespace: cj.metadata.namespace,
        ...(Object.keys(labels).length > 0 ? { labels } : {}),
        annotations,
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name ?? '', uid: cj.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      spec: template.spec,
    };
  }

  /** deleteJob: background propagation, then out of the active list. */
  private deleteJob(cj: CronJob, job: Job): boolean {
    const deleted = this.client.delete(JOBS, job.metadata.namespace, job.metadata.name ?? '', { propagationPolicy: 'Background' });
    if (!deleted.ok && deleted.status.code !== 404) {
      this.recorder.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${deleted.status.message ?? ''}`);
      return false;
    }
    removeFromActive(cj.status!, job.metadata.uid ?? '');
    if (deleted.ok) this.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name ?? ''}`);
    return true;
  }

  /** cleanupFinishedJobs: keep the newest successfulJobsHistoryLimit Complete and failedJobsHistoryLimit Failed Jobs. */
  private cleanupFinishedJobs(cj: CronJob, jobs: readonly Job[]): void {
    const successfulLimit = cj.spec.successfulJobsHistoryLimit;
    const failedLimit = cj.spec.failedJobsHistoryLimit;
    const succeeded = jobs.filter((j) => finishedType(j) === 'Complete' && !j.metadata.deletionTimestamp);
    const failed = jobs.filter((j) => finishedType(j) === 'Failed' && !j.metadata.deletionTimestamp);
    for (const [list, limit] of [
      [succeeded, successfulLimit],
      [failed, failedLimit],
    ] as const) {
      if (limit === undefined || limit === null || list.length <= limit) continue;
      for (const job of [...list].sort(byStartTime).slice(0, list.length - limit)) this.deleteJob(cj, job);
    }
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

function removeFromActive(status: CronJobStatus, uid: string): void {
  if (!status.active) return;
  status.active = status.active.filter((a) => a.uid !== uid);
}

/** CronJobStatus in Go's order, with an empty active list left out (omitempty). */
function orderStatus(status: CronJobStatus): CronJobStatus {
  return {
    ...(status.active && status.active.length > 0 ? { active: status.active } : {}),
    ...(status.lastScheduleTime !== undefined ? { lastScheduleTime: status.lastScheduleTime } : {}),
    ...(status.lastSuccessfulTime !== undefined ? { lastSuccessfulTime: status.lastSuccessfulTime } : {}),
  };
}
