import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplicaSet } from '../../../../src/shared/api/apps.js';
import type { CoreEvent, Pod } from '../../../../src/shared/api/core.js';
import { ReplicaSetController, getPodsToDelete } from '../../../../src/main/cluster/controllers/replicaset.js';
import { EVENTS, PODS, REPLICA_SETS, RESOURCE_QUOTAS } from '../../../../src/main/cluster/client/resources.js';
import { resourceQuota } from '../../../../src/main/cluster/apiserver/admission/resource-quota.js';
import { ResourceQuotaController } from '../../../../src/main/cluster/controllers/resource-quota.js';
import { type TestCluster, expectOk, makeCluster, podManifest } from '../../helpers/cluster.js';
import { replicaSetManifest } from '../../helpers/workloads.js';

let cluster: TestCluster;

beforeEach(() => {
  cluster = makeCluster();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function start(): ReplicaSetController {
  const controller = cluster.disposables.add(new ReplicaSetController(cluster.client('replicaset-controller'), cluster.clock));
  controller.start();
  cluster.settle();
  return controller;
}

function pods(): Pod[] {
  return expectOk(cluster.client().list<Pod>(PODS, 'default')).items;
}

function rs(name: string): ReplicaSet {
  return expectOk(cluster.client().get<ReplicaSet>(REPLICA_SETS, 'default', name));
}

function events(): string[] {
  return expectOk(cluster.client().list<CoreEvent>(EVENTS, 'default')).items.map((e) => `${e.type ?? ''} ${e.reason ?? ''}: ${e.message ?? ''}`);
}

/** What a kubelet reports once the containers run and pass readiness. */
function markReady(pod: Pod, at = cluster.clock.now()): void {
  const fresh = expectOk(cluster.client().get<Pod>(PODS, pod.metadata.namespace, pod.metadata.name ?? ''));
  const time = new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  expectOk(
    cluster.client('kubelet').updateStatus<Pod>(PODS, pod.metadata.namespace, {
      ...fresh,
      status: { ...fresh.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: time }] },
    }),
  );
}

function scale(name: string, replicas: number): void {
  expectOk(cluster.client().patch(REPLICA_SETS, 'default', name, 'merge', { spec: { replicas } }));
  cluster.settle();
}

describe('ReplicaSet controller', () => {
  it('creates spec.replicas Pods named <rs>-<5 chars> from the template, owned by the ReplicaSet (SuccessfulCreate "Created pod: …")', () => {
    start();
    expectOk(cluster.client().create(REPLICA_SETS, 'default', replicaSetManifest('web', { replicas: 3 })));
    cluster.settle();
    const list = pods();
    expect(list).toHaveLength(3);
    const owner = rs('web');
    for (const pod of list) {
      expect(pod.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.metadata.generateName).toBe('web-');
      expect(pod.metadata.labels).toEqual({ app: 'web' });
      expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(pod.spec.containers[0]!.image).toBe('nginx:1.25');
    }
    expect(events().filter((e) => e.startsWith('Normal SuccessfulCreate: Created pod: web-'))).toHaveLength(3);
    expect(owner.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    // A second pass writes nothing.
    const revision = cluster.revision();
    cluster.clock.advance(60_000);
    cluster.settle();
    expect(cluster.revision()).toBe(revision);
  });

  it('reports readyReplicas and availableReplicas, the latter only after minReadySeconds', () => {
    start();
    expectOk(cluster.client().create(REPLICA_SETS, 'default', replicaSetManifest('web', { replicas: 2, minReadySeconds: 10 })));
    cluster.settle();
    for (const pod of pods()) markReady(pod);
    cluster.settle();
    expect(rs('web').status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, observedGeneration: 1 });
    cluster.clock.advance(10_000);
    cluster.settle();
    expect(rs('web').status?.availableReplicas).toBeUndefined();
    cluster.clock.advance(1);
    cluster.settle();
    expect(rs('web').status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
    const revision = cluster.revision();
    cluster.clock.advance(60_000);
    expect(cluster.revision()).toBe(revision);
  });

  it('scales down deleting not-ready Pods before ready ones (SuccessfulDelete "Deleted pod: …")', () => {
    start();
    expectOk(cluster.client().create(REPLICA_SETS, 'default', replicaSetManifest('web', { replicas: 3 })));
    cluster.settle();
    const [a, b, c] = pods();
    markReady(a!);
    markReady(c!);
    cluster.settle();
    scale('web', 1);
    const left = pods().map((p) => p.metadata.name);
    expect(left).toHaveLength(1);
    expect([a!.metadata.name, c!.metadata.name]).toContain(left[0]);
    expect(left).not.toContain(b!.metadata.name);
    expect(events()).toContain(`Normal SuccessfulDelete: Deleted pod: ${b!.metadata.name ?? ''}`);
    expect(rs('web').status).toMatchObject({ replicas: 1, readyReplicas: 1, availableReplicas: 1 });
  });

  it('never over-creates while its own creates are unobserved (expectations)', () => {
    start();
    expectOk(cluster.client().create(REPLICA_SETS, 'default', replicaSetManifest('web', { replicas: 5 })));
    // Touching the ReplicaSet again before the Pods' watch events arrive must not double the work.
    cluster.settle();
    expectOk(cluster.client().patch(REPLICA_SETS, 'default', 'web', 'merge', { metadata: { labels: { touched: 'yes' } } }));
    cluster.settle();
    expect(pods()).toHaveLength(5);
  });

  it('adopts a matching orphan and releases a Pod whose labels stop matching', () => {
    expectOk(cluster.client().create(PODS, 'default', podManifest('orphan', { labels: { app: 'web' } })));
    start();
    expectOk(cluster.client().create(REPLICA_SETS, 'default', replicaSetManifest('web', { replicas: 2 })));
    cluster.settle();
    const owner = rs('web');
    const orphan = expectOk(cluster.client().get<Pod>(PODS, 'default', 'orphan'));
    expect(orphan.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: 'web', uid: owner.metadata.uid, controller: true });
    expect(pods()).toHaveLength(2);
    // Relabel it: the ReplicaSet lets it go and makes a replacement.
    expectOk(cluster.client().patch(PODS, 'default', 'orphan', 'merge', { metadata: { labels: { app: 'debug' } } }));
    cluster.settle();
    expect(expectOk(cluster.client().get<Pod>(PODS, 'default', 'orphan')).metadata.ownerReferences ?? []).toEqual([]);
    expect(pods().filter((p) => p.metadata.labels?.app === 'web')).toHaveLength(2);
  });

  it('replaces a deleted Pod', () => {
    start();
    expectOk(cluster.client().create(REPLICA_SETS, 'default', replicaSetManifest('web', { replicas: 2 })));
    cluster.settle();
    const victim = pods()[0]!;
    expectOk(cluster.client().delete(PODS, 'default', victim.metadata.name ?? ''));
    cluster.settle();
    const names = pods().map((p) => p.metadata.name);
    expect(names).toHaveLength(2);
    expect(names).not.toContain(victim.metadata.name);
  });

  it('stops at a quota with FailedCreate "Error creating: …" and a ReplicaFailure condition, cleared once it can create', () => {
    cluster.dispose();
    cluster = makeCluster({ admission: [resourceQuota] });
    cluster.disposables.add(new ResourceQuotaController(cluster.client('resourcequota-controller'), cluster.clock)).start();
    expectOk(
      cluster.client().create(RESOURCE_QUOTAS, 'default', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'pods' }, spec: { hard: { pods: '2' } } }),
    );
    cluster.settle();
    start();
    expectOk(cluster.client().create(REPLICA_SETS, 'default', replicaSetManifest('web', { replicas: 4 })));
    cluster.settle();
    expect(pods()).toHaveLength(2);
    const failures = events().filter((e) => e.startsWith('Warning FailedCreate: Error creating: '));
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]).toContain('is forbidden: exceeded quota: pods');
    const condition = rs('web').status?.conditions?.[0];
    expect(condition).toMatchObject({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' });
    expect(condition?.message).toContain('exceeded quota: pods');
    // Scale within the quota: the condition goes.
    scale('web', 2);
    cluster.clock.advance(2_000);
    cluster.settle();
    expect(rs('web').status?.conditions).toBeUndefined();
  });
});

describe('getPodsToDelete', () => {
  const now = Date.parse('2025-01-01T01:00:00Z');
  function pod(name: string, extra: { node?: string; phase?: 'Pending' | 'Running'; ready?: boolean; readySince?: string; created?: string; restarts?: number }): Pod {
    const p = podManifest(name, { nodeName: extra.node });
    p.metadata.uid = name;
    p.metadata.creationTimestamp = extra.created ?? '2025-01-01T00:00:00Z';
    p.status = {
      phase: extra.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: extra.ready ? 'True' : 'False', lastTransitionTime: extra.readySince ?? '2025-01-01T00:00:00Z' }],
      containerStatuses: [{ name, state: {}, lastState: {}, ready: extra.ready ?? false, restartCount: extra.restarts ?? 0, image: '', imageID: '' }],
    };
    return p;
  }

  it('ranks unscheduled < scheduled, Pending < Running, not ready < ready, newer-ready < older-ready (ActivePodsWithRanks)', () => {
    const candidates = [
      pod('old-ready', { node: 'n1', ready: true, readySince: '2025-01-01T00:00:00Z' }),
      pod('new-ready', { node: 'n2', ready: true, readySince: '2025-01-01T00:59:00Z' }),
      pod('not-ready', { node: 'n3' }),
      pod('pending', { node: 'n4', phase: 'Pending' }),
      pod('unscheduled', { phase: 'Pending' }),
    ];
    const order = getPodsToDelete(candidates, candidates, 4, now).map((p) => p.metadata.name);
    expect(order).toEqual(['unscheduled', 'pending', 'not-ready', 'new-ready']);
  });

  it('prefers doubled-up nodes, then more restarts', () => {
    const candidates = [pod('alone', { node: 'n1', ready: true }), pod('pair-a', { node: 'n2', ready: true, restarts: 0 }), pod('pair-b', { node: 'n2', ready: true, restarts: 3 })];
    expect(getPodsToDelete(candidates, candidates, 2, now).map((p) => p.metadata.name)).toEqual(['pair-b', 'pair-a']);
  });
});
