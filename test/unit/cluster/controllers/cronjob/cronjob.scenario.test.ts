/** Golden scenario: `*\/1 * * * *` for five minutes with history limits, the Job controller running the Jobs (cronjob/every-minute). */
import { afterEach, expect, it } from 'vitest';
import type { Pod } from '../../../../../src/shared/api/core.js';
import { CronJobController } from '../../../../../src/main/cluster/controllers/cronjob/cronjob-controller.js';
import { JobController } from '../../../../../src/main/cluster/controllers/job/job-controller.js';
import { CRON_JOBS, EVENTS, JOBS, PODS } from '../../../../../src/main/cluster/client/resources.js';
import { expectOk, makeCluster } from '../../../helpers/cluster.js';
import { type ScenarioStep, expectGolden, runScenario } from '../../../helpers/scenario.js';
import { finishPod } from '../job/job-test-kit.js';

const cluster = makeCluster({ namespaces: ['default'] });
afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

/** The Pods still pending finish: the third minute's fails, the others succeed. */
function finishPods(minute: number): ScenarioStep {
  return {
    run: () => {
      for (const pod of expectOk(cluster.client().list<Pod>(PODS, 'default')).items) {
        if (!pod.status?.phase || pod.status.phase === 'Pending') finishPod(cluster, pod, minute === 3 ? 1 : 0);
      }
    },
    advance: '50s',
  };
}

it('creates a Job a minute, sees each finish and keeps 2 successful and 1 failed (scenario cronjob/every-minute)', () => {
  cluster.disposables.add(new JobController(cluster.client('job-controller'), cluster.clock)).start();
  cluster.disposables.add(new CronJobController(cluster.client('cronjob-controller'), cluster.clock)).start();
  const steps: ScenarioStep[] = [{ advance: '1m5s' }];
  for (let minute = 1; minute <= 5; minute++) steps.push(finishPods(minute), { advance: '10s' });
  const out = runScenario(cluster, 'test/scenarios/cronjob/every-minute.yaml', {
    steps,
    show: [{ resource: CRON_JOBS, namespace: 'default' }, { resource: JOBS, namespace: 'default' }, { resource: EVENTS, namespace: 'default' }],
  });
  expectGolden('test/scenarios/cronjob/every-minute.out.yaml', out);
});
