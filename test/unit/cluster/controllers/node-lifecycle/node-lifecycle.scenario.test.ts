/**
 * Golden scenario on the virtual clock: node02's kubelet stops for good. After the 50 s grace
 * period the node lifecycle controller turns its conditions Unknown (NodeStatusUnknown), taints it
 * unreachable (NoSchedule at once, NoExecute at the next 5 s pass) and marks its Pods not Ready;
 * 300 s after the NoExecute taint the taint-eviction controller deletes `web` (DisruptionTarget
 * DeletionByTaintManager) — which stays Terminating, as nothing runs on the node to finish it —
 * while `agent`, tolerating everything forever, stays.
 */
import { afterEach, expect, it } from 'vitest';
import { NodeLifecycleController } from '../../../../../src/main/cluster/controllers/node-lifecycle/node-lifecycle-controller.js';
import { TaintEvictionController } from '../../../../../src/main/cluster/controllers/node-lifecycle/taint-eviction.js';
import { NODES, PODS } from '../../../../../src/main/cluster/client/resources.js';
import type { Kubelet } from '../../../../../src/main/cluster/kubelet/kubelet.js';
import { makeCluster } from '../../../helpers/cluster.js';
import { startIpam, startKubelet } from '../../../helpers/kubelet.js';
import { expectGolden, runScenario } from '../../../helpers/scenario.js';

const cluster = makeCluster();
afterEach(() => cluster.dispose());

it('a silent node is marked Unknown, tainted, and its Pods evicted after 300 s (scenario node-lifecycle/node-goes-silent)', () => {
  startIpam(cluster);
  startKubelet(cluster, 'node01', { address: '192.168.200.11' });
  const worker: Kubelet = startKubelet(cluster, 'node02', { address: '192.168.200.12' });
  cluster.disposables.add(new NodeLifecycleController(cluster.client('node-controller'), cluster.clock)).start();
  cluster.disposables.add(new TaintEvictionController(cluster.client('taint-eviction-controller'), cluster.clock)).start();
  const out = runScenario(cluster, 'test/scenarios/node-lifecycle/node-goes-silent.yaml', {
    steps: [{ advance: '1m' }, { run: () => worker.dispose() }, { advance: '7m' }],
    show: [
      { resource: NODES, name: 'node02' },
      { resource: PODS, namespace: 'default' },
    ],
  });
  expect(cluster.taskErrors).toEqual([]);
  expectGolden('test/scenarios/node-lifecycle/node-goes-silent.out.yaml', out);
});
