/**
 * Golden scenario: a bare ReplicaSet makes three Pods; two become Ready; scaled to one, it deletes
 * the not-ready Pod first, then the one Ready for less time (getPodsToDelete; ready 5 s against 65 s
 * ago, a different power of two, so LogarithmicScaleDown does not fall back to uids) — the ReplicaSet, its
 * Pods and the SuccessfulCreate / SuccessfulDelete Events.
 */
import { afterEach, expect, it } from 'vitest';
import type { Pod } from '../../../../src/shared/api/core.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { ReplicaSetController } from '../../../../src/main/cluster/controllers/replicaset.js';
import { EVENTS, PODS, REPLICA_SETS } from '../../../../src/main/cluster/client/resources.js';
import { expectOk, makeCluster } from '../../helpers/cluster.js';
import { expectGolden, runScenario } from '../../helpers/scenario.js';

const cluster = makeCluster({ namespaces: ['default'] });
afterEach(() => cluster.dispose());

function ready(client: ApiClient, index: number): void {
  const pods = expectOk(client.list<Pod>(PODS, 'default')).items.sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  const pod = pods[index]!;
  const at = new Date(Math.floor(cluster.clock.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  expectOk(client.updateStatus(PODS, 'default', { ...pod, status: { ...pod.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: at }] } }));
}

it('scales three Pods down to one, not-ready first (scenario replicaset/scale-down)', () => {
  cluster.disposables.add(new ReplicaSetController(cluster.client('replicaset-controller'), cluster.clock)).start();
  const out = runScenario(cluster, 'test/scenarios/replicaset/scale-down.yaml', {
    steps: [
      { run: (client) => ready(client, 0), advance: '60s' },
      { run: (client) => ready(client, 1), advance: '5s' },
      { run: (client) => expectOk(client.patch(REPLICA_SETS, 'default', 'frontend', 'merge', { spec: { replicas: 1 } })), advance: '1s' },
    ],
    show: [{ resource: REPLICA_SETS, namespace: 'default' }, { resource: PODS, namespace: 'default' }, { resource: EVENTS, namespace: 'default' }],
  });
  expectGolden('test/scenarios/replicaset/scale-down.out.yaml', out);
  expect(cluster.taskErrors).toEqual([]);
});
