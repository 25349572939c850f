/**
 * The deployment and ReplicaSet controllers inside the whole lab (kube-controller-manager with
 * service-account credentials under RBAC, the scheduler, kubelets): a Deployment created as the
 * learner's kubectl would create it comes up, rolls out a new image, and the lab goes quiet again.
 */
import { afterEach, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../../../src/shared/api/apps.js';
import type { CoreEvent, Pod } from '../../../../src/shared/api/core.js';
import { DisposableStore } from '../../../../src/shared/lifecycle.js';
import { DEPLOYMENTS, EVENTS, PODS, REPLICA_SETS } from '../../../../src/main/cluster/client/resources.js';
import { Lab } from '../../../../src/main/lab/lab.js';
import { expectOk } from '../../helpers/cluster.js';
import { deploymentManifest } from '../../helpers/workloads.js';

const disposables = new DisposableStore();
afterEach(() => disposables.dispose());

function complete(d: Deployment): boolean {
  const s = d.status ?? {};
  return (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) && s.updatedReplicas === d.spec.replicas && s.availableReplicas === d.spec.replicas && s.replicas === d.spec.replicas;
}

it('runs a Deployment in the lab and rolls it to a new image', async () => {
  const lab = disposables.add(new Lab({ seed: 1, virtualClock: true }));
  const kubectl = lab.client('kubectl');
  expectOk(kubectl.create(DEPLOYMENTS, 'default', deploymentManifest('web', { replicas: 3 })));
  expect(await lab.waitUntil(() => complete(expectOk(kubectl.get<Deployment>(DEPLOYMENTS, 'default', 'web'))), 120_000)).toBe(true);
  expectOk(kubectl.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } } }));
  expect(await lab.waitUntil(() => complete(expectOk(kubectl.get<Deployment>(DEPLOYMENTS, 'default', 'web'))), 300_000)).toBe(true);
  const rss = expectOk(kubectl.list<ReplicaSet>(REPLICA_SETS, 'default')).items;
  expect(rss.map((rs) => rs.spec.replicas).sort()).toEqual([0, 3]);
  const pods = expectOk(kubectl.list<Pod>(PODS, 'default')).items.filter((p) => !p.metadata.deletionTimestamp);
  expect(pods.map((p) => p.spec.containers[0]!.image)).toEqual(['nginx:1.26', 'nginx:1.26', 'nginx:1.26']);
  const events = expectOk(kubectl.list<CoreEvent>(EVENTS, 'default')).items;
  expect(events.filter((e) => e.reason === 'ScalingReplicaSet').every((e) => e.source?.component === 'deployment-controller')).toBe(true);
  expect(events.some((e) => e.reason === 'FailedCreate')).toBe(false);
  expect(lab.componentErrors).toEqual([]);
});
