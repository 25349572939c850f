/**
 * NetworkPolicy decisions, table-driven, each row a rule of the Kubernetes documentation
 * ("Network Policies", concepts/services-networking/network-policies): isolation by selection,
 * additive allow rules, peers (podSelector / namespaceSelector / both / ipBlock), ports (numbers
 * and named), Egress, and the always-allowed resident node.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../src/shared/api/meta.js';
import type { ConnectionSource } from '../../../../src/main/cluster/proxy/connectivity.js';
import { NAMESPACES } from '../../../../src/main/cluster/client/resources.js';
import { expectOk } from '../../helpers/cluster.js';
import { type NetworkCluster, addNode, createPolicy, createService, endpointFor, makeNetworkCluster, runPod, writeSlice } from './network-fixture.js';

let net: NetworkCluster;

beforeEach(() => {
  net = makeNetworkCluster();
  const { admin } = net;
  addNode(admin, 'node01', '192.168.200.11');
  addNode(admin, 'node02', '192.168.200.12');
  for (const [name, team] of [
    ['prod', 'prod'],
    ['dev', 'dev'],
  ]) {
    expectOk(admin.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { team: team! } } }));
  }
  runPod(admin, 'frontend', { node: 'node01', ip: '172.16.1.10', labels: { app: 'frontend' } });
  runPod(admin, 'other', { node: 'node01', ip: '172.16.1.11', labels: { app: 'other' } });
  runPod(admin, 'backend', { node: 'node02', ip: '172.16.2.10', labels: { app: 'backend' }, image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] });
  runPod(admin, 'client', { namespace: 'prod', node: 'node02', ip: '172.16.2.11', labels: { app: 'client' } });
  runPod(admin, 'client', { namespace: 'dev', node: 'node01', ip: '172.16.1.12', labels: { app: 'client' } });
  createService(admin, 'backend', { clusterIP: '10.96.100.10', selector: { app: 'backend' }, ports: [{ port: 8080, targetPort: 80 }] });
  writeSlice(admin, 'backend', [endpointFor('172.16.2.10', 'node02', 'backend')], [{ port: 80, protocol: 'TCP' }]);
  net.cluster.settle();
});
afterEach(() => net.cluster.dispose());

const pod = (namespace: string, name: string): ConnectionSource => ({ pod: { namespace, name } });
const frontend = pod('default', 'frontend');
const other = pod('default', 'other');
const prodClient = pod('prod', 'client');
const devClient = pod('dev', 'client');

function policy(name: string, spec: Record<string, unknown>, namespace = 'default'): KubeObject {
  return { metadata: { name, namespace }, spec } as KubeObject;
}

const denyIngress = policy('default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
const backendOnly = { matchLabels: { app: 'backend' } };

interface Row {
  rule: string;
  policies: KubeObject[];
  from: ConnectionSource;
  to?: { address: string; port: number };
  allowed: boolean;
  /** Policies expected in the decision (allowedBy when allowed, selectedBy when denied). */
  by?: string[];
}

const rows: Row[] = [
  { rule: 'a Pod no policy selects is non-isolated: everything is allowed', policies: [], from: frontend, allowed: true },
  { rule: 'a policy selecting the Pod for Ingress with no rules denies all ingress', policies: [denyIngress], from: frontend, allowed: false, by: ['default/default-deny'] },
  {
    rule: 'policies are additive: an allow rule next to default-deny lets its peers in',
    policies: [denyIngress, policy('allow-frontend', { podSelector: backendOnly, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }] }] })],
    from: frontend,
    allowed: true,
    by: ['default/allow-frontend'],
  },
  {
    rule: 'a podSelector peer matches only Pods it selects',
    policies: [denyIngress, policy('allow-frontend', { podSelector: backendOnly, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }] }] })],
    from: other,
    allowed: false,
    by: ['default/allow-frontend', 'default/default-deny'],
  },
  {
    rule: 'a podSelector peer alone means Pods in the policy\'s own namespace',
    policies: [policy('allow-client', { podSelector: backendOnly, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }] }] })],
    from: prodClient,
    allowed: false,
  },
  {
    rule: 'a namespaceSelector peer alone admits every Pod of matching namespaces',
    policies: [policy('allow-prod', { podSelector: backendOnly, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'prod' } } }] }] })],
    from: prodClient,
    allowed: true,
    by: ['default/allow-prod'],
  },
  {
    rule: 'a namespaceSelector peer does not admit other namespaces',
    policies: [policy('allow-prod', { podSelector: backendOnly, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'prod' } } }] }] })],
    from: devClient,
    allowed: false,
  },
  {
    rule: 'namespaceSelector and podSelector in one peer: matching Pods in matching namespaces (AND)',
    policies: [policy('and', { podSelector: backendOnly, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'prod' } }, podSelector: { matchLabels: { app: 'frontend' } } }] }] })],
    from: prodClient,
    allowed: false,
  },
  {
    rule: 'two peers are alternatives (OR): the namespace peer admits dev/client',
    policies: [policy('or', { podSelector: backendOnly, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'dev' } } }, { podSelector: { matchLabels: { app: 'frontend' } } }] }] })],
    from: devClient,
    allowed: true,
  },
  {
    rule: 'two peers are alternatives (OR): the pod peer admits default/frontend',
    policies: [policy('or', { podSelector: backendOnly, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'dev' } } }, { podSelector: { matchLabels: { app: 'frontend' } } }] }] })],
    from: frontend,
    allowed: true,
  },
  {
    rule: 'an ipBlock admits addresses in its CIDR',
    policies: [policy('cidr', { podSelector: backendOnly, ingress: [{ from: [{ ipBlock: { cidr: '172.16.1.0/24', except: ['172.16.1.12/32'] } }] }] })],
    from: frontend,
    allowed: true,
  },
  {
    rule: 'an ipBlock except carves addresses out',
    policies: [policy('cidr', { podSelector: backendOnly, ingress: [{ from: [{ ipBlock: { cidr: '172.16.1.0/24', except: ['172.16.1.12/32'] } }] }] })],
    from: devClient,
    allowed: false,
  },
  {
    rule: 'ports restrict a rule: port 443 does not admit a connection to 80',
    policies: [policy('https-only', { podSelector: backendOnly, ingress: [{ from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 443 }] }] })],
    from: frontend,
    allowed: false,
  },
  {
    rule: 'a named port is the destination container\'s port of that name',
    policies: [policy('named', { podSelector: backendOnly, ingress: [{ ports: [{ port: 'http' }] }] })],
    from: frontend,
    allowed: true,
  },
  {
    rule: 'endPort makes a port range',
    policies: [policy('range', { podSelector: backendOnly, ingress: [{ ports: [{ port: 70, endPort: 90 }] }] })],
    from: frontend,
    allowed: true,
  },
  {
    rule: 'a policy selecting the source for Egress with no rules denies its egress',
    policies: [policy('deny-egress', { podSelector: { matchLabels: { app: 'frontend' } }, policyTypes: ['Egress'] })],
    from: frontend,
    allowed: false,
    by: ['default/deny-egress'],
  },
  {
    rule: 'an egress rule to the destination allows it',
    policies: [
      policy('deny-egress', { podSelector: { matchLabels: { app: 'frontend' } }, policyTypes: ['Egress'] }),
      policy('to-backend', { podSelector: { matchLabels: { app: 'frontend' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: backendOnly }], ports: [{ port: 80 }] }] }),
    ],
    from: frontend,
    allowed: true,
    by: ['default/to-backend'],
  },
  { rule: 'policies only select Pods in their own namespace', policies: [policy('deny-prod', { podSelector: {}, policyTypes: ['Ingress'] }, 'prod')], from: frontend, allowed: true },
  {
    rule: 'ports are matched after kube-proxy\'s DNAT: a Service on 8080 reaches targetPort 80',
    policies: [denyIngress, policy('port-80', { podSelector: backendOnly, ingress: [{ ports: [{ port: 80 }] }] })],
    from: frontend,
    to: { address: '10.96.100.10', port: 8080 },
    allowed: true,
  },
  { rule: 'traffic from the Pod\'s own node is always allowed', policies: [denyIngress], from: { node: 'node02' }, allowed: true },
  { rule: 'traffic from another node is subject to ingress policies', policies: [denyIngress], from: { node: 'node01' }, allowed: false },
];

describe('NetworkPolicy semantics (kubernetes.io/docs/concepts/services-networking/network-policies)', () => {
  it.each(rows)('$rule', (row) => {
    for (const p of row.policies) createPolicy(net.admin, p);
    net.cluster.settle();
    const to = row.to ?? { address: '172.16.2.10', port: 80 };
    const result = net.network.connect({ from: row.from, address: to.address, port: to.port });
    expect(result.policy?.allowed).toBe(row.allowed);
    expect(result.ok).toBe(row.allowed);
    if (!row.allowed) expect(result.error).toBe('ETIMEDOUT');
    if (row.by) {
      const decision = result.policy!;
      const names = row.allowed
        ? [...(decision.egress?.allowedBy ?? []), ...(decision.ingress?.allowedBy ?? [])]
        : [...(decision.egress?.allowed === false ? decision.egress.selectedBy : []), ...(decision.ingress?.allowed === false ? decision.ingress.selectedBy : [])];
      expect(names).toEqual(row.by);
    }
  });

  it('explains a denial in one sentence', () => {
    createPolicy(net.admin, denyIngress);
    net.cluster.settle();
    const result = net.network.connect({ from: frontend, address: '172.16.2.10', port: 80 });
    expect(result.policy?.reason).toBe('ingress to default/backend is denied: selected by default/default-deny and no rule allows it');
  });

  it('applies a deleted policy no more', () => {
    createPolicy(net.admin, denyIngress);
    net.cluster.settle();
    expect(net.network.connect({ from: frontend, address: '172.16.2.10', port: 80 }).ok).toBe(false);
    expectOk(net.admin.delete({ group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies' }, 'default', 'default-deny'));
    net.cluster.settle();
    expect(net.network.connect({ from: frontend, address: '172.16.2.10', port: 80 }).ok).toBe(true);
  });
});
