import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Endpoints, Pod, Service } from '../../../../src/shared/api/core.js';
import { EndpointsController } from '../../../../src/main/cluster/controllers/endpoints.js';
import { ENDPOINTS, PODS, SERVICES } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, makeCluster, podManifest } from '../../helpers/cluster.js';

let cluster: TestCluster;

beforeEach(() => {
  cluster = makeCluster();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function start(): EndpointsController {
  const controller = cluster.disposables.add(new EndpointsController(cluster.client('endpoint-controller'), cluster.clock));
  controller.start();
  cluster.settle();
  return controller;
}

/** A Pod as a kubelet would report it: Running with an IP, Ready or not. */
function runningPod(
  name: string,
  ip: string,
  options: { ready?: boolean; labels?: Record<string, string>; node?: string; ports?: Array<{ name?: string; containerPort: number }>; at?: string } = {},
): Pod {
  const client = cluster.client();
  const manifest = podManifest(name, { labels: options.labels ?? { app: 'web' }, nodeName: options.node ?? 'node01' });
  if (options.ports) manifest.spec.containers[0]!.ports = options.ports;
  const created = expectOk(client.create<Pod>(PODS, 'default', manifest));
  return setReady(created, ip, options.ready ?? true, options.at);
}

function setReady(pod: Pod, ip: string, ready: boolean, at = '2025-01-01T00:00:00Z'): Pod {
  return expectOk(
    cluster.client().updateStatus<Pod>(PODS, 'default', {
      ...pod,
      status: {
        ...pod.status,
        phase: 'Running',
        podIP: ip,
        podIPs: [{ ip }],
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: at }],
      },
    }),
  );
}

function createService(name: string, spec: Partial<Service['spec']>, labels?: Record<string, string>): Service {
  return expectOk(
    cluster.client().create<Service>(SERVICES, 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, ...(labels ? { labels } : {}) },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }], ...spec },
    }),
  );
}

function endpoints(name: string): Endpoints | undefined {
  const got = cluster.client().get<Endpoints>(ENDPOINTS, 'default', name);
  return got.ok ? got.value : undefined;
}

describe('EndpointsController', () => {
  it('lists Ready Pods as addresses and the others as notReadyAddresses, sorted by IP bytes, then writes nothing more', () => {
    const a = runningPod('web-a', '10.244.1.10');
    const b = runningPod('web-b', '10.244.1.2', { node: 'node02' });
    const c = runningPod('web-c', '10.244.1.3', { ready: false });
    runningPod('other', '10.244.1.4', { labels: { app: 'other' } });
    createService('web', {}, { tier: 'front' });
    start();
    const ep = endpoints('web')!;
    expect(ep.metadata.labels).toEqual({ tier: 'front' });
    expect(ep.metadata.annotations).toEqual({ 'endpoints.kubernetes.io/last-change-trigger-time': '2025-01-01T00:00:00Z' });
    expect(ep.subsets).toEqual([
      {
        // "10.244.1.10" sorts before "10.244.1.2" (bytes.Compare, as LessEndpointAddress).
        addresses: [
          { ip: '10.244.1.10', nodeName: 'node01', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-a', uid: a.metadata.uid } },
          { ip: '10.244.1.2', nodeName: 'node02', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-b', uid: b.metadata.uid } },
        ],
        notReadyAddresses: [{ ip: '10.244.1.3', nodeName: 'node01', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-c', uid: c.metadata.uid } }],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);
    const revision = cluster.revision();
    cluster.clock.advance(60_000);
    cluster.settle();
    expect(cluster.revision()).toBe(revision);
  });

  it('follows Pods becoming ready, unready, terminating and deleted (the trigger time is the change)', () => {
    createService('web', {});
    start();
    // No Pods yet: an Endpoints without subsets, stamped with the Service's creation.
    expect(endpoints('web')).toMatchObject({ metadata: { annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2025-01-01T00:00:00Z' } } });
    expect(endpoints('web')!.subsets).toBeUndefined();
    const pod = runningPod('web-1', '10.244.1.5', { ready: false, at: '2025-01-01T00:00:05Z' });
    cluster.settle();
    expect(endpoints('web')!.subsets).toEqual([{ notReadyAddresses: [expect.objectContaining({ ip: '10.244.1.5' })], ports: [{ port: 8080, protocol: 'TCP' }] }]);
    const ready = setReady(expectOk(cluster.client().get<Pod>(PODS, 'default', 'web-1')), '10.244.1.5', true, '2025-01-01T00:00:09Z');
    cluster.settle();
    expect(endpoints('web')!.subsets![0]!.addresses).toEqual([expect.objectContaining({ ip: '10.244.1.5' })]);
    expect(endpoints('web')!.metadata.annotations!['endpoints.kubernetes.io/last-change-trigger-time']).toBe('2025-01-01T00:00:09Z');
    expect(ready.metadata.uid).toBe(pod.metadata.uid);
    // A Pod being deleted leaves the Endpoints (no publishNotReadyAddresses).
    expectOk(cluster.client().delete(PODS, 'default', 'web-1', { gracePeriodSeconds: 30 }));
    cluster.settle();
    expect(endpoints('web')!.subsets).toBeUndefined();
  });

  it('resolves a named targetPort per Pod and leaves out Pods without that port', () => {
    runningPod('web-1', '10.244.1.5', { ports: [{ name: 'http', containerPort: 8080 }] });
    runningPod('web-2', '10.244.1.6', { ports: [{ name: 'http', containerPort: 9090 }] });
    runningPod('web-3', '10.244.1.7', { ports: [{ name: 'metrics', containerPort: 9100 }] });
    createService('web', { ports: [{ name: 'web', port: 80, targetPort: 'http' }] });
    start();
    expect(endpoints('web')!.subsets).toEqual([
      { addresses: [expect.objectContaining({ ip: '10.244.1.5' })], ports: [{ name: 'web', port: 8080, protocol: 'TCP' }] },
      { addresses: [expect.objectContaining({ ip: '10.244.1.6' })], ports: [{ name: 'web', port: 9090, protocol: 'TCP' }] },
    ]);
  });

  it('labels a headless Service\'s Endpoints service.kubernetes.io/headless and lists a portless one\'s Pods', () => {
    runningPod('db-0', '10.244.1.5', { labels: { app: 'db' } });
    createService('db', { clusterIP: 'None', selector: { app: 'db' }, ports: [] });
    start();
    expect(endpoints('db')!.metadata.labels).toEqual({ 'service.kubernetes.io/headless': '' });
    expect(endpoints('db')!.subsets).toEqual([{ addresses: [expect.objectContaining({ ip: '10.244.1.5' })] }]);
  });

  it('publishNotReadyAddresses lists unready and terminating Pods as ready addresses', () => {
    runningPod('web-1', '10.244.1.5', { ready: false });
    createService('web', { publishNotReadyAddresses: true });
    start();
    expect(endpoints('web')!.subsets).toEqual([{ addresses: [expect.objectContaining({ ip: '10.244.1.5' })], ports: [{ port: 8080, protocol: 'TCP' }] }]);
  });

  it('leaves Services without a selector, and their hand-made Endpoints, alone', () => {
    const client = cluster.client();
    createService('external', { selector: undefined });
    expectOk(
      client.create(ENDPOINTS, 'default', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'external' }, subsets: [{ addresses: [{ ip: '192.168.10.5' }], ports: [{ port: 5432 }] }] }),
    );
    runningPod('web-1', '10.244.1.5');
    const revision = cluster.revision();
    start();
    expect(cluster.revision()).toBe(revision);
    expect(endpoints('external')!.subsets).toEqual([{ addresses: [{ ip: '192.168.10.5' }], ports: [{ port: 5432, protocol: 'TCP' }] }]);
  });

  it('re-creates Endpoints deleted by hand and follows the Service\'s labels', () => {
    runningPod('web-1', '10.244.1.5');
    createService('web', {});
    start();
    expectOk(cluster.client().delete(ENDPOINTS, 'default', 'web'));
    cluster.settle();
    expect(endpoints('web')!.subsets![0]!.addresses).toHaveLength(1);
    expectOk(cluster.client().patch(SERVICES, 'default', 'web', 'merge', { metadata: { labels: { tier: 'back' } } }));
    cluster.settle();
    expect(endpoints('web')!.metadata.labels).toEqual({ tier: 'back' });
  });

  it('drops a Pod relabelled out of the selector', () => {
    runningPod('web-1', '10.244.1.5');
    runningPod('web-2', '10.244.1.6');
    createService('web', {});
    start();
    expectOk(cluster.client().patch(PODS, 'default', 'web-2', 'merge', { metadata: { labels: { app: 'debug' } } }));
    cluster.settle();
    expect(endpoints('web')!.subsets![0]!.addresses!.map((a) => a.targetRef?.name)).toEqual(['web-1']);
  });

  it('repacks ports: Pods offering the same ports share one subset with every port', () => {
    runningPod('web-1', '10.244.1.5', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }] });
    runningPod('web-2', '10.244.1.6', { ports: [{ name: 'http', containerPort: 8080 }] });
    createService('web', {
      ports: [
        { name: 'web', port: 80, targetPort: 'http' },
        { name: 'metrics', port: 9100, targetPort: 'metrics' },
      ],
    });
    start();
    expect(endpoints('web')!.subsets!.map((s) => [s.addresses!.map((a) => a.ip), s.ports!.map((p) => `${p.name ?? ''}:${p.port}`)])).toEqual([
      [['10.244.1.5'], ['metrics:9100']],
      [['10.244.1.5', '10.244.1.6'], ['web:8080']],
    ]);
  });
});
