import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Endpoints, Service } from '../../../../../src/shared/api/core.js';
import type { EndpointSlice } from '../../../../../src/shared/api/discovery.js';
import { EndpointSliceMirroringController } from '../../../../../src/main/cluster/controllers/endpointslice/mirroring.js';
import { ENDPOINT_SLICES, ENDPOINTS, SERVICES } from '../../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, makeCluster } from '../../../helpers/cluster.js';

let cluster: TestCluster;

beforeEach(() => {
  cluster = makeCluster();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function start(): void {
  cluster.disposables.add(new EndpointSliceMirroringController(cluster.client('endpointslicemirroring-controller'), cluster.clock)).start();
  cluster.settle();
}

function service(name: string, selector?: Record<string, string>): Service {
  return expectOk(
    cluster.client().create<Service>(SERVICES, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ...(selector ? { selector } : {}), ports: [{ port: 5432 }] } }),
  );
}

function endpoints(name: string, labels?: Record<string, string>): Endpoints {
  return expectOk(
    cluster.client().create<Endpoints>(ENDPOINTS, 'default', {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, labels: { team: 'db', ...labels }, annotations: { note: 'by hand' } },
      subsets: [{ addresses: [{ ip: '192.168.10.5' }], notReadyAddresses: [{ ip: '192.168.10.6', nodeName: 'node01' }], ports: [{ name: 'pg', port: 5432 }] }],
    }),
  );
}

function slices(name: string): EndpointSlice[] {
  return expectOk(cluster.client().list<EndpointSlice>(ENDPOINT_SLICES, 'default', { labelSelector: `kubernetes.io/service-name=${name}` })).items;
}

describe('EndpointSliceMirroringController', () => {
  it('mirrors custom Endpoints of a selectorless Service, owned by the Endpoints; a second pass writes nothing', () => {
    service('db');
    const ep = endpoints('db');
    start();
    const [slice, ...rest] = slices('db');
    expect(rest).toEqual([]);
    expect(slice!.metadata.name).toMatch(/^db-[a-z0-9]{5}$/);
    expect(slice!.metadata.labels).toEqual({
      team: 'db',
      'kubernetes.io/service-name': 'db',
      'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
    });
    expect(slice!.metadata.annotations).toEqual({ note: 'by hand' });
    expect(slice!.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Endpoints', name: 'db', uid: ep.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(slice!.ports).toEqual([{ name: 'pg', port: 5432, protocol: 'TCP' }]);
    expect(slice!.endpoints).toEqual([
      { addresses: ['192.168.10.5'], conditions: { ready: true } },
      { addresses: ['192.168.10.6'], conditions: { ready: false }, nodeName: 'node01' },
    ]);
    const revision = cluster.revision();
    cluster.clock.advance(30_000);
    expect(cluster.revision()).toBe(revision);
  });

  it('skips Endpoints labelled endpointslice.kubernetes.io/skip-mirror=true, of Services with a selector, or without a Service', () => {
    service('kubernetes-like');
    endpoints('kubernetes-like', { 'endpointslice.kubernetes.io/skip-mirror': 'true' });
    service('web', { app: 'web' });
    endpoints('web');
    endpoints('orphan');
    start();
    expect(slices('kubernetes-like')).toEqual([]);
    expect(slices('web')).toEqual([]);
    expect(slices('orphan')).toEqual([]);
  });

  it('follows changes to the Endpoints and removes the slices when the Service gains a selector', () => {
    service('db');
    endpoints('db');
    start();
    expectOk(cluster.client().patch(ENDPOINTS, 'default', 'db', 'merge', { subsets: [{ addresses: [{ ip: '192.168.10.7' }], ports: [{ name: 'pg', port: 5432 }] }] }));
    cluster.settle();
    expect(slices('db').map((s) => s.endpoints.map((e) => e.addresses[0]))).toEqual([['192.168.10.7']]);
    expectOk(cluster.client().patch(SERVICES, 'default', 'db', 'merge', { spec: { selector: { app: 'db' } } }));
    cluster.settle();
    expect(slices('db')).toEqual([]);
  });
});
