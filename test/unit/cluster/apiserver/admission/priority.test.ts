/** Priority admission: priority and preemptionPolicy from the PriorityClass, the global default, and one default only. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../../../../src/shared/api/core.js';
import type { ApiClient } from '../../../../../src/main/cluster/client/api-client.js';
import { PODS, PRIORITY_CLASSES } from '../../../../../src/main/cluster/client/resources.js';
import type { PriorityClass } from '../../../../../src/main/cluster/apiserver/registry/scheduling-v1.js';
import { type TestCluster, expectOk, expectStatus, podManifest } from '../../../helpers/cluster.js';
import { admissionCluster } from './admission-cluster.js';

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = admissionCluster();
  client = cluster.client('kubectl');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function priorityClass(name: string, value: number, fields: Partial<PriorityClass> = {}): ApiClientResult {
  return client.create<PriorityClass>(PRIORITY_CLASSES, undefined, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...fields });
}

type ApiClientResult = ReturnType<ApiClient['create']>;

function pod(name: string, spec: Partial<Pod['spec']> = {}): Pod {
  const body = podManifest(name);
  Object.assign(body.spec, spec);
  return body;
}

describe('Priority admission', () => {
  it('resolves spec.priority and spec.preemptionPolicy from the named class', () => {
    expectOk(priorityClass('high', 1000, { preemptionPolicy: 'Never' }));
    const created = expectOk(client.create<Pod>(PODS, 'default', pod('web', { priorityClassName: 'high' })));
    expect([created.spec.priority, created.spec.preemptionPolicy]).toEqual([1000, 'Never']);
  });

  it('gives a Pod without a class the global default, the lowest-valued one if several', () => {
    expectOk(priorityClass('normal', 100, { globalDefault: true }));
    const created = expectOk(client.create<Pod>(PODS, 'default', pod('web')));
    expect([created.spec.priorityClassName, created.spec.priority, created.spec.preemptionPolicy]).toEqual(['normal', 100, 'PreemptLowerPriority']);
  });

  it('gives priority 0 and no class when there is no global default', () => {
    const created = expectOk(client.create<Pod>(PODS, 'default', pod('web')));
    expect([created.spec.priorityClassName, created.spec.priority]).toEqual([undefined, 0]);
  });

  it.each<[string, Partial<Pod['spec']>, string]>([
    ['a class that does not exist', { priorityClassName: 'missing' }, 'no PriorityClass with name missing was found'],
    [
      'a priority of its own',
      { priorityClassName: 'high', priority: 5 },
      'the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name',
    ],
    [
      'a different preemption policy',
      { priorityClassName: 'high', preemptionPolicy: 'Never' },
      'the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name',
    ],
  ])('refuses a Pod with %s, as kube-apiserver 1.32 does', (_name, spec, why) => {
    expectOk(priorityClass('high', 1000));
    const status = expectStatus(client.create(PODS, 'default', pod('web', spec)));
    expect([status.code, status.message]).toEqual([403, `pods "web" is forbidden: ${why}`]);
  });

  it('accepts a Pod stating the priority its class computes (a static Pod)', () => {
    expectOk(priorityClass('high', 1000));
    expect(expectOk(client.create<Pod>(PODS, 'default', pod('web', { priorityClassName: 'high', priority: 1000 }))).spec.priority).toBe(1000);
  });

  it('allows only one global default PriorityClass', () => {
    expectOk(priorityClass('a', 10, { globalDefault: true }));
    expect(expectStatus(priorityClass('b', 20, { globalDefault: true })).message).toBe(
      'priorityclasses.scheduling.k8s.io "b" is forbidden: PriorityClass a is already marked as default. Only one default can exist',
    );
    const b = expectOk(priorityClass('b', 20)) as PriorityClass;
    expect(expectStatus(client.update(PRIORITY_CLASSES, undefined, { ...b, globalDefault: true })).message).toBe(
      'priorityclasses.scheduling.k8s.io "b" is forbidden: PriorityClass a is already marked as default. Only one default can exist',
    );
  });
});
