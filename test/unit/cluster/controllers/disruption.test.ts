import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../../../src/shared/api/apps.js';
import type { CoreEvent, Pod } from '../../../../src/shared/api/core.js';
import type { OwnerReference } from '../../../../src/shared/api/meta.js';
import type { DisruptionBudget } from '../../../../src/main/base/disruption-budget.js';
import { DisruptionController } from '../../../../src/main/cluster/controllers/disruption.js';
import { DEPLOYMENTS, EVENTS, POD_DISRUPTION_BUDGETS, PODS, REPLICA_SETS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, makeCluster, podManifest } from '../../helpers/cluster.js';
import { deploymentManifest, replicaSetManifest } from '../../helpers/workloads.js';

let cluster: TestCluster;

beforeEach(() => {
  cluster = makeCluster();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function start(): DisruptionController {
  const controller = cluster.disposables.add(new DisruptionController(cluster.client('kube-controller-manager'), cluster.clock));
  controller.start();
  return controller;
}

function pod(name: string, options: { ready?: boolean; owner?: OwnerReference; labels?: Record<string, string> } = {}): Pod {
  const client = cluster.client();
  const manifest = podManifest(name, { labels: options.labels ?? { app: 'web' }, nodeName: 'node01' });
  if (options.owner) manifest.metadata.ownerReferences = [options.owner];
  const created = expectOk(client.create<Pod>(PODS, 'default', manifest));
  const ready = options.ready ?? true;
  return expectOk(
    client.updateStatus<Pod>(PODS, 'default', {
      ...created,
      status: { ...created.status, phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:00Z' }] },
    }),
  );
}

function createBudget(name: string, spec: DisruptionBudget['spec']): DisruptionBudget {
  return expectOk(
    cluster.client().create<DisruptionBudget>(POD_DISRUPTION_BUDGETS, 'default', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name },
      spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
    }),
  );
}

function status(name: string): DisruptionBudget['status'] {
  return expectOk(cluster.client().get<DisruptionBudget>(POD_DISRUPTION_BUDGETS, 'default', name)).status;
}

function events(): string[] {
  return expectOk(cluster.client().list<CoreEvent>(EVENTS, 'default')).items.map((e) => `${e.type ?? ''} ${e.reason ?? ''}: ${e.message ?? ''}`);
}

function owner(kind: string, name: string, uid: string): OwnerReference {
  return { apiVersion: 'apps/v1', kind, name, uid, controller: true, blockOwnerDeletion: true };
}

describe('DisruptionController', () => {
  it('converges an int minAvailable budget over bare Pods, then a second pass writes nothing', () => {
    pod('web-1');
    pod('web-2');
    pod('web-3', { ready: false });
    createBudget('web-pdb', { minAvailable: 1 });
    start();
    cluster.settle();
    expect(status('web-pdb')).toEqual({
      observedGeneration: 1,
      disruptionsAllowed: 1,
      currentHealthy: 2,
      desiredHealthy: 1,
      expectedPods: 3,
      conditions: [{ type: 'DisruptionAllowed', status: 'True', observedGeneration: 1, lastTransitionTime: '2025-01-01T00:00:00Z', reason: 'SufficientPods', message: '' }],
    });
    const revision = cluster.revision();
    // A fresh controller (a kube-controller-manager restart) finds nothing to change.
    start();
    cluster.settle();
    expect(cluster.revision()).toBe(revision);
  });

  it.each([
    ['minAvailable 2 with 2 Ready Pods', { minAvailable: 2 }, 2, 2, 0, 'False', 'InsufficientPods'],
    ['maxUnavailable 1 of 3 managed Pods', { maxUnavailable: 1 }, 2, 2, 0, 'False', 'InsufficientPods'],
    ['maxUnavailable "50%" of 3 (rounded up to 2)', { maxUnavailable: '50%' }, 2, 1, 1, 'True', 'SufficientPods'],
    ['minAvailable "50%" of 3 (rounded up to 2)', { minAvailable: '50%' }, 2, 2, 0, 'False', 'InsufficientPods'],
    ['minAvailable "10%" of 3 (rounded up to 1)', { minAvailable: '10%' }, 2, 1, 1, 'True', 'SufficientPods'],
  ] as const)('computes %s against the ReplicaSet scale', (_label, spec, currentHealthy, desiredHealthy, allowed, conditionStatus, reason) => {
    const rs = expectOk(cluster.client().create<ReplicaSet>(REPLICA_SETS, 'default', replicaSetManifest('web', { replicas: 3 })));
    const ref = owner('ReplicaSet', 'web', rs.metadata.uid ?? '');
    pod('web-1', { owner: ref });
    pod('web-2', { owner: ref });
    pod('web-3', { owner: ref, ready: false });
    createBudget('web-pdb', spec);
    start();
    cluster.settle();
    const s = status('web-pdb')!;
    expect([s.currentHealthy, s.desiredHealthy, s.disruptionsAllowed, s.expectedPods]).toEqual([currentHealthy, desiredHealthy, allowed, 3]);
    expect(s.conditions?.[0]).toMatchObject({ type: 'DisruptionAllowed', status: conditionStatus, reason });
  });

  it("uses the Deployment's replicas for Pods of a ReplicaSet it owns", () => {
    const deployment = expectOk(cluster.client().create<Deployment>(DEPLOYMENTS, 'default', deploymentManifest('web', { replicas: 4 })));
    const rs = expectOk(
      cluster.client().create<ReplicaSet>(REPLICA_SETS, 'default', {
        ...replicaSetManifest('web-abc', { replicas: 2 }),
        metadata: { name: 'web-abc', ownerReferences: [owner('Deployment', 'web', deployment.metadata.uid ?? '')] },
      }),
    );
    pod('web-1', { owner: owner('ReplicaSet', 'web-abc', rs.metadata.uid ?? '') });
    createBudget('web-pdb', { maxUnavailable: '25%' });
    start();
    cluster.settle();
    expect(status('web-pdb')).toMatchObject({ expectedPods: 4, desiredHealthy: 3, currentHealthy: 1, disruptionsAllowed: 0 });
  });

  it('warns about unmanaged Pods under a percentage, and reports NoPods for an empty budget', () => {
    pod('web-1');
    createBudget('web-pdb', { minAvailable: '50%' });
    createBudget('empty', { minAvailable: 1, selector: { matchLabels: { app: 'none' } } });
    start();
    cluster.settle();
    expect(events()).toEqual(
      expect.arrayContaining([
        'Warning UnmanagedPods: Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
        'Normal NoPods: No matching pods found',
      ]),
    );
    expect(status('empty')).toMatchObject({ expectedPods: 0, disruptionsAllowed: 0 });
  });

  it('fails safe when a Pod names a controller that does not exist', () => {
    pod('web-1', { owner: owner('ReplicaSet', 'gone', 'uid-gone') });
    createBudget('web-pdb', { maxUnavailable: 1 });
    start();
    cluster.settle();
    expect(status('web-pdb')?.conditions).toEqual([
      // observedGeneration 0 is omitted (omitempty), as is the budget's own.
      { type: 'DisruptionAllowed', status: 'False', lastTransitionTime: '2025-01-01T00:00:00Z', reason: 'SyncFailed', message: 'found no controllers for pod "web-1"' },
    ]);
  });

  it('does not count a just-evicted Pod, and forgets the eviction after two minutes', () => {
    pod('web-1');
    pod('web-2');
    pod('web-3');
    createBudget('web-pdb', { minAvailable: 1 });
    start();
    cluster.settle();
    expect(status('web-pdb')?.disruptionsAllowed).toBe(2);
    expectOk(
      cluster.client('kubectl').request({
        verb: 'create',
        group: '',
        version: 'v1',
        resource: 'pods',
        subresource: 'eviction',
        namespace: 'default',
        name: 'web-1',
        body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web-1' } },
      }),
    );
    cluster.settle();
    // web-1 is terminating (its kubelet would finish it): not healthy.
    expect(status('web-pdb')).toMatchObject({ currentHealthy: 2, disruptionsAllowed: 1 });
    // An eviction recorded for a Pod that never goes away stops counting after DeletionTimeout.
    const budget = expectOk(cluster.client().get<DisruptionBudget>(POD_DISRUPTION_BUDGETS, 'default', 'web-pdb'));
    const at = new Date(cluster.clock.now()).toISOString().replace('.000Z', 'Z');
    expectOk(cluster.client().updateStatus(POD_DISRUPTION_BUDGETS, 'default', { ...budget, status: { ...budget.status, disruptedPods: { 'web-2': at } } }));
    cluster.settle();
    expect(status('web-pdb')).toMatchObject({ currentHealthy: 1, disruptionsAllowed: 0, disruptedPods: { 'web-2': at } });
    cluster.clock.advance(2 * 60 * 1000 + 1000);
    expect(status('web-pdb')).toMatchObject({ currentHealthy: 2, disruptionsAllowed: 1 });
    expect(status('web-pdb')?.disruptedPods).toBeUndefined();
  });

  it('follows a spec change: observedGeneration catches up', () => {
    pod('web-1');
    pod('web-2');
    const created = createBudget('web-pdb', { minAvailable: 1 });
    start();
    cluster.settle();
    const current = expectOk(cluster.client().get<DisruptionBudget>(POD_DISRUPTION_BUDGETS, 'default', 'web-pdb'));
    expectOk(cluster.client().update(POD_DISRUPTION_BUDGETS, 'default', { ...current, spec: { ...created.spec, minAvailable: 2 } }));
    cluster.settle();
    expect(status('web-pdb')).toMatchObject({ observedGeneration: 2, desiredHealthy: 2, disruptionsAllowed: 0 });
    expect(status('web-pdb')?.conditions?.[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods', observedGeneration: 2 });
  });
});

describe('DisruptionController stale DisruptionTarget', () => {
  it('turns a DisruptionTarget condition False two minutes after it was set on a Pod that was never deleted', () => {
    const created = pod('web-1');
    const marked = expectOk(
      cluster.client().updateStatus<Pod>(PODS, 'default', {
        ...created,
        status: {
          ...created.status,
          conditions: [
            ...(created.status?.conditions ?? []),
            { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:00Z', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' },
          ],
        },
      }),
    );
    start();
    cluster.settle();
    cluster.clock.advance(60_000);
    const condition = (): unknown => expectOk(cluster.client().get<Pod>(PODS, 'default', 'web-1')).status?.conditions?.find((c) => c.type === 'DisruptionTarget');
    expect(condition()).toMatchObject({ status: 'True' });
    cluster.clock.advance(61_000);
    expect(condition()).toEqual({ type: 'DisruptionTarget', status: 'False', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:02:00Z', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
    expect(marked.metadata.deletionTimestamp).toBeUndefined();
  });
});
