/** kube-proxy's iptables rules (iptables mode, 1.32) as iptables-save prints them on a node. */
import { afterEach, describe, expect, it } from 'vitest';
import { ENDPOINTS, ENDPOINT_SLICES, SERVICES } from '../../../../src/main/cluster/client/resources.js';
import { endpointChain, serviceChains } from '../../../../src/main/cluster/proxy/chain-names.js';
import { renderIptablesSave, savedProbability } from '../../../../src/main/cluster/proxy/iptables-rules.js';
import { buildServicePorts } from '../../../../src/main/cluster/proxy/service-ports.js';
import { expectOk } from '../../helpers/cluster.js';
import { expectGolden, runScenario } from '../../helpers/scenario.js';
import { type NetworkCluster, addNode, createService, endpointFor, makeNetworkCluster, writeSlice } from './network-fixture.js';

let net: NetworkCluster;
afterEach(() => net?.cluster.dispose());

function setup(): NetworkCluster {
  net = makeNetworkCluster();
  addNode(net.admin, 'node01', '192.168.200.11');
  addNode(net.admin, 'node02', '192.168.200.12');
  net.cluster.settle();
  return net;
}

function lines(text: string): string[] {
  return text.split('\n');
}

describe('chain names (portProtoHash: base32(sha256(servicePortName + protocol))[:16])', () => {
  it('names default/kubernetes:https KUBE-SVC-NPX46M4PTMTKRN6Y and kube-dns:dns over UDP KUBE-SVC-TCOU7JCQXEZGVUNU, as on every real cluster', () => {
    expect(serviceChains('default/kubernetes:https', 'TCP').cluster).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y');
    expect(serviceChains('kube-system/kube-dns:dns', 'UDP').cluster).toBe('KUBE-SVC-TCOU7JCQXEZGVUNU');
    expect(serviceChains('kube-system/kube-dns:dns-tcp', 'TCP').cluster).toBe('KUBE-SVC-ERIFXISQEP7F7OF4');
  });

  it('derives the other chain kinds and the endpoint chain from the same inputs', () => {
    const chains = serviceChains('default/web:http', 'TCP');
    expect(chains.local).toBe(chains.cluster.replace('KUBE-SVC-', 'KUBE-SVL-'));
    expect(chains.external).toBe(chains.cluster.replace('KUBE-SVC-', 'KUBE-EXT-'));
    expect(endpointChain('default/web:http', 'TCP', '172.16.1.2:8080')).toMatch(/^KUBE-SEP-[A-Z2-7]{16}$/);
    expect(endpointChain('default/web:http', 'TCP', '172.16.1.2:8080')).not.toBe(endpointChain('default/web:http', 'TCP', '172.16.1.3:8080'));
  });
});

describe('statistic probabilities as iptables-save prints them', () => {
  it('prints 1/3 as 0.33333333349 and 1/2 as 0.50000000000 (the 31-bit fraction the match stores)', () => {
    expect(savedProbability(3)).toBe('0.33333333349');
    expect(savedProbability(2)).toBe('0.50000000000');
    expect(savedProbability(4)).toBe('0.25000000000');
    expect(savedProbability(5)).toBe('0.20000000019');
  });
});

describe('rules of a node', () => {
  it('writes KUBE-SERVICES → KUBE-SVC → three KUBE-SEP chains with the random cascade (golden scenario proxy/clusterip-three-endpoints)', () => {
    setup();
    const out = runScenario(net.cluster, 'test/scenarios/proxy/clusterip-three-endpoints.yaml', {
      steps: [{ advance: '1s' }],
      show: [{ resource: SERVICES, namespace: 'default' }, { resource: ENDPOINT_SLICES, namespace: 'default' }],
    });
    expectGolden('test/scenarios/proxy/clusterip-three-endpoints.out.yaml', out);
    const rules = net.network.rules('node01');
    expectGolden('test/scenarios/proxy/clusterip-three-endpoints.iptables.out', rules);
    const svc = serviceChains('default/web:http', 'TCP').cluster;
    // kube-proxy orders endpoints by "ip:port" as strings: 172.16.1.12 before 172.16.1.2.
    const dispatch = lines(rules).filter((l) => l.startsWith(`-A ${svc} -m comment`));
    expect(dispatch).toEqual([
      `-A ${svc} -m comment --comment "default/web:http -> 172.16.1.12:8080" -m statistic --mode random --probability 0.33333333349 -j ${endpointChain('default/web:http', 'TCP', '172.16.1.12:8080')}`,
      `-A ${svc} -m comment --comment "default/web:http -> 172.16.1.2:8080" -m statistic --mode random --probability 0.50000000000 -j ${endpointChain('default/web:http', 'TCP', '172.16.1.2:8080')}`,
      `-A ${svc} -m comment --comment "default/web:http -> 172.16.2.7:8080" -j ${endpointChain('default/web:http', 'TCP', '172.16.2.7:8080')}`,
    ]);
    expect(rules).toContain(`-A KUBE-SERVICES -d 10.96.100.10/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j ${svc}`);
    expect(rules).toContain(`-A ${svc} ! -s 172.16.0.0/16 -d 10.96.100.10/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ`);
    const sep = endpointChain('default/web:http', 'TCP', '172.16.2.7:8080');
    expect(rules).toContain(`-A ${sep} -s 172.16.2.7/32 -m comment --comment "default/web:http" -j KUBE-MARK-MASQ`);
    expect(rules).toContain(`-A ${sep} -p tcp -m comment --comment "default/web:http" -m tcp -j DNAT --to-destination 172.16.2.7:8080`);
    // Without node ports or Local policies every node has the same rules.
    expect(net.network.rules('node02')).toBe(rules);
  });

  it('rejects in the filter table when a Service has no endpoints (REJECT → "connection refused", not a timeout)', () => {
    setup();
    createService(net.admin, 'empty', { clusterIP: '10.96.100.20', selector: { app: 'none' }, ports: [{ port: 80, targetPort: 8080 }] });
    net.cluster.settle();
    const rules = net.network.rules('node01');
    const filter = rules.slice(rules.indexOf('*filter'), rules.indexOf('*nat'));
    expect(filter).toContain('-A KUBE-SERVICES -d 10.96.100.20/32 -p tcp -m comment --comment "default/empty has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable');
    expect(rules.slice(rules.indexOf('*nat'))).not.toContain('default/empty');
  });

  it('sends node ports through KUBE-NODEPORTS and KUBE-EXT (masquerade, then the service chain) and rejects them when empty', () => {
    setup();
    createService(net.admin, 'web', { type: 'NodePort', clusterIP: '10.96.100.30', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 80, nodePort: 30080 }] });
    createService(net.admin, 'empty', { type: 'NodePort', clusterIP: '10.96.100.31', selector: { app: 'none' }, ports: [{ port: 80, targetPort: 80, nodePort: 30081 }] });
    writeSlice(net.admin, 'web', [endpointFor('172.16.1.2', 'node01', 'web-1')], [{ name: 'http', port: 80, protocol: 'TCP' }]);
    net.cluster.settle();
    const rules = net.network.rules('node01');
    const { cluster, external } = serviceChains('default/web:http', 'TCP');
    expect(rules).toContain(
      `-A KUBE-NODEPORTS -d 127.0.0.0/8 -p tcp -m comment --comment "default/web:http" -m tcp --dport 30080 -m nfacct --nfacct-name  localhost_nps_accepted_pkts -j ${external}\n` +
        `-A KUBE-NODEPORTS -p tcp -m comment --comment "default/web:http" -m tcp --dport 30080 -j ${external}`,
    );
    expect(rules).toContain(`-A ${external} -m comment --comment "masquerade traffic for default/web:http external destinations" -j KUBE-MARK-MASQ\n-A ${external} -j ${cluster}`);
    expect(rules).toContain('-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/empty has no endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30081 -j REJECT --reject-with icmp-port-unreachable');
    // The jump to KUBE-NODEPORTS is the last rule of KUBE-SERVICES.
    const natServices = lines(rules.slice(rules.indexOf('*nat'))).filter((l) => l.startsWith('-A KUBE-SERVICES '));
    expect(natServices.at(-1)).toBe('-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS');
    expect(rules).toContain(`:${external} - [0:0]`);
  });

  it('with externalTrafficPolicy Local, short-circuits Pod and node traffic and drops outside traffic on a node without local endpoints', () => {
    setup();
    createService(net.admin, 'web', { type: 'NodePort', clusterIP: '10.96.100.40', externalTrafficPolicy: 'Local', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80, nodePort: 30090 }] });
    writeSlice(net.admin, 'web', [endpointFor('172.16.1.2', 'node01', 'web-1')], [{ port: 80, protocol: 'TCP' }]);
    net.cluster.settle();
    const { cluster, local, external } = serviceChains('default/web', 'TCP');
    const node01 = net.network.rules('node01');
    expect(node01).toContain(`-A ${external} -s 172.16.0.0/16 -m comment --comment "pod traffic for default/web external destinations" -j ${cluster}`);
    expect(node01).toContain(`-A ${external} -j ${local}`);
    expect(node01).toContain(`-A ${local} -m comment --comment "default/web -> 172.16.1.2:80" -j `);
    const node02 = net.network.rules('node02');
    expect(node02).not.toContain(`-A ${external} -j ${local}`);
    expect(node02).toContain('-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/web has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30090 -j DROP');
  });

  it('adds xt_recent rules for sessionAffinity ClientIP (10800 s by default)', () => {
    setup();
    createService(net.admin, 'sticky', { clusterIP: '10.96.100.50', sessionAffinity: 'ClientIP', selector: { app: 's' }, ports: [{ port: 80 }] });
    writeSlice(net.admin, 'sticky', [endpointFor('172.16.1.2', 'node01', 's-1'), endpointFor('172.16.2.2', 'node02', 's-2')], [{ port: 80, protocol: 'TCP' }]);
    net.cluster.settle();
    const rules = net.network.rules('node01');
    const sep = endpointChain('default/sticky', 'TCP', '172.16.1.2:80');
    expect(rules).toContain(`-m comment --comment "default/sticky -> 172.16.1.2:80" -m recent --rcheck --seconds 10800 --reap --name ${sep} --mask 255.255.255.255 --rsource -j ${sep}`);
    expect(rules).toContain(`-A ${sep} -p tcp -m comment --comment "default/sticky" -m recent --set --name ${sep} --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 172.16.1.2:80`);
  });

  it('follows endpoint changes: a new endpoint gets its chain, a removed one loses it, none left means REJECT', () => {
    setup();
    createService(net.admin, 'web', { clusterIP: '10.96.100.60', selector: { app: 'web' }, ports: [{ port: 80 }] });
    writeSlice(net.admin, 'web', [endpointFor('172.16.1.2', 'node01', 'a')], [{ port: 80, protocol: 'TCP' }]);
    net.cluster.settle();
    const first = endpointChain('default/web', 'TCP', '172.16.1.2:80');
    const second = endpointChain('default/web', 'TCP', '172.16.2.9:80');
    expect(net.network.rules('node01')).toContain(`:${first} - [0:0]`);
    writeSlice(net.admin, 'web', [endpointFor('172.16.2.9', 'node02', 'b')], [{ port: 80, protocol: 'TCP' }]);
    net.cluster.settle();
    let rules = net.network.rules('node01');
    expect(rules).not.toContain(first);
    expect(rules).toContain(`:${second} - [0:0]`);
    writeSlice(net.admin, 'web', [endpointFor('172.16.2.9', 'node02', 'b', { conditions: { ready: false, serving: false, terminating: true } })], [{ port: 80, protocol: 'TCP' }]);
    net.cluster.settle();
    rules = net.network.rules('node01');
    expect(rules).toContain('"default/web has no endpoints"');
    expect(rules).not.toContain(second);
  });

  it('uses serving terminating endpoints when none is ready (ProxyTerminatingEndpoints)', () => {
    setup();
    createService(net.admin, 'web', { clusterIP: '10.96.100.61', selector: { app: 'web' }, ports: [{ port: 80 }] });
    writeSlice(net.admin, 'web', [endpointFor('172.16.1.2', 'node01', 'a', { conditions: { ready: false, serving: true, terminating: true } })], [{ port: 80, protocol: 'TCP' }]);
    net.cluster.settle();
    expect(net.network.rules('node01')).toContain('-j DNAT --to-destination 172.16.1.2:80');
  });

  it('falls back to the Service\'s Endpoints object when it has no EndpointSlices', () => {
    setup();
    createService(net.admin, 'legacy', { clusterIP: '10.96.100.70', ports: [{ name: 'https', port: 443, targetPort: 6443 }] });
    expectOk(
      net.admin.create(ENDPOINTS, 'default', {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'legacy', namespace: 'default' },
        subsets: [{ addresses: [{ ip: '192.168.200.10' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
      }),
    );
    net.cluster.settle();
    expect(net.network.rules('node01')).toContain('-m comment --comment "default/legacy:https" -m tcp -j DNAT --to-destination 192.168.200.10:6443');
  });

  it('writes no rules for headless or ExternalName Services', () => {
    setup();
    createService(net.admin, 'headless', { clusterIP: 'None', selector: { app: 'h' }, ports: [{ port: 80 }] });
    createService(net.admin, 'ext', { type: 'ExternalName', externalName: 'example.com' });
    net.cluster.settle();
    const rules = net.network.rules('node01');
    expect(rules).not.toContain('default/headless');
    expect(rules).not.toContain('default/ext');
  });
});

describe('large cluster mode', () => {
  it('drops the per-endpoint comments above 1000 endpoints (largeClusterEndpointsThreshold), keeping the Service ones', () => {
    const ports = (count: number): ReturnType<typeof buildServicePorts> =>
      buildServicePorts(
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'big', namespace: 'default' }, spec: { clusterIP: '10.96.200.1', ports: [{ port: 80 }] } },
        [
          {
            apiVersion: 'discovery.k8s.io/v1',
            kind: 'EndpointSlice',
            metadata: { name: 'big-1', namespace: 'default' },
            addressType: 'IPv4',
            ports: [{ port: 80, protocol: 'TCP' }],
            endpoints: Array.from({ length: count }, (_, i) => ({ addresses: [`172.16.${i >> 8}.${i & 255}`], conditions: { ready: true } })),
          },
        ],
        undefined,
      );
    const small = renderIptablesSave({ nodeName: 'node01', clusterCIDR: '172.16.0.0/16', servicePorts: ports(1000), now: 0 });
    expect(small).toContain('-m comment --comment "default/big -> 172.16.0.0:80" -m statistic');
    const large = renderIptablesSave({ nodeName: 'node01', clusterCIDR: '172.16.0.0/16', servicePorts: ports(1001), now: 0 });
    expect(large).not.toContain('default/big -> ');
    expect(large).toMatch(/-A KUBE-SVC-\w+ -m statistic --mode random --probability 0.00099900085 -j KUBE-SEP-/);
    expect(large).toMatch(/-A KUBE-SEP-\w+ -p tcp -m tcp -j DNAT --to-destination 172.16.0.0:80/);
    expect(large).toContain('-m comment --comment "default/big cluster IP"');
  });
});
