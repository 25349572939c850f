import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod, Service } from '../../../../../src/shared/api/core.js';
import type { EndpointSlice } from '../../../../../src/shared/api/discovery.js';
import { EndpointSliceController } from '../../../../../src/main/cluster/controllers/endpointslice/endpointslice-controller.js';
import { ENDPOINT_SLICES, PODS, SERVICES } from '../../../../../src/main/cluster/client/resources.js';
import { type TestCluster, createNode, expectOk, makeCluster, podManifest } from '../../../helpers/cluster.js';

let cluster: TestCluster;

beforeEach(() => {
  cluster = makeCluster();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function start(maxEndpointsPerSlice?: number): EndpointSliceController {
  const controller = cluster.disposables.add(new EndpointSliceController(cluster.client('endpointslice-controller'), cluster.clock, maxEndpointsPerSlice));
  controller.start();
  cluster.settle();
  return controller;
}

function runningPod(name: string, ip: string, options: { ready?: boolean; node?: string; ports?: Array<{ name?: string; containerPort: number }> } = {}): Pod {
  const client = cluster.client();
  const manifest = podManifest(name, { labels: { app: 'web' }, nodeName: options.node ?? 'node01' });
  if (options.ports) manifest.spec.containers[0]!.ports = options.ports;
  const created = expectOk(client.create<Pod>(PODS, 'default', manifest));
  return setReady(created, ip, options.ready ?? true);
}

function setReady(pod: Pod, ip: string, ready: boolean): Pod {
  return expectOk(
    cluster.client().updateStatus<Pod>(PODS, 'default', {
      ...pod,
      status: { ...pod.status, phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:00Z' }] },
    }),
  );
}

function createService(name: string, spec: Partial<Service['spec']> = {}): Service {
  return expectOk(
    cluster.client().create<Service>(SERVICES, 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, labels: { tier: 'front' } },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }], ...spec },
    }),
  );
}

function slices(service = 'web'): EndpointSlice[] {
  return expectOk(cluster.client().list<EndpointSlice>(ENDPOINT_SLICES, 'default', { labelSelector: `kubernetes.io/service-name=${service}` })).items;
}

describe('EndpointSliceController', () => {
  it('writes one slice named <service>-xxxxx, labelled, owned by the Service, with conditions, node and zone; a second pass writes nothing', () => {
    createNode(cluster.client(), 'node01', { labels: { 'topology.kubernetes.io/zone': 'zone-a' } });
    const a = runningPod('web-a', '10.244.1.5');
    runningPod('web-b', '10.244.1.6', { ready: false, node: 'node02' });
    const service = createService('web');
    start();
    const [slice, ...rest] = slices();
    expect(rest).toEqual([]);
    expect(slice!.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice!.metadata.generateName).toBe('web-');
    expect(slice!.metadata.labels).toEqual({
      tier: 'front',
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(slice!.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: service.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(slice!.metadata.annotations).toEqual({ 'endpoints.kubernetes.io/last-change-trigger-time': '2025-01-01T00:00:00Z' });
    expect(slice!.addressType).toBe('IPv4');
    expect(slice!.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(slice!.endpoints).toEqual([
      {
        addresses: ['10.244.1.5'],
        conditions: { ready: true, serving: true, terminating: false },
        targetRef: { kind: 'Pod', namespace: 'default', name: 'web-a', uid: a.metadata.uid },
        nodeName: 'node01',
        zone: 'zone-a',
      },
      { addresses: ['10.244.1.6'], conditions: { ready: false, serving: false, terminating: false }, targetRef: expect.objectContaining({ name: 'web-b' }), nodeName: 'node02' },
    ]);
    const revision = cluster.revision();
    cluster.clock.advance(60_000);
    expect(cluster.revision()).toBe(revision);
  });

  it('keeps a terminating Pod as serving but not ready (terminating: true)', () => {
    runningPod('web-a', '10.244.1.5');
    createService('web');
    start();
    expectOk(cluster.client().delete(PODS, 'default', 'web-a', { gracePeriodSeconds: 30 }));
    cluster.settle();
    expect(slices()[0]!.endpoints).toEqual([expect.objectContaining({ conditions: { ready: false, serving: true, terminating: true } })]);
  });

  it('keeps one placeholder slice (endpoints and ports null) while no Pod matches, and replaces it when one does', () => {
    createService('web');
    start();
    const [placeholder] = slices();
    expect(placeholder).toMatchObject({ addressType: 'IPv4', endpoints: null, ports: null });
    runningPod('web-a', '10.244.1.5');
    cluster.settle();
    const after = slices();
    expect(after).toHaveLength(1);
    // The placeholder is updated into the new slice rather than deleted (the reconciler's finalize).
    expect(after[0]!.metadata.name).toBe(placeholder!.metadata.name);
    expect(after[0]!.endpoints.map((e) => e.addresses[0])).toEqual(['10.244.1.5']);
    expectOk(cluster.client().delete(PODS, 'default', 'web-a', { gracePeriodSeconds: 0 }));
    cluster.settle();
    expect(slices()).toEqual([expect.objectContaining({ endpoints: null, ports: null })]);
  });

  it('splits at maxEndpointsPerSlice and groups Pods by resolved ports (named targetPort)', () => {
    for (let i = 0; i < 5; i++) runningPod(`web-${i}`, `10.244.1.${10 + i}`, { ports: [{ name: 'http', containerPort: i < 3 ? 8080 : 9090 }] });
    createService('web', { ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    start(2);
    const got = slices()
      .map((s) => `${s.ports?.[0]?.port ?? ''}:${s.endpoints.map((e) => e.addresses[0]).join(',')}`)
      .sort();
    expect(got).toEqual(['8080:10.244.1.10,10.244.1.11', '8080:10.244.1.12', '9090:10.244.1.13,10.244.1.14']);
    const revision = cluster.revision();
    cluster.clock.advance(10_000);
    expect(cluster.revision()).toBe(revision);
  });

  it('labels a headless Service\'s slices service.kubernetes.io/headless', () => {
    runningPod('web-a', '10.244.1.5');
    createService('web', { clusterIP: 'None' });
    start();
    expect(slices()[0]!.metadata.labels).toMatchObject({ 'service.kubernetes.io/headless': '' });
  });

  it('makes no slices for Services without a selector and leaves a deleted Service\'s slices to the garbage collector', () => {
    createService('external', { selector: undefined });
    runningPod('web-a', '10.244.1.5');
    const web = createService('web');
    start();
    expect(slices('external')).toEqual([]);
    expect(slices('web')).toHaveLength(1);
    expectOk(cluster.client().delete(SERVICES, 'default', 'web'));
    const revision = cluster.revision();
    cluster.settle();
    expect(cluster.revision()).toBe(revision);
    expect(slices('web')[0]!.metadata.ownerReferences![0]!.uid).toBe(web.metadata.uid);
  });
});
