/** Ingresses, IngressClasses and NetworkPolicies: defaults, key checks, printers and storage keys. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { INGRESSES, INGRESS_CLASSES, NETWORK_POLICIES } from '../../../../src/main/cluster/client/resources.js';
import type { Ingress, IngressClass, IngressPath } from '../../../../src/main/cluster/apiserver/registry/ingress.js';
import type { NetworkPolicy } from '../../../../src/main/cluster/apiserver/registry/network-policy.js';
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

const BACKEND = { service: { name: 'web', port: { number: 80 } } };

function ingress(name: string, path: IngressPath, spec: Ingress['spec'] = {}): Ingress {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name },
    spec: { rules: [{ host: 'shop.example.com', http: { paths: [{ backend: BACKEND, ...path }] } }], ...spec },
  };
}

describe('Ingress', () => {
  it('is stored under /registry/ingress/<namespace>/<name>', () => {
    expectOk(client.create(INGRESSES, 'default', ingress('web', { path: '/', pathType: 'Prefix' })));
    expect(cluster.store.range('/registry/ingress/default/web').kvs).toHaveLength(1);
  });

  it.each<[string, IngressPath, string]>([
    ['a path without pathType', { path: '/' }, 'Ingress.networking.k8s.io "web" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified'],
    ['a relative Prefix path', { path: 'shop', pathType: 'Prefix' }, 'Ingress.networking.k8s.io "web" is invalid: spec.rules[0].http.paths[0].path: Invalid value: "shop": must be an absolute path'],
    [
      'an unknown pathType',
      { path: '/', pathType: 'Regex' },
      'Ingress.networking.k8s.io "web" is invalid: spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
    ],
  ])('refuses %s', (_name, path, message) => {
    expect(expectStatus(client.create(INGRESSES, 'default', ingress('web', path))).message).toBe(message);
  });

  it('prints NAME CLASS HOSTS ADDRESS PORTS AGE', () => {
    expectOk(client.create(INGRESSES, 'default', ingress('plain', { path: '/', pathType: 'Prefix' })));
    const tls = ingress('secure', { path: '/', pathType: 'Exact' }, { ingressClassName: 'nginx', tls: [{ hosts: ['shop.example.com'] }], rules: [{ host: 'a.example.com' }, { host: 'b.example.com' }] });
    const created = expectOk(client.create<Ingress>(INGRESSES, 'default', tls));
    expectOk(client.updateStatus(INGRESSES, 'default', { ...created, status: { loadBalancer: { ingress: [{ ip: '192.168.49.2' }] } } }));
    const table = expectOk(client.listTable(INGRESSES, 'default'));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['plain', '<none>', 'shop.example.com', '', '80', '0s'],
      ['secure', 'nginx', 'a.example.com,b.example.com', '192.168.49.2', '80, 443', '0s'],
    ]);
  });
});

describe('IngressClass', () => {
  function ingressClass(name: string, spec: IngressClass['spec']): IngressClass {
    return { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name }, spec };
  }

  it('needs a domain-prefixed controller, fixed after creation', () => {
    expect(expectStatus(client.create(INGRESS_CLASSES, undefined, ingressClass('nginx', { controller: 'nginx' }))).message).toBe(
      'IngressClass.networking.k8s.io "nginx" is invalid: spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")',
    );
    const created = expectOk(client.create<IngressClass>(INGRESS_CLASSES, undefined, ingressClass('nginx', { controller: 'k8s.io/ingress-nginx' })));
    expect(cluster.store.range('/registry/ingressclasses/nginx').kvs).toHaveLength(1);
    expect(expectStatus(client.update(INGRESS_CLASSES, undefined, { ...created, spec: { controller: 'acme.io/x' } })).message).toBe(
      'IngressClass.networking.k8s.io "nginx" is invalid: spec.controller: Invalid value: "acme.io/x": field is immutable',
    );
  });

  it('prints NAME CONTROLLER PARAMETERS AGE', () => {
    expectOk(client.create(INGRESS_CLASSES, undefined, ingressClass('nginx', { controller: 'k8s.io/ingress-nginx' })));
    expectOk(client.create(INGRESS_CLASSES, undefined, ingressClass('acme', { controller: 'acme.io/lb', parameters: { apiGroup: 'acme.io', kind: 'Params', name: 'p' } })));
    const table = expectOk(client.listTable(INGRESS_CLASSES));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Controller', 'Parameters', 'Age']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['acme', 'acme.io/lb', 'Params.acme.io/p', '0s'],
      ['nginx', 'k8s.io/ingress-nginx', '<none>', '0s'],
    ]);
  });
});

describe('NetworkPolicy', () => {
  function policy(name: string, spec: NetworkPolicy['spec']): NetworkPolicy {
    return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name }, spec };
  }

  it('defaults policyTypes from the rules present, stored under /registry/networkpolicies/<namespace>/<name>', () => {
    expect(expectOk(client.create<NetworkPolicy>(NETWORK_POLICIES, 'default', policy('deny', { podSelector: {} }))).spec?.policyTypes).toEqual(['Ingress']);
    expect(expectOk(client.create<NetworkPolicy>(NETWORK_POLICIES, 'default', policy('out', { podSelector: {}, egress: [{}] }))).spec?.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(cluster.store.range('/registry/networkpolicies/default/deny').kvs).toHaveLength(1);
  });

  it('refuses an unknown policy type', () => {
    expect(expectStatus(client.create(NETWORK_POLICIES, 'default', policy('p', { podSelector: {}, policyTypes: ['Sideways'] }))).message).toBe(
      'NetworkPolicy.networking.k8s.io "p" is invalid: spec.policyTypes[0]: Unsupported value: "Sideways": supported values: "Ingress", "Egress"',
    );
  });

  it('prints NAME POD-SELECTOR AGE', () => {
    expectOk(client.create(NETWORK_POLICIES, 'default', policy('all', { podSelector: {} })));
    expectOk(client.create(NETWORK_POLICIES, 'default', policy('web', { podSelector: { matchLabels: { app: 'web' } } })));
    const table = expectOk(client.listTable(NETWORK_POLICIES, 'default'));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Pod-Selector', 'Age']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['all', '<none>', '0s'],
      ['web', 'app=web', '0s'],
    ]);
  });
});
