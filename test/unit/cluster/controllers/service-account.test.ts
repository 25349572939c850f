/** The ServiceAccount controller: a `default` ServiceAccount in every active namespace, re-created when deleted. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Namespace, ServiceAccount } from '../../../../src/shared/api/core.js';
import { defaultAdmissionPlugins } from '../../../../src/main/cluster/apiserver/admission/index.js';
import { ServiceAccountController } from '../../../../src/main/cluster/controllers/service-account.js';
import { NAMESPACES, PODS, SERVICE_ACCOUNTS } from '../../../../src/main/cluster/client/resources.js';
import { DEFAULT_NAMESPACES, type TestCluster, expectOk, makeCluster, podManifest } from '../../helpers/cluster.js';

let cluster: TestCluster;

beforeEach(() => {
  cluster = makeCluster({ admission: defaultAdmissionPlugins() });
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function start(): ServiceAccountController {
  const controller = cluster.disposables.add(new ServiceAccountController(cluster.client('kube-controller-manager'), cluster.clock));
  controller.start();
  cluster.settle();
  return controller;
}

function accounts(): string[] {
  return expectOk(cluster.client().list<ServiceAccount>(SERVICE_ACCOUNTS)).items.map((sa) => `${sa.metadata.namespace ?? ''}/${sa.metadata.name ?? ''}`);
}

describe('ServiceAccountController', () => {
  it('creates the default ServiceAccount in every namespace, so Pods are admitted', () => {
    start();
    expect(accounts()).toEqual(DEFAULT_NAMESPACES.map((ns) => `${ns}/default`));
    expectOk(cluster.client().create(PODS, 'default', podManifest('web')));
  });

  it('follows new namespaces and re-creates a deleted default account', () => {
    start();
    const client = cluster.client('kubectl');
    expectOk(client.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }));
    cluster.settle();
    expect(accounts()).toContain('team/default');
    const before = expectOk(client.get<ServiceAccount>(SERVICE_ACCOUNTS, 'team', 'default'));
    expectOk(client.delete(SERVICE_ACCOUNTS, 'team', 'default'));
    cluster.settle();
    const after = expectOk(client.get<ServiceAccount>(SERVICE_ACCOUNTS, 'team', 'default'));
    expect(after.metadata.uid).not.toBe(before.metadata.uid);
  });

  it('leaves a terminating namespace alone', () => {
    const client = cluster.client('kubectl');
    expectOk(client.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } }));
    expectOk(client.delete<Namespace>(NAMESPACES, undefined, 'gone'));
    start();
    expect(accounts()).not.toContain('gone/default');
  });

  it('writes nothing on a second pass over a converged cluster', () => {
    start();
    const revision = cluster.revision();
    start();
    expect(cluster.revision()).toBe(revision);
  });
});
