/** Cluster DNS as CoreDNS's kubernetes plugin answers it, and a ClusterFirst Pod's resolver. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectOk } from '../../helpers/cluster.js';
import { NAMESPACES } from '../../../../src/main/cluster/client/resources.js';
import { type NetworkCluster, addNode, createService, endpointFor, makeNetworkCluster, runPod, writeSlice } from './network-fixture.js';

let net: NetworkCluster;

beforeEach(() => {
  net = makeNetworkCluster();
  const { admin } = net;
  addNode(admin, 'node01', '192.168.200.11');
  expectOk(admin.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }));
  createService(admin, 'web', { clusterIP: '10.96.100.10', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
  createService(admin, 'api', { clusterIP: '10.96.100.11', selector: { app: 'api' }, ports: [{ port: 8080 }] }, 'shop');
  // A StatefulSet's governing Service: headless, endpoints named after the Pods' hostnames.
  createService(admin, 'nginx', { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80 }] });
  writeSlice(
    admin,
    'nginx',
    [
      endpointFor('172.16.1.5', 'node01', 'web-0', { hostname: 'web-0' }),
      endpointFor('172.16.1.6', 'node01', 'web-1', { hostname: 'web-1' }),
      endpointFor('172.16.1.7', 'node01', 'web-2', { conditions: { ready: false, serving: false, terminating: false }, hostname: 'web-2' }),
    ],
    [{ name: 'web', port: 80, protocol: 'TCP' }],
  );
  createService(admin, 'plain-headless', { clusterIP: 'None', selector: { app: 'p' }, ports: [{ port: 6379 }] });
  writeSlice(admin, 'plain-headless', [endpointFor('172.16.1.9', 'node01', 'p-1')], [{ port: 6379, protocol: 'TCP' }]);
  createService(admin, 'empty-headless', { clusterIP: 'None', selector: { app: 'none' }, ports: [{ port: 80 }] });
  createService(admin, 'db', { type: 'ExternalName', externalName: 'db.example.com' });
  runPod(admin, 'client', { node: 'node01', ip: '172.16.1.20' });
  net.cluster.settle();
});
afterEach(() => net.cluster.dispose());

describe('records (CoreDNS kubernetes plugin, kubeadm Corefile: ttl 30, pods insecure)', () => {
  it('answers a ClusterIP Service with its cluster IP', () => {
    const response = net.network.dns.query('web.default.svc.cluster.local', 'A');
    expect(response.rcode).toBe('NOERROR');
    expect(response.answers).toEqual([{ name: 'web.default.svc.cluster.local.', type: 'A', ttl: 30, data: '10.96.100.10' }]);
  });

  it('answers a headless Service with its ready endpoints\' addresses', () => {
    const response = net.network.dns.query('nginx.default.svc.cluster.local.', 'A');
    expect(response.answers.map((a) => a.data)).toEqual(['172.16.1.5', '172.16.1.6']);
  });

  it('names StatefulSet Pods by hostname under their Service (web-0.nginx.default.svc.cluster.local)', () => {
    expect(net.network.dns.query('web-0.nginx.default.svc.cluster.local', 'A').answers[0]?.data).toBe('172.16.1.5');
    expect(net.network.dns.query('web-1.nginx.default.svc.cluster.local', 'A').answers[0]?.data).toBe('172.16.1.6');
    // Not ready, so not published (no publishNotReadyAddresses).
    expect(net.network.dns.query('web-2.nginx.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
  });

  it('names endpoints without a hostname by their dashed IP', () => {
    expect(net.network.dns.query('172-16-1-9.plain-headless.default.svc.cluster.local', 'A').answers[0]?.data).toBe('172.16.1.9');
  });

  it('answers Pod A records from the dashed name alone (pods insecure)', () => {
    const response = net.network.dns.query('172-16-1-20.default.pod.cluster.local', 'A');
    expect(response.answers).toEqual([{ name: '172-16-1-20.default.pod.cluster.local.', type: 'A', ttl: 30, data: '172.16.1.20' }]);
    expect(net.network.dns.query('172-16-1-20.nowhere.pod.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    expect(net.network.dns.query('not-an-ip.default.pod.cluster.local', 'A').rcode).toBe('NXDOMAIN');
  });

  it('answers SRV for a named port: the Service as target, weight 100 for one record', () => {
    const response = net.network.dns.query('_http._tcp.web.default.svc.cluster.local', 'SRV');
    expect(response.answers.map((a) => a.data)).toEqual(['0 100 80 web.default.svc.cluster.local.']);
    expect(response.additionals).toEqual([{ name: 'web.default.svc.cluster.local.', type: 'A', ttl: 30, data: '10.96.100.10' }]);
  });

  it('answers SRV for a headless Service with one record per endpoint, weights 100/n', () => {
    const response = net.network.dns.query('_web._tcp.nginx.default.svc.cluster.local', 'SRV');
    expect(response.answers.map((a) => a.data)).toEqual(['0 50 80 web-0.nginx.default.svc.cluster.local.', '0 50 80 web-1.nginx.default.svc.cluster.local.']);
    expect(response.additionals.map((a) => `${a.name} ${a.data}`)).toEqual(['web-0.nginx.default.svc.cluster.local. 172.16.1.5', 'web-1.nginx.default.svc.cluster.local. 172.16.1.6']);
    expect(net.network.dns.query('_nope._tcp.web.default.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
  });

  it('answers an ExternalName Service with a CNAME', () => {
    expect(net.network.dns.query('db.default.svc.cluster.local', 'A').answers).toEqual([{ name: 'db.default.svc.cluster.local.', type: 'CNAME', ttl: 30, data: 'db.example.com.' }]);
  });

  it('answers PTR for a cluster IP', () => {
    expect(net.network.dns.query('10.100.96.10.in-addr.arpa.', 'PTR').answers[0]?.data).toBe('web.default.svc.cluster.local.');
  });

  it('answers PTR for an endpoint address with its name under the Service', () => {
    expect(net.network.dns.query('5.1.16.172.in-addr.arpa', 'PTR').answers.map((a) => a.data)).toEqual(['web-0.nginx.default.svc.cluster.local.']);
    expect(net.network.dns.query('9.1.16.172.in-addr.arpa', 'PTR').answers.map((a) => a.data)).toEqual(['172-16-1-9.plain-headless.default.svc.cluster.local.']);
    expect(net.network.dns.query('99.1.16.172.in-addr.arpa', 'PTR').rcode).toBe('NXDOMAIN');
  });

  it('says NXDOMAIN for unknown Services and namespaces, and for a headless Service without endpoints', () => {
    expect(net.network.dns.query('nope.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    expect(net.network.dns.query('web.nowhere.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    expect(net.network.dns.query('empty-headless.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
  });

  it('answers NOERROR with no records (NODATA) for AAAA of an IPv4 Service', () => {
    const response = net.network.dns.query('web.default.svc.cluster.local', 'AAAA');
    expect(response.rcode).toBe('NOERROR');
    expect(response.answers).toEqual([]);
  });

  it('follows Service changes', () => {
    createService(net.admin, 'late', { clusterIP: '10.96.100.99', ports: [{ port: 80 }] });
    net.cluster.settle();
    expect(net.network.dns.query('late.default.svc.cluster.local', 'A').answers[0]?.data).toBe('10.96.100.99');
  });
});

describe('a ClusterFirst Pod\'s resolver (search path and ndots:5)', () => {
  it('writes resolv.conf with the namespace\'s search path and the cluster DNS address', () => {
    expect(net.network.resolvConf('shop')).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('finds a short name in the Pod\'s own namespace first', () => {
    const resolution = net.network.resolve('web', 'default');
    expect(resolution.response.answers[0]?.data).toBe('10.96.100.10');
    expect(resolution.tried.map((t) => t.name)).toEqual(['web.default.svc.cluster.local.']);
  });

  it('reaches another namespace with <service>.<namespace> through the second search domain', () => {
    const resolution = net.network.resolve('api.shop', 'default');
    expect(resolution.response.answers[0]?.data).toBe('10.96.100.11');
    expect(resolution.tried.map((t) => `${t.name} ${t.rcode}`)).toEqual(['api.shop.default.svc.cluster.local. NXDOMAIN', 'api.shop.svc.cluster.local. NOERROR']);
  });

  it('does not find a Service of another namespace by its short name', () => {
    const resolution = net.network.resolve('api', 'default');
    expect(resolution.response.rcode).toBe('NXDOMAIN');
    expect(resolution.tried.map((t) => t.name)).toEqual(['api.default.svc.cluster.local.', 'api.svc.cluster.local.', 'api.cluster.local.', 'api.']);
  });

  it('tries a name with five dots as given first (ndots:5), and a trailing dot means only as given', () => {
    expect(net.network.resolve('a.b.c.d.e.f', 'default').tried[0]?.name).toBe('a.b.c.d.e.f.');
    // Four dots: the search list first — the classic extra lookups for a fully written name.
    expect(net.network.resolve('web.default.svc.cluster.local', 'default').tried.map((t) => t.name)).toEqual([
      'web.default.svc.cluster.local.default.svc.cluster.local.',
      'web.default.svc.cluster.local.svc.cluster.local.',
      'web.default.svc.cluster.local.cluster.local.',
      'web.default.svc.cluster.local.',
    ]);
    expect(net.network.resolve('web.default.svc.cluster.local.', 'default').tried.map((t) => t.name)).toEqual(['web.default.svc.cluster.local.']);
  });

  it('sends names outside the cluster domain upstream (NXDOMAIN offline)', () => {
    expect(net.network.resolve('example.com', 'default').response.rcode).toBe('NXDOMAIN');
  });
});

describe('lookups from a Pod (the query itself travels to kube-dns)', () => {
  it('times out without CoreDNS endpoints behind kube-dns, answers once they exist', () => {
    runPod(net.admin, 'coredns-1', { namespace: 'kube-system', node: 'node01', ip: '172.16.1.53', image: 'registry.k8s.io/coredns/coredns:v1.11.3' });
    createService(net.admin, 'kube-dns', { clusterIP: '10.96.0.10', selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }] }, 'kube-system');
    net.cluster.settle();
    const client = { namespace: 'default', name: 'client' };
    const before = net.network.lookupFromPod('web', client);
    expect(before.reached).toBe(false);
    if (!before.reached) expect(before.connection.error).toBe('ECONNREFUSED');
    writeSlice(net.admin, 'kube-dns', [endpointFor('172.16.1.53', 'node01', 'coredns-1')], [{ name: 'dns', port: 53, protocol: 'UDP' }], 'kube-system');
    net.cluster.settle();
    const after = net.network.lookupFromPod('web', client);
    expect(after.reached && after.resolution.response.answers[0]?.data).toBe('10.96.100.10');
  });
});
