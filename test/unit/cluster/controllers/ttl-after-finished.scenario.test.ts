/** Golden scenario: a completed Job with ttlSecondsAfterFinished 30 is deleted 30 s later; one without stays (job/ttl-after-finished). */
import { afterEach, expect, it } from 'vitest';
import type { Pod } from '../../../../src/shared/api/core.js';
import { JobController } from '../../../../src/main/cluster/controllers/job/job-controller.js';
import { TtlAfterFinishedController } from '../../../../src/main/cluster/controllers/ttl-after-finished.js';
import { JOBS, PODS } from '../../../../src/main/cluster/client/resources.js';
import { expectOk, makeCluster } from '../../helpers/cluster.js';
import { expectGolden, runScenario } from '../../helpers/scenario.js';
import { finishPod } from './job/job-test-kit.js';

const cluster = makeCluster({ namespaces: ['default'] });
afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

it('deletes pi-with-ttl 30s after it completed and keeps pi-kept (scenario job/ttl-after-finished)', () => {
  cluster.disposables.add(new JobController(cluster.client('job-controller'), cluster.clock)).start();
  cluster.disposables.add(new TtlAfterFinishedController(cluster.client('ttl-after-finished-controller'), cluster.clock)).start();
  const succeedAll = (): void => {
    for (const pod of expectOk(cluster.client().list<Pod>(PODS, 'default')).items) finishPod(cluster, pod, 0);
  };
  let beforeExpiry: string[] = [];
  const out = runScenario(cluster, 'test/scenarios/job/ttl-after-finished.yaml', {
    steps: [
      { advance: '10s' },
      { run: succeedAll, advance: '29s' },
      {
        run: (client) => {
          beforeExpiry = expectOk(client.list(JOBS, 'default')).items.map((j) => j.metadata.name ?? '');
        },
        advance: '2s',
      },
    ],
    show: [{ resource: JOBS, namespace: 'default' }],
  });
  expect(beforeExpiry).toEqual(['pi-kept', 'pi-with-ttl']);
  expectGolden('test/scenarios/job/ttl-after-finished.out.yaml', out);
});
