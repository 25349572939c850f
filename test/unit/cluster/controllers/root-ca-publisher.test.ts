/** The root CA publisher: `kube-root-ca.crt` in every active namespace, kept as it should be. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigMap } from '../../../../src/shared/api/core.js';
import { DESCRIPTION_ANNOTATION, ROOT_CA_DESCRIPTION, RootCaPublisher } from '../../../../src/main/cluster/controllers/root-ca-publisher.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { CONFIG_MAPS, NAMESPACES } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, makeCluster } from '../../helpers/cluster.js';

const CA = '-----BEGIN CERTIFICATE-----\ntest CA\n-----END CERTIFICATE-----\n';

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = makeCluster({ namespaces: ['default', 'kube-system'] });
  client = cluster.client();
});
afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function start(): void {
  cluster.disposables.add(new RootCaPublisher(cluster.client('root-ca-cert-publisher'), cluster.clock, CA)).start();
  cluster.settle();
}

function rootCa(namespace: string): ConfigMap | undefined {
  const got = client.get<ConfigMap>(CONFIG_MAPS, namespace, 'kube-root-ca.crt');
  return got.ok ? got.value : undefined;
}

describe('RootCaPublisher', () => {
  it('publishes ca.crt with the description annotation in every namespace, new ones too', () => {
    start();
    expectOk(client.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }));
    cluster.settle();
    for (const ns of ['default', 'kube-system', 'team']) {
      const cm = rootCa(ns);
      expect(cm?.data).toEqual({ 'ca.crt': CA });
      expect(cm?.metadata.annotations).toEqual({ [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION });
    }
    expect(ROOT_CA_DESCRIPTION).toBe(
      'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
    );
    // Converged: a restarted publisher writes nothing.
    const revision = cluster.revision();
    start();
    cluster.clock.advance(60_000);
    expect(cluster.revision()).toBe(revision);
  });

  it('re-creates a deleted kube-root-ca.crt', () => {
    start();
    const before = rootCa('default');
    expectOk(client.delete(CONFIG_MAPS, 'default', 'kube-root-ca.crt'));
    cluster.settle();
    const after = rootCa('default');
    expect(after?.data).toEqual({ 'ca.crt': CA });
    expect(after?.metadata.uid).not.toBe(before?.metadata.uid);
  });

  it('restores edited data and a removed description, but keeps other edits (syncNamespace compares only those)', () => {
    start();
    expectOk(client.patch(CONFIG_MAPS, 'default', 'kube-root-ca.crt', 'merge', { data: { 'ca.crt': 'tampered', extra: 'x' }, metadata: { labels: { mine: 'yes' } } }));
    cluster.settle();
    expect(rootCa('default')?.data).toEqual({ 'ca.crt': CA });
    expect(rootCa('default')?.metadata.labels).toEqual({ mine: 'yes' });
    expectOk(client.patch(CONFIG_MAPS, 'default', 'kube-root-ca.crt', 'merge', { metadata: { annotations: null } }));
    cluster.settle();
    expect(rootCa('default')?.metadata.annotations).toEqual({ [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION });
  });

  it('publishes nothing in a terminating namespace', () => {
    expectOk(client.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'going' } }));
    expectOk(client.delete(NAMESPACES, undefined, 'going'));
    start();
    expect(rootCa('going')).toBeUndefined();
    expect(rootCa('default')).toBeDefined();
  });
});
