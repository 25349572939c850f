/** Golden scenario: a Job of completions 3, parallelism 2 runs to Complete (job/completions-parallel). */
import { afterEach, expect, it } from 'vitest';
import type { Pod } from '../../../../../src/shared/api/core.js';
import { JobController } from '../../../../../src/main/cluster/controllers/job/job-controller.js';
import { EVENTS, JOBS, PODS } from '../../../../../src/main/cluster/client/resources.js';
import { expectOk, makeCluster } from '../../../helpers/cluster.js';
import { expectGolden, runScenario } from '../../../helpers/scenario.js';
import { finishPod } from './job-test-kit.js';

const cluster = makeCluster({ namespaces: ['default'] });
afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function succeedActivePods(): void {
  const pods = expectOk(cluster.client().list<Pod>(PODS, 'default')).items;
  for (const pod of pods) if (!pod.status?.phase || pod.status.phase === 'Pending') finishPod(cluster, pod, 0);
}

it('runs pi to Complete two Pods at a time: SuccessCriteriaMet, Complete, finalizers off (scenario job/completions-parallel)', () => {
  cluster.disposables.add(new JobController(cluster.client('job-controller'), cluster.clock)).start();
  const out = runScenario(cluster, 'test/scenarios/job/completions-parallel.yaml', {
    steps: [{ advance: '5s' }, { run: succeedActivePods, advance: '5s' }, { run: succeedActivePods, advance: '1s' }],
    show: [{ resource: JOBS, namespace: 'default' }, { resource: PODS, namespace: 'default' }, { resource: EVENTS, namespace: 'default' }],
  });
  expectGolden('test/scenarios/job/completions-parallel.out.yaml', out);
});
