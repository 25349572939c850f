/** ResourceQuotas and LimitRanges: defaults, quantity checks, printers and storage keys. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { LIMIT_RANGES, RESOURCE_QUOTAS } from '../../../../src/main/cluster/client/resources.js';
import type { LimitRange, ResourceQuota } from '../../../../src/main/cluster/apiserver/registry/core-v1-policy.js';
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

function quota(name: string, hard: Record<string, string>): ResourceQuota {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name }, spec: { hard } };
}

describe('ResourceQuota', () => {
  it('is stored under /registry/resourcequotas/<namespace>/<name> with an empty status', () => {
    const created = expectOk(client.create<ResourceQuota>(RESOURCE_QUOTAS, 'default', quota('compute', { pods: '10' })));
    expect(created.status).toEqual({});
    expect(cluster.store.range('/registry/resourcequotas/default/compute').kvs).toHaveLength(1);
  });

  it('refuses a negative hard limit', () => {
    expect(expectStatus(client.create(RESOURCE_QUOTAS, 'default', quota('q', { cpu: '-1' }))).message).toBe(
      'ResourceQuota "q" is invalid: spec.hard[cpu]: Invalid value: "-1": must be greater than or equal to 0',
    );
  });

  it('prints NAME AGE REQUEST LIMIT from the status, limits.* apart', () => {
    const created = expectOk(client.create<ResourceQuota>(RESOURCE_QUOTAS, 'default', quota('compute', { pods: '10', 'requests.cpu': '2', 'limits.cpu': '4' })));
    const status = { hard: { pods: '10', 'requests.cpu': '2', 'limits.cpu': '4' }, used: { pods: '3', 'limits.cpu': '500m' } };
    expectOk(client.updateStatus(RESOURCE_QUOTAS, 'default', { ...created, status }));
    const table = expectOk(client.listTable(RESOURCE_QUOTAS, 'default'));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Age', 'Request', 'Limit']);
    expect(table.rows[0]?.cells).toEqual(['compute', '0s', 'pods: 3/10, requests.cpu: 0/2', 'limits.cpu: 500m/4']);
  });
});

describe('LimitRange', () => {
  it('defaults a Container item from max, then default, then min; stored under /registry/limitranges/<namespace>/<name>', () => {
    const body: LimitRange = {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'limits' },
      spec: { limits: [{ type: 'Container', max: { cpu: '1' }, min: { memory: '64Mi' }, default: { memory: '256Mi' } }] },
    };
    const created = expectOk(client.create<LimitRange>(LIMIT_RANGES, 'default', body));
    expect(created.spec?.limits?.[0]).toMatchObject({ default: { cpu: '1', memory: '256Mi' }, defaultRequest: { cpu: '1', memory: '256Mi' } });
    expect(cluster.store.range('/registry/limitranges/default/limits').kvs).toHaveLength(1);
    const table = expectOk(client.listTable(LIMIT_RANGES, 'default'));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Created At']);
    expect(table.rows[0]?.cells).toEqual(['limits', created.metadata.creationTimestamp]);
  });

  it('is served under the short name limits', () => {
    expect(client.discovery().find((r) => r.name === 'limitranges')).toMatchObject({ namespaced: true, shortNames: ['limits'] });
  });
});
