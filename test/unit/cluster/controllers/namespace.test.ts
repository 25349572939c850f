/** The namespace controller with the namespace registry's Terminating phase and finalize subresource. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigMap, Namespace } from '../../../../src/shared/api/core.js';
import { type NamespaceCondition, NamespaceController } from '../../../../src/main/cluster/controllers/namespace.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { CONFIG_MAPS, NAMESPACES, PODS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, createPod, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';

type NamespaceWithConditions = Namespace & { status?: { phase?: string; conditions?: NamespaceCondition[] } };

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = makeCluster({ namespaces: ['default', 'team'] });
  client = cluster.client();
});
afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function startController(): NamespaceController {
  const controller = cluster.disposables.add(new NamespaceController(cluster.client('namespace-controller'), cluster.clock));
  controller.start();
  cluster.settle();
  return controller;
}

function configMap(name: string, finalizers?: string[]): void {
  expectOk(client.create(CONFIG_MAPS, 'team', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(finalizers ? { finalizers } : {}) } }));
}

function namespace(): NamespaceWithConditions | undefined {
  const got = client.get<NamespaceWithConditions>(NAMESPACES, undefined, 'team');
  return got.ok ? got.value : undefined;
}

function conditions(): Record<string, string> {
  return Object.fromEntries((namespace()?.status?.conditions ?? []).map((c) => [c.type, `${c.status} ${c.reason}: ${c.message}`]));
}

describe('the namespace registry', () => {
  it('marks a deleted namespace Terminating and keeps it while the kubernetes finalizer remains', () => {
    const deleted = expectOk(client.delete<Namespace>(NAMESPACES, undefined, 'team'));
    expect(deleted.status?.phase).toBe('Terminating');
    expect(deleted.metadata.deletionTimestamp).toBeDefined();
    expect(deleted.metadata.deletionGracePeriodSeconds).toBeUndefined();
    // A repeated delete answers with the namespace, changing nothing.
    const revision = cluster.revision();
    expect(expectOk(client.delete<Namespace>(NAMESPACES, undefined, 'team')).spec?.finalizers).toEqual(['kubernetes']);
    expect(cluster.revision()).toBe(revision);
    // NamespaceLifecycle refuses new content.
    expect(expectStatus(client.create(CONFIG_MAPS, 'team', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } })).code).toBe(403);
  });

  it('changes spec.finalizers only through finalize, which removes a deleted namespace once none is left', () => {
    const current = namespace()!;
    expectOk(client.update(NAMESPACES, undefined, { ...current, spec: { finalizers: [] } }));
    expect(namespace()?.spec?.finalizers).toEqual(['kubernetes']);
    expectOk(client.delete(NAMESPACES, undefined, 'team'));
    expectOk(client.request({ verb: 'update', ...NAMESPACES, subresource: 'finalize', name: 'team', body: { ...namespace()!, spec: { finalizers: [] } } }));
    expect(namespace()).toBeUndefined();
  });
});

describe('NamespaceController', () => {
  it('empties a namespace with Pods and ConfigMaps, reports what remains, and lets it go once the Pods are gone', () => {
    startController();
    configMap('settings');
    configMap('more');
    createPod(client, 'web-1', { namespace: 'team', nodeName: 'node01' });
    createPod(client, 'web-2', { namespace: 'team', nodeName: 'node01' });
    expectOk(client.delete(NAMESPACES, undefined, 'team'));
    cluster.settle();
    // namespaceDeletionGracePeriod: nothing happens for five seconds.
    cluster.clock.advance(4_999);
    expect(expectOk(client.list(CONFIG_MAPS, 'team')).items).toHaveLength(2);
    cluster.clock.advance(1);
    expect(expectOk(client.list(CONFIG_MAPS, 'team')).items).toHaveLength(0);
    const pods = expectOk(client.list(PODS, 'team')).items;
    expect(pods.map((p) => p.metadata.deletionGracePeriodSeconds)).toEqual([30, 30]);
    expect(conditions()).toEqual({
      NamespaceDeletionDiscoveryFailure: 'False ResourcesDiscovered: All resources successfully discovered',
      NamespaceDeletionGroupVersionParsingFailure: 'False ParsedGroupVersions: All legacy kube types successfully parsed',
      NamespaceDeletionContentFailure: 'False ContentDeleted: All content successfully deleted, may be waiting on finalization',
      NamespaceContentRemaining: 'True SomeResourcesRemain: Some resources are remaining: pods. has 2 resource instances',
      NamespaceFinalizersRemaining: 'False ContentRemoved: All content successfully removed',
    });
    expect(namespace()?.status?.phase).toBe('Terminating');
    // Re-checks (every estimate/2 + 1 s) write nothing while the Pods terminate.
    const revision = cluster.revision();
    cluster.clock.advance(20_000);
    expect(cluster.revision()).toBe(revision);
    // The kubelet finishes the Pods.
    for (const pod of pods) expectOk(client.delete(PODS, 'team', pod.metadata.name ?? '', { gracePeriodSeconds: 0 }));
    cluster.clock.advance(20_000);
    expect(namespace()).toBeUndefined();
  });

  it('reports objects held by finalizers and re-checks after the finalizer estimate', () => {
    startController();
    configMap('held', ['example.com/hold']);
    expectOk(client.delete(NAMESPACES, undefined, 'team'));
    cluster.clock.advance(5_000);
    expect(conditions()).toMatchObject({
      NamespaceContentRemaining: 'True SomeResourcesRemain: Some resources are remaining: configmaps. has 1 resource instances',
      NamespaceFinalizersRemaining: 'True SomeFinalizerRemain: Some finalizers are remaining: example.com/hold in 1 resource instances',
    });
    expect(expectOk(client.get<ConfigMap>(CONFIG_MAPS, 'team', 'held')).metadata.deletionTimestamp).toBeDefined();
    expectOk(client.patch(CONFIG_MAPS, 'team', 'held', 'merge', { metadata: { finalizers: null } }));
    // The conditions' own watch event brings it back after namespaceDeletionGracePeriod, sooner
    // than the finalizer estimate (15 s / 2 + 1) would.
    cluster.clock.advance(4_999);
    expect(namespace()).toBeDefined();
    cluster.clock.advance(1);
    expect(namespace()).toBeUndefined();
  });

  it('waits the finalizer estimate (15 s / 2 + 1) between passes that change nothing', () => {
    startController();
    configMap('held', ['example.com/hold']);
    expectOk(client.delete(NAMESPACES, undefined, 'team'));
    cluster.clock.advance(10_000);
    // t=10 s: a pass with nothing new to write; the next is due at t=18 s.
    const revision = cluster.revision();
    cluster.clock.advance(1_000);
    expect(cluster.revision()).toBe(revision);
    expectOk(client.patch(CONFIG_MAPS, 'team', 'held', 'merge', { metadata: { finalizers: null } }));
    cluster.clock.advance(6_999);
    expect(namespace()).toBeDefined();
    cluster.clock.advance(1);
    expect(namespace()).toBeUndefined();
  });

  it('removes an empty namespace five seconds after its deletion', () => {
    startController();
    expectOk(client.delete(NAMESPACES, undefined, 'team'));
    cluster.clock.advance(5_000);
    expect(namespace()).toBeUndefined();
    expect(expectOk(client.list(NAMESPACES)).items.map((n) => n.metadata.name)).toEqual(['default']);
  });

  it('leaves active namespaces alone and writes nothing on a restart', () => {
    startController();
    configMap('settings');
    const revision = cluster.revision();
    cluster.clock.advance(60_000);
    startController();
    cluster.clock.advance(60_000);
    expect(cluster.revision()).toBe(revision);
  });

  it('finishes a namespace that started terminating before the controller ran', () => {
    configMap('settings');
    expectOk(client.delete(NAMESPACES, undefined, 'team'));
    cluster.clock.advance(60_000);
    expect(namespace()?.status?.phase).toBe('Terminating');
    startController();
    cluster.clock.advance(5_000);
    expect(namespace()).toBeUndefined();
  });
});
