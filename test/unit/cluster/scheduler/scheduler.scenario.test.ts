/**
 * Golden scenarios: the full FailedScheduling text for a Pod every node rejects for a different
 * reason; and the system default topology spreading that puts a ReplicaSet's four replicas two per
 * node although resource scoring alone prefers the emptier node.
 */
import { afterEach, expect, it } from 'vitest';
import type { Node, Pod } from '../../../../src/shared/api/core.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { EVENTS, NODES, PODS } from '../../../../src/main/cluster/client/resources.js';
import { ReplicaSetController } from '../../../../src/main/cluster/controllers/replicaset.js';
import { Scheduler } from '../../../../src/main/cluster/scheduler/scheduler.js';
import { expectOk, makeCluster } from '../../helpers/cluster.js';
import { expectGolden, runScenario } from '../../helpers/scenario.js';

let cluster = makeCluster({ namespaces: ['default'] });
afterEach(() => {
  cluster.dispose();
  cluster = makeCluster({ namespaces: ['default'] });
});

function startScheduler(): void {
  cluster.disposables.add(new Scheduler(cluster.client('kube-scheduler'), cluster.clock, cluster.random.fork('kube-scheduler'))).start();
}

/** The kubelets' report: every node's capacity, by name. */
function reportCapacity(client: ApiClient, cpuOf: (node: string) => string, memory: string): void {
  for (const node of expectOk(client.list<Node>(NODES)).items) {
    const resources = { cpu: cpuOf(node.metadata.name ?? ''), memory, pods: '110' };
    expectOk(client.updateStatus(NODES, undefined, { ...node, status: { capacity: resources, allocatable: resources } }));
  }
}

it('explains why no node fits, reason by reason (scenario scheduler/mixed-reasons)', () => {
  startScheduler();
  const out = runScenario(cluster, 'test/scenarios/scheduler/mixed-reasons.yaml', {
    steps: [
      // node01 is the small one; the others have room.
      { run: (client) => reportCapacity(client, (name) => (name === 'node01' ? '1' : '2'), '4Gi'), advance: '1s' },
      // The node changes moved the Pod back; after its back-off it fails the same way, once more.
      { advance: '30s' },
    ],
    show: [
      { resource: PODS, namespace: 'default' },
      { resource: EVENTS, namespace: 'default' },
    ],
  });
  expectGolden('test/scenarios/scheduler/mixed-reasons.out.yaml', out);
});

it('spreads a ReplicaSet two per node over the emptier node (scenario scheduler/default-spreading)', () => {
  startScheduler();
  cluster.disposables.add(new ReplicaSetController(cluster.client('replicaset-controller'), cluster.clock)).start();
  const out = runScenario(cluster, 'test/scenarios/scheduler/default-spreading.yaml', {
    steps: [{ run: (client) => reportCapacity(client, () => '4', '8Gi'), advance: '1s' }, { apply: 'default-spreading-web.yaml', advance: '10s' }],
    show: [
      { resource: PODS, namespace: 'default' },
      { resource: EVENTS, namespace: 'default' },
    ],
  });
  expectGolden('test/scenarios/scheduler/default-spreading.out.yaml', out);
  const perNode: Record<string, number> = {};
  for (const pod of expectOk(cluster.client('test').list<Pod>(PODS, 'default')).items) {
    if (pod.metadata.labels?.app === 'web') perNode[pod.spec.nodeName ?? ''] = (perNode[pod.spec.nodeName ?? ''] ?? 0) + 1;
  }
  expect(perNode).toEqual({ node01: 2, node02: 2 });
  expect(cluster.taskErrors).toEqual([]);
});
