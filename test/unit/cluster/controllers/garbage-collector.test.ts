/** The garbage collector: each propagation policy end to end through the API server. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigMap } from '../../../../src/shared/api/core.js';
import type { OwnerReference } from '../../../../src/shared/api/meta.js';
import { GarbageCollector } from '../../../../src/main/cluster/controllers/garbage-collector/garbage-collector.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { CONFIG_MAPS, PODS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, createPod, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';

let cluster: TestCluster;
let client: ApiClient;
let gc: GarbageCollector;

beforeEach(() => {
  cluster = makeCluster({ namespaces: ['default'] });
  client = cluster.client();
  gc = cluster.disposables.add(new GarbageCollector(cluster.client('generic-garbage-collector'), cluster.clock));
  gc.start();
  cluster.settle();
});
afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function configMap(name: string, owners: OwnerReference[] = [], finalizers?: string[]): ConfigMap {
  return expectOk(
    client.create<ConfigMap>(CONFIG_MAPS, 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, ...(owners.length > 0 ? { ownerReferences: owners } : {}), ...(finalizers ? { finalizers } : {}) },
      data: { k: name },
    }),
  );
}

function ref(owner: ConfigMap, block = false): OwnerReference {
  return { apiVersion: 'v1', kind: 'ConfigMap', name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', ...(block ? { controller: true, blockOwnerDeletion: true } : {}) };
}

function names(): string[] {
  return expectOk(client.list<ConfigMap>(CONFIG_MAPS, 'default'))
    .items.map((c) => c.metadata.name ?? '')
    .sort();
}

function get(name: string): ConfigMap | undefined {
  const got = client.get<ConfigMap>(CONFIG_MAPS, 'default', name);
  return got.ok ? got.value : undefined;
}

/** Converged: another pass and a restarted collector write nothing. */
function expectQuiet(): void {
  cluster.settle();
  const revision = cluster.revision();
  cluster.clock.advance(60_000);
  expect(cluster.revision()).toBe(revision);
  gc.dispose();
  const again = cluster.disposables.add(new GarbageCollector(cluster.client('generic-garbage-collector'), cluster.clock));
  again.start();
  cluster.settle();
  expect(cluster.revision()).toBe(revision);
}

describe('background deletion', () => {
  it('deletes the dependents of an owner that is gone', () => {
    const owner = configMap('owner');
    configMap('child-a', [ref(owner, true)]);
    configMap('child-b', [ref(owner)]);
    configMap('unrelated');
    cluster.settle();
    expect(gc.dependentsOf(owner.metadata.uid ?? '')).toEqual(['default/child-a', 'default/child-b']);
    expectOk(client.delete(CONFIG_MAPS, 'default', 'owner', { propagationPolicy: 'Background' }));
    cluster.settle();
    expect(names()).toEqual(['unrelated']);
    expectQuiet();
  });

  it('deletes dependents of dependents level by level (owner → ReplicaSet-like → Pods)', () => {
    const owner = configMap('deploy');
    const middle = configMap('rs', [ref(owner, true)]);
    const pod = createPod(client, 'web-1', { nodeName: 'node01' });
    expectOk(client.patch(PODS, 'default', 'web-1', 'merge', { metadata: { ownerReferences: [ref(middle, true)] } }));
    cluster.settle();
    expectOk(client.delete(CONFIG_MAPS, 'default', 'deploy'));
    cluster.settle();
    expect(names()).toEqual([]);
    // A scheduled Pod has a grace period: the collector's Background delete marks it terminating.
    const marked = expectOk(client.get(PODS, 'default', 'web-1'));
    expect(marked.metadata.uid).toBe(pod.metadata.uid);
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(30);
  });

  it('keeps a dependent another owner still holds, removing only the dangling reference', () => {
    const a = configMap('owner-a');
    const b = configMap('owner-b');
    configMap('shared', [ref(a), ref(b)]);
    cluster.settle();
    expectOk(client.delete(CONFIG_MAPS, 'default', 'owner-a'));
    cluster.settle();
    expect(get('shared')?.metadata.ownerReferences).toEqual([ref(b)]);
    expectQuiet();
    expectOk(client.delete(CONFIG_MAPS, 'default', 'owner-b'));
    cluster.settle();
    expect(get('shared')).toBeUndefined();
  });

  it('treats a reference with the wrong uid as dangling: a re-created owner of the same name is another owner', () => {
    const original = configMap('owner');
    expectOk(client.delete(CONFIG_MAPS, 'default', 'owner'));
    cluster.settle();
    const recreated = configMap('owner');
    expect(recreated.metadata.uid).not.toBe(original.metadata.uid);
    configMap('stale-child', [ref(original)]);
    configMap('new-child', [ref(recreated)]);
    cluster.settle();
    expect(names()).toEqual(['new-child', 'owner']);
    expectQuiet();
  });

  it('deletes an object whose owner never existed', () => {
    configMap('orphaned', [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: '00000000-0000-4000-8000-000000000000' }]);
    cluster.settle();
    expect(get('orphaned')).toBeUndefined();
  });

  it('keeps a dependent whose owner kind cannot be resolved', () => {
    configMap('odd', [{ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: '00000000-0000-4000-8000-000000000001' }]);
    cluster.settle();
    expect(get('odd')).toBeDefined();
  });
});

describe('foreground deletion', () => {
  it('deletes the dependents first, waits for blocking ones, then removes foregroundDeletion so the owner goes', () => {
    const owner = configMap('owner');
    // A dependent that takes a while to go: a finalizer someone else removes later.
    configMap('held', [ref(owner, true)], ['example.com/hold']);
    configMap('quick', [ref(owner, true)]);
    cluster.settle();
    expectOk(client.delete(CONFIG_MAPS, 'default', 'owner', { propagationPolicy: 'Foreground' }));
    cluster.settle();
    const waiting = get('owner');
    expect(waiting?.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(waiting?.metadata.deletionTimestamp).toBeDefined();
    expect(get('quick')).toBeUndefined();
    expect(get('held')?.metadata.deletionTimestamp).toBeDefined();
    // Nothing changes while the blocking dependent remains.
    const revision = cluster.revision();
    cluster.clock.advance(60_000);
    expect(cluster.revision()).toBe(revision);
    expectOk(client.patch(CONFIG_MAPS, 'default', 'held', 'merge', { metadata: { finalizers: null } }));
    cluster.settle();
    expect(names()).toEqual([]);
    expectQuiet();
  });

  it('does not wait for dependents without blockOwnerDeletion, but still deletes them', () => {
    const owner = configMap('owner');
    configMap('loose', [ref(owner)], ['example.com/hold']);
    cluster.settle();
    expectOk(client.delete(CONFIG_MAPS, 'default', 'owner', { propagationPolicy: 'Foreground' }));
    cluster.settle();
    expect(get('owner')).toBeUndefined();
    expect(get('loose')?.metadata.deletionTimestamp).toBeDefined();
  });

  it('deletes a dependent that has dependents of its own in the foreground too', () => {
    const owner = configMap('top');
    const middle = configMap('middle', [ref(owner, true)]);
    configMap('bottom', [ref(middle, true)], ['example.com/hold']);
    cluster.settle();
    expectOk(client.delete(CONFIG_MAPS, 'default', 'top', { propagationPolicy: 'Foreground' }));
    cluster.settle();
    expect(get('middle')?.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(get('top')?.metadata.finalizers).toEqual(['foregroundDeletion']);
    expectOk(client.patch(CONFIG_MAPS, 'default', 'bottom', 'merge', { metadata: { finalizers: null } }));
    cluster.settle();
    expect(names()).toEqual([]);
  });

  it('lets an owner with no dependents go at once', () => {
    configMap('alone');
    cluster.settle();
    expectOk(client.delete(CONFIG_MAPS, 'default', 'alone', { propagationPolicy: 'Foreground' }));
    cluster.settle();
    expect(get('alone')).toBeUndefined();
  });
});

describe('orphan deletion', () => {
  it('removes the owner reference from every dependent, then the orphan finalizer', () => {
    const owner = configMap('owner');
    const other = configMap('other');
    configMap('child', [ref(owner, true)]);
    configMap('shared', [ref(owner), ref(other)]);
    cluster.settle();
    expectOk(client.delete(CONFIG_MAPS, 'default', 'owner', { propagationPolicy: 'Orphan' }));
    cluster.settle();
    expect(get('owner')).toBeUndefined();
    expect(get('child')?.metadata.ownerReferences).toBeUndefined();
    expect(get('shared')?.metadata.ownerReferences).toEqual([ref(other)]);
    expectQuiet();
  });

  it('leaves an owner that is deleted with orphan but has other finalizers to them', () => {
    const owner = configMap('owner', [], ['example.com/hold']);
    configMap('child', [ref(owner)]);
    cluster.settle();
    expectOk(client.delete(CONFIG_MAPS, 'default', 'owner', { propagationPolicy: 'Orphan' }));
    cluster.settle();
    expect(get('owner')?.metadata.finalizers).toEqual(['example.com/hold']);
    expect(get('child')?.metadata.ownerReferences).toBeUndefined();
    expectStatus(client.get(CONFIG_MAPS, 'default', 'missing'));
  });
});

describe('owner cycles', () => {
  it('makes a dependent non-blocking when one of its own dependents is deleting its dependents (possible cycle)', () => {
    // a ← b ← c ← d; c is already being deleted in the foreground, waiting on d.
    const a = configMap('a');
    const b = configMap('b', [ref(a, true)]);
    const c = configMap('c', [ref(b, true)]);
    configMap('d', [ref(c, true)], ['example.com/hold']);
    cluster.settle();
    expectOk(client.delete(CONFIG_MAPS, 'default', 'c', { propagationPolicy: 'Foreground' }));
    cluster.settle();
    expect(get('c')?.metadata.finalizers).toEqual(['foregroundDeletion']);
    expectOk(client.delete(CONFIG_MAPS, 'default', 'a', { propagationPolicy: 'Foreground' }));
    cluster.settle();
    const middle = get('b');
    expect(middle?.metadata.uid).toBe(b.metadata.uid);
    expect(middle?.metadata.ownerReferences?.map((r) => [r.name, r.blockOwnerDeletion])).toEqual([['a', false]]);
    expect(middle?.metadata.finalizers).toEqual(['foregroundDeletion']);
    // Nothing blocks a any more; b and c wait for d.
    expect(get('a')).toBeUndefined();
    expect(get('c')?.metadata.uid).toBe(c.metadata.uid);
    expectOk(client.patch(CONFIG_MAPS, 'default', 'd', 'merge', { metadata: { finalizers: null } }));
    cluster.settle();
    expect(names()).toEqual([]);
  });
});
