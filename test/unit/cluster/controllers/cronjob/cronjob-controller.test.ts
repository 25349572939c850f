import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CronJob, Job } from '../../../../../src/shared/api/batch.js';
import { rfc3339 } from '../../../../../src/main/base/duration.js';
import { CronJobController } from '../../../../../src/main/cluster/controllers/cronjob/cronjob-controller.js';
import { CRON_JOBS, JOBS } from '../../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, makeCluster } from '../../../helpers/cluster.js';
import { eventLines } from '../job/job-test-kit.js';

const MINUTE = 60_000;
/** 2025-01-01T00:00:00Z in minutes since the epoch: the first Job of a new CronJob is this + 1. */
const START_MINUTES = 28_928_160;

let cluster: TestCluster;
let controller: CronJobController | undefined;

beforeEach(() => {
  cluster = makeCluster();
  controller = undefined;
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function start(): void {
  controller = cluster.disposables.add(new CronJobController(cluster.client('cronjob-controller'), cluster.clock));
  controller.start();
  cluster.settle();
}

function createCronJob(name: string, spec: Partial<CronJob['spec']> = {}): CronJob {
  return expectOk(
    cluster.client().create<CronJob>(CRON_JOBS, 'default', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name },
      spec: {
        schedule: '*/1 * * * *',
        jobTemplate: { spec: { template: { metadata: {}, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.28', command: ['/bin/sh', '-c', 'date; echo Hello'] }] } } } },
        ...spec,
      },
    }),
  );
}

function cronJob(name: string): CronJob {
  return expectOk(cluster.client().get<CronJob>(CRON_JOBS, 'default', name));
}

function jobNames(): string[] {
  return expectOk(cluster.client().list<Job>(JOBS, 'default')).items.map((j) => j.metadata.name ?? '');
}

/** Finish a Job as the Job controller would (the conditions and completionTime only). */
function finishJob(name: string, type: 'Complete' | 'Failed'): void {
  const client = cluster.client();
  const job = expectOk(client.get<Job>(JOBS, 'default', name));
  const at = rfc3339(cluster.clock.now());
  const why = type === 'Complete' ? { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' } : { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
  const interim = type === 'Complete' ? 'SuccessCriteriaMet' : 'FailureTarget';
  expectOk(
    client.updateStatus<Job>(JOBS, 'default', {
      ...job,
      status: {
        conditions: [
          { type: interim, status: 'True', lastProbeTime: at, lastTransitionTime: at, ...why },
          { type, status: 'True', lastProbeTime: at, lastTransitionTime: at, ...why },
        ],
        startTime: job.status?.startTime ?? at,
        ...(type === 'Complete' ? { completionTime: at, succeeded: 1 } : { failed: 1 }),
        terminating: 0,
        uncountedTerminatedPods: {},
        ready: 0,
      },
    }),
  );
  cluster.settle();
}

describe('CronJobController', () => {
  it('creates <cronjob>-<minutes since epoch> at the schedule time with the scheduled-timestamp annotation and owner', () => {
    const cj = createCronJob('hello');
    start();
    expect(jobNames()).toEqual([]);
    cluster.clock.advance(MINUTE);
    expect(jobNames()).toEqual([]);
    cluster.clock.advance(100);
    const job = expectOk(cluster.client().get<Job>(JOBS, 'default', `hello-${START_MINUTES + 1}`));
    expect(job.metadata.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2025-01-01T00:01:00Z' });
    expect(job.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(job.spec.template.spec.containers[0]!.image).toBe('busybox:1.28');
    const status = cronJob('hello').status;
    expect(status).toEqual({
      active: [{ kind: 'Job', namespace: 'default', name: `hello-${START_MINUTES + 1}`, uid: job.metadata.uid, apiVersion: 'batch/v1', resourceVersion: expect.any(String) as string }],
      lastScheduleTime: '2025-01-01T00:01:00Z',
    });
    expect(eventLines(cluster)).toEqual([`CronJob/hello Normal SuccessfulCreate: Created job hello-${START_MINUTES + 1}`]);
    const revision = cluster.revision();
    controller?.dispose();
    start();
    cluster.clock.advance(MINUTE - 200);
    expect(cluster.revision()).toBe(revision);
  });

  it('sees completed Jobs (SawCompletedJob, lastSuccessfulTime) and keeps successfulJobsHistoryLimit of them', () => {
    createCronJob('hello', { successfulJobsHistoryLimit: 2 });
    start();
    cluster.clock.advance(30_000);
    for (let i = 1; i <= 4; i++) {
      cluster.clock.advance(MINUTE);
      finishJob(`hello-${START_MINUTES + i}`, 'Complete');
    }
    expect(jobNames()).toEqual([`hello-${START_MINUTES + 3}`, `hello-${START_MINUTES + 4}`]);
    const status = cronJob('hello').status;
    expect(status?.active).toBeUndefined();
    expect(status?.lastSuccessfulTime).toBe(rfc3339(cluster.clock.now()));
    const lines = eventLines(cluster);
    expect(lines).toContain(`CronJob/hello Normal SawCompletedJob: Saw completed job: hello-${START_MINUTES + 1}, condition: Complete`);
    expect(lines).toContain(`CronJob/hello Normal SuccessfulDelete: Deleted job hello-${START_MINUTES + 1}`);
    expect(lines).toContain(`CronJob/hello Normal SuccessfulDelete: Deleted job hello-${START_MINUTES + 2}`);
  });

  it('Forbid: skips a run while the previous Job is active (JobAlreadyActive), and starts the missed one late once it finishes', () => {
    createCronJob('once', { concurrencyPolicy: 'Forbid' });
    start();
    cluster.clock.advance(2 * MINUTE + 200);
    expect(jobNames()).toEqual([`once-${START_MINUTES + 1}`]);
    expect(eventLines(cluster)).toContain('CronJob/once Normal JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid');
    // No startingDeadlineSeconds: the 00:02 run is still due when the 00:01 Job finishes.
    finishJob(`once-${START_MINUTES + 1}`, 'Complete');
    expect(jobNames()).toEqual([`once-${START_MINUTES + 1}`, `once-${START_MINUTES + 2}`]);
    expect(cronJob('once').status?.lastScheduleTime).toBe('2025-01-01T00:02:00Z');
  });

  it('Replace: deletes the running Job and starts the new one', () => {
    createCronJob('swap', { concurrencyPolicy: 'Replace' });
    start();
    cluster.clock.advance(2 * MINUTE + 200);
    expect(jobNames()).toEqual([`swap-${START_MINUTES + 2}`]);
    expect(cronJob('swap').status?.active?.map((a) => a.name)).toEqual([`swap-${START_MINUTES + 2}`]);
    expect(eventLines(cluster)).toContain(`CronJob/swap Normal SuccessfulDelete: Deleted job swap-${START_MINUTES + 1}`);
  });

  it('startingDeadlineSeconds: a run that can no longer start in time is skipped, not started late', () => {
    createCronJob('strict', { concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 10 });
    start();
    cluster.clock.advance(2 * MINUTE + 200);
    cluster.clock.advance(20_000);
    finishJob(`strict-${START_MINUTES + 1}`, 'Complete');
    expect(jobNames()).toEqual([`strict-${START_MINUTES + 1}`]);
    cluster.clock.advance(MINUTE);
    expect(jobNames()).toEqual([`strict-${START_MINUTES + 1}`, `strict-${START_MINUTES + 3}`]);
  });

  it('suspend: no Jobs while suspended', () => {
    createCronJob('paused', { suspend: true });
    start();
    cluster.clock.advance(5 * MINUTE);
    expect(jobNames()).toEqual([]);
  });

  it('after more than 100 missed start times warns TooManyMissedTimes and still starts the most recent one', () => {
    createCronJob('late');
    cluster.clock.advance(150 * MINUTE + 30_000);
    start();
    expect(jobNames()).toEqual([`late-${START_MINUTES + 150}`]);
    expect(eventLines(cluster)).toContain('CronJob/late Warning TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
  });

  it('schedules in spec.timeZone: 0 9 * * * in Asia/Tokyo fires at 00:00 UTC, annotated in +09:00', () => {
    createCronJob('tokyo', { schedule: '0 9 * * *', timeZone: 'Asia/Tokyo' });
    start();
    cluster.clock.advance(24 * 60 * MINUTE + 100);
    const name = `tokyo-${START_MINUTES + 24 * 60}`;
    expect(jobNames()).toEqual([name]);
    const job = expectOk(cluster.client().get<Job>(JOBS, 'default', name));
    expect(job.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2025-01-02T09:00:00+09:00');
  });
});
