import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigMap, Node, Pod } from '../../../../src/shared/api/core.js';
import type { KubeObject } from '../../../../src/shared/api/meta.js';
import { CONFIG_MAPS, NODES, PODS } from '../../../../src/main/cluster/client/resources.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { type TestCluster, createNode, createPod, expectOk, expectStatus, makeCluster, podManifest } from '../../helpers/cluster.js';

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

const DRY = { dryRun: 'All' } as const;

function configMap(name: string, data: Record<string, string> = {}, finalizers?: string[]): ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(finalizers ? { finalizers } : {}) }, data };
}

describe('dryRun=All: every write verb answers with what would be stored and writes nothing', () => {
  it('create still refuses a name that is taken and an invalid object', () => {
    createPod(client, 'web');
    const revision = cluster.revision();
    expect(expectStatus(client.create(PODS, 'default', podManifest('web'), DRY))).toMatchObject({ code: 409, message: 'pods "web" already exists' });
    expect(expectStatus(client.create(PODS, 'default', podManifest('bad', { image: '' }), DRY)).code).toBe(422);
    expect(cluster.revision()).toBe(revision);
  });

  it('update returns the defaulted, validated object at the current resourceVersion', () => {
    const cm = expectOk(client.create<ConfigMap>(CONFIG_MAPS, 'default', configMap('cfg', { a: '1' })));
    const revision = cluster.revision();
    const dry = expectOk(client.update<ConfigMap>(CONFIG_MAPS, 'default', { ...cm, data: { a: '2' } }, DRY));
    expect(dry.data).toEqual({ a: '2' });
    expect(dry.metadata.resourceVersion).toBe(cm.metadata.resourceVersion);
    expect(cluster.revision()).toBe(revision);
    expect(expectOk(client.get<ConfigMap>(CONFIG_MAPS, 'default', 'cfg')).data).toEqual({ a: '1' });
    // Validation and concurrency still apply.
    expect(expectStatus(client.update(CONFIG_MAPS, 'default', { ...cm, metadata: { ...cm.metadata, resourceVersion: '1' } }, DRY)).code).toBe(409);
  });

  it('patch (every patch type) and the status subresource write nothing', () => {
    createNode(client, 'node01');
    const revision = cluster.revision();
    const merged = expectOk(client.patch<Node>(NODES, undefined, 'node01', 'merge', { metadata: { labels: { a: '1' } } }, { query: DRY }));
    expect(merged.metadata.labels?.a).toBe('1');
    const json = expectOk(client.patch<Node>(NODES, undefined, 'node01', 'json', [{ op: 'add', path: '/spec/unschedulable', value: true }], { query: DRY }));
    expect(json.spec.unschedulable).toBe(true);
    const status = expectOk(client.patch<Node>(NODES, undefined, 'node01', 'merge', { status: { allocatable: { cpu: '7' } } }, { subresource: 'status', query: DRY }));
    expect(status.status?.allocatable?.cpu).toBe('7');
    expect(cluster.revision()).toBe(revision);
    const stored = expectOk(client.get<Node>(NODES, undefined, 'node01'));
    expect(stored.metadata.labels?.a).toBeUndefined();
    expect(stored.status?.allocatable?.cpu).toBe('2');
  });

  it('delete answers with the object as it would be marked (graceful Pod) or removed, and keeps it', () => {
    createPod(client, 'web', { nodeName: 'node01' });
    expectOk(client.create(CONFIG_MAPS, 'default', configMap('cfg')));
    const revision = cluster.revision();
    const pod = expectOk(client.delete<Pod>(PODS, 'default', 'web', { dryRun: ['All'] }));
    expect(pod.metadata.deletionTimestamp).toBeDefined();
    expect(pod.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(expectOk(client.delete<KubeObject>(CONFIG_MAPS, 'default', 'cfg', { dryRun: ['All'], propagationPolicy: 'Foreground' })).metadata.finalizers).toEqual([
      'foregroundDeletion',
    ]);
    expect(cluster.revision()).toBe(revision);
    expect(expectOk(client.get<Pod>(PODS, 'default', 'web')).metadata.deletionTimestamp).toBeUndefined();
    expect(expectOk(client.get<KubeObject>(CONFIG_MAPS, 'default', 'cfg')).metadata.finalizers).toBeUndefined();
  });

  it('binding a Pod writes nothing', () => {
    createPod(client, 'web');
    const revision = cluster.revision();
    expectOk(
      client.request({ verb: 'create', group: '', version: 'v1', resource: 'pods', subresource: 'binding', namespace: 'default', name: 'web', body: { target: { name: 'node01' } }, query: DRY }),
    );
    expect(cluster.revision()).toBe(revision);
    expect(expectOk(client.get<Pod>(PODS, 'default', 'web')).spec.nodeName).toBeUndefined();
  });
});
