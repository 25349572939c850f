import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/shared/api/core.js';
import type { DisruptionBudget } from '../../../../src/main/base/disruption-budget.js';
import { POD_DISRUPTION_BUDGETS, PODS } from '../../../../src/main/cluster/client/resources.js';
import type { ApiResult } from '../../../../src/main/cluster/apiserver/types.js';
import { type TestCluster, createPod, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';

let cluster: TestCluster;

beforeEach(() => {
  cluster = makeCluster();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

/** A scheduled Pod the way its kubelet reports it: Running, and Ready unless told otherwise. */
function runningPod(name: string, options: { labels?: Record<string, string>; ready?: boolean; phase?: 'Running' | 'Pending' | 'Succeeded' } = {}): Pod {
  const client = cluster.client();
  const pod = createPod(client, name, { labels: options.labels ?? { app: 'web' }, nodeName: 'node01' });
  const ready = options.ready ?? true;
  return expectOk(
    client.updateStatus<Pod>(PODS, 'default', {
      ...pod,
      status: {
        ...pod.status,
        phase: options.phase ?? 'Running',
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:00Z' }],
      },
    }),
  );
}

/** A budget as the disruption controller would have left it. */
function budget(name: string, status: DisruptionBudget['status'], spec: DisruptionBudget['spec'] = {}): DisruptionBudget {
  const client = cluster.client();
  const created = expectOk(
    client.create<DisruptionBudget>(POD_DISRUPTION_BUDGETS, 'default', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name },
      spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } }, ...spec },
    }),
  );
  return expectOk(client.updateStatus<DisruptionBudget>(POD_DISRUPTION_BUDGETS, 'default', { ...created, status: { observedGeneration: 1, ...status } }));
}

function evict(name: string, extra: { body?: Record<string, unknown>; dryRun?: boolean } = {}): ApiResult<unknown> {
  return cluster.client('kubectl').request({
    verb: 'create',
    group: '',
    version: 'v1',
    resource: 'pods',
    subresource: 'eviction',
    namespace: 'default',
    name,
    body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' }, ...extra.body },
    ...(extra.dryRun ? { query: { dryRun: 'All' as const } } : {}),
  });
}

function podExists(name: string): boolean {
  return cluster.client().get(PODS, 'default', name).ok;
}

function readBudget(name: string): DisruptionBudget {
  return expectOk(cluster.client().get<DisruptionBudget>(POD_DISRUPTION_BUDGETS, 'default', name));
}

describe('pods/eviction', () => {
  it('evicts a Pod no budget covers: 201 with a Success Status, the Pod marked DisruptionTarget then deleted gracefully', () => {
    runningPod('web-1');
    const result = expectOk(evict('web-1'));
    expect(result).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    const pod = expectOk(cluster.client().get<Pod>(PODS, 'default', 'web-1'));
    // Scheduled Pods are deleted gracefully (the kubelet finishes the job).
    expect(pod.metadata.deletionTimestamp).toBeDefined();
    expect(pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'EvictionByEvictionAPI',
      message: 'Eviction API: evicting',
    });
  });

  it('refuses a name mismatch with a 400, as kube-apiserver 1.32 does', () => {
    runningPod('web-1');
    const status = expectStatus(evict('web-1', { body: { metadata: { name: 'other', namespace: 'default' } } }));
    expect(status.code).toBe(400);
    expect(status.message).toBe('name in URL does not match name in Eviction object');
  });

  it('answers 404 for a Pod that does not exist', () => {
    const status = expectStatus(evict('ghost'));
    expect(status.code).toBe(404);
    expect(status.message).toBe('pods "ghost" not found');
  });

  it('spends one disruption: decrements disruptionsAllowed and records the Pod in disruptedPods', () => {
    runningPod('web-1');
    budget('web-pdb', { disruptionsAllowed: 2, currentHealthy: 4, desiredHealthy: 2, expectedPods: 4 });
    cluster.clock.advance(5000);
    expectOk(evict('web-1'));
    const status = readBudget('web-pdb').status!;
    expect(status.disruptionsAllowed).toBe(1);
    expect(status.disruptedPods).toEqual({ 'web-1': new Date(cluster.clock.now()).toISOString().replace('.000Z', 'Z') });
    // Still allowed: no condition is written until the budget reaches 0.
    expect(status.conditions).toBeUndefined();
  });

  it('turns DisruptionAllowed False/InsufficientPods when the last disruption is spent', () => {
    runningPod('web-1');
    budget('web-pdb', { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 });
    expectOk(evict('web-1'));
    const status = readBudget('web-pdb').status!;
    expect(status.disruptionsAllowed).toBe(0);
    expect(status.conditions).toEqual([
      { type: 'DisruptionAllowed', status: 'False', observedGeneration: 1, lastTransitionTime: expect.any(String) as string, reason: 'InsufficientPods', message: '' },
    ]);
  });

  it("refuses with 429 TooManyRequests and the budget's numbers when no disruption is allowed, as kube-apiserver 1.32 does", () => {
    runningPod('web-1');
    budget('web-pdb', { disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2, expectedPods: 2 });
    const status = expectStatus(evict('web-1'));
    expect(status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      reason: 'TooManyRequests',
      details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web-pdb needs 2 healthy pods and has 2 currently' }] },
      code: 429,
    });
    expect(podExists('web-1')).toBe(true);
    expect(expectOk(cluster.client().get<Pod>(PODS, 'default', 'web-1')).metadata.deletionTimestamp).toBeUndefined();
  });

  it('refuses with 429 and retryAfterSeconds 10 while the budget has not observed its generation', () => {
    runningPod('web-1');
    budget('web-pdb', { observedGeneration: 0, disruptionsAllowed: 5 });
    const status = expectStatus(evict('web-1'));
    expect(status.code).toBe(429);
    expect(status.details).toEqual({
      causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web-pdb is still being processed by the server.' }],
      retryAfterSeconds: 10,
    });
  });

  it('refuses a Pod covered by two budgets with a 500', () => {
    runningPod('web-1');
    budget('a', { disruptionsAllowed: 1 });
    budget('b', { disruptionsAllowed: 1 });
    const status = expectStatus(evict('web-1'));
    expect(status.code).toBe(500);
    expect(status.message).toBe('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  });

  it('refuses with 403 when disruptionsAllowed is negative', () => {
    runningPod('web-1');
    budget('web-pdb', { disruptionsAllowed: -1 });
    const status = expectStatus(evict('web-1'));
    expect(status.code).toBe(403);
    expect(status.message).toBe('poddisruptionbudget.policy "web-pdb" is forbidden: pdb disruptions allowed is negative');
  });

  it.each([
    ['Succeeded', { phase: 'Succeeded' as const }],
    ['Pending', { phase: 'Pending' as const }],
  ])('deletes a %s Pod without consulting its budget', (_label, options) => {
    runningPod('web-1', options);
    budget('web-pdb', { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 2 });
    expectOk(evict('web-1'));
    const pod = cluster.client().get<Pod>(PODS, 'default', 'web-1');
    // A finished Pod goes at once; a pending (scheduled) one is marked for graceful deletion.
    expect(!pod.ok || pod.value.metadata.deletionTimestamp !== undefined).toBe(true);
    expect(readBudget('web-pdb').status?.disruptionsAllowed).toBe(0);
  });

  it.each([
    ['IfHealthyBudget while the budget is met', undefined, { disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2 }, true],
    ['IfHealthyBudget when the budget is not met', undefined, { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 2 }, false],
    ['AlwaysAllow even when the budget is not met', 'AlwaysAllow', { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 2 }, true],
  ] as const)('evicts an unready Pod under %s without spending the budget', (_label, policy, status, evicted) => {
    runningPod('web-1', { ready: false });
    budget('web-pdb', status, policy ? { unhealthyPodEvictionPolicy: policy } : {});
    const result = evict('web-1');
    expect(result.ok).toBe(evicted);
    if (!evicted) expect(expectStatus(result).code).toBe(429);
    expect(readBudget('web-pdb').status?.disruptionsAllowed).toBe(0);
  });

  it('honours dry run: nothing is written', () => {
    runningPod('web-1');
    budget('web-pdb', { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2 });
    const before = cluster.revision();
    expectOk(evict('web-1', { dryRun: true }));
    expectOk(evict('web-1', { body: { deleteOptions: { dryRun: ['All'] } } }));
    expect(cluster.revision()).toBe(before);
  });

  it("passes the Eviction's deleteOptions on to the delete", () => {
    runningPod('web-1');
    expectOk(evict('web-1', { body: { deleteOptions: { gracePeriodSeconds: 0 } } }));
    expect(podExists('web-1')).toBe(false);
  });

  it('fails a stale resourceVersion precondition with a Conflict naming the Pod kind', () => {
    const pod = runningPod('web-1');
    const status = expectStatus(evict('web-1', { body: { deleteOptions: { preconditions: { resourceVersion: String(Number(pod.metadata.resourceVersion) - 1) } } } }));
    expect(status.code).toBe(409);
    expect(status.message).toMatch(/^Operation cannot be fulfilled on Pod "web-1": the ResourceVersion in the precondition \(\d+\) does not match the ResourceVersion in record \(\d+\)\. The object might have been modified$/);
  });

  it('is refused for a user without create on pods/eviction', () => {
    const forbidding = makeCluster({
      authorizer: { authorize: (attributes) => ({ decision: attributes.user.username === 'jane' ? 'NoOpinion' : 'Allow', reason: '' }) },
    });
    try {
      const result = forbidding.client('kubectl', { username: 'jane', groups: ['system:authenticated'] }).request({
        verb: 'create',
        group: '',
        version: 'v1',
        resource: 'pods',
        subresource: 'eviction',
        namespace: 'default',
        name: 'web-1',
        body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web-1' } },
      });
      expect(expectStatus(result).message).toBe(
        'pods "web-1" is forbidden: User "jane" cannot create resource "pods/eviction" in API group "" in the namespace "default"',
      );
    } finally {
      forbidding.dispose();
    }
  });
});
