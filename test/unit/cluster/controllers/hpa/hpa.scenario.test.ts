/** Golden scenario: an HPA scales a hot Deployment up at its first sync, and down only after the 5-minute stabilization window. */
import { afterEach, it } from 'vitest';
import type { Pod } from '../../../../../src/shared/api/core.js';
import { rfc3339 } from '../../../../../src/main/base/duration.js';
import { VIRTUAL_EPOCH } from '../../../../../src/main/base/clock.js';
import { HorizontalPodAutoscalerController } from '../../../../../src/main/cluster/controllers/hpa/hpa-controller.js';
import { DEPLOYMENTS, EVENTS, HORIZONTAL_POD_AUTOSCALERS, PODS } from '../../../../../src/main/cluster/client/resources.js';
import { expectOk } from '../../../helpers/cluster.js';
import { expectGolden, runScenario } from '../../../helpers/scenario.js';
import { makeHpaCluster } from './hpa-fixture.js';

const { cluster, usage } = makeHpaCluster();
afterEach(() => cluster.dispose());

it('scales web to 4, then after the stabilization window to 1 (scenario hpa/cpu-scale-up-and-down)', () => {
  cluster.disposables.add(new HorizontalPodAutoscalerController(cluster.client('horizontal-pod-autoscaler'), cluster.clock)).start();
  const out = runScenario(cluster, 'test/scenarios/hpa/cpu-scale-up-and-down.yaml', {
    steps: [
      {
        run: (client) => {
          for (const name of ['web-0', 'web-1']) {
            const pod = expectOk(client.get<Pod>(PODS, 'default', name));
            const since = rfc3339(VIRTUAL_EPOCH);
            expectOk(client.updateStatus(PODS, 'default', { ...pod, status: { phase: 'Running', startTime: since, conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: since }] } }));
            usage.cpu.set(name, 90);
          }
        },
      },
      { advance: '15s' },
      { run: () => ['web-0', 'web-1'].forEach((name) => usage.cpu.set(name, 20)) },
      { advance: '5m30s' },
    ],
    show: [{ resource: HORIZONTAL_POD_AUTOSCALERS, namespace: 'default' }, { resource: DEPLOYMENTS, namespace: 'default' }, { resource: EVENTS, namespace: 'default' }],
  });
  expectGolden('test/scenarios/hpa/cpu-scale-up-and-down.out.yaml', out);
});
