/** Golden scenario: the ServiceAccount controller gives each new namespace its `default` account. */
import { afterEach, it } from 'vitest';
import { ServiceAccountController } from '../../../../src/main/cluster/controllers/service-account.js';
import { SERVICE_ACCOUNTS } from '../../../../src/main/cluster/client/resources.js';
import { makeCluster } from '../../helpers/cluster.js';
import { expectGolden, runScenario } from '../../helpers/scenario.js';

const cluster = makeCluster({ namespaces: ['default'] });
afterEach(() => cluster.dispose());

it('creates default in team-a and team-b (scenario service-account/new-namespaces)', () => {
  cluster.disposables.add(new ServiceAccountController(cluster.client('service-account-controller'), cluster.clock)).start();
  const out = runScenario(cluster, 'test/scenarios/service-account/new-namespaces.yaml', {
    steps: [{ advance: '1s' }],
    show: [{ resource: SERVICE_ACCOUNTS }],
  });
  expectGolden('test/scenarios/service-account/new-namespaces.out.yaml', out);
});
