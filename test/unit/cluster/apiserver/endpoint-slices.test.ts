/** EndpointSlices: port defaults, kube-apiserver 1.32's validation, generation, the printer. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EndpointSlice } from '../../../../src/shared/api/discovery.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { ENDPOINT_SLICES } from '../../../../src/main/cluster/client/resources.js';
import { builtinResources } from '../../../../src/main/cluster/apiserver/registry/index.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = makeCluster({ resources: builtinResources });
  client = cluster.client('kubectl');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function slice(name: string, extra: Partial<EndpointSlice> = {}): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true } }],
    ports: [{ name: 'http', port: 80 }],
    ...extra,
  };
}

describe('EndpointSlice', () => {
  it('defaults a port protocol to TCP and its name to "", starts at generation 1, stored under /registry/endpointslices', () => {
    const created = expectOk(client.create<EndpointSlice>(ENDPOINT_SLICES, 'default', slice('web-abc', { ports: [{ port: 80 }] })));
    expect(created.ports).toEqual([{ name: '', protocol: 'TCP', port: 80 }]);
    expect(created.metadata.generation).toBe(1);
    expect(cluster.store.range('/registry/endpointslices/default/web-abc').kvs).toHaveLength(1);
  });

  it('moves the generation when endpoints change, not when only labels do', () => {
    const created = expectOk(client.create<EndpointSlice>(ENDPOINT_SLICES, 'default', slice('web-abc')));
    const relabeled = expectOk(client.update<EndpointSlice>(ENDPOINT_SLICES, 'default', { ...created, metadata: { ...created.metadata, labels: { a: 'b' } } }));
    expect(relabeled.metadata.generation).toBe(1);
    const moved = expectOk(client.update<EndpointSlice>(ENDPOINT_SLICES, 'default', { ...relabeled, endpoints: [{ addresses: ['10.244.2.3'] }] }));
    expect(moved.metadata.generation).toBe(2);
  });

  it('refuses changing the addressType (immutable)', () => {
    const created = expectOk(client.create<EndpointSlice>(ENDPOINT_SLICES, 'default', slice('web-abc')));
    const status = expectStatus(client.update(ENDPOINT_SLICES, 'default', { ...created, addressType: 'IPv6', endpoints: [] }));
    expect(status.message).toBe('EndpointSlice.discovery.k8s.io "web-abc" is invalid: addressType: Invalid value: "IPv6": field is immutable');
  });

  it.each<[string, Partial<EndpointSlice>, string]>([
    ['no addressType', { addressType: '' }, 'addressType: Required value'],
    ['the removed IP addressType', { addressType: 'IP' }, 'addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"'],
    ['an endpoint without addresses', { endpoints: [{ addresses: [] }] }, 'endpoints[0].addresses: Required value: must contain at least 1 address'],
    [
      'an IPv6 address in an IPv4 slice',
      { endpoints: [{ addresses: ['fd00::1'] }] },
      'endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address',
    ],
    [
      'a loopback address',
      { endpoints: [{ addresses: ['127.0.0.1'] }] },
      'endpoints[0].addresses[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    ],
    [
      'a one-label FQDN',
      { addressType: 'FQDN', endpoints: [{ addresses: ['web'] }] },
      'endpoints[0].addresses[0]: Invalid value: "web": should be a domain with at least two segments separated by dots',
    ],
    [
      'an uppercase hostname',
      { endpoints: [{ addresses: ['10.244.1.5'], hostname: 'Web' }] },
      `endpoints[0].hostname: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ],
    [
      'duplicate port names',
      { ports: [{ name: 'http', port: 80 }, { name: 'http', port: 8080 }] },
      'ports[1].name: Duplicate value: "http"',
    ],
    [
      'an unknown protocol',
      { ports: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
      'ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ],
    [
      'a duplicate zone hint',
      { endpoints: [{ addresses: ['10.244.1.5'], hints: { forZones: [{ name: 'a' }, { name: 'a' }] } }] },
      'endpoints[0].hints.forZones[1].name: Duplicate value: "a"',
    ],
  ])('refuses %s as kube-apiserver 1.32 does', (_name, extra, detail) => {
    expect(expectStatus(client.create(ENDPOINT_SLICES, 'default', slice('web-abc', extra))).message).toBe(
      `EndpointSlice.discovery.k8s.io "web-abc" is invalid: ${detail}`,
    );
  });

  it('refuses more than 1000 endpoints with one Too many error, before looking at any of them', () => {
    const endpoints = Array.from({ length: 1001 }, () => ({ addresses: ['not-an-ip'] }));
    expect(expectStatus(client.create(ENDPOINT_SLICES, 'default', slice('web-abc', { endpoints }))).message).toBe(
      'EndpointSlice.discovery.k8s.io "web-abc" is invalid: endpoints: Too many: 1001: must have at most 1000 items',
    );
  });

  it('accepts 101 ports (the limit is 20000 since 1.21) but not 101 addresses in one endpoint', () => {
    const ports = Array.from({ length: 101 }, (_, i) => ({ name: `p${i}`, port: 1000 + i }));
    expectOk(client.create(ENDPOINT_SLICES, 'default', slice('many-ports', { ports })));
    const addresses = Array.from({ length: 101 }, (_, i) => `10.244.0.${i + 1}`);
    expect(expectStatus(client.create(ENDPOINT_SLICES, 'default', slice('web-abc', { endpoints: [{ addresses }] }))).message).toBe(
      'EndpointSlice.discovery.k8s.io "web-abc" is invalid: endpoints[0].addresses: Too many: 101: must have at most 100 items',
    );
  });

  it('prints NAME ADDRESSTYPE PORTS ENDPOINTS AGE, three of each then "+ N more..."', () => {
    expectOk(
      client.create(
        ENDPOINT_SLICES,
        'default',
        slice('a', {
          endpoints: [{ addresses: ['10.244.1.5'] }, { addresses: ['10.244.2.3'] }, { addresses: ['10.244.3.4'] }, { addresses: ['10.244.4.2'] }],
          ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }],
        }),
      ),
    );
    expectOk(client.create(ENDPOINT_SLICES, 'default', slice('b', { endpoints: [], ports: [] })));
    expectOk(client.create(ENDPOINT_SLICES, 'default', slice('c', { ports: [{ name: 'all' }] })));
    const table = expectOk(client.listTable(ENDPOINT_SLICES, 'default'));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['a', 'IPv4', '80,443', '10.244.1.5,10.244.2.3,10.244.3.4 + 1 more...', '0s'],
      ['b', 'IPv4', '<unset>', '<unset>', '0s'],
      ['c', 'IPv4', 'all', '10.244.1.5', '0s'],
    ]);
  });

  it('replaces the ports list on a strategic merge patch (an atomic list)', () => {
    expectOk(client.create(ENDPOINT_SLICES, 'default', slice('web-abc', { ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] })));
    const patched = expectOk(client.patch<EndpointSlice>(ENDPOINT_SLICES, 'default', 'web-abc', 'strategic', { ports: [{ name: 'metrics', port: 9090 }] }));
    expect(patched.ports).toEqual([{ name: 'metrics', protocol: 'TCP', port: 9090 }]);
  });

  it('lists by the kubernetes.io/service-name label, with no short name', () => {
    expectOk(client.create(ENDPOINT_SLICES, 'default', slice('web-abc')));
    expectOk(client.create(ENDPOINT_SLICES, 'default', { ...slice('api-xyz'), metadata: { name: 'api-xyz', labels: { 'kubernetes.io/service-name': 'api' } } }));
    const listed = expectOk(client.list(ENDPOINT_SLICES, 'default', { labelSelector: 'kubernetes.io/service-name=web' }));
    expect(listed.items.map((s) => s.metadata.name)).toEqual(['web-abc']);
    expect(cluster.api.discovery().find((r) => r.name === 'endpointslices')?.shortNames).toEqual([]);
  });
});
