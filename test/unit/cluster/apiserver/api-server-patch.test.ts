import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../../src/shared/api/core.js';
import { NODES, PODS } from '../../../../src/main/cluster/client/resources.js';
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

describe('patch', () => {
  it('a strategic merge patch merges containers by name', () => {
    createPod(client, 'web', { containers: 2 });
    const patched = expectOk(client.patch<Pod>(PODS, 'default', 'web', 'strategic', { spec: { containers: [{ name: 'web-1', image: 'nginx:1.27' }] } }));
    expect(patched.spec.containers.map((c) => [c.name, c.image])).toEqual([
      ['web-0', 'nginx:1.25'],
      ['web-1', 'nginx:1.27'],
    ]);
    // The merged container keeps its defaults and mounts.
    expect(patched.spec.containers[1]!.imagePullPolicy).toBe('IfNotPresent');
    expect(patched.spec.containers[1]!.volumeMounts).toHaveLength(1);
  });

  it('a merge patch replaces lists and deletes keys with null', () => {
    createPod(client, 'web', { labels: { app: 'web', tier: 'fe' } });
    const patched = expectOk(client.patch<Pod>(PODS, 'default', 'web', 'merge', { metadata: { labels: { tier: null, env: 'prod' } } }));
    expect(patched.metadata.labels).toEqual({ app: 'web', env: 'prod' });
    createNode(client, 'node01', { taints: [{ key: 'a', effect: 'NoSchedule' }] });
    const replaced = expectOk(client.patch<Node>(NODES, undefined, 'node01', 'merge', { spec: { taints: [{ key: 'b', effect: 'NoExecute' }] } }));
    expect(replaced.spec.taints).toEqual([{ key: 'b', effect: 'NoExecute' }]);
  });

  it('applies to the current version when the patch names no resourceVersion', () => {
    const pod = createPod(client, 'web');
    expectOk(client.patch(PODS, 'default', 'web', 'merge', { metadata: { labels: { a: '1' } } }));
    const second = expectOk(client.patch<Pod>(PODS, 'default', 'web', 'merge', { metadata: { labels: { b: '2' } } }));
    expect(second.metadata.labels).toEqual({ a: '1', b: '2' });
    expect(Number(second.metadata.resourceVersion)).toBe(Number(pod.metadata.resourceVersion) + 2);
  });

  it('conflicts when the patch names a stale resourceVersion', () => {
    const pod = createPod(client, 'web');
    expectOk(client.patch(PODS, 'default', 'web', 'merge', { metadata: { labels: { a: '1' } } }));
    const status = expectStatus(client.patch(PODS, 'default', 'web', 'merge', { metadata: { resourceVersion: pod.metadata.resourceVersion, labels: { b: '2' } } }));
    expect(status.code).toBe(409);
  });

  it('a patch that changes nothing writes nothing', () => {
    createPod(client, 'web', { labels: { app: 'web' } });
    const revision = cluster.revision();
    expectOk(client.patch(PODS, 'default', 'web', 'strategic', { metadata: { labels: { app: 'web' } } }));
    expect(cluster.revision()).toBe(revision);
  });

  it('patches the status subresource without touching spec', () => {
    createNode(client, 'node01');
    const patched = expectOk(
      client.patch<Node>(NODES, undefined, 'node01', 'merge', { spec: { unschedulable: true }, status: { allocatable: { cpu: '7' } } }, { subresource: 'status' }),
    );
    expect(patched.status?.allocatable?.cpu).toBe('7');
    expect(patched.spec.unschedulable).toBeUndefined();
  });

  it('leaves no empty finalizers, labels or annotations behind, as Go’s omitempty never stores them', () => {
    const pod = podManifest('web');
    pod.metadata.finalizers = ['example.com/hold'];
    pod.metadata.labels = { a: '1' };
    expectOk(client.create(PODS, 'default', pod));
    const patched = expectOk(
      client.patch<Pod>(PODS, 'default', 'web', 'strategic', { metadata: { '$deleteFromPrimitiveList/finalizers': ['example.com/hold'], labels: { a: null }, annotations: {} } }),
    );
    expect(Object.keys(patched.metadata)).not.toContain('finalizers');
    expect(Object.keys(patched.metadata)).not.toContain('labels');
    expect(Object.keys(patched.metadata)).not.toContain('annotations');
    expect(cluster.store.range('/registry/pods/default/web').kvs[0]!.value).not.toContain('finalizers');
  });

  it('answers NotFound, an apply patch without a field manager, and invalid results', () => {
    expect(expectStatus(client.patch(PODS, 'default', 'ghost', 'merge', {})).message).toBe('pods "ghost" not found');
    createPod(client, 'web');
    expect(expectStatus(client.patch(PODS, 'default', 'web', 'apply', { metadata: { labels: { a: '1' } } }))).toMatchObject({
      code: 422,
      message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    });
    const invalid = expectStatus(client.patch(PODS, 'default', 'web', 'merge', { spec: { containers: [{ name: 'web' }] } }));
    expect(invalid.code).toBe(422);
  });
});
