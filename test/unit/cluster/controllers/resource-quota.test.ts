/** The ResourceQuota controller: status.hard from spec.hard, status.used recomputed as objects come and go. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/shared/api/core.js';
import type { ResourceQuotaObject } from '../../../../src/main/base/quota-evaluators.js';
import { ResourceQuotaController } from '../../../../src/main/cluster/controllers/resource-quota.js';
import { DEPLOYMENTS, PODS, RESOURCE_QUOTAS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, makeCluster, podManifest } from '../../helpers/cluster.js';

let cluster: TestCluster;

beforeEach(() => {
  cluster = makeCluster();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function start(): void {
  cluster.disposables.add(new ResourceQuotaController(cluster.client('kube-controller-manager'), cluster.clock)).start();
  cluster.settle();
}

function status(name: string): ResourceQuotaObject['status'] {
  return expectOk(cluster.client().get<ResourceQuotaObject>(RESOURCE_QUOTAS, 'default', name)).status;
}

function pod(name: string, cpu: string, memory: string): Pod {
  const body = podManifest(name);
  body.spec.containers[0]!.resources = { requests: { cpu, memory }, limits: { cpu, memory } };
  return body;
}

describe('ResourceQuotaController', () => {
  it('sets status.hard from spec.hard, canonical, and sums what the namespace uses', () => {
    const client = cluster.client('kubectl');
    expectOk(client.create(PODS, 'default', pod('a', '250m', '64Mi')));
    expectOk(client.create(PODS, 'default', pod('b', '750m', '64Mi')));
    expectOk(client.create(PODS, 'kube-system', pod('elsewhere', '1', '1Gi')));
    expectOk(client.create(RESOURCE_QUOTAS, 'default', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { 'requests.cpu': '2000m', 'limits.memory': '1Gi', pods: '10' } } }));
    start();
    expect(status('q')).toEqual({ hard: { 'limits.memory': '1Gi', pods: '10', 'requests.cpu': '2' }, used: { 'limits.memory': '128Mi', pods: '2', 'requests.cpu': '1' } });
  });

  it('lowers usage when a Pod is deleted or finishes', () => {
    const client = cluster.client('kubectl');
    expectOk(client.create(RESOURCE_QUOTAS, 'default', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: '10', 'count/pods': '10' } } }));
    start();
    const a = expectOk(client.create<Pod>(PODS, 'default', pod('a', '100m', '64Mi')));
    expectOk(client.create(PODS, 'default', pod('b', '100m', '64Mi')));
    cluster.settle();
    expect(status('q')?.used).toEqual({ 'count/pods': '2', pods: '2' });
    expectOk(client.updateStatus(PODS, 'default', { ...a, status: { phase: 'Succeeded' } }));
    cluster.settle();
    expect(status('q')?.used).toEqual({ 'count/pods': '2', pods: '1' });
    expectOk(client.delete(PODS, 'default', 'b'));
    cluster.settle();
    expect(status('q')?.used).toEqual({ 'count/pods': '1', pods: '0' });
  });

  it('counts any served resource named by count/<resource>.<group>', () => {
    const client = cluster.client('kubectl');
    expectOk(client.create(RESOURCE_QUOTAS, 'default', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { 'count/deployments.apps': '2' } } }));
    start();
    expect(status('q')?.used).toEqual({ 'count/deployments.apps': '0' });
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    };
    expectOk(client.create(DEPLOYMENTS, 'default', deployment));
    cluster.settle();
    expect(status('q')?.used).toEqual({ 'count/deployments.apps': '1' });
  });

  it('writes nothing on a second pass over a converged quota', () => {
    const client = cluster.client('kubectl');
    expectOk(client.create(PODS, 'default', pod('a', '250m', '64Mi')));
    expectOk(client.create(RESOURCE_QUOTAS, 'default', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { 'requests.cpu': '1' } } }));
    start();
    const revision = cluster.revision();
    start();
    expect(cluster.revision()).toBe(revision);
  });
});
