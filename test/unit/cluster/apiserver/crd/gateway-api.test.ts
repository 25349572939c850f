/** The bundled Gateway API v1.2.1 standard-channel CRDs: they install, establish, and serve Gateways and HTTPRoutes with upstream's printer columns. */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { CustomResourceDefinition } from '../../../../../src/shared/api/apiextensions.js';
import type { KubeObject } from '../../../../../src/shared/api/meta.js';
import type { ApiClient } from '../../../../../src/main/cluster/client/api-client.js';
import { builtinResources } from '../../../../../src/main/cluster/apiserver/registry/index.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../../helpers/cluster.js';

const BUNDLE = new URL('../../../../../assets/gateway-api/standard-install.yaml', import.meta.url);
const CRDS = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' };
const GROUP = 'gateway.networking.k8s.io';
const ref = (resource: string, version = 'v1'): { group: string; version: string; resource: string } => ({ group: GROUP, version, resource });

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = makeCluster({ resources: builtinResources });
  client = cluster.client('kubectl');
  for (const doc of parseAllDocuments(readFileSync(BUNDLE, 'utf8'))) {
    const crd = doc.toJS() as CustomResourceDefinition | null;
    if (crd) expectOk(client.create(CRDS, undefined, crd));
  }
  cluster.settle();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

describe('Gateway API v1.2.1 standard install', () => {
  it('installs the five CRDs and establishes them, with the api-approval condition of a k8s.io group', () => {
    const crds = expectOk(client.list<CustomResourceDefinition>(CRDS)).items;
    expect(crds.map((c) => c.metadata.name)).toEqual([
      'gatewayclasses.gateway.networking.k8s.io',
      'gateways.gateway.networking.k8s.io',
      'grpcroutes.gateway.networking.k8s.io',
      'httproutes.gateway.networking.k8s.io',
      'referencegrants.gateway.networking.k8s.io',
    ]);
    for (const crd of crds) {
      expect(crd.status?.conditions?.map((c) => [c.type, c.status])).toEqual([
        ['KubernetesAPIApprovalPolicyConformant', 'True'],
        ['NamesAccepted', 'True'],
        ['Established', 'True'],
      ]);
    }
    expect(crds[0]?.status?.conditions?.[0]?.message).toBe('approved in https://github.com/kubernetes-sigs/gateway-api/pull/3328');
    const discovered = client.discovery().filter((r) => r.group === GROUP);
    expect(discovered.map((r) => `${r.name}/${r.version} ${r.shortNames.join(',')} ${r.categories.join(',')} ${r.namespaced ? 'ns' : 'cluster'}`)).toEqual([
      'gatewayclasses/v1 gc gateway-api cluster',
      'gatewayclasses/v1beta1 gc gateway-api cluster',
      'gateways/v1 gtw gateway-api ns',
      'gateways/v1beta1 gtw gateway-api ns',
      'grpcroutes/v1  gateway-api ns',
      'httproutes/v1  gateway-api ns',
      'httproutes/v1beta1  gateway-api ns',
      'referencegrants/v1beta1 refgrant gateway-api ns',
    ]);
  });

  it('serves a GatewayClass, a Gateway and an HTTPRoute with upstream printer columns and defaults', () => {
    expectOk(client.create(ref('gatewayclasses'), undefined, { apiVersion: `${GROUP}/v1`, kind: 'GatewayClass', metadata: { name: 'lab' }, spec: { controllerName: 'example.com/gateway-controller' } }));
    const gateway = expectOk(
      client.create(ref('gateways'), 'default', {
        apiVersion: `${GROUP}/v1`,
        kind: 'Gateway',
        metadata: { name: 'web' },
        spec: { gatewayClassName: 'lab', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] },
      }),
    );
    // Schema defaults: allowedRoutes, and the "Waiting for controller" status until a controller writes one.
    const listener = (gateway.spec as { listeners: Array<Record<string, unknown>> }).listeners[0];
    expect(listener?.allowedRoutes).toEqual({ namespaces: { from: 'Same' } });
    expect((gateway.status as { conditions: Array<{ type: string; reason: string }> }).conditions.map((c) => `${c.type}/${c.reason}`)).toEqual(['Accepted/Pending', 'Programmed/Pending']);
    const route = expectOk(
      client.create(ref('httproutes'), 'default', {
        apiVersion: `${GROUP}/v1`,
        kind: 'HTTPRoute',
        metadata: { name: 'shop' },
        spec: { parentRefs: [{ name: 'web' }], hostnames: ['shop.example.com'], rules: [{ backendRefs: [{ name: 'shop', port: 80 }] }] },
      }),
    );
    expect((route.spec as { parentRefs: unknown[] }).parentRefs).toEqual([{ group: GROUP, kind: 'Gateway', name: 'web' }]);
    expect((route.spec as { rules: unknown[] }).rules).toEqual([
      { backendRefs: [{ group: '', kind: 'Service', name: 'shop', port: 80, weight: 1 }], matches: [{ path: { type: 'PathPrefix', value: '/' } }] },
    ]);
    cluster.clock.advance(125_000);

    const classes = expectOk(client.listTable(ref('gatewayclasses')));
    expect(classes.columnDefinitions.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Controller', 0],
      ['Accepted', 0],
      ['Age', 0],
      ['Description', 1],
    ]);
    expect(classes.rows[0]?.cells).toEqual(['lab', 'example.com/gateway-controller', 'Unknown', '2m5s', null]);

    const gateways = expectOk(client.listTable(ref('gateways'), 'default'));
    expect(gateways.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Class', 'Address', 'Programmed', 'Age']);
    expect(gateways.rows[0]?.cells).toEqual(['web', 'lab', null, 'Unknown', '2m5s']);

    const routes = expectOk(client.listTable(ref('httproutes'), 'default'));
    expect(routes.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Hostnames', 'Age']);
    expect(routes.rows[0]?.cells).toEqual(['shop', '["shop.example.com"]', '2m5s']);

    // The v1beta1 view of the same Gateway.
    expect(expectOk(client.get(ref('gateways', 'v1beta1'), 'default', 'web')).apiVersion).toBe(`${GROUP}/v1beta1`);
  });

  it('shows the first address a controller reports in the ADDRESS column', () => {
    const created = expectOk(
      client.create(ref('gateways'), 'default', { apiVersion: `${GROUP}/v1`, kind: 'Gateway', metadata: { name: 'web' }, spec: { gatewayClassName: 'lab', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] } }),
    );
    const status = {
      addresses: [{ type: 'IPAddress', value: '192.168.200.50' }, { value: '192.168.200.51' }],
      conditions: [{ type: 'Programmed', status: 'True', reason: 'Programmed', message: 'ok', lastTransitionTime: '2025-01-01T00:00:00Z' }],
    };
    expectOk(client.updateStatus(ref('gateways'), 'default', { ...created, status } as KubeObject));
    const table = expectOk(client.listTable(ref('gateways'), 'default'));
    expect(table.rows[0]?.cells.slice(0, 4)).toEqual(['web', 'lab', '192.168.200.50', 'True']);
  });

  it('validates against the bundled schema with kube-apiserver wording', () => {
    const status = expectStatus(
      client.create(ref('gateways'), 'default', { apiVersion: `${GROUP}/v1`, kind: 'Gateway', metadata: { name: 'web' }, spec: { gatewayClassName: 'lab', listeners: [{ name: 'http', protocol: 'HTTP', port: 70000 }] } }),
    );
    expect(status.message).toBe('Gateway.gateway.networking.k8s.io "web" is invalid: spec.listeners[0].port: Invalid value: 70000: spec.listeners[0].port in body should be less than or equal to 65535');
    const missing = expectStatus(client.create(ref('referencegrants', 'v1beta1'), 'default', { apiVersion: `${GROUP}/v1beta1`, kind: 'ReferenceGrant', metadata: { name: 'g' }, spec: { from: [] } }));
    expect(missing.details?.causes?.map((c) => `${c.field ?? ''}: ${c.message ?? ''}`)).toEqual([
      'spec.to: Required value',
      'spec.from: Invalid value: 0: spec.from in body should have at least 1 items',
    ]);
  });
});
