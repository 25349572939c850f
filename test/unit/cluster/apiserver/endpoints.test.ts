/** core/v1 Endpoints: defaults, validation, storage beside Services, and the ENDPOINTS column. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EndpointSubset, Endpoints } from '../../../../src/shared/api/core.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { ENDPOINTS } from '../../../../src/main/cluster/client/resources.js';
import { formatEndpoints } from '../../../../src/main/cluster/apiserver/registry/endpoints.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = makeCluster();
  client = cluster.client('kube-controller-manager');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function endpoints(name: string, subsets: EndpointSubset[]): Endpoints {
  return { apiVersion: 'v1', kind: 'Endpoints', metadata: { name }, subsets };
}

describe('Endpoints', () => {
  it('defaults port protocols to TCP and is stored under /registry/services/endpoints/', () => {
    const created = expectOk(client.create<Endpoints>(ENDPOINTS, 'default', endpoints('web', [{ addresses: [{ ip: '172.16.1.5' }], ports: [{ port: 80 }] }])));
    expect(created.subsets![0]!.ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    expect(cluster.store.range('/registry/services/endpoints/default/web').kvs).toHaveLength(1);
  });

  it.each<[string, EndpointSubset[], string]>([
    ['a subset without addresses', [{ ports: [{ port: 80 }] }], 'Endpoints "web" is invalid: subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`'],
    [
      'a malformed address',
      [{ addresses: [{ ip: 'web-1' }] }],
      'Endpoints "web" is invalid: [subsets[0].addresses[0].ip: Invalid value: "web-1": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff), subsets[0].addresses[0].ip: Invalid value: "web-1": must be a valid IP address]',
    ],
    ['a loopback address', [{ addresses: [{ ip: '127.0.0.1' }] }], 'Endpoints "web" is invalid: subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)'],
    ['a link-local address', [{ notReadyAddresses: [{ ip: '169.254.169.254' }] }], 'Endpoints "web" is invalid: subsets[0].notReadyAddresses[0].ip: Invalid value: "169.254.169.254": may not be in the link-local range (169.254.0.0/16, fe80::/10)'],
    [
      'unnamed ports when there are several',
      [{ addresses: [{ ip: '172.16.1.5' }], ports: [{ port: 80 }, { name: 'https', port: 443 }] }],
      'Endpoints "web" is invalid: subsets[0].ports[0].name: Required value',
    ],
    ['a port out of range', [{ addresses: [{ ip: '172.16.1.5' }], ports: [{ port: 0 }] }], 'Endpoints "web" is invalid: subsets[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'],
  ])('refuses %s', (_name, subsets, message) => {
    expect(expectStatus(client.create(ENDPOINTS, 'default', endpoints('web', subsets))).message).toBe(message);
  });

  it('answers 400 for addresses that are not a list, as the decoder does', () => {
    const status = expectStatus(client.create(ENDPOINTS, 'default', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web' }, subsets: [{ addresses: '172.16.1.5' }] }));
    expect(status.message).toBe(
      'Endpoints in version "v1" cannot be handled as a Endpoints: json: cannot unmarshal string into Go struct field EndpointSubset.subsets.addresses of type []v1.EndpointAddress',
    );
  });

  it('prints NAME ENDPOINTS AGE', () => {
    expectOk(client.create(ENDPOINTS, 'default', endpoints('kubernetes', [{ addresses: [{ ip: '192.168.200.10' }], ports: [{ name: 'https', port: 6443 }] }])));
    const table = expectOk(client.listTable(ENDPOINTS, 'default'));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Endpoints', 'Age']);
    expect(table.rows[0]!.cells).toEqual(['kubernetes', '192.168.200.10:6443', '0s']);
  });
});

describe('formatEndpoints', () => {
  const ready = (...ips: string[]): Array<{ ip: string }> => ips.map((ip) => ({ ip }));
  it.each<[string, EndpointSubset[] | undefined, string]>([
    ['no subsets', undefined, '<none>'],
    ['one address', [{ addresses: ready('10.0.0.1'), ports: [{ port: 80 }] }], '10.0.0.1:80'],
    ['three addresses', [{ addresses: ready('10.0.0.1', '10.0.0.2', '10.0.0.3'), ports: [{ port: 80 }] }], '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80'],
    ['five addresses', [{ addresses: ready('10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'), ports: [{ port: 80 }] }], '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...'],
    ['two ports count each address twice', [{ addresses: ready('10.0.0.1', '10.0.0.2'), ports: [{ name: 'a', port: 80 }, { name: 'b', port: 443 }] }], '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...'],
    ['a headless Service without ports', [{ addresses: ready('10.0.0.1', '10.0.0.2') }], '10.0.0.1,10.0.0.2'],
    ['only addresses that are not ready', [{ notReadyAddresses: ready('10.0.0.1'), ports: [{ port: 80 }] }], ''],
    ['IPv6 in brackets', [{ addresses: ready('fd00::1'), ports: [{ port: 80 }] }], '[fd00::1]:80'],
  ])('%s', (_name, subsets, text) => {
    expect(formatEndpoints({ metadata: {}, ...(subsets ? { subsets } : {}) })).toBe(text);
  });
});
