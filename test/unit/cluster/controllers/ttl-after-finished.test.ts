import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobController } from '../../../../src/main/cluster/controllers/job/job-controller.js';
import { TtlAfterFinishedController } from '../../../../src/main/cluster/controllers/ttl-after-finished.js';
import { JOBS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, makeCluster } from '../../helpers/cluster.js';
import { createJob, finishPod, jobPods } from './job/job-test-kit.js';

let cluster: TestCluster;

beforeEach(() => {
  cluster = makeCluster();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function start(): TtlAfterFinishedController {
  cluster.disposables.add(new JobController(cluster.client('job-controller'), cluster.clock)).start();
  const ttl = cluster.disposables.add(new TtlAfterFinishedController(cluster.client('ttl-after-finished-controller'), cluster.clock));
  ttl.start();
  cluster.settle();
  return ttl;
}

function jobExists(name: string): boolean {
  return cluster.client().get(JOBS, 'default', name).ok;
}

describe('TtlAfterFinishedController', () => {
  it('deletes a finished Job ttlSecondsAfterFinished after its Complete condition, not before', () => {
    createJob(cluster, 'pi', { ttlSecondsAfterFinished: 100 });
    start();
    cluster.clock.advance(30_000);
    for (const pod of jobPods(cluster, 'pi')) finishPod(cluster, pod, 0);
    cluster.settle();
    expect(expectOk(cluster.client().get(JOBS, 'default', 'pi')).metadata.name).toBe('pi');
    cluster.clock.advance(99_999);
    expect(jobExists('pi')).toBe(true);
    cluster.clock.advance(1);
    expect(jobExists('pi')).toBe(false);
  });

  it('deletes a Failed Job too, and leaves Jobs without a TTL or still running alone', () => {
    createJob(cluster, 'bad', { ttlSecondsAfterFinished: 0, backoffLimit: 0 });
    createJob(cluster, 'keep', { backoffLimit: 0 });
    createJob(cluster, 'running', { ttlSecondsAfterFinished: 0 });
    start();
    for (const pod of [...jobPods(cluster, 'bad'), ...jobPods(cluster, 'keep')]) finishPod(cluster, pod, 1);
    cluster.settle();
    expect(jobExists('bad')).toBe(false);
    expect(jobExists('keep')).toBe(true);
    expect(jobExists('running')).toBe(true);
    const revision = cluster.revision();
    // Within the hour (after it, the Events' one-hour etcd leases expire: etcd's writes, not the controller's).
    cluster.clock.advance(3_590_000);
    expect(cluster.revision()).toBe(revision);
    expect(jobExists('keep')).toBe(true);
  });

  it('waits for a TTL raised before expiry', () => {
    createJob(cluster, 'pi', { ttlSecondsAfterFinished: 10 });
    start();
    for (const pod of jobPods(cluster, 'pi')) finishPod(cluster, pod, 0);
    cluster.settle();
    cluster.clock.advance(5000);
    expectOk(cluster.client().patch(JOBS, 'default', 'pi', 'merge', { spec: { ttlSecondsAfterFinished: 60 } }));
    cluster.clock.advance(10_000);
    expect(jobExists('pi')).toBe(true);
    cluster.clock.advance(45_000);
    expect(jobExists('pi')).toBe(false);
  });
});
