import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../../../../src/shared/api/core.js';
import { JobController } from '../../../../../src/main/cluster/controllers/job/job-controller.js';
import { JOBS, PODS } from '../../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, makeCluster } from '../../../helpers/cluster.js';
import { createJob, eventLines, finishPod, getJob, jobPods } from './job-test-kit.js';

let cluster: TestCluster;
let controller: JobController | undefined;

beforeEach(() => {
  cluster = makeCluster();
  controller = undefined;
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function start(): void {
  controller = cluster.disposables.add(new JobController(cluster.client('job-controller'), cluster.clock));
  controller.start();
  cluster.settle();
}

function restart(): void {
  controller?.dispose();
  start();
}

function active(name: string): Pod[] {
  return jobPods(cluster, name).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp);
}

describe('JobController', () => {
  it('creates parallelism Pods named <job>-<5 random> with the tracking finalizer, labels and owner', () => {
    const job = createJob(cluster, 'pi', { completions: 3, parallelism: 2 });
    start();
    const pods = jobPods(cluster, 'pi');
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
      expect(pod.metadata.labels).toMatchObject({
        'batch.kubernetes.io/controller-uid': job.metadata.uid,
        'batch.kubernetes.io/job-name': 'pi',
        'controller-uid': job.metadata.uid,
        'job-name': 'pi',
      });
      expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: job.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    expect(getJob(cluster, 'pi').status).toEqual({ startTime: '2025-01-01T00:00:00Z', active: 2, terminating: 0, uncountedTerminatedPods: {}, ready: 0 });
    expect(eventLines(cluster).sort()).toEqual(pods.map((p) => `Job/pi Normal SuccessfulCreate: Created pod: ${p.metadata.name}`).sort());
    const revision = cluster.revision();
    restart();
    expect(cluster.revision()).toBe(revision);
  });

  it('runs completions 3 parallelism 2 to Complete: SuccessCriteriaMet then Complete, finalizers removed, Completed event', () => {
    createJob(cluster, 'pi', { completions: 3, parallelism: 2 });
    start();
    for (const pod of jobPods(cluster, 'pi')) finishPod(cluster, pod, 0);
    cluster.settle();
    expect(active('pi')).toHaveLength(1);
    expect(getJob(cluster, 'pi').status?.succeeded).toBe(2);
    cluster.clock.advance(5000);
    for (const pod of active('pi')) finishPod(cluster, pod, 0);
    cluster.settle();
    const status = getJob(cluster, 'pi').status;
    expect(status).toEqual({
      conditions: [
        { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: '2025-01-01T00:00:05Z', lastTransitionTime: '2025-01-01T00:00:05Z', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
        { type: 'Complete', status: 'True', lastProbeTime: '2025-01-01T00:00:05Z', lastTransitionTime: '2025-01-01T00:00:05Z', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
      ],
      startTime: '2025-01-01T00:00:00Z',
      completionTime: '2025-01-01T00:00:05Z',
      succeeded: 3,
      terminating: 0,
      uncountedTerminatedPods: {},
      ready: 0,
    });
    const pods = jobPods(cluster, 'pi');
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => (p.metadata.finalizers ?? []).length === 0)).toBe(true);
    expect(eventLines(cluster).filter((l) => l.includes('Completed'))).toEqual(['Job/pi Normal Completed: Job completed']);
    const revision = cluster.revision();
    restart();
    cluster.clock.advance(60_000);
    expect(cluster.revision()).toBe(revision);
  });

  it('backs off 10s, 20s, 40s between failed Pods and fails with BackoffLimitExceeded past backoffLimit', () => {
    createJob(cluster, 'fail', { backoffLimit: 3 });
    start();
    const created: number[] = [];
    const finishAll = (): void => {
      for (const pod of active('fail')) finishPod(cluster, pod, 1);
      cluster.settle();
    };
    created.push(cluster.clock.now());
    for (const wait of [10_000, 20_000, 40_000]) {
      finishAll();
      expect(active('fail')).toHaveLength(0);
      cluster.clock.advance(wait - 1);
      expect(active('fail')).toHaveLength(0);
      cluster.clock.advance(1);
      expect(active('fail')).toHaveLength(1);
      created.push(cluster.clock.now());
    }
    expect(created.map((t) => (t - created[0]!) / 1000)).toEqual([0, 10, 30, 70]);
    finishAll();
    const job = getJob(cluster, 'fail');
    expect(job.status?.failed).toBe(4);
    expect(job.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ['Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ]);
    expect(job.status?.completionTime).toBeUndefined();
    expect(eventLines(cluster)).toContain('Job/fail Warning BackoffLimitExceeded: Job has reached the specified backoff limit');
    const revision = cluster.revision();
    cluster.clock.advance(600_000);
    expect(jobPods(cluster, 'fail')).toHaveLength(4);
    expect(cluster.revision()).toBe(revision);
  });

  it('fails with DeadlineExceeded after activeDeadlineSeconds and deletes the active Pods', () => {
    createJob(cluster, 'slow', { activeDeadlineSeconds: 30, parallelism: 2, completions: 4 });
    start();
    const names = jobPods(cluster, 'slow').map((p) => p.metadata.name);
    cluster.clock.advance(29_999);
    expect(getJob(cluster, 'slow').status?.conditions).toBeUndefined();
    cluster.clock.advance(1);
    cluster.settle();
    const job = getJob(cluster, 'slow');
    expect(job.status?.conditions?.map((c) => [c.type, c.reason, c.message, c.lastTransitionTime])).toEqual([
      ['FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline', '2025-01-01T00:00:30Z'],
      ['Failed', 'DeadlineExceeded', 'Job was active longer than specified deadline', '2025-01-01T00:00:30Z'],
    ]);
    expect(job.status?.failed).toBe(2);
    expect(job.status?.active).toBeUndefined();
    expect(jobPods(cluster, 'slow')).toEqual([]);
    const lines = eventLines(cluster);
    for (const name of names) expect(lines).toContain(`Job/slow Normal SuccessfulDelete: Deleted pod: ${name}`);
    expect(lines).toContain('Job/slow Warning DeadlineExceeded: Job was active longer than specified deadline');
    const revision = cluster.revision();
    restart();
    cluster.clock.advance(60_000);
    expect(cluster.revision()).toBe(revision);
  });

  it('runs an Indexed Job: Pods <job>-<index>-<random>, the completion index annotation, label, hostname and env, completedIndexes', () => {
    createJob(cluster, 'idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' });
    start();
    const pods = jobPods(cluster, 'idx').sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    expect(pods.map((p) => p.metadata.name?.replace(/-[a-z0-9]{5}$/, ''))).toEqual(['idx-0', 'idx-1', 'idx-2']);
    expect(pods[1]!.metadata.annotations).toEqual({ 'batch.kubernetes.io/job-completion-index': '1' });
    expect(pods[1]!.metadata.labels?.['batch.kubernetes.io/job-completion-index']).toBe('1');
    expect(pods[1]!.spec.hostname).toBe('idx-1');
    expect(pods[1]!.spec.containers[0]!.env).toEqual([
      { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } },
    ]);
    finishPod(cluster, pods[0]!, 0);
    finishPod(cluster, pods[2]!, 0);
    finishPod(cluster, pods[1]!, 1);
    cluster.settle();
    expect(getJob(cluster, 'idx').status).toMatchObject({ completedIndexes: '0,2', succeeded: 2, failed: 1 });
    cluster.clock.advance(10_000);
    const retry = active('idx');
    expect(retry.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'])).toEqual(['1']);
    finishPod(cluster, retry[0]!, 0);
    cluster.settle();
    const status = getJob(cluster, 'idx').status;
    expect(status).toMatchObject({ completedIndexes: '0-2', succeeded: 3, failed: 1 });
    expect(status?.conditions?.map((c) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    const revision = cluster.revision();
    restart();
    expect(cluster.revision()).toBe(revision);
  });

  it('restartPolicy OnFailure: container restarts reaching backoffLimit fail the Job (pastBackoffLimitOnFailure)', () => {
    createJob(cluster, 'restarts', {
      backoffLimit: 2,
      template: { metadata: {}, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-e', 'exit 1'] }] } },
    });
    start();
    const [pod] = jobPods(cluster, 'restarts');
    const running = (restartCount: number): void => {
      const current = expectOk(cluster.client().get<Pod>(PODS, 'default', pod!.metadata.name ?? ''));
      expectOk(
        cluster.client().updateStatus(PODS, 'default', {
          ...current,
          status: { phase: 'Running', containerStatuses: [{ name: 'pi', image: 'perl:5.34.0', imageID: '', ready: false, restartCount, lastState: {}, state: { waiting: { reason: 'CrashLoopBackOff' } } }] },
        }),
      );
      cluster.settle();
    };
    running(1);
    expect(getJob(cluster, 'restarts').status?.conditions).toBeUndefined();
    running(2);
    const conditions = getJob(cluster, 'restarts').status?.conditions;
    expect(conditions?.map((c) => [c.type, c.reason])).toEqual([
      ['FailureTarget', 'BackoffLimitExceeded'],
      ['Failed', 'BackoffLimitExceeded'],
    ]);
    // The running Pod was deleted, counted as failed and, with its finalizer gone, removed.
    expect(jobPods(cluster, 'restarts')).toEqual([]);
    expect(getJob(cluster, 'restarts').status?.failed).toBe(1);
  });

  it('suspends (deletes active Pods, Suspended condition) and resumes with a new startTime', () => {
    createJob(cluster, 'sus', { parallelism: 2, completions: 2 });
    start();
    const job = getJob(cluster, 'sus');
    cluster.clock.advance(60_000);
    expectOk(cluster.client().update(JOBS, 'default', { ...job, spec: { ...job.spec, suspend: true } }));
    cluster.settle();
    expect(active('sus')).toHaveLength(0);
    const suspended = getJob(cluster, 'sus');
    expect(suspended.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([['Suspended', 'True', 'JobSuspended', 'Job suspended']]);
    expect(suspended.status?.active).toBeUndefined();
    // deleteJobPods takes the finalizer off first: suspension is not a failure.
    expect(suspended.status?.failed).toBeUndefined();
    expect(jobPods(cluster, 'sus')).toEqual([]);
    cluster.clock.advance(60_000);
    expectOk(cluster.client().update(JOBS, 'default', { ...suspended, spec: { ...suspended.spec, suspend: false } }));
    cluster.settle();
    const resumed = getJob(cluster, 'sus');
    expect(resumed.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([['Suspended', 'False', 'JobResumed', 'Job resumed']]);
    expect(resumed.status?.startTime).toBe('2025-01-01T00:02:00Z');
    expect(active('sus')).toHaveLength(2);
    const lines = eventLines(cluster);
    expect(lines).toContain('Job/sus Normal Suspended: Job suspended');
    expect(lines).toContain('Job/sus Normal Resumed: Job resumed');
  });

  it('podFailurePolicy FailJob: exit code 42 fails the Job at once with reason PodFailurePolicy', () => {
    createJob(cluster, 'policy', {
      backoffLimit: 6,
      podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'pi', operator: 'In', values: [42] } }] },
    });
    start();
    const [pod] = jobPods(cluster, 'policy');
    finishPod(cluster, pod!, 42);
    cluster.settle();
    const job = getJob(cluster, 'policy');
    const message = `Container pi for pod default/${pod!.metadata.name} failed with exit code 42 matching FailJob rule at index 0`;
    expect(job.status?.conditions?.map((c) => [c.type, c.reason, c.message])).toEqual([
      ['FailureTarget', 'PodFailurePolicy', message],
      ['Failed', 'PodFailurePolicy', message],
    ]);
    expect(job.status?.failed).toBe(1);
    expect(eventLines(cluster)).toContain(`Job/policy Warning PodFailurePolicy: ${message}`);
  });

  it('podFailurePolicy Ignore: a matching failure is not counted and the Pod is replaced without back-off', () => {
    createJob(cluster, 'ignore', {
      backoffLimit: 0,
      podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [137] } }] },
    });
    start();
    const [first] = jobPods(cluster, 'ignore');
    finishPod(cluster, first!, 137);
    cluster.settle();
    const job = getJob(cluster, 'ignore');
    expect(job.status?.failed).toBeUndefined();
    expect(job.status?.conditions).toBeUndefined();
    expect(active('ignore')).toHaveLength(1);
    expect(expectOk(cluster.client().get<Pod>(PODS, 'default', first!.metadata.name ?? '')).metadata.finalizers).toBeUndefined();
  });

  it('removes the tracking finalizer from the Pods of a deleted Job', () => {
    createJob(cluster, 'gone', { parallelism: 1 });
    start();
    const [pod] = jobPods(cluster, 'gone');
    expectOk(cluster.client().delete(JOBS, 'default', 'gone', { propagationPolicy: 'Background' }));
    cluster.settle();
    expect(expectOk(cluster.client().get<Pod>(PODS, 'default', pod!.metadata.name ?? '')).metadata.finalizers ?? []).toEqual([]);
  });
});
