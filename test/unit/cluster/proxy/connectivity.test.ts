/** Connections through the nodes' kube-proxy rules, as curl/wget in a Pod or on a node see them. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../../../src/main/cluster/client/resources.js';
import { NetworkModel } from '../../../../src/main/cluster/proxy/network-model.js';
import { expectOk } from '../../helpers/cluster.js';
import { type NetworkCluster, addNode, createService, endpointFor, makeNetworkCluster, runPod, writeSlice } from './network-fixture.js';

let net: NetworkCluster;

function setup(seed = 1): void {
  net = makeNetworkCluster({ seed });
  const { admin } = net;
  addNode(admin, 'node01', '192.168.200.11');
  addNode(admin, 'node02', '192.168.200.12');
  runPod(admin, 'client', { node: 'node01', ip: '172.16.1.20' });
  for (const [name, node, ip] of [
    ['web-a', 'node01', '172.16.1.2'],
    ['web-b', 'node01', '172.16.1.3'],
    ['web-c', 'node02', '172.16.2.2'],
  ] as const) {
    runPod(admin, name, { node, ip, labels: { app: 'web' }, image: 'nginx:1.27' });
  }
  createService(admin, 'web', { type: 'NodePort', clusterIP: '10.96.100.10', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80, nodePort: 30080 }] });
  writeSlice(
    admin,
    'web',
    [endpointFor('172.16.1.2', 'node01', 'web-a'), endpointFor('172.16.1.3', 'node01', 'web-b'), endpointFor('172.16.2.2', 'node02', 'web-c')],
    [{ port: 80, protocol: 'TCP' }],
  );
  createService(admin, 'empty', { clusterIP: '10.96.100.20', selector: { app: 'none' }, ports: [{ port: 80 }] });
  net.cluster.settle();
}

const fromClient = { pod: { namespace: 'default', name: 'client' } };

beforeEach(() => setup());
afterEach(() => net.cluster.dispose());

describe('through a cluster IP', () => {
  it('reaches one of the endpoints, chosen by the statistic cascade on the seeded stream', () => {
    const result = net.network.connect({ from: fromClient, address: '10.96.100.10', port: 80 });
    expect(result.ok).toBe(true);
    expect(result.message).toBe('connected');
    expect(result.via).toBe('ClusterIP');
    expect(result.node).toBe('node01');
    expect(result.chains[0]).toBe('KUBE-SERVICES');
    expect(result.chains[1]).toMatch(/^KUBE-SVC-/);
    expect(result.chains[2]).toMatch(/^KUBE-SEP-/);
    expect(['web-a', 'web-b', 'web-c']).toContain(result.backend?.pod?.name);
    // The Pod's own address reaches the backend (no masquerade inside the Pod network).
    expect(result.sourceIP).toBe('172.16.1.20');
  });

  it('spreads connections over every endpoint, and the same seed gives the same sequence', () => {
    const pick = (): string[] => Array.from({ length: 30 }, () => net.network.connect({ from: fromClient, address: '10.96.100.10', port: 80 }).backend?.pod?.name ?? '');
    const first = pick();
    expect(new Set(first)).toEqual(new Set(['web-a', 'web-b', 'web-c']));
    net.cluster.dispose();
    setup();
    expect(pick()).toEqual(first);
  });

  it('is refused at once when the Service has no endpoints (kube-proxy\'s REJECT)', () => {
    const result = net.network.connect({ from: fromClient, address: '10.96.100.20', port: 80 });
    expect(result).toMatchObject({ ok: false, error: 'ECONNREFUSED', message: 'connect: connection refused', service: 'default/empty' });
  });

  it('times out on a port the Service does not have (no rule matches, the VIP is not routed)', () => {
    expect(net.network.connect({ from: fromClient, address: '10.96.100.10', port: 8080 })).toMatchObject({ ok: false, error: 'ETIMEDOUT', message: 'connect: connection timed out' });
  });

  it('is unreachable from outside the cluster', () => {
    expect(net.network.connect({ from: { external: '192.168.200.5' }, address: '10.96.100.10', port: 80 }).error).toBe('ETIMEDOUT');
  });

  it('follows endpoint changes', () => {
    writeSlice(net.admin, 'web', [endpointFor('172.16.2.2', 'node02', 'web-c')], [{ port: 80, protocol: 'TCP' }]);
    net.cluster.settle();
    for (let i = 0; i < 5; i++) expect(net.network.connect({ from: fromClient, address: '10.96.100.10', port: 80 }).backend?.pod?.name).toBe('web-c');
    writeSlice(net.admin, 'web', [], [{ port: 80, protocol: 'TCP' }]);
    net.cluster.settle();
    expect(net.network.connect({ from: fromClient, address: '10.96.100.10', port: 80 }).error).toBe('ECONNREFUSED');
  });

  it('keeps a client on one endpoint with sessionAffinity ClientIP', () => {
    createService(net.admin, 'sticky', { clusterIP: '10.96.100.30', sessionAffinity: 'ClientIP', selector: { app: 'web' }, ports: [{ port: 80 }] });
    writeSlice(
      net.admin,
      'sticky',
      [endpointFor('172.16.1.2', 'node01', 'web-a'), endpointFor('172.16.1.3', 'node01', 'web-b'), endpointFor('172.16.2.2', 'node02', 'web-c')],
      [{ port: 80, protocol: 'TCP' }],
    );
    net.cluster.settle();
    const backends = new Set(Array.from({ length: 20 }, () => net.network.connect({ from: fromClient, address: '10.96.100.30', port: 80 }).backend?.pod?.name));
    expect(backends.size).toBe(1);
  });

  it('with internalTrafficPolicy Local, uses only the client node\'s endpoints and drops when it has none', () => {
    createService(net.admin, 'node-local', { clusterIP: '10.96.100.45', internalTrafficPolicy: 'Local', selector: { app: 'web' }, ports: [{ port: 80 }] });
    writeSlice(net.admin, 'node-local', [endpointFor('172.16.2.2', 'node02', 'web-c')], [{ port: 80, protocol: 'TCP' }]);
    runPod(net.admin, 'client2', { node: 'node02', ip: '172.16.2.20' });
    net.cluster.settle();
    expect(net.network.connect({ from: fromClient, address: '10.96.100.45', port: 80 })).toMatchObject({ ok: false, error: 'ETIMEDOUT' });
    expect(net.network.rules('node01')).toContain('-A KUBE-SERVICES -d 10.96.100.45/32 -p tcp -m comment --comment "default/node-local has no local endpoints" -m tcp --dport 80 -j DROP');
    expect(net.network.connect({ from: { pod: { namespace: 'default', name: 'client2' } }, address: '10.96.100.45', port: 80 })).toMatchObject({ ok: true, backend: { pod: { name: 'web-c' } } });
  });

  it('is refused by a backend where nothing listens on the target port (a RST)', () => {
    createService(net.admin, 'wrong', { clusterIP: '10.96.100.40', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 9999 }] });
    writeSlice(net.admin, 'wrong', [endpointFor('172.16.1.2', 'node01', 'web-a')], [{ port: 9999, protocol: 'TCP' }]);
    net.cluster.settle();
    const result = net.network.connect({ from: fromClient, address: '10.96.100.40', port: 80 });
    expect(result).toMatchObject({ ok: false, error: 'ECONNREFUSED', backend: { ip: '172.16.1.2', port: 9999 } });
  });
});

describe('through a node port', () => {
  it('reaches a backend from outside through any node\'s address, masqueraded to that node', () => {
    const result = net.network.connect({ from: { external: '192.168.200.5' }, address: '192.168.200.12', port: 30080 });
    expect(result).toMatchObject({ ok: true, via: 'NodePort', node: 'node02', sourceIP: '192.168.200.12' });
    expect(result.chains.slice(0, 3)).toEqual(['KUBE-SERVICES', 'KUBE-NODEPORTS', result.chains[2]]);
    expect(result.chains[2]).toMatch(/^KUBE-EXT-/);
  });

  it('answers on localhost from the node itself (localhost node ports)', () => {
    expect(net.network.connect({ from: { node: 'node01' }, address: '127.0.0.1', port: 30080 }).ok).toBe(true);
  });

  it('with externalTrafficPolicy Local, keeps the client address and times out on a node without local endpoints', () => {
    createService(net.admin, 'local', { type: 'NodePort', clusterIP: '10.96.100.50', externalTrafficPolicy: 'Local', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30090 }] });
    writeSlice(net.admin, 'local', [endpointFor('172.16.2.2', 'node02', 'web-c')], [{ port: 80, protocol: 'TCP' }]);
    net.cluster.settle();
    expect(net.network.connect({ from: { external: '192.168.200.5' }, address: '192.168.200.12', port: 30090 })).toMatchObject({ ok: true, sourceIP: '192.168.200.5' });
    expect(net.network.connect({ from: { external: '192.168.200.5' }, address: '192.168.200.11', port: 30090 })).toMatchObject({ ok: false, error: 'ETIMEDOUT' });
    // Pods are short-circuited to the cluster-wide chain ("pod traffic for … external destinations").
    expect(net.network.connect({ from: fromClient, address: '192.168.200.11', port: 30090 }).ok).toBe(true);
  });
});

describe('through an external IP', () => {
  it('is captured in KUBE-SERVICES of the source\'s node and sent through KUBE-EXT to an endpoint', () => {
    createService(net.admin, 'ext', { clusterIP: '10.96.100.60', externalIPs: ['203.0.113.10'], selector: { app: 'web' }, ports: [{ port: 8080, targetPort: 80 }] });
    writeSlice(net.admin, 'ext', [endpointFor('172.16.2.2', 'node02', 'web-c')], [{ port: 80, protocol: 'TCP' }]);
    net.cluster.settle();
    const result = net.network.connect({ from: fromClient, address: '203.0.113.10', port: 8080 });
    expect(result).toMatchObject({ ok: true, via: 'ExternalIP', node: 'node01', backend: { pod: { name: 'web-c' }, port: 80 } });
    expect(result.chains[1]).toMatch(/^KUBE-EXT-/);
    // From outside, nobody routes 203.0.113.10 to the cluster.
    expect(net.network.connect({ from: { external: '192.168.200.5' }, address: '203.0.113.10', port: 8080 }).error).toBe('ETIMEDOUT');
  });
});

describe('to addresses directly', () => {
  it('reaches a Pod IP on a port its image serves, is refused on another', () => {
    expect(net.network.connect({ from: fromClient, address: '172.16.2.2', port: 80 })).toMatchObject({ ok: true, via: 'PodIP', backend: { pod: { name: 'web-c' } } });
    expect(net.network.connect({ from: fromClient, address: '172.16.2.2', port: 81 }).error).toBe('ECONNREFUSED');
  });

  it('times out on an address nobody has', () => {
    expect(net.network.connect({ from: fromClient, address: '172.16.9.9', port: 80 })).toMatchObject({ ok: false, error: 'ETIMEDOUT', via: 'Unknown' });
  });

  it('reaches the kubelet on a node address and is refused on a closed port', () => {
    expect(net.network.connect({ from: fromClient, address: '192.168.200.12', port: 10250 }).ok).toBe(true);
    expect(net.network.connect({ from: fromClient, address: '192.168.200.12', port: 8080 }).error).toBe('ECONNREFUSED');
  });

  it('cannot connect from a Pod that is not running', () => {
    expect(net.network.connect({ from: { pod: { namespace: 'default', name: 'ghost' } }, address: '172.16.2.2', port: 80 }).ok).toBe(false);
  });
});

it('writes nothing to the API server', () => {
  const before = net.cluster.revision();
  net.network.connect({ from: fromClient, address: '10.96.100.10', port: 80 });
  net.network.resolve('web', 'default');
  net.network.rules('node01');
  net.cluster.settle();
  expect(net.cluster.revision()).toBe(before);
});

it('asks the container runtime what a Pod listens on when it is wired in (a server still starting refuses)', () => {
  const starting = new Set(['default/web-c']);
  const network = net.cluster.disposables.add(
    new NetworkModel({
      client: net.cluster.client('network-2'),
      clock: net.cluster.clock,
      random: net.cluster.random.fork('network-2'),
      clusterCIDR: '172.16.0.0/16',
      listening: (pod, port) => (starting.has(`${pod.metadata.namespace}/${pod.metadata.name}`) ? false : port === 80),
    }),
  );
  network.start();
  expect(network.connect({ from: fromClient, address: '172.16.2.2', port: 80 }).error).toBe('ECONNREFUSED');
  starting.clear();
  expect(network.connect({ from: fromClient, address: '172.16.2.2', port: 80 }).ok).toBe(true);
});

it('reaches the API server through the kubernetes Service (Endpoints on the control plane\'s address, hostNetwork kube-apiserver)', () => {
  addNode(net.admin, 'controlplane', '192.168.200.10');
  runPod(net.admin, 'kube-apiserver-controlplane', { namespace: 'kube-system', node: 'controlplane', ip: '192.168.200.10', hostNetwork: true, image: 'registry.k8s.io/kube-apiserver:v1.32.4' });
  createService(net.admin, 'kubernetes', { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] });
  expectOk(
    net.admin.create(ENDPOINTS, 'default', {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default' },
      subsets: [{ addresses: [{ ip: '192.168.200.10' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    }),
  );
  net.cluster.settle();
  const result = net.network.connect({ from: fromClient, address: '10.96.0.1', port: 443 });
  expect(result).toMatchObject({ ok: true, service: 'default/kubernetes:https', backend: { ip: '192.168.200.10', port: 6443, node: 'controlplane' } });
  expect(result.chains[1]).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y');
});
