/**
 * The DaemonSet and StatefulSet controllers with the real scheduler and kubelets: daemon Pods land
 * on the node their `metadata.name` affinity names, and a StatefulSet's next Pod waits for the
 * kubelet to report its predecessor Running and Ready.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DaemonSet, StatefulSet } from '../../../../src/shared/api/apps.js';
import type { Pod } from '../../../../src/shared/api/core.js';
import { DaemonSetController } from '../../../../src/main/cluster/controllers/daemonset/daemonset-controller.js';
import { targetNodeName } from '../../../../src/main/cluster/controllers/daemonset/daemon-pod.js';
import { StatefulSetController } from '../../../../src/main/cluster/controllers/statefulset/statefulset-controller.js';
import { DAEMON_SETS, PODS, STATEFUL_SETS } from '../../../../src/main/cluster/client/resources.js';
import { Scheduler } from '../../../../src/main/cluster/scheduler/scheduler.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { expectOk, makeCluster, type TestCluster } from '../../helpers/cluster.js';
import { startIpam, startKubelet } from '../../helpers/kubelet.js';
import { daemonSetManifest, statefulSetManifest } from '../../helpers/workloads.js';

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = makeCluster();
  client = cluster.client();
  startIpam(cluster);
  startKubelet(cluster, 'node01', { address: '192.168.200.11' });
  startKubelet(cluster, 'node02', { address: '192.168.200.12' });
  cluster.disposables.add(new Scheduler(cluster.client('kube-scheduler'), cluster.clock, cluster.random.fork('kube-scheduler'))).start();
  cluster.disposables.add(new DaemonSetController(cluster.client('daemon-set-controller'), cluster.clock)).start();
  cluster.disposables.add(new StatefulSetController(cluster.client('statefulset-controller'), cluster.clock)).start();
  cluster.settle();
});
afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function pods(): Pod[] {
  return expectOk(client.list<Pod>(PODS, 'default')).items;
}

it('the scheduler binds each daemon Pod to its affinity node and the kubelets make the DaemonSet ready', () => {
  expectOk(client.create(DAEMON_SETS, 'default', daemonSetManifest('agent')));
  cluster.clock.advance(30_000);
  const daemonPods = pods();
  expect(daemonPods).toHaveLength(2);
  for (const pod of daemonPods) expect(pod.spec.nodeName).toBe(targetNodeName(pod));
  expect(expectOk(client.get<DaemonSet>(DAEMON_SETS, 'default', 'agent')).status).toMatchObject({ desiredNumberScheduled: 2, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2 });
});

it('a StatefulSet comes up in order on real kubelets and scales down gracefully', () => {
  expectOk(client.create(STATEFUL_SETS, 'default', statefulSetManifest('web', { replicas: 3 })));
  cluster.settle();
  expect(pods().map((p) => p.metadata.name)).toEqual(['web-0']);
  cluster.clock.advance(60_000);
  expect(pods().map((p) => p.metadata.name).sort()).toEqual(['web-0', 'web-1', 'web-2']);
  expect(expectOk(client.get<StatefulSet>(STATEFUL_SETS, 'default', 'web')).status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
  // web-1 was created only after web-0 was Ready.
  const byName = new Map(pods().map((p) => [p.metadata.name!, p] as const));
  const web0Ready = byName.get('web-0')!.status!.conditions!.find((c) => c.type === 'Ready')!.lastTransitionTime!;
  expect(byName.get('web-1')!.metadata.creationTimestamp! >= web0Ready).toBe(true);
  expectOk(client.patch(STATEFUL_SETS, 'default', 'web', 'merge', { spec: { replicas: 1 } }));
  cluster.clock.advance(120_000);
  expect(pods().map((p) => p.metadata.name)).toEqual(['web-0']);
});
