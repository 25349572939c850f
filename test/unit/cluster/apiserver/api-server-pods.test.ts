import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/shared/api/core.js';
import { PODS } from '../../../../src/main/cluster/client/resources.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { imageTagIsLatest, qosClass } from '../../../../src/main/cluster/apiserver/registry/pod.js';
import { type TestCluster, createPod, expectOk, expectStatus, makeCluster, podManifest } from '../../helpers/cluster.js';

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

function stored(name: string, namespace = 'default'): Pod | undefined {
  const kv = cluster.store.range(`/registry/pods/${namespace}/${name}`).kvs[0];
  return kv ? (JSON.parse(kv.value) as Pod) : undefined;
}

describe('Pod defaults', () => {
  it('applies the scheme defaults of kube-apiserver 1.32', () => {
    const pod = createPod(client, 'web');
    expect(pod.spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      securityContext: {},
      enableServiceLinks: true,
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      serviceAccountName: 'default',
      serviceAccount: 'default',
    });
    expect(pod.spec.containers[0]).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      resources: {},
    });
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('keeps values the manifest sets', () => {
    const manifest = podManifest('web');
    manifest.spec.restartPolicy = 'Never';
    manifest.spec.terminationGracePeriodSeconds = 5;
    manifest.spec.dnsPolicy = 'Default';
    manifest.spec.containers[0]!.imagePullPolicy = 'Never';
    const pod = expectOk(client.create<Pod>(PODS, 'default', manifest));
    expect(pod.spec).toMatchObject({ restartPolicy: 'Never', terminationGracePeriodSeconds: 5, dnsPolicy: 'Default' });
    expect(pod.spec.containers[0]!.imagePullPolicy).toBe('Never');
  });

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['registry.local:5000/team/app', 'Always'],
    ['registry.local:5000/team/app:v2', 'IfNotPresent'],
    ['nginx@sha256:0123456789abcdef', 'IfNotPresent'],
  ])('pulls %s with imagePullPolicy %s', (image, policy) => {
    const pod = createPod(client, 'p', { image });
    expect(pod.spec.containers[0]!.imagePullPolicy).toBe(policy);
    expect(imageTagIsLatest(image)).toBe(policy === 'Always');
  });

  it('adds the two DefaultTolerationSeconds tolerations', () => {
    const pod = createPod(client, 'web');
    expect(pod.spec.tolerations).toEqual([
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
    ]);
  });

  it('does not duplicate a toleration the manifest already has', () => {
    const manifest = podManifest('web');
    manifest.spec.tolerations = [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }];
    const pod = expectOk(client.create<Pod>(PODS, 'default', manifest));
    expect(pod.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
    ]);
  });

  it('mounts the service-account token volume into every container', () => {
    const pod = createPod(client, 'web', { containers: 2 });
    const volume = pod.spec.volumes?.[0];
    expect(volume?.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volume?.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    });
    for (const c of pod.spec.containers) {
      expect(c.volumeMounts).toEqual([{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: volume?.name, readOnly: true }]);
    }
  });

  it('mounts no token when automountServiceAccountToken is false', () => {
    const manifest = podManifest('web');
    manifest.spec.automountServiceAccountToken = false;
    const pod = expectOk(client.create<Pod>(PODS, 'default', manifest));
    expect(pod.spec.volumes).toBeUndefined();
    expect(pod.spec.containers[0]!.volumeMounts).toBeUndefined();
    expect(pod.spec.serviceAccountName).toBe('default');
  });

  it('uses the named service account', () => {
    const manifest = podManifest('web');
    manifest.spec.serviceAccountName = 'builder';
    const pod = expectOk(client.create<Pod>(PODS, 'default', manifest));
    expect(pod.spec.serviceAccount).toBe('builder');
  });

  it('defaults port protocols to TCP', () => {
    const manifest = podManifest('web');
    manifest.spec.containers[0]!.ports = [{ containerPort: 80 }];
    const pod = expectOk(client.create<Pod>(PODS, 'default', manifest));
    expect(pod.spec.containers[0]!.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  });

  it.each([
    [{}, 'BestEffort'],
    [{ requests: { cpu: '100m' } }, 'Burstable'],
    [{ limits: { cpu: '1', memory: '1Gi' } }, 'Guaranteed'],
    [{ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }, 'Guaranteed'],
    [{ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }, 'Burstable'],
  ])('resources %j give qosClass %s', (resources, qos) => {
    const manifest = podManifest('web');
    manifest.spec.containers[0]!.resources = resources;
    const pod = expectOk(client.create<Pod>(PODS, 'default', manifest));
    expect(pod.status?.qosClass).toBe(qos);
    expect(qosClass(pod)).toBe(qos);
  });
});

describe('Pod validation', () => {
  it('requires an image, with the exact message', () => {
    const manifest = podManifest('x');
    delete manifest.spec.containers[0]!.image;
    const status = expectStatus(client.create(PODS, 'default', manifest));
    expect(status).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'Pod "x" is invalid: spec.containers[0].image: Required value',
      details: { name: 'x', kind: 'Pod', causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' }] },
    });
    expect(stored('x')).toBeUndefined();
  });

  it('lists several errors in brackets', () => {
    const manifest = podManifest('x');
    manifest.spec.containers = [
      { name: 'a', image: 'nginx' },
      { name: 'a', image: '' },
    ];
    const status = expectStatus(client.create(PODS, 'default', manifest));
    expect(status.message).toBe('Pod "x" is invalid: [spec.containers[1].name: Duplicate value: "a", spec.containers[1].image: Required value]');
  });

  it('requires at least one container', () => {
    const manifest = podManifest('x');
    manifest.spec.containers = [];
    expect(expectStatus(client.create(PODS, 'default', manifest)).message).toBe('Pod "x" is invalid: spec.containers: Required value');
  });

  it('checks names against DNS-1123 rules', () => {
    const badName = podManifest('Web_1');
    badName.spec.containers[0]!.name = 'web';
    const status = expectStatus(client.create(PODS, 'default', badName));
    expect(status.message).toBe(
      `Pod "Web_1" is invalid: metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
    const manifest = podManifest('ok');
    manifest.spec.containers[0]!.name = 'Bad';
    expect(expectStatus(client.create(PODS, 'default', manifest)).message).toContain('spec.containers[0].name: Invalid value: "Bad": a lowercase RFC 1123 label');
  });

  it('requires a name or generateName', () => {
    const manifest = podManifest('x');
    manifest.metadata = {};
    expect(expectStatus(client.create(PODS, 'default', manifest)).message).toBe('Pod "" is invalid: metadata.name: Required value: name or generateName is required');
  });

  it('rejects unsupported enum values', () => {
    const manifest = podManifest('x');
    manifest.spec.restartPolicy = 'Sometimes';
    expect(expectStatus(client.create(PODS, 'default', manifest)).message).toBe(
      'Pod "x" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    );
    const port = podManifest('y');
    port.spec.containers[0]!.ports = [{ containerPort: 70000 }];
    expect(expectStatus(client.create(PODS, 'default', port)).message).toBe(
      'Pod "y" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    );
  });

  it('validates label keys and values', () => {
    const status = expectStatus(client.create(PODS, 'default', podManifest('x', { labels: { 'app': 'has space' } })));
    expect(status.message).toContain('metadata.labels: Invalid value: "has space": a valid label must be an empty string or consist of alphanumeric characters');
  });
});

describe('binding', () => {
  it('assigns the node and records PodScheduled', () => {
    createPod(client, 'web');
    cluster.clock.advance(5000);
    const result = expectOk(client.bind('default', 'web', 'node01'));
    expect(result).toMatchObject({ kind: 'Status', status: 'Success', code: 201 });
    const pod = expectOk(client.get<Pod>(PODS, 'default', 'web'));
    expect(pod.spec.nodeName).toBe('node01');
    expect(pod.status?.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:05Z' }]);
  });

  it('hands watchers the bound Pod exactly as decoding the stored version gives it, one object for all of them', () => {
    createPod(client, 'web');
    cluster.clock.advance(5000);
    const seen: Pod[][] = [[], []];
    for (const list of seen) expectOk(client.watch(PODS, 'default', { resourceVersion: String(cluster.revision()) }, (e) => list.push(e.object as Pod)));
    expectOk(client.bind('default', 'web', 'node01'));
    cluster.clock.advance(0);
    const [first, second] = seen.map((list) => list.at(-1)!);
    expect(first).toBe(second);
    expect(JSON.stringify(first)).toBe(JSON.stringify(expectOk(client.get<Pod>(PODS, 'default', 'web'))));
    expect(Object.isFrozen(first)).toBe(true);
    expect(stored('web')?.spec.nodeName).toBe('node01');
  });

  it('refuses to bind a Pod that is already bound', () => {
    createPod(client, 'web');
    expectOk(client.bind('default', 'web', 'node01'));
    const revision = cluster.revision();
    const status = expectStatus(client.bind('default', 'web', 'node02'));
    expect(status).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "node01"',
    });
    expect(cluster.revision()).toBe(revision);
  });

  it('refuses a Pod that names its node in the manifest', () => {
    createPod(client, 'web', { nodeName: 'node02' });
    expect(expectStatus(client.bind('default', 'web', 'node01')).message).toBe(
      'Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "node02"',
    );
  });

  it('refuses to bind a missing Pod or to no node', () => {
    expect(expectStatus(client.bind('default', 'ghost', 'node01')).message).toBe('pods "ghost" not found');
    createPod(client, 'web');
    const status = expectStatus(client.request({ verb: 'create', ...PODS, subresource: 'binding', namespace: 'default', name: 'web', body: { target: {} } }));
    expect(status.message).toBe('Binding "web" is invalid: target.name: Required value');
  });

  it('is traced as a bind', () => {
    createPod(client, 'web');
    const since = cluster.tracer.lastSeq;
    cluster.client('kube-scheduler').bind('default', 'web', 'node01');
    expect(cluster.tracer.recent(since).map((e) => `${e.from} ${e.verb} ${e.subresource ?? ''}`)).toEqual(['kube-apiserver put ', 'kube-scheduler bind binding']);
  });
});

describe('Pod deletion', () => {
  it('deletes an unscheduled Pod at once', () => {
    createPod(client, 'web');
    const deleted = expectOk(client.delete<Pod>(PODS, 'default', 'web'));
    expect(deleted.metadata.deletionTimestamp).toBeUndefined();
    expect(stored('web')).toBeUndefined();
  });

  it('marks a bound Pod for graceful deletion with its grace period', () => {
    createPod(client, 'web', { nodeName: 'node01' });
    cluster.clock.advance(10_000);
    const marked = expectOk(client.delete<Pod>(PODS, 'default', 'web'));
    expect(marked.metadata.deletionTimestamp).toBe('2025-01-01T00:00:40Z');
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(stored('web')?.metadata.deletionGracePeriodSeconds).toBe(30);
  });

  it('honours a requested grace period and only ever shortens it', () => {
    createPod(client, 'web', { nodeName: 'node01' });
    expect(expectOk(client.delete<Pod>(PODS, 'default', 'web', { gracePeriodSeconds: 10 })).metadata.deletionGracePeriodSeconds).toBe(10);
    const revision = cluster.revision();
    expect(expectOk(client.delete<Pod>(PODS, 'default', 'web', { gracePeriodSeconds: 60 })).metadata.deletionGracePeriodSeconds).toBe(10);
    expect(cluster.revision()).toBe(revision);
    expect(expectOk(client.delete<Pod>(PODS, 'default', 'web', { gracePeriodSeconds: 5 })).metadata.deletionGracePeriodSeconds).toBe(5);
  });

  it('removes a gracefully deleted Pod when deleted again with gracePeriodSeconds 0', () => {
    createPod(client, 'web', { nodeName: 'node01' });
    expectOk(client.delete(PODS, 'default', 'web'));
    expect(stored('web')).toBeDefined();
    expectOk(client.delete(PODS, 'default', 'web', { gracePeriodSeconds: 0 }));
    expect(stored('web')).toBeUndefined();
  });

  it('deletes a finished Pod at once even when bound', () => {
    const pod = createPod(client, 'job', { nodeName: 'node01' });
    expectOk(client.updateStatus(PODS, 'default', { ...pod, status: { ...pod.status, phase: 'Succeeded' } }));
    expectOk(client.delete(PODS, 'default', 'job'));
    expect(stored('job')).toBeUndefined();
  });

  it('keeps the deletion mark through later updates', () => {
    createPod(client, 'web', { nodeName: 'node01' });
    const marked = expectOk(client.delete<Pod>(PODS, 'default', 'web'));
    const updated = expectOk(
      client.update<Pod>(PODS, 'default', { ...marked, metadata: { ...marked.metadata, deletionTimestamp: undefined, deletionGracePeriodSeconds: undefined } }),
    );
    expect(updated.metadata.deletionTimestamp).toBe(marked.metadata.deletionTimestamp);
    expect(updated.metadata.deletionGracePeriodSeconds).toBe(30);
  });

  it('refuses to bind a Pod that is being deleted', () => {
    const manifest = podManifest('web');
    manifest.metadata.finalizers = ['example.com/hold'];
    expectOk(client.create(PODS, 'default', manifest));
    expectOk(client.delete(PODS, 'default', 'web'));
    expect(expectStatus(client.bind('default', 'web', 'node01')).message).toBe(
      'Operation cannot be fulfilled on pods/binding "web": pod web is being deleted, cannot be assigned to a host',
    );
  });

  it('a bound Pod with a finalizer goes once its grace is cut to 0 and the finalizer is removed', () => {
    const manifest = podManifest('web', { nodeName: 'node01' });
    manifest.metadata.finalizers = ['example.com/hold'];
    expectOk(client.create(PODS, 'default', manifest));
    expectOk(client.delete(PODS, 'default', 'web'));
    expectOk(client.delete(PODS, 'default', 'web', { gracePeriodSeconds: 0 }));
    expect(stored('web')?.metadata.deletionGracePeriodSeconds).toBe(0);
    const current = expectOk(client.get<Pod>(PODS, 'default', 'web'));
    expectOk(client.update(PODS, 'default', { ...current, metadata: { ...current.metadata, finalizers: [] } }));
    expect(stored('web')).toBeUndefined();
  });

  it('removing the finalizers during the grace period keeps the Pod until its kubelet deletes it', () => {
    const manifest = podManifest('web', { nodeName: 'node01' });
    manifest.metadata.finalizers = ['example.com/hold'];
    expectOk(client.create(PODS, 'default', manifest));
    expectOk(client.delete(PODS, 'default', 'web'));
    const current = expectOk(client.get<Pod>(PODS, 'default', 'web'));
    expectOk(client.update(PODS, 'default', { ...current, metadata: { ...current.metadata, finalizers: [] } }));
    expect(stored('web')?.metadata.deletionGracePeriodSeconds).toBe(30);
    expectOk(client.delete(PODS, 'default', 'web', { gracePeriodSeconds: 0 }));
    expect(stored('web')).toBeUndefined();
  });

  it('removing finalizers from a Pod that is not being deleted keeps it', () => {
    const manifest = podManifest('web');
    manifest.metadata.finalizers = ['example.com/hold'];
    const pod = expectOk(client.create<Pod>(PODS, 'default', manifest));
    expectOk(client.update(PODS, 'default', { ...pod, metadata: { ...pod.metadata, finalizers: [] } }));
    expect(stored('web')).toBeDefined();
  });
});
