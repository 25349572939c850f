/** ResourceQuota admission: constraints, exceeded quotas, immediate charging of status.used, dry runs and scopes. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../../../../src/shared/api/core.js';
import type { ApiClient } from '../../../../../src/main/cluster/client/api-client.js';
import { CONFIG_MAPS, PODS, RESOURCE_QUOTAS, SERVICES } from '../../../../../src/main/cluster/client/resources.js';
import type { ResourceQuotaObject } from '../../../../../src/main/base/quota-evaluators.js';
import { ResourceQuotaController } from '../../../../../src/main/cluster/controllers/resource-quota.js';
import { type TestCluster, expectOk, expectStatus, podManifest } from '../../../helpers/cluster.js';
import { admissionCluster } from './admission-cluster.js';

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = admissionCluster();
  client = cluster.client('kubectl');
  const controller = cluster.disposables.add(new ResourceQuotaController(cluster.client('kube-controller-manager'), cluster.clock));
  controller.start();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function quota(name: string, hard: Record<string, string>, scopes?: string[]): void {
  expectOk(client.create(RESOURCE_QUOTAS, 'default', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name }, spec: { hard, ...(scopes ? { scopes } : {}) } }));
  cluster.settle();
}

function used(name: string): Record<string, string> | undefined {
  return expectOk(client.get<ResourceQuotaObject>(RESOURCE_QUOTAS, 'default', name)).status?.used;
}

function pod(name: string, requests?: Record<string, string>, limits?: Record<string, string>): Pod {
  const body = podManifest(name);
  body.spec.containers[0]!.resources = { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
  return body;
}

describe('ResourceQuota admission', () => {
  it('refuses a Pod that leaves out a quota-tracked compute resource, as kube-apiserver 1.32 does', () => {
    quota('compute', { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' });
    const status = expectStatus(client.create(PODS, 'default', pod('nginx', { cpu: '100m' })));
    expect([status.code, status.message]).toEqual([
      403,
      'pods "nginx" is forbidden: failed quota: compute: must specify limits.cpu for: nginx; limits.memory for: nginx; requests.memory for: nginx',
    ]);
  });

  it('charges status.used at admission and refuses what would exceed the hard limit', () => {
    quota('q1', { 'requests.cpu': '1', pods: '5' });
    expect(used('q1')).toEqual({ pods: '0', 'requests.cpu': '0' });
    expectOk(client.create(PODS, 'default', pod('a', { cpu: '500m' })));
    expect(used('q1')).toEqual({ pods: '1', 'requests.cpu': '500m' });
    expectOk(client.create(PODS, 'default', pod('b', { cpu: '500m' })));
    expect(used('q1')).toEqual({ pods: '2', 'requests.cpu': '1' });
    expect(expectStatus(client.create(PODS, 'default', pod('c', { cpu: '500m' }))).message).toBe(
      'pods "c" is forbidden: exceeded quota: q1, requested: requests.cpu=500m, used: requests.cpu=1, limited: requests.cpu=1',
    );
  });

  it('names every exceeded resource, sorted', () => {
    quota('q1', { pods: '1', 'requests.memory': '128Mi' });
    expectOk(client.create(PODS, 'default', pod('a', { memory: '100Mi' })));
    expect(expectStatus(client.create(PODS, 'default', pod('b', { memory: '64Mi' }))).message).toBe(
      'pods "b" is forbidden: exceeded quota: q1, requested: pods=1,requests.memory=64Mi, used: pods=1,requests.memory=100Mi, limited: pods=1,requests.memory=128Mi',
    );
  });

  it('checks a dry run but charges nothing', () => {
    quota('q1', { pods: '1' });
    expectOk(client.create(PODS, 'default', pod('a'), { dryRun: 'All' }));
    expect(used('q1')).toEqual({ pods: '0' });
    expectOk(client.create(PODS, 'default', pod('a')));
    expect(expectStatus(client.create(PODS, 'default', pod('b'), { dryRun: 'All' })).message).toBe(
      'pods "b" is forbidden: exceeded quota: q1, requested: pods=1, used: pods=1, limited: pods=1',
    );
  });

  it('counts objects by their legacy and count/ names', () => {
    quota('objects', { configmaps: '1', 'count/configmaps': '5' });
    const cm = (name: string): { apiVersion: string; kind: string; metadata: { name: string } } => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
    expectOk(client.create(CONFIG_MAPS, 'default', cm('a')));
    expect(used('objects')).toEqual({ configmaps: '1', 'count/configmaps': '1' });
    expect(expectStatus(client.create(CONFIG_MAPS, 'default', cm('b'))).message).toBe(
      'configmaps "b" is forbidden: exceeded quota: objects, requested: configmaps=1, used: configmaps=1, limited: configmaps=1',
    );
  });

  it('counts the node ports of NodePort Services', () => {
    quota('svc', { 'services.nodeports': '1' });
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] },
    };
    expect(expectStatus(client.create(SERVICES, 'default', service)).message).toBe(
      'services "web" is forbidden: exceeded quota: svc, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1',
    );
  });

  it('applies a BestEffort-scoped quota only to BestEffort Pods', () => {
    quota('best-effort', { pods: '1' }, ['BestEffort']);
    expectOk(client.create(PODS, 'default', pod('burstable', { cpu: '100m' })));
    expectOk(client.create(PODS, 'default', pod('a')));
    expect(expectStatus(client.create(PODS, 'default', pod('b'))).message).toBe(
      'pods "b" is forbidden: exceeded quota: best-effort, requested: pods=1, used: pods=1, limited: pods=1',
    );
  });

  it('does not enforce a quota whose status the controller has not filled in yet', () => {
    cluster.disposables.dispose();
    cluster = admissionCluster();
    client = cluster.client('kubectl');
    expectOk(client.create(RESOURCE_QUOTAS, 'default', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: '0' } } }));
    expectOk(client.create(PODS, 'default', pod('a')));
  });
});
