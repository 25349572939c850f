/** Golden scenarios: a namespace's life with the namespace controller and the root CA publisher. */
import { afterEach, beforeEach, it } from 'vitest';
import { NamespaceController } from '../../../../src/main/cluster/controllers/namespace.js';
import { RootCaPublisher } from '../../../../src/main/cluster/controllers/root-ca-publisher.js';
import { CONFIG_MAPS, NAMESPACES, PODS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, makeCluster } from '../../helpers/cluster.js';
import { expectGolden, runScenario } from '../../helpers/scenario.js';

const CA = '-----BEGIN CERTIFICATE-----\nscenario CA\n-----END CERTIFICATE-----\n';

let cluster: TestCluster;
beforeEach(() => {
  cluster = makeCluster({ namespaces: ['default'] });
  cluster.disposables.add(new NamespaceController(cluster.client('namespace-controller'), cluster.clock)).start();
  cluster.disposables.add(new RootCaPublisher(cluster.client('root-ca-cert-publisher'), cluster.clock, CA)).start();
});
afterEach(() => cluster.dispose());

const show = [
  { resource: NAMESPACES, name: 'team' },
  { resource: CONFIG_MAPS, namespace: 'team' },
  { resource: PODS, namespace: 'team' },
];

it('publishes kube-root-ca.crt in a new namespace (scenario namespace/terminating, before)', () => {
  const out = runScenario(cluster, 'test/scenarios/namespace/terminating.yaml', { steps: [{ advance: '1s' }], show });
  expectGolden('test/scenarios/namespace/active.out.yaml', out);
});

it('empties a deleted namespace and reports the Pod still terminating (scenario namespace/terminating)', () => {
  const out = runScenario(cluster, 'test/scenarios/namespace/terminating.yaml', {
    steps: [{ advance: '1s' }, { run: (client) => expectOk(client.delete(NAMESPACES, undefined, 'team')), advance: '5s' }],
    show,
  });
  expectGolden('test/scenarios/namespace/terminating.out.yaml', out);
});
