/** Golden scenarios: the garbage collector's foreground and orphan deletion, as kubectl would show them after. */
import { afterEach, beforeEach, it } from 'vitest';
import type { ConfigMap } from '../../../../src/shared/api/core.js';
import type { OwnerReference } from '../../../../src/shared/api/meta.js';
import { GarbageCollector } from '../../../../src/main/cluster/controllers/garbage-collector/garbage-collector.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { CONFIG_MAPS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, makeCluster } from '../../helpers/cluster.js';
import { expectGolden, runScenario } from '../../helpers/scenario.js';

let cluster: TestCluster;
beforeEach(() => {
  cluster = makeCluster({ namespaces: ['default'] });
  cluster.disposables.add(new GarbageCollector(cluster.client('generic-garbage-collector'), cluster.clock)).start();
});
afterEach(() => cluster.dispose());

function ownedBy(client: ApiClient, name: string, owners: string[], extra: Partial<ConfigMap['metadata']> = {}): void {
  const ownerReferences: OwnerReference[] = owners.map((owner) => {
    const found = expectOk(client.get<ConfigMap>(CONFIG_MAPS, 'default', owner));
    return { apiVersion: 'v1', kind: 'ConfigMap', name: owner, uid: found.metadata.uid ?? '', controller: owner === owners[0], blockOwnerDeletion: true };
  });
  expectOk(client.create(CONFIG_MAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ownerReferences, ...extra }, data: { role: 'dependent' } }));
}

it('deletes the dependents first, keeps one another owner holds, then the owner (scenario garbage-collector/foreground-cascade)', () => {
  const out = runScenario(cluster, 'test/scenarios/garbage-collector/foreground-cascade.yaml', {
    steps: [
      {
        run: (client) => {
          ownedBy(client, 'app-config', ['app']);
          ownedBy(client, 'app-held', ['app'], { finalizers: ['example.com/hold'] });
          ownedBy(client, 'shared', ['other', 'app']);
        },
      },
      // `app-held` waits on its own finalizer, so `app` waits for it: the moment printed.
      { run: (client) => expectOk(client.delete(CONFIG_MAPS, 'default', 'app', { propagationPolicy: 'Foreground' })), advance: '10s' },
    ],
    show: [{ resource: CONFIG_MAPS, namespace: 'default' }],
  });
  expectGolden('test/scenarios/garbage-collector/foreground-cascade.out.yaml', out);
});

it('lets the dependents go free (scenario garbage-collector/orphan)', () => {
  const out = runScenario(cluster, 'test/scenarios/garbage-collector/orphan.yaml', {
    steps: [
      { run: (client) => ['app-config', 'app-secret-ref'].forEach((name) => ownedBy(client, name, ['app'])) },
      { run: (client) => expectOk(client.delete(CONFIG_MAPS, 'default', 'app', { propagationPolicy: 'Orphan' })), advance: '10s' },
    ],
    show: [{ resource: CONFIG_MAPS, namespace: 'default' }],
  });
  expectGolden('test/scenarios/garbage-collector/orphan.out.yaml', out);
});
