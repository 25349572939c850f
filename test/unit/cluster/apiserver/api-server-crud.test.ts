import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigMap, Namespace, Node, Pod } from '../../../../src/shared/api/core.js';
import type { KubeObject, Status } from '../../../../src/shared/api/meta.js';
import { CONFIG_MAPS, NAMESPACES, NODES, PODS, ROLES, SERVICE_ACCOUNTS } from '../../../../src/main/cluster/client/resources.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { namespaceResource } from '../../../../src/main/cluster/apiserver/registry/namespace.js';
import { podResource } from '../../../../src/main/cluster/apiserver/registry/pod.js';
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

describe('create', () => {
  it('sets uid, creationTimestamp and resourceVersion = the etcd revision', () => {
    const before = cluster.revision();
    const pod = createPod(client, 'web');
    expect(pod.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(pod.metadata.creationTimestamp).toBe('2025-01-01T00:00:00Z');
    expect(pod.metadata.resourceVersion).toBe(String(before + 1));
    expect(pod.metadata.namespace).toBe('default');
    expect(pod.apiVersion).toBe('v1');
    expect(pod.kind).toBe('Pod');
    expect(cluster.revision()).toBe(before + 1);
  });

  it('ignores client-sent uid, resourceVersion and deletion fields', () => {
    const manifest = podManifest('web');
    manifest.metadata = { ...manifest.metadata, uid: 'mine', resourceVersion: '999', deletionTimestamp: '2020-01-01T00:00:00Z', deletionGracePeriodSeconds: 5 };
    const pod = expectOk(client.create<Pod>(PODS, 'default', manifest));
    expect(pod.metadata.uid).not.toBe('mine');
    expect(pod.metadata.resourceVersion).not.toBe('999');
    expect(pod.metadata.deletionTimestamp).toBeUndefined();
    expect(pod.metadata.deletionGracePeriodSeconds).toBeUndefined();
  });

  it('stores under /registry/<prefix>/<namespace>/<name>, without resourceVersion', () => {
    createPod(client, 'x');
    createNode(client, 'node01');
    const pod = cluster.store.range('/registry/pods/default/x').kvs[0];
    expect(pod).toBeDefined();
    const stored = JSON.parse(pod!.value) as Pod;
    expect(stored.metadata.name).toBe('x');
    expect(stored.metadata.resourceVersion).toBeUndefined();
    expect(stored.metadata.uid).toBeDefined();
    const node = cluster.store.range('/registry/minions/node01').kvs[0];
    expect(node).toBeDefined();
    expect((JSON.parse(node!.value) as Node).metadata.resourceVersion).toBeUndefined();
    expect(cluster.store.range('/registry/namespaces/default').kvs).toHaveLength(1);
  });

  it('fills a generateName with five characters from the Kubernetes alphabet', () => {
    const manifest = podManifest('ignored');
    manifest.metadata = { generateName: 'web-' };
    const pod = expectOk(client.create<Pod>(PODS, 'default', manifest));
    expect(pod.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('refuses a second object with the same name: AlreadyExists', () => {
    createPod(client, 'web');
    const revision = cluster.revision();
    const status = expectStatus(client.create(PODS, 'default', podManifest('web')));
    expect(status).toMatchObject({ code: 409, reason: 'AlreadyExists', message: 'pods "web" already exists', details: { name: 'web', kind: 'pods' } });
    expect(cluster.revision()).toBe(revision);
  });

  it('allows the same name in another namespace', () => {
    createPod(client, 'web');
    expect(createPod(client, 'web', { namespace: 'kube-system' }).metadata.namespace).toBe('kube-system');
  });

  it('refuses objects in a missing namespace (NamespaceLifecycle)', () => {
    const status = expectStatus(client.create(PODS, 'nope', podManifest('web')));
    expect(status).toMatchObject({ code: 404, reason: 'NotFound', message: 'namespaces "nope" not found' });
  });

  it('refuses new objects in a terminating namespace', () => {
    expectOk(client.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'leaving' } }));
    const ns = expectOk(client.get<Namespace>(NAMESPACES, undefined, 'leaving'));
    expectOk(client.updateStatus(NAMESPACES, undefined, { ...ns, status: { phase: 'Terminating' } }));
    const status = expectStatus(client.create(PODS, 'leaving', podManifest('web')));
    expect(status).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message: 'pods "web" is forbidden: unable to create new content in namespace leaving because it is being terminated',
    });
  });

  it('refuses a body whose namespace differs from the request', () => {
    const status = expectStatus(client.create(PODS, 'default', podManifest('web', { namespace: 'kube-system' })));
    expect(status).toMatchObject({ code: 400, message: 'the namespace of the provided object does not match the namespace sent on the request' });
  });

  it('refuses a body of another kind or apiVersion', () => {
    expect(expectStatus(client.create(PODS, 'default', { ...podManifest('web'), kind: 'Node' })).message).toBe(
      'the kind in the data (Node) does not match the expected kind (Pod)',
    );
    expect(expectStatus(client.create(PODS, 'default', { ...podManifest('web'), apiVersion: 'apps/v1' })).message).toBe(
      'the API version in the data (apps/v1) does not match the expected API version (v1)',
    );
  });

  it('answers an unknown resource with NotFound', () => {
    const status = expectStatus(client.request({ verb: 'list', group: 'gateway.networking.k8s.io', version: 'v1', resource: 'httproutes' }));
    expect(status).toMatchObject({ code: 404, message: 'the server could not find the requested resource' });
  });

  it('a dry run validates and defaults but writes nothing', () => {
    const revision = cluster.revision();
    const pod = expectOk(client.create<Pod>(PODS, 'default', podManifest('web'), { dryRun: 'All' }));
    expect(pod.spec.restartPolicy).toBe('Always');
    expect(cluster.revision()).toBe(revision);
    expect(expectStatus(client.get(PODS, 'default', 'web')).code).toBe(404);
  });

  it('defaults a Namespace: kubernetes finalizer, Active phase, name label', () => {
    const ns = expectOk(client.create<Namespace>(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }));
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
    expect(ns.metadata.namespace).toBeUndefined();
  });

  it('validates a Namespace name as a DNS-1123 label', () => {
    const status = expectStatus(client.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'Team_A' } }));
    expect(status.code).toBe(422);
    expect(status.message).toBe(
      `Namespace "Team_A" is invalid: metadata.name: Invalid value: "Team_A": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    );
  });
});

describe('get', () => {
  it('returns the stored object with its resourceVersion', () => {
    const created = createPod(client, 'web');
    const got = expectOk(client.get<Pod>(PODS, 'default', 'web'));
    expect(got).toEqual(created);
  });

  it('NotFound says which resource and name', () => {
    const status = expectStatus(client.get(PODS, 'default', 'x'));
    expect(status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "x" not found',
      reason: 'NotFound',
      details: { name: 'x', kind: 'pods' },
      code: 404,
    });
  });

  it('qualifies names of resources outside the core group', () => {
    const status = expectStatus(client.get({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases' }, 'default', 'x'));
    expect(status.message).toBe('leases.coordination.k8s.io "x" not found');
    expect(status.details).toEqual({ name: 'x', group: 'coordination.k8s.io', kind: 'leases' });
  });

  it('does not find a namespaced object through another namespace', () => {
    createPod(client, 'web');
    expect(expectStatus(client.get(PODS, 'kube-system', 'web')).code).toBe(404);
  });
});

describe('update', () => {
  it('writes a change and bumps resourceVersion', () => {
    const pod = createPod(client, 'web');
    const updated = expectOk(client.update<Pod>(PODS, 'default', { ...pod, metadata: { ...pod.metadata, labels: { app: 'web' } } }));
    expect(Number(updated.metadata.resourceVersion)).toBe(Number(pod.metadata.resourceVersion) + 1);
    expect(expectOk(client.get<Pod>(PODS, 'default', 'web')).metadata.labels).toEqual({ app: 'web' });
  });

  it('refuses a stale resourceVersion with the Conflict kubectl users know', () => {
    const pod = createPod(client, 'x');
    expectOk(client.update(PODS, 'default', { ...pod, metadata: { ...pod.metadata, labels: { a: '1' } } }));
    const revision = cluster.revision();
    const status = expectStatus(client.update(PODS, 'default', { ...pod, metadata: { ...pod.metadata, labels: { a: '2' } } }));
    expect(status).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on pods "x": the object has been modified; please apply your changes to the latest version and try again',
    });
    expect(cluster.revision()).toBe(revision);
  });

  it('applies an update without resourceVersion unconditionally (built-in kinds allow it)', () => {
    const pod = createPod(client, 'x');
    expectOk(client.update(PODS, 'default', { ...pod, metadata: { ...pod.metadata, labels: { a: '1' } } }));
    const updated = expectOk(client.update<Pod>(PODS, 'default', { ...pod, metadata: { ...pod.metadata, resourceVersion: undefined, labels: { b: '2' } } }));
    expect(updated.metadata.labels).toEqual({ b: '2' });
    expect(Number(updated.metadata.resourceVersion)).toBe(Number(pod.metadata.resourceVersion) + 2);
  });

  it('requires a resourceVersion for kinds that do not allow unconditional updates', () => {
    const strict = makeCluster({ resources: [{ ...podResource, strategy: { ...podResource.strategy, allowUnconditionalUpdate: false } }, namespaceResource] });
    try {
      const pod = createPod(strict.client(), 'x');
      const status = expectStatus(strict.client().update(PODS, 'default', { ...pod, metadata: { ...pod.metadata, resourceVersion: undefined } }));
      expect(status.code).toBe(422);
      expect(status.message).toBe('Pod "x" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update');
    } finally {
      strict.dispose();
    }
  });

  it('a no-op update writes nothing and keeps the resourceVersion', () => {
    const pod = createPod(client, 'x');
    const revision = cluster.revision();
    const again = expectOk(client.update<Pod>(PODS, 'default', structuredClone(pod)));
    expect(again.metadata.resourceVersion).toBe(pod.metadata.resourceVersion);
    expect(cluster.revision()).toBe(revision);
  });

  it('keeps system metadata (uid, creationTimestamp) whatever the client sends', () => {
    const pod = createPod(client, 'x');
    cluster.clock.advance(60_000);
    const updated = expectOk(
      client.update<Pod>(PODS, 'default', { ...pod, metadata: { ...pod.metadata, uid: 'forged', creationTimestamp: '2000-01-01T00:00:00Z', labels: { a: 'b' } } }),
    );
    expect(updated.metadata.uid).toBe(pod.metadata.uid);
    expect(updated.metadata.creationTimestamp).toBe(pod.metadata.creationTimestamp);
  });

  it('refuses a name that does not match the URL', () => {
    const pod = createPod(client, 'x');
    const status = expectStatus(client.request({ verb: 'update', ...PODS, namespace: 'default', name: 'y', body: pod }));
    expect(status.message).toBe('the name of the object (x) does not match the name on the URL (y)');
  });

  it('answers NotFound for an update of a missing object', () => {
    const status = expectStatus(client.update(PODS, 'default', { ...podManifest('ghost'), metadata: { name: 'ghost', resourceVersion: '5' } }));
    expect(status.message).toBe('pods "ghost" not found');
  });

  it('the main endpoint keeps the stored status', () => {
    const node = createNode(client, 'node01');
    const updated = expectOk(
      client.update<Node>(NODES, undefined, { ...node, spec: { unschedulable: true }, status: { ...node.status, allocatable: { cpu: '64' } } }),
    );
    expect(updated.spec.unschedulable).toBe(true);
    expect(updated.status?.allocatable?.cpu).toBe('2');
    const stored = expectOk(client.get<Node>(NODES, undefined, 'node01'));
    expect(stored.status?.allocatable?.cpu).toBe('2');
  });

  it('the status subresource keeps spec and metadata', () => {
    const node = createNode(client, 'node01');
    const updated = expectOk(
      client.updateStatus<Node>(NODES, undefined, {
        ...node,
        metadata: { ...node.metadata, labels: { sneaky: 'yes' } },
        spec: { unschedulable: true },
        status: { ...node.status, allocatable: { cpu: '8' } },
      }),
    );
    expect(updated.status?.allocatable).toEqual({ cpu: '8' });
    expect(updated.spec.unschedulable).toBeUndefined();
    expect(updated.metadata.labels).toEqual(node.metadata.labels);
  });

  it('the status subresource also checks the resourceVersion', () => {
    const node = createNode(client, 'node01');
    expectOk(client.updateStatus(NODES, undefined, { ...node, status: { allocatable: { cpu: '3' } } }));
    const status = expectStatus(client.updateStatus(NODES, undefined, { ...node, status: { allocatable: { cpu: '4' } } }));
    expect(status.code).toBe(409);
  });

  it('Pod spec is immutable apart from the allowed fields', () => {
    const pod = createPod(client, 'x');
    const status = expectStatus(client.update(PODS, 'default', { ...pod, spec: { ...pod.spec, restartPolicy: 'Never' } }));
    expect(status.code).toBe(422);
    expect(status.message).toContain('Pod "x" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`');
    const image = expectOk(
      client.update<Pod>(PODS, 'default', { ...pod, spec: { ...pod.spec, containers: [{ ...pod.spec.containers[0]!, image: 'nginx:1.27' }] } }),
    );
    expect(image.spec.containers[0]!.image).toBe('nginx:1.27');
  });
});

describe('delete', () => {
  it('removes an object at once and returns it', () => {
    const pod = createPod(client, 'x');
    const deleted = expectOk(client.delete<Pod>(PODS, 'default', 'x'));
    expect(deleted.metadata.uid).toBe(pod.metadata.uid);
    expect(cluster.store.range('/registry/pods/default/x').kvs).toEqual([]);
    expect(expectStatus(client.get(PODS, 'default', 'x')).code).toBe(404);
  });

  it('answers NotFound for a missing object and writes nothing', () => {
    const revision = cluster.revision();
    expect(expectStatus(client.delete(PODS, 'default', 'x')).message).toBe('pods "x" not found');
    expect(cluster.revision()).toBe(revision);
  });

  it('checks uid and resourceVersion preconditions', () => {
    const pod = createPod(client, 'x');
    const byUid = expectStatus(client.delete(PODS, 'default', 'x', { preconditions: { uid: 'other' } }));
    expect(byUid.code).toBe(409);
    expect(byUid.message).toBe(`Operation cannot be fulfilled on pods "x": Precondition failed: UID in precondition: other, UID in object meta: ${pod.metadata.uid}`);
    const byRv = expectStatus(client.delete(PODS, 'default', 'x', { preconditions: { resourceVersion: '1' } }));
    expect(byRv.message).toBe(
      `Operation cannot be fulfilled on pods "x": Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: ${pod.metadata.resourceVersion}`,
    );
    expectOk(client.delete(PODS, 'default', 'x', { preconditions: { uid: pod.metadata.uid } }));
  });

  it('keeps an object with finalizers until they are removed', () => {
    const manifest = podManifest('x');
    manifest.metadata.finalizers = ['example.com/hold'];
    expectOk(client.create<Pod>(PODS, 'default', manifest));
    const marked = expectOk(client.delete<Pod>(PODS, 'default', 'x'));
    expect(marked.metadata.deletionTimestamp).toBe('2025-01-01T00:00:00Z');
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(cluster.store.range('/registry/pods/default/x').kvs).toHaveLength(1);
    // A second delete changes nothing.
    const revision = cluster.revision();
    expectOk(client.delete(PODS, 'default', 'x'));
    expect(cluster.revision()).toBe(revision);
    const current = expectOk(client.get<Pod>(PODS, 'default', 'x'));
    expectOk(client.update(PODS, 'default', { ...current, metadata: { ...current.metadata, finalizers: [] } }));
    expect(cluster.store.range('/registry/pods/default/x').kvs).toEqual([]);
  });

  it('answers a ConfigMap delete with a Status naming it (no ReturnDeletedObject), HTTP 200', () => {
    const created = expectOk(client.create<ConfigMap>(CONFIG_MAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }));
    const result = client.delete(CONFIG_MAPS, 'default', 'x');
    expect(result.ok && result.code).toBe(200);
    // finalizeDelete: details.kind is the resource, the core group is omitted, and there is no code.
    expect(expectOk(result)).toStrictEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: 'x', kind: 'configmaps', uid: created.metadata.uid },
    });
    expect(cluster.store.range('/registry/configmaps/default/x').kvs).toEqual([]);
  });

  it('names the group in the Status of a grouped resource', () => {
    const role = expectOk(client.create<KubeObject>(ROLES, 'default', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader' }, rules: [] }));
    expect(expectOk(client.delete(ROLES, 'default', 'reader'))).toStrictEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: 'reader', group: 'rbac.authorization.k8s.io', kind: 'roles', uid: role.metadata.uid },
    });
  });

  it('answers with the deleted object for registries that set ReturnDeletedObject', () => {
    expectOk(client.create(SERVICE_ACCOUNTS, 'default', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } }));
    const deleted = expectOk(client.delete<KubeObject>(SERVICE_ACCOUNTS, 'default', 'robot'));
    expect([deleted.kind, deleted.metadata.name]).toEqual(['ServiceAccount', 'robot']);
  });

  it('a dry-run delete answers with the same Status and keeps the object', () => {
    const created = expectOk(client.create<ConfigMap>(CONFIG_MAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }));
    const status = expectOk(client.delete(CONFIG_MAPS, 'default', 'x', { dryRun: ['All'] })) as unknown as Status;
    expect([status.kind, status.status, status.details?.uid]).toEqual(['Status', 'Success', created.metadata.uid]);
    expect(cluster.store.range('/registry/configmaps/default/x').kvs).toHaveLength(1);
  });

  it('answers a gracefully deleted Pod with the Pod marked for deletion, HTTP 200', () => {
    createPod(client, 'web', { nodeName: 'node01' });
    const result = client.delete<Pod>(PODS, 'default', 'web');
    expect(result.ok && result.code).toBe(200);
    const marked = expectOk(result);
    expect([marked.kind, marked.metadata.name, marked.metadata.deletionTimestamp, marked.metadata.deletionGracePeriodSeconds]).toEqual([
      'Pod',
      'web',
      '2025-01-01T00:00:30Z',
      30,
    ]);
    // Deleting it again while the grace period runs answers with the Pod too.
    expect(expectOk(client.delete<Pod>(PODS, 'default', 'web')).metadata.deletionTimestamp).toBe('2025-01-01T00:00:30Z');
  });

  it('answers a ConfigMap held by finalizers with the marked object (200, or 202 for orphanDependents: false)', () => {
    const manifest: ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['example.com/hold'] } };
    expectOk(client.create(CONFIG_MAPS, 'default', manifest));
    const first = client.delete<ConfigMap>(CONFIG_MAPS, 'default', 'held');
    expect(first.ok && first.code).toBe(200);
    expect(expectOk(first)).toMatchObject({
      kind: 'ConfigMap',
      metadata: { name: 'held', deletionTimestamp: '2025-01-01T00:00:00Z', deletionGracePeriodSeconds: 0, finalizers: ['example.com/hold'] },
    });
    // The handler's 202 is only for the deprecated orphanDependents=false on a deletion not yet done.
    const again = client.delete<ConfigMap>(CONFIG_MAPS, 'default', 'held', { orphanDependents: false });
    expect(again.ok && again.code).toBe(202);
    expect(expectOk(again).metadata.deletionTimestamp).toBe('2025-01-01T00:00:00Z');
    const background = client.delete<ConfigMap>(CONFIG_MAPS, 'default', 'held', { propagationPolicy: 'Background' });
    expect(background.ok && background.code).toBe(200);
  });

  it('refuses orphanDependents together with propagationPolicy', () => {
    expectOk(client.create(CONFIG_MAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }));
    const status = expectStatus(client.delete(CONFIG_MAPS, 'default', 'x', { orphanDependents: true, propagationPolicy: 'Orphan' }));
    expect([status.code, status.message]).toEqual([
      422,
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "Orphan": orphanDependents and deletionPropagation cannot be both set',
    ]);
  });

  it('deletecollection answers with the list of the objects as they were before the deletion', () => {
    expectOk(client.create(CONFIG_MAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { app: 'x' } } }));
    expectOk(client.create(CONFIG_MAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', labels: { app: 'x' }, finalizers: ['example.com/hold'] } }));
    createPod(client, 'web', { nodeName: 'node01', labels: { app: 'x' } });
    const listedAt = String(cluster.revision());
    const result = client.request<{ apiVersion: string; kind: string; metadata: { resourceVersion: string }; items: KubeObject[] }>({
      verb: 'deletecollection',
      ...CONFIG_MAPS,
      namespace: 'default',
      query: { labelSelector: 'app=x' },
    });
    expect(result.ok && result.code).toBe(200);
    const list = expectOk(result);
    expect([list.apiVersion, list.kind, list.metadata.resourceVersion]).toEqual(['v1', 'ConfigMapList', listedAt]);
    expect(list.items.map((i) => [i.metadata.name, i.metadata.deletionTimestamp])).toEqual([
      ['a', undefined],
      ['b', undefined],
    ]);
    expect(expectOk(client.get<ConfigMap>(CONFIG_MAPS, 'default', 'b')).metadata.deletionTimestamp).toBe('2025-01-01T00:00:00Z');
    // Pods: the listed Pod, not the one marked for graceful deletion.
    const pods = expectOk(client.request<{ items: Pod[] }>({ verb: 'deletecollection', ...PODS, namespace: 'default', query: { labelSelector: 'app=x' } }));
    expect(pods.items.map((p) => [p.metadata.name, p.metadata.deletionTimestamp])).toEqual([['web', undefined]]);
    expect(expectOk(client.get<Pod>(PODS, 'default', 'web')).metadata.deletionGracePeriodSeconds).toBe(30);
  });

  it('deletecollection deletes every matching object', () => {
    createPod(client, 'a', { labels: { app: 'x' } });
    createPod(client, 'b', { labels: { app: 'x' } });
    createPod(client, 'c', { labels: { app: 'y' } });
    const result = expectOk(client.request<{ items: KubeObject[] }>({ verb: 'deletecollection', ...PODS, namespace: 'default', query: { labelSelector: 'app=x' } }));
    expect(result.items.map((i) => i.metadata.name)).toEqual(['a', 'b']);
    expect(expectOk(client.list(PODS, 'default')).items.map((i) => i.metadata.name)).toEqual(['c']);
  });
});

describe('trace', () => {
  it('records the request and the etcd write with key and revision', () => {
    const since = cluster.tracer.lastSeq;
    createPod(client, 'x');
    const events = cluster.tracer.recent(since);
    expect(events).toEqual([
      expect.objectContaining({ from: 'kube-apiserver', to: 'etcd', verb: 'put', key: '/registry/pods/default/x', revision: cluster.revision() }),
      expect.objectContaining({ from: 'kubectl', to: 'kube-apiserver', verb: 'create', resource: 'pods', namespace: 'default', name: 'x', code: 201 }),
    ]);
  });

  it('records failures with their code and message', () => {
    const since = cluster.tracer.lastSeq;
    client.get(PODS, 'default', 'missing');
    expect(cluster.tracer.recent(since)).toEqual([
      expect.objectContaining({ verb: 'get', code: 404, message: 'pods "missing" not found', name: 'missing' }),
    ]);
  });
});
