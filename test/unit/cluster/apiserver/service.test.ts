/** Services through the real API server: defaults, allocation, validation, updates, printing, storage. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Endpoints, Service, ServiceSpec } from '../../../../src/shared/api/core.js';
import type { KubeObject } from '../../../../src/shared/api/meta.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { ENDPOINTS, SERVICES } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';

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

function manifest(name: string, spec: ServiceSpec, metadata: KubeObject['metadata'] = {}): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, ...metadata }, spec };
}

function create(name: string, spec: ServiceSpec): Service {
  return expectOk(client.create<Service>(SERVICES, 'default', manifest(name, spec)));
}

/** The message of a refused create. */
function refused(name: string, spec: ServiceSpec): string {
  return expectStatus(client.create(SERVICES, 'default', manifest(name, spec))).message ?? '';
}

const web: ServiceSpec = { selector: { app: 'web' }, ports: [{ port: 80 }] };

describe('Service defaults (SetDefaults_Service, initIPFamilyFields)', () => {
  it('fills type, affinity, traffic policy, IP family fields, protocol and targetPort; status is an empty load balancer', () => {
    const svc = create('web', web);
    expect(svc.spec).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
      clusterIPs: [svc.spec.clusterIP],
      clusterIP: svc.spec.clusterIP,
    });
    expect(svc.status).toEqual({ loadBalancer: {} });
  });

  it('decodes an empty list item as a zero ServicePort, which validation then refuses', () => {
    const status = expectStatus(client.create(SERVICES, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [null] } }));
    expect(status.message).toBe(
      'Service "web" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]',
    );
  });

  it('keeps a named targetPort, and defaults an empty one to the port', () => {
    const svc = create('web', { ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: '' }] });
    expect(svc.spec.ports!.map((p) => p.targetPort)).toEqual(['http', 9090]);
  });

  it.each<[string, ServiceSpec, Partial<ServiceSpec>]>([
    ['NodePort gets externalTrafficPolicy Cluster', { type: 'NodePort', ports: [{ port: 80 }] }, { externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' }],
    [
      'LoadBalancer also allocates node ports by default',
      { type: 'LoadBalancer', ports: [{ port: 80 }] },
      { externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true },
    ],
    ['ClientIP affinity gets three hours', { sessionAffinity: 'ClientIP', ports: [{ port: 80 }] }, { sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } }],
    ['ClusterIP with externalIPs is externally accessible', { externalIPs: ['192.168.200.50'], ports: [{ port: 80 }] }, { externalTrafficPolicy: 'Cluster' }],
  ])('%s', (_name, spec, expected) => {
    expect(create('svc', spec).spec).toMatchObject(expected);
  });

  it('gives ExternalName no cluster IP, families or traffic policy', () => {
    const svc = create('db', { type: 'ExternalName', externalName: 'db.example.com' });
    expect(svc.spec).toEqual({ type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' });
  });

  it('headless with a selector is SingleStack IPv4; without one RequireDualStack with both families', () => {
    expect(create('db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] }).spec).toMatchObject({
      clusterIP: 'None',
      clusterIPs: ['None'],
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
    expect(create('ext', { clusterIP: 'None', ports: [{ port: 5432 }] }).spec).toMatchObject({
      clusterIPs: ['None'],
      ipFamilyPolicy: 'RequireDualStack',
      ipFamilies: ['IPv4', 'IPv6'],
    });
  });
});

describe('ClusterIP allocation (ipallocator: random in the upper band of 10.96.0.0/12)', () => {
  it('hands out distinct addresses above the static band 10.96.0.1–10.96.1.0', () => {
    const ips = Array.from({ length: 20 }, (_, i) => create(`s${i}`, web).spec.clusterIP!);
    expect(new Set(ips).size).toBe(20);
    for (const ip of ips) {
      const [a, b, c, d] = ip.split('.').map(Number) as [number, number, number, number];
      expect(a).toBe(10);
      const offset = ((b - 96) * 256 + c) * 256 + d;
      // 256 addresses after the network address are kept for static use (DNS is 10.96.0.10).
      expect(offset).toBeGreaterThan(256);
      expect(offset).toBeLessThan(2 ** 20 - 1);
    }
  });

  it('is deterministic for a seed, and another seed picks other addresses', () => {
    const first = create('a', web).spec.clusterIP;
    const again = makeCluster();
    const other = makeCluster({ seed: 2 });
    try {
      expect(expectOk(again.client().create<Service>(SERVICES, 'default', manifest('a', web))).spec.clusterIP).toBe(first);
      expect(expectOk(other.client().create<Service>(SERVICES, 'default', manifest('a', web))).spec.clusterIP).not.toBe(first);
    } finally {
      again.dispose();
      other.dispose();
    }
  });

  it('does not shift uids: allocation draws from its own stream', () => {
    const plain = makeCluster();
    try {
      create('svc', web);
      const after = expectOk(client.create<Service>(SERVICES, 'default', manifest('later', { ports: [{ port: 1 }], clusterIP: 'None' })));
      expectOk(plain.client().create<Service>(SERVICES, 'default', manifest('svc', { ...web, clusterIP: '10.96.0.20' })));
      const same = expectOk(plain.client().create<Service>(SERVICES, 'default', manifest('later', { ports: [{ port: 1 }], clusterIP: 'None' })));
      expect(after.metadata.uid).toBe(same.metadata.uid);
    } finally {
      plain.dispose();
    }
  });

  it('takes a requested address from the static band, with clusterIP alone or both fields', () => {
    expect(create('dns', { ...web, clusterIP: '10.96.0.10' }).spec).toMatchObject({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'] });
    expect(create('other', { ...web, clusterIP: '10.96.0.11', clusterIPs: ['10.96.0.11'] }).spec.clusterIPs).toEqual(['10.96.0.11']);
  });

  it.each<[string, ServiceSpec, string]>([
    [
      'an address another Service holds',
      { ...web, clusterIP: '10.96.0.10' },
      'Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    ],
    [
      'an address outside the range',
      { ...web, clusterIP: '10.0.0.5' },
      'Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    ],
    [
      'the network address',
      { ...web, clusterIP: '10.96.0.0' },
      'Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.0"}: failed to allocate IP 10.96.0.0: the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    ],
    [
      'a malformed address',
      { ...web, clusterIP: '10.96.0.300' },
      'Service "b" is invalid: spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ],
    [
      'clusterIPs that disagree with clusterIP',
      { ...web, clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.21'] },
      'Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.21"}: first value must match `clusterIP`',
    ],
    [
      'an IPv6 address on an IPv4 cluster',
      { ...web, clusterIP: 'fd00::10' },
      'Service "b" is invalid: spec.clusterIPs[0]: Invalid value: []string{"fd00::10"}: IPv6 is not configured on this cluster',
    ],
    [
      'dual-stack on a single-stack cluster',
      { ...web, ipFamilyPolicy: 'RequireDualStack' },
      'Service "b" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
    ],
  ])('refuses %s', (_name, spec, message) => {
    create('a', { ...web, clusterIP: '10.96.0.10' });
    const revision = cluster.revision();
    expect(refused('b', spec)).toBe(message);
    expect(cluster.revision()).toBe(revision);
  });

  it('frees the address when the Service is deleted', () => {
    create('a', { ...web, clusterIP: '10.96.0.10' });
    expectOk(client.delete(SERVICES, 'default', 'a'));
    expect(create('b', { ...web, clusterIP: '10.96.0.10' }).spec.clusterIP).toBe('10.96.0.10');
  });

  it('a dry run allocates and answers, but holds nothing', () => {
    const dry = expectOk(client.create<Service>(SERVICES, 'default', manifest('a', { ...web, clusterIP: '10.96.0.10' }), { dryRun: 'All' }));
    expect(dry.spec.clusterIP).toBe('10.96.0.10');
    expect(create('b', { ...web, clusterIP: '10.96.0.10' }).spec.clusterIP).toBe('10.96.0.10');
  });
});

describe('NodePort allocation (portallocator: random in 30086–32767 first)', () => {
  it('gives each port of a NodePort Service its own node port in the upper band', () => {
    const svc = create('np', { type: 'NodePort', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] });
    const ports = svc.spec.ports!.map((p) => p.nodePort!);
    expect(new Set(ports).size).toBe(2);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(30086);
      expect(port).toBeLessThanOrEqual(32767);
    }
  });

  it('keeps a requested node port, and shares one between TCP and UDP of the same port', () => {
    const svc = create('dns', {
      type: 'NodePort',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', nodePort: 30053 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ],
    });
    expect(svc.spec.ports!.map((p) => p.nodePort)).toEqual([30053, 30053]);
  });

  it('allocates node ports for LoadBalancer, and a health check port with externalTrafficPolicy Local', () => {
    const svc = create('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ port: 80 }] });
    expect(svc.spec.ports![0]!.nodePort).toBeGreaterThanOrEqual(30086);
    expect(svc.spec.healthCheckNodePort).toBeGreaterThanOrEqual(30086);
    expect(svc.spec.healthCheckNodePort).not.toBe(svc.spec.ports![0]!.nodePort);
  });

  it('allocates none for a LoadBalancer with allocateLoadBalancerNodePorts: false', () => {
    expect(create('lb', { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, ports: [{ port: 80 }] }).spec.ports![0]!.nodePort).toBeUndefined();
  });

  it('never hands out the same port twice', () => {
    const ports = Array.from({ length: 30 }, (_, i) => create(`np${i}`, { type: 'NodePort', ports: [{ port: 80 }] }).spec.ports![0]!.nodePort);
    expect(new Set(ports).size).toBe(30);
  });

  it.each<[string, number, string]>([
    ['a port another Service holds', 30080, 'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated'],
    [
      'a port outside --service-node-port-range',
      8080,
      'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
  ])('refuses %s', (_name, nodePort, message) => {
    create('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] });
    expect(refused('b', { type: 'NodePort', ports: [{ port: 80, nodePort }] })).toBe(message);
  });

  it('forbids a node port on a ClusterIP Service', () => {
    expect(refused('a', { ports: [{ port: 80, nodePort: 30080 }] })).toBe(
      "Service \"a\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    );
  });
});

describe('Service validation (ValidateService)', () => {
  it.each<[string, KubeObject['metadata'], ServiceSpec, string]>([
    [
      'a name that is not a DNS-1035 label',
      { name: '1web' },
      web,
      `Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    ],
    ['no ports', { name: 'web' }, { selector: { app: 'web' } }, 'Service "web" is invalid: spec.ports: Required value'],
    ['a port out of range', { name: 'web' }, { ports: [{ port: 70000 }] }, 'Service "web" is invalid: [spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive]'],
    ['unnamed ports when there are several', { name: 'web' }, { ports: [{ port: 80 }, { name: 'https', port: 443 }] }, 'Service "web" is invalid: spec.ports[0].name: Required value'],
    [
      'an unknown protocol',
      { name: 'web' },
      { ports: [{ port: 80, protocol: 'HTTP' }] },
      'Service "web" is invalid: spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ],
    [
      'a bad named targetPort',
      { name: 'web' },
      { ports: [{ port: 80, targetPort: 'Http_Port' }] },
      'Service "web" is invalid: spec.ports[0].targetPort: Invalid value: "Http_Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    ],
    [
      'the same port twice',
      { name: 'web' },
      { ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] },
      'Service "web" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ],
    [
      'an unknown type',
      { name: 'web' },
      { type: 'Ingress' as ServiceSpec['type'], ports: [{ port: 80 }] },
      'Service "web" is invalid: spec.type: Unsupported value: "Ingress": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ],
    ['ExternalName without a name', { name: 'ext' }, { type: 'ExternalName' }, 'Service "ext" is invalid: spec.externalName: Required value'],
    [
      'externalTrafficPolicy on a ClusterIP Service',
      { name: 'web' },
      { ports: [{ port: 80 }], externalTrafficPolicy: 'Local' },
      'Service "web" is invalid: spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
    ],
    [
      'a headless NodePort',
      { name: 'web' },
      { type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] },
      "Service \"web\" is invalid: spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services",
    ],
    [
      'source ranges on a ClusterIP Service, one of them not a CIDR',
      { name: 'web' },
      { ports: [{ port: 80 }], loadBalancerSourceRanges: ['10.0.0.0/8', '10.0.0.0/33'] },
      "Service \"web\" is invalid: [spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer', spec.LoadBalancerSourceRanges[1]: Invalid value: \"10.0.0.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)]",
    ],
    [
      'a bad selector value',
      { name: 'web' },
      { selector: { app: 'web app' }, ports: [{ port: 80 }] },
      `Service "web" is invalid: spec.selector: Invalid value: "web app": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
  ])('refuses %s', (_name, metadata, spec, message) => {
    expect(expectStatus(client.create(SERVICES, 'default', manifest('', spec, metadata))).message).toBe(message);
  });

  it.each<[string, unknown, string]>([
    ['a port given as a string', { ports: [{ port: '80' }] }, 'json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32'],
    ['a fractional port', { ports: [{ port: 80.5 }] }, 'json: cannot unmarshal number 80.5 into Go struct field ServicePort.spec.ports.port of type int32'],
    ['ports as a map', { ports: { http: 80 } }, 'json: cannot unmarshal object into Go struct field ServiceSpec.spec.ports of type []v1.ServicePort'],
    ['a selector value that is a number', { selector: { tier: 1 }, ports: [{ port: 80 }] }, 'json: cannot unmarshal number into Go struct field ServiceSpec.spec.selector of type string'],
    ['a targetPort that is neither number nor name', { ports: [{ port: 80, targetPort: true }] }, 'json: cannot unmarshal bool into Go value of type int32'],
    ['spec as a string', 'web', 'json: cannot unmarshal string into Go struct field Service.spec of type v1.ServiceSpec'],
  ])('answers 400 for %s, as the decoder does before validation', (_name, spec, error) => {
    const status = expectStatus(client.create(SERVICES, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec }));
    expect(status).toMatchObject({ code: 400, reason: 'BadRequest', message: `Service in version "v1" cannot be handled as a Service: ${error}` });
  });
});

describe('Service updates', () => {
  it('keeps allocated values when the same manifest is sent again (patchAllocatedValues)', () => {
    const created = create('np', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] });
    const again = expectOk(
      client.update<Service>(SERVICES, 'default', manifest('np', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] }, { resourceVersion: created.metadata.resourceVersion })),
    );
    expect(again.spec.clusterIP).toBe(created.spec.clusterIP);
    expect(again.spec.ports![0]!.nodePort).toBe(created.spec.ports![0]!.nodePort);
    expect(again.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });

  it('refuses to change clusterIP: may not change once set', () => {
    const svc = create('web', web);
    const revision = cluster.revision();
    const status = expectStatus(client.patch(SERVICES, 'default', 'web', 'strategic', { spec: { clusterIP: '10.96.5.5' } }));
    expect(status.message).toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.5.5"}: may not change once set');
    expect(svc.spec.clusterIP).not.toBe('10.96.5.5');
    expect(cluster.revision()).toBe(revision);
  });

  it('NodePort → ClusterIP drops the node ports and externalTrafficPolicy, and frees the ports', () => {
    create('np', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] });
    const svc = expectOk(client.patch<Service>(SERVICES, 'default', 'np', 'merge', { spec: { type: 'ClusterIP' } }));
    expect(svc.spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    expect(svc.spec.externalTrafficPolicy).toBeUndefined();
    expect(create('other', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }).spec.ports![0]!.nodePort).toBe(30080);
  });

  it('ClusterIP → NodePort allocates a node port and keeps the cluster IP', () => {
    const before = create('web', web);
    const svc = expectOk(client.patch<Service>(SERVICES, 'default', 'web', 'merge', { spec: { type: 'NodePort' } }));
    expect(svc.spec.clusterIP).toBe(before.spec.clusterIP);
    expect(svc.spec.externalTrafficPolicy).toBe('Cluster');
    expect(svc.spec.ports![0]!.nodePort).toBeGreaterThanOrEqual(30000);
  });

  it('ClusterIP → ExternalName gives the address back; ExternalName → ClusterIP allocates a new one', () => {
    const before = create('web', { ...web, clusterIP: '10.96.0.10' });
    const ext = expectOk(client.patch<Service>(SERVICES, 'default', 'web', 'merge', { spec: { type: 'ExternalName', externalName: 'web.example.com' } }));
    expect(ext.spec.clusterIP).toBeUndefined();
    expect(ext.spec.ipFamilies).toBeUndefined();
    expect(create('dns', { ...web, clusterIP: before.spec.clusterIP }).spec.clusterIP).toBe('10.96.0.10');
    const back = expectOk(client.patch<Service>(SERVICES, 'default', 'web', 'merge', { spec: { type: 'ClusterIP', externalName: null } }));
    expect(back.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
    expect(back.spec.clusterIP).not.toBe('10.96.0.10');
  });

  it('ignores status on the main resource; /status takes only load balancer ingress of a LoadBalancer', () => {
    create('web', web);
    const svc = expectOk(client.get<Service>(SERVICES, 'default', 'web'));
    const updated = expectOk(client.update<Service>(SERVICES, 'default', { ...svc, status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }] } } }));
    expect(updated.status).toEqual({ loadBalancer: {} });
    const status = expectStatus(client.updateStatus(SERVICES, 'default', { ...svc, status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }] } } }));
    expect(status.message).toBe("Service \"web\" is invalid: status.loadBalancer.ingress: Forbidden: may only be used when `spec.type` is 'LoadBalancer'");
    create('lb', { type: 'LoadBalancer', ports: [{ port: 80 }] });
    const lb = expectOk(client.get<Service>(SERVICES, 'default', 'lb'));
    const ready = expectOk(client.updateStatus<Service>(SERVICES, 'default', { ...lb, status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }] } } }));
    expect(ready.status).toEqual({ loadBalancer: { ingress: [{ ip: '203.0.113.7', ipMode: 'VIP' }] } });
  });
});

describe('Service storage, selectors and deletion', () => {
  it('stores under /registry/services/specs/<namespace>/<name>', () => {
    create('web', web);
    const kv = cluster.store.range('/registry/services/specs/default/web').kvs[0];
    expect((JSON.parse(kv!.value) as Service).spec.type).toBe('ClusterIP');
  });

  it('selects by spec.type and spec.clusterIP, and names other fields unsupported', () => {
    create('web', { ...web, clusterIP: '10.96.0.10' });
    create('np', { type: 'NodePort', ports: [{ port: 80 }] });
    const names = (fieldSelector: string): string[] =>
      expectOk(client.list(SERVICES, 'default', { fieldSelector })).items.map((s) => s.metadata.name ?? '');
    expect(names('spec.type=NodePort')).toEqual(['np']);
    expect(names('spec.clusterIP=10.96.0.10')).toEqual(['web']);
    expect(expectStatus(client.list(SERVICES, 'default', { fieldSelector: 'spec.ports=80' })).message).toBe('field label not supported: spec.ports');
  });

  it('deletes the Endpoints of the same name with the Service (AfterDelete)', () => {
    create('web', web);
    expectOk(
      client.create<Endpoints>(ENDPOINTS, 'default', {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'web' },
        subsets: [{ addresses: [{ ip: '172.16.1.5' }], ports: [{ port: 80 }] }],
      }),
    );
    expectOk(client.delete(SERVICES, 'default', 'web'));
    expect(cluster.store.range('/registry/services/endpoints/default/web').kvs).toEqual([]);
    expect(expectStatus(client.get(ENDPOINTS, 'default', 'web')).code).toBe(404);
  });
});

describe('Service printer (NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, SELECTOR wide)', () => {
  it('has kube-apiserver 1.32 columns', () => {
    create('web', web);
    const table = expectOk(client.listTable(SERVICES, 'default'));
    expect(table.columnDefinitions.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Type:0',
      'Cluster-IP:0',
      'External-IP:0',
      'Port(s):0',
      'Age:0',
      'Selector:1',
    ]);
  });

  it.each<[string, ServiceSpec, Array<string | number>]>([
    ['ClusterIP', { ...web, clusterIP: '10.96.0.10' }, ['s', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP', '0s', 'app=web']],
    [
      'NodePort, two ports',
      { type: 'NodePort', clusterIP: '10.96.0.11', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 53, protocol: 'UDP', nodePort: 30053 }] },
      ['s', 'NodePort', '10.96.0.11', '<none>', '80:30080/TCP,53:30053/UDP', '0s', '<none>'],
    ],
    ['LoadBalancer waiting for an address', { type: 'LoadBalancer', clusterIP: '10.96.0.12', ports: [{ port: 80, nodePort: 31000 }] }, ['s', 'LoadBalancer', '10.96.0.12', '<pending>', '80:31000/TCP', '0s', '<none>']],
    ['ExternalName', { type: 'ExternalName', externalName: 'db.example.com' }, ['s', 'ExternalName', '<none>', 'db.example.com', '<none>', '0s', '<none>']],
    ['headless', { clusterIP: 'None', selector: { b: '2', a: '1' }, ports: [{ port: 5432 }] }, ['s', 'ClusterIP', 'None', '<none>', '5432/TCP', '0s', 'a=1,b=2']],
    [
      'external IPs',
      { clusterIP: '10.96.0.13', externalIPs: ['192.168.200.50', '192.168.200.51'], ports: [{ port: 80 }] },
      ['s', 'ClusterIP', '10.96.0.13', '192.168.200.50,192.168.200.51', '80/TCP', '0s', '<none>'],
    ],
  ])('prints a %s Service', (_name, spec, cells) => {
    create('s', spec);
    expect(expectOk(client.getTable(SERVICES, 'default', 's')).rows[0]!.cells).toEqual(cells);
  });
});
