/** PriorityClasses: defaults, the reserved `system-` prefix, immutability, the printer and storage. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { PRIORITY_CLASSES } from '../../../../src/main/cluster/client/resources.js';
import type { PriorityClass } from '../../../../src/main/cluster/apiserver/registry/scheduling-v1.js';
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

function priorityClass(name: string, fields: Partial<PriorityClass> = {}): PriorityClass {
  return { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value: 1000, ...fields };
}

describe('PriorityClass', () => {
  it('defaults preemptionPolicy and is stored cluster-wide under /registry/priorityclasses/<name>', () => {
    const created = expectOk(client.create<PriorityClass>(PRIORITY_CLASSES, undefined, priorityClass('high')));
    expect(created.preemptionPolicy).toBe('PreemptLowerPriority');
    expect(created.metadata.namespace).toBeUndefined();
    const stored = JSON.parse(cluster.store.range('/registry/priorityclasses/high').kvs[0]!.value) as PriorityClass;
    expect(stored.value).toBe(1000);
  });

  it.each<[string, PriorityClass, string]>([
    [
      'an unknown system- name',
      priorityClass('system-x'),
      `PriorityClass.scheduling.k8s.io "system-x" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-x is not a known system priority class`,
    ],
    [
      'a built-in name with another value',
      priorityClass('system-node-critical'),
      `PriorityClass.scheduling.k8s.io "system-node-critical" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000`,
    ],
    ['a user value above one billion', priorityClass('huge', { value: 1_000_000_001 }), 'PriorityClass.scheduling.k8s.io "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000'],
    [
      'an unknown preemption policy',
      priorityClass('p', { preemptionPolicy: 'Sometimes' }),
      'PriorityClass.scheduling.k8s.io "p" is invalid: preemptionPolicy: Unsupported value: "Sometimes": supported values: "Never", "PreemptLowerPriority"',
    ],
  ])('refuses %s', (_name, body, message) => {
    expect(expectStatus(client.create(PRIORITY_CLASSES, undefined, body)).message).toBe(message);
  });

  it('accepts the built-in system classes with their own values', () => {
    expectOk(client.create(PRIORITY_CLASSES, undefined, priorityClass('system-cluster-critical', { value: 2_000_000_000 })));
  });

  it('keeps the value fixed', () => {
    const created = expectOk(client.create<PriorityClass>(PRIORITY_CLASSES, undefined, priorityClass('high')));
    expect(expectStatus(client.update(PRIORITY_CLASSES, undefined, { ...created, value: 5 })).message).toBe(
      'PriorityClass.scheduling.k8s.io "high" is invalid: value: Forbidden: may not be changed in an update.',
    );
  });

  it('prints NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY', () => {
    expectOk(client.create(PRIORITY_CLASSES, undefined, priorityClass('high', { globalDefault: true, preemptionPolicy: 'Never' })));
    const table = expectOk(client.listTable(PRIORITY_CLASSES));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Value', 'Global-Default', 'Age', 'PreemptionPolicy']);
    expect(table.rows.map((r) => r.cells)).toEqual([['high', 1000, true, '0s', 'Never']]);
  });

  it('is served under the short name pc', () => {
    expect(client.discovery().find((r) => r.name === 'priorityclasses')).toMatchObject({ namespaced: false, shortNames: ['pc'] });
  });
});
