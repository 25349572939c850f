/**
 * The TTL-after-finished controller (kube-controller-manager's `ttl-after-finished`): a Job with
 * `ttlSecondsAfterFinished` is deleted (background propagation, so the garbage collector removes
 * its Pods) that many seconds after it finished — the transition time of its Complete or Failed
 * condition. It waits on the clock for each Job's expiry rather than polling.
 */
import type { Job } from '../../../shared/api/batch.js';
import { type Disposable, DisposableStore } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import type { ApiClient } from '../client/api-client.js';
import { Informer, objectKey } from '../client/informer.js';
import { JOBS } from '../client/resources.js';
import { WorkQueue } from '../client/work-queue.js';

const RETRY_MS = 1000;

/** jobFinishTime: when the Complete or Failed condition turned True, or undefined if not finished. */
export function jobFinishTime(job: Job): number | undefined {
  const condition = job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  if (!condition?.lastTransitionTime) return undefined;
  return Date.parse(condition.lastTransitionTime);
}

/** Milliseconds until the Job expires (≤ 0: now), or undefined when it has no TTL or is not finished. */
function timeLeft(job: Job, now: number): number | undefined {
  const ttl = job.spec.ttlSecondsAfterFinished;
  if (ttl === undefined || ttl === null || job.metadata.deletionTimestamp) return undefined;
  const finishedAt = jobFinishTime(job);
  if (finishedAt === undefined) return undefined;
  return finishedAt + ttl * 1000 - now;
}

export class TtlAfterFinishedController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly jobs: Informer<Job>;
  private readonly queue: WorkQueue;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
  ) {
    this.jobs = this.disposables.add(new Informer<Job>(client, JOBS));
    this.queue = this.disposables.add(new WorkQueue(clock, (key) => this.sync(key)));
    this.disposables.add(
      this.jobs.onDidChange((change) => {
        if (change.type !== 'delete' && timeLeft(change.object, this.clock.now()) !== undefined) this.queue.add(objectKey(change.object));
      }),
    );
  }

  start(): void {
    this.jobs.start();
  }

  private sync(key: string): void {
    const cached = this.jobs.get(key);
    if (!cached) return;
    const left = timeLeft(cached, this.clock.now());
    if (left === undefined) return;
    if (left > 0) {
      this.queue.addAfter(key, left);
      return;
    }
    // processTTL: check the latest Job from the API server before deleting it, in case its TTL changed.
    const fresh = this.client.get<Job>(JOBS, cached.metadata.namespace, cached.metadata.name ?? '');
    if (!fresh.ok) return;
    const freshLeft = timeLeft(fresh.value, this.clock.now());
    if (freshLeft === undefined) return;
    if (freshLeft > 0) {
      this.queue.addAfter(key, freshLeft);
      return;
    }
    const deleted = this.client.delete(JOBS, fresh.value.metadata.namespace, fresh.value.metadata.name ?? '', {
      propagationPolicy: 'Background',
      preconditions: { uid: fresh.value.metadata.uid },
    });
    if (!deleted.ok && deleted.status.code !== 404 && deleted.status.code !== 409) this.queue.addAfter(key, RETRY_MS);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
