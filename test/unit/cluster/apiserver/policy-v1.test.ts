/** PodDisruptionBudgets: exclusive bounds, percent checks, the zeroed status, the printer and storage. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { POD_DISRUPTION_BUDGETS } from '../../../../src/main/cluster/client/resources.js';
import type { PodDisruptionBudget } from '../../../../src/main/cluster/apiserver/registry/policy-v1.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = makeCluster();
  client = cluster.client('kubectl');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function budget(name: string, spec: PodDisruptionBudget['spec']): PodDisruptionBudget {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } };
}

describe('PodDisruptionBudget', () => {
  it('starts with a zeroed status, stored under /registry/poddisruptionbudgets/<namespace>/<name>', () => {
    const created = expectOk(client.create<PodDisruptionBudget>(POD_DISRUPTION_BUDGETS, 'default', budget('web', { minAvailable: 1 })));
    expect(created.status).toEqual({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
    expect(created.metadata.generation).toBe(1);
    expect(cluster.store.range('/registry/poddisruptionbudgets/default/web').kvs).toHaveLength(1);
  });

  it.each<[string, PodDisruptionBudget['spec'], string]>([
    [
      'both minAvailable and maxUnavailable',
      { minAvailable: 1, maxUnavailable: 1 },
      'PodDisruptionBudget.policy "web" is invalid: spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000a1b2c8), Selector:(*v1.LabelSelector)(0xc000a1b2c8), MaxUnavailable:(*intstr.IntOrString)(0xc000a1b2c8), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}: minAvailable and maxUnavailable cannot be both set',
    ],
    ['a negative minAvailable', { minAvailable: -1 }, 'PodDisruptionBudget.policy "web" is invalid: spec.minAvailable: Invalid value: -1: must be greater than or equal to 0'],
    [
      'a maxUnavailable above 100%',
      { maxUnavailable: '150%' },
      'PodDisruptionBudget.policy "web" is invalid: spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
    ],
  ])('refuses %s', (_name, spec, message) => {
    expect(expectStatus(client.create(POD_DISRUPTION_BUDGETS, 'default', budget('web', spec))).message).toBe(message);
  });

  it('prints NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE', () => {
    expectOk(client.create(POD_DISRUPTION_BUDGETS, 'default', budget('a', { minAvailable: 2 })));
    expectOk(client.create(POD_DISRUPTION_BUDGETS, 'default', budget('b', { maxUnavailable: '25%' })));
    const table = expectOk(client.listTable(POD_DISRUPTION_BUDGETS, 'default'));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['a', '2', 'N/A', 0, '0s'],
      ['b', 'N/A', '25%', 0, '0s'],
    ]);
  });
});
