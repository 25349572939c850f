/**
 * The deployment and ReplicaSet controllers with the real scheduler and kubelets: Pods pull, start
 * and turn Ready on the nodes; a rolling update to nginx:1.26 replaces them and completes as
 * `kubectl rollout status` would see it.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Deployment } from '../../../../src/shared/api/apps.js';
import type { Pod } from '../../../../src/shared/api/core.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { DEPLOYMENTS, PODS } from '../../../../src/main/cluster/client/resources.js';
import { DeploymentController } from '../../../../src/main/cluster/controllers/deployment/deployment-controller.js';
import { ReplicaSetController } from '../../../../src/main/cluster/controllers/replicaset.js';
import { Scheduler } from '../../../../src/main/cluster/scheduler/scheduler.js';
import { type TestCluster, expectOk, makeCluster } from '../../helpers/cluster.js';
import { startIpam, startKubelet } from '../../helpers/kubelet.js';
import { deploymentManifest } from '../../helpers/workloads.js';

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = makeCluster();
  client = cluster.client();
  startIpam(cluster);
  startKubelet(cluster, 'node01', { address: '192.168.200.11' });
  startKubelet(cluster, 'node02', { address: '192.168.200.12' });
  cluster.disposables.add(new Scheduler(cluster.client('kube-scheduler'), cluster.clock, cluster.random.fork('kube-scheduler'))).start();
  cluster.disposables.add(new ReplicaSetController(cluster.client('replicaset-controller'), cluster.clock)).start();
  cluster.disposables.add(new DeploymentController(cluster.client('deployment-controller'), cluster.clock)).start();
  cluster.settle();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

/** kubectl rollout status's question: is the rollout of the current generation complete? */
function rolledOut(d: Deployment): boolean {
  const s = d.status ?? {};
  const replicas = d.spec.replicas ?? 1;
  return (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) && (s.updatedReplicas ?? 0) === replicas && (s.replicas ?? 0) === replicas && (s.availableReplicas ?? 0) === replicas;
}

it('runs and rolls a Deployment on real kubelets', () => {
  expectOk(client.create(DEPLOYMENTS, 'default', deploymentManifest('web', { replicas: 4 })));
  cluster.clock.advance(60_000);
  const first = expectOk(client.get<Deployment>(DEPLOYMENTS, 'default', 'web'));
  expect(rolledOut(first)).toBe(true);
  expect(expectOk(client.list<Pod>(PODS, 'default')).items.every((p) => p.status?.phase === 'Running' && p.spec.nodeName)).toBe(true);

  expectOk(client.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } } }));
  let seconds = 0;
  while (seconds < 180 && !rolledOut(expectOk(client.get<Deployment>(DEPLOYMENTS, 'default', 'web')))) {
    cluster.clock.advance(1000);
    seconds++;
  }
  const d = expectOk(client.get<Deployment>(DEPLOYMENTS, 'default', 'web'));
  expect(rolledOut(d)).toBe(true);
  // Two Pods at a time at most (one surge, one unavailable): more than one image pull and start.
  expect(seconds).toBeGreaterThan(2);
  expect(d.status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
  cluster.clock.advance(60_000);
  const left = expectOk(client.list<Pod>(PODS, 'default')).items;
  expect(left).toHaveLength(4);
  expect(left.every((p) => p.spec.containers[0]!.image === 'nginx:1.26' && p.status?.phase === 'Running')).toBe(true);
});
