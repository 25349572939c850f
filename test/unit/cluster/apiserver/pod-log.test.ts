import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from '../../../../src/shared/api/core.js';
import { podResource } from '../../../../src/main/cluster/apiserver/registry/pod.js';
import { builtinResources } from '../../../../src/main/cluster/apiserver/registry/index.js';
import { type ContainerLogSource, type LogEntry, podLogHandler, rfc3339Nano } from '../../../../src/main/cluster/apiserver/registry/pod-log.js';
import { PODS } from '../../../../src/main/cluster/client/resources.js';
import type { ApiResult, RequestQuery } from '../../../../src/main/cluster/apiserver/types.js';
import { type TestCluster, expectOk, expectStatus, makeCluster, podManifest } from '../../helpers/cluster.js';

let cluster: TestCluster;

const T0 = Date.UTC(2025, 0, 1, 0, 0, 0);

/** Three lines at T0, T0+10.5 s and T0+20 s from `nginx`; one line from its previous instance. */
const source: ContainerLogSource = {
  read(_pod, container, instance): readonly LogEntry[] | undefined {
    if (container !== 'nginx') return [];
    if (instance === 'previous') return [{ time: T0 - 60_000, stream: 'stderr', text: 'crashed' }];
    return [
      { time: T0, stream: 'stdout', text: 'one' },
      { time: T0 + 10_500, stream: 'stdout', text: 'two' },
      { time: T0 + 20_000, stream: 'stderr', text: 'three' },
    ];
  },
};

beforeEach(() => {
  const withLogs = { ...podResource, subresourceHandlers: { ...podResource.subresourceHandlers, log: podLogHandler(source) } };
  cluster = makeCluster({ start: T0, resources: builtinResources.map((r) => (r === podResource ? withLogs : r)) });
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function running(name: string): ContainerStatus {
  return { name, state: { running: { startedAt: '2025-01-01T00:00:00Z' } }, lastState: {}, ready: true, restartCount: 0, image: 'nginx', imageID: '', containerID: `containerd://${name}` };
}

function waiting(name: string, reason: string): ContainerStatus {
  return { name, state: { waiting: { reason } }, lastState: {}, ready: false, restartCount: 0, image: 'nginx', imageID: '' };
}

function pod(name: string, options: { containers?: string[]; init?: string[]; nodeName?: string; statuses?: ContainerStatus[] } = {}): void {
  const client = cluster.client();
  const manifest = podManifest(name, { nodeName: options.nodeName ?? 'node01' });
  manifest.spec.containers = (options.containers ?? ['nginx']).map((c) => ({ name: c, image: 'nginx:1.25' }));
  if (options.init) manifest.spec.initContainers = options.init.map((c) => ({ name: c, image: 'busybox' }));
  const created = expectOk(client.create<Pod>(PODS, 'default', manifest));
  if (options.statuses) {
    expectOk(client.updateStatus(PODS, 'default', { ...created, status: { ...created.status, phase: 'Running', containerStatuses: options.statuses } }));
  }
}

function logs(name: string, query: RequestQuery = {}): ApiResult<unknown> {
  return cluster.client('kubectl').request({ verb: 'get', group: '', version: 'v1', resource: 'pods', subresource: 'log', namespace: 'default', name, query });
}

describe('pods/log', () => {
  it('returns the running container’s output as plain text', () => {
    pod('web', { statuses: [running('nginx')] });
    expect(expectOk(logs('web'))).toBe('one\ntwo\nthree\n');
  });

  it.each([
    ['tailLines=2', { tailLines: 2 }, 'two\nthree\n'],
    ['tailLines=0', { tailLines: 0 }, ''],
    ['sinceSeconds=14 (now is T0+25s)', { sinceSeconds: 14 }, 'three\n'],
    ['tailLines=3 then sinceSeconds=20', { tailLines: 3, sinceSeconds: 20 }, 'two\nthree\n'],
    ['timestamps (RFC3339Nano, trailing zeros trimmed)', { timestamps: true, tailLines: 2 }, '2025-01-01T00:00:10.5Z two\n2025-01-01T00:00:20Z three\n'],
    ['previous', { previous: true }, 'crashed\n'],
  ])('applies %s as the kubelet does', (_label, query, expected) => {
    const statuses = [{ ...running('nginx'), restartCount: 1, lastState: { terminated: { exitCode: 1, containerID: 'containerd://old' } } }];
    pod('web', { statuses });
    cluster.clock.advance(25_000);
    expect(expectOk(logs('web', query))).toBe(expected);
  });

  it.each([
    ['no container named in a two-container Pod', { containers: ['a', 'b'] }, {}, 'a container name must be specified for pod web, choose one of: [a b]'],
    ['init containers listed first', { containers: ['a', 'b'], init: ['setup'] }, {}, 'a container name must be specified for pod web, choose one of: [setup a b]'],
    ['an unknown container', {}, { container: 'nope' }, 'container nope is not valid for pod web'],
    ['a container still being created', { statuses: [waiting('nginx', 'ContainerCreating')] }, {}, 'container "nginx" in pod "web" is waiting to start: ContainerCreating'],
    ['an image that cannot be pulled', { statuses: [waiting('nginx', 'ErrImagePull')] }, {}, 'container "nginx" in pod "web" is waiting to start: image can\'t be pulled'],
    ['an image in pull back-off', { statuses: [waiting('nginx', 'ImagePullBackOff')] }, {}, 'container "nginx" in pod "web" is waiting to start: trying and failing to pull image'],
    ['previous with no earlier instance', { statuses: [running('nginx')] }, { previous: true }, 'previous terminated container "nginx" in pod "web" not found'],
    ['a container the kubelet has not reported', { statuses: [] }, {}, 'container "nginx" in pod "web" is not available'],
  ])('refuses %s with a 400 in kube-apiserver/kubelet 1.32 wording', (_label, options, query, message) => {
    pod('web', options);
    const status = expectStatus(logs('web', query));
    expect(status.code).toBe(400);
    expect(status.reason).toBe('BadRequest');
    expect(status.message).toBe(message);
  });

  it('validates PodLogOptions with a 422 Invalid', () => {
    pod('web', { statuses: [running('nginx')] });
    const status = expectStatus(logs('web', { tailLines: -1 }));
    expect(status.code).toBe(422);
    expect(status.message).toBe('PodLogOptions "web" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0');
    expect(expectStatus(logs('web', { sinceSeconds: 0 })).message).toBe('PodLogOptions "web" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0');
  });

  it('answers an empty log for a Pod not yet on a node', () => {
    pod('web', { nodeName: '' });
    expect(expectOk(logs('web'))).toBe('');
  });

  it('answers an empty log without a log source (the lab default)', () => {
    const plain = makeCluster();
    try {
      const client = plain.client();
      const created = expectOk(client.create<Pod>(PODS, 'default', podManifest('web', { nodeName: 'node01' })));
      expectOk(client.updateStatus(PODS, 'default', { ...created, status: { ...created.status, containerStatuses: [running('web')] } }));
      expect(expectOk(client.request({ verb: 'get', group: '', version: 'v1', resource: 'pods', subresource: 'log', namespace: 'default', name: 'web' }))).toBe('');
    } finally {
      plain.dispose();
    }
  });

  it('answers 404 for a missing Pod and 405 for a write', () => {
    expect(expectStatus(logs('ghost')).message).toBe('pods "ghost" not found');
    pod('web');
    const status = expectStatus(cluster.client().request({ verb: 'create', group: '', version: 'v1', resource: 'pods', subresource: 'log', namespace: 'default', name: 'web', body: {} }));
    expect(status.code).toBe(405);
  });

  it('formats RFC3339Nano like Go', () => {
    expect(rfc3339Nano(T0)).toBe('2025-01-01T00:00:00Z');
    expect(rfc3339Nano(T0 + 123)).toBe('2025-01-01T00:00:00.123Z');
    expect(rfc3339Nano(T0 + 120)).toBe('2025-01-01T00:00:00.12Z');
  });
});
