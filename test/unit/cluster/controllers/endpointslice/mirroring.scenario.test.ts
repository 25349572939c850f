/** Golden scenario: custom Endpoints of a selectorless Service mirrored into an EndpointSlice. */
import { afterEach, expect, it } from 'vitest';
import { EndpointsController } from '../../../../../src/main/cluster/controllers/endpoints.js';
import { EndpointSliceController } from '../../../../../src/main/cluster/controllers/endpointslice/endpointslice-controller.js';
import { EndpointSliceMirroringController } from '../../../../../src/main/cluster/controllers/endpointslice/mirroring.js';
import { ENDPOINT_SLICES } from '../../../../../src/main/cluster/client/resources.js';
import { makeCluster } from '../../../helpers/cluster.js';
import { expectGolden, runScenario } from '../../../helpers/scenario.js';

const cluster = makeCluster();
afterEach(() => cluster.dispose());

it('mirrors hand-made Endpoints (scenario endpoints/mirroring)', () => {
  // All three run, as in kube-controller-manager: only the mirroring controller may act here.
  cluster.disposables.add(new EndpointsController(cluster.client('endpoint-controller'), cluster.clock)).start();
  cluster.disposables.add(new EndpointSliceController(cluster.client('endpointslice-controller'), cluster.clock)).start();
  cluster.disposables.add(new EndpointSliceMirroringController(cluster.client('endpointslicemirroring-controller'), cluster.clock)).start();
  const out = runScenario(cluster, 'test/scenarios/endpoints/mirroring.yaml', {
    steps: [{ advance: '10s' }],
    show: [{ resource: ENDPOINT_SLICES, namespace: 'default' }],
  });
  expect(cluster.taskErrors).toEqual([]);
  expectGolden('test/scenarios/endpoints/mirroring.out.yaml', out);
});
