/**
 * Golden scenarios. A RollingUpdate from nginx:1.25 to nginx:1.26 (maxSurge 25%, maxUnavailable
 * 25% of 4: one Pod over, one Pod short), one Pod turning Ready every 5 s — the Deployment, both
 * ReplicaSets and the ScalingReplicaSet / SuccessfulCreate / SuccessfulDelete Events as
 * `kubectl get -o yaml` would show them. And a Recreate rollout.
 */
import { afterEach, expect, it } from 'vitest';
import type { Pod } from '../../../../src/shared/api/core.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { DeploymentController } from '../../../../src/main/cluster/controllers/deployment/deployment-controller.js';
import { ReplicaSetController } from '../../../../src/main/cluster/controllers/replicaset.js';
import { DEPLOYMENTS, EVENTS, PODS, REPLICA_SETS } from '../../../../src/main/cluster/client/resources.js';
import { expectOk, makeCluster } from '../../helpers/cluster.js';
import { type ScenarioStep, expectGolden, runScenario } from '../../helpers/scenario.js';

let cluster = makeCluster({ namespaces: ['default'] });
afterEach(() => {
  cluster.dispose();
  cluster = makeCluster({ namespaces: ['default'] });
});

/** A kubelet's report for the oldest Pod not yet Ready: Running, Ready since now. */
function readyOne(client: ApiClient): void {
  const pods = expectOk(client.list<Pod>(PODS, 'default')).items.filter(
    (p) => !p.metadata.deletionTimestamp && !p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  );
  pods.sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  const pod = pods[0];
  if (!pod) return;
  const at = new Date(Math.floor(cluster.clock.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  expectOk(
    client.updateStatus(PODS, 'default', {
      ...pod,
      status: { ...pod.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: at }] },
    }),
  );
}

const readySteps = (n: number): ScenarioStep[] => Array.from({ length: n }, () => ({ run: readyOne, advance: '5s' }));

function startControllers(): void {
  cluster.disposables.add(new ReplicaSetController(cluster.client('replicaset-controller'), cluster.clock)).start();
  cluster.disposables.add(new DeploymentController(cluster.client('deployment-controller'), cluster.clock)).start();
}

it('rolls out nginx:1.26 one Pod at a time (scenario deployment/rolling-update)', () => {
  startControllers();
  const out = runScenario(cluster, 'test/scenarios/deployment/rolling-update.yaml', {
    steps: [...readySteps(4), { apply: 'rolling-update-image.yaml', advance: '1s' }, ...readySteps(8), { advance: '1m' }],
    show: [{ resource: DEPLOYMENTS, namespace: 'default' }, { resource: REPLICA_SETS, namespace: 'default' }, { resource: EVENTS, namespace: 'default' }],
  });
  expectGolden('test/scenarios/deployment/rolling-update.out.yaml', out);
  expect(cluster.taskErrors).toEqual([]);
});

it('recreates: old ReplicaSet to zero first, then the new one at full size (scenario deployment/recreate)', () => {
  startControllers();
  const out = runScenario(cluster, 'test/scenarios/deployment/recreate.yaml', {
    steps: [...readySteps(2), { apply: 'recreate-image.yaml', advance: '1s' }, ...readySteps(2), { advance: '1m' }],
    show: [{ resource: DEPLOYMENTS, namespace: 'default' }, { resource: REPLICA_SETS, namespace: 'default' }, { resource: EVENTS, namespace: 'default' }],
  });
  expectGolden('test/scenarios/deployment/recreate.out.yaml', out);
  expect(cluster.taskErrors).toEqual([]);
});
