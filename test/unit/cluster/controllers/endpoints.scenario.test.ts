/**
 * Golden scenario: the Endpoints and EndpointSlice controllers follow a Service's Pods as a kubelet
 * runs them — Ready Pods as addresses (ready endpoints), a Pod that never starts as a not-ready
 * address, a deleted Pod gone — with the named targetPort resolved per Pod.
 */
import { afterEach, expect, it } from 'vitest';
import { EndpointsController } from '../../../../src/main/cluster/controllers/endpoints.js';
import { EndpointSliceController } from '../../../../src/main/cluster/controllers/endpointslice/endpointslice-controller.js';
import { ENDPOINT_SLICES, ENDPOINTS, PODS } from '../../../../src/main/cluster/client/resources.js';
import { makeCluster } from '../../helpers/cluster.js';
import { startIpam, startKubelet } from '../../helpers/kubelet.js';
import { expectGolden, runScenario } from '../../helpers/scenario.js';

const cluster = makeCluster();
afterEach(() => cluster.dispose());

it('lists ready, not-ready and deleted Pods (scenario endpoints/ready-unready)', () => {
  startIpam(cluster);
  startKubelet(cluster, 'node01');
  cluster.disposables.add(new EndpointsController(cluster.client('endpoint-controller'), cluster.clock)).start();
  cluster.disposables.add(new EndpointSliceController(cluster.client('endpointslice-controller'), cluster.clock)).start();
  const out = runScenario(cluster, 'test/scenarios/endpoints/ready-unready.yaml', {
    steps: [{ advance: '1m' }, { run: (client) => void client.delete(PODS, 'default', 'web-2') }, { advance: '1m' }],
    show: [
      { resource: ENDPOINTS, namespace: 'default' },
      { resource: ENDPOINT_SLICES, namespace: 'default' },
    ],
  });
  expect(cluster.taskErrors).toEqual([]);
  expectGolden('test/scenarios/endpoints/ready-unready.out.yaml', out);
});
