/** ServiceAccount admission: the default account, refusal of missing accounts, imagePullSecrets, and mirror Pod rules. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../../../../src/shared/api/core.js';
import type { ApiClient } from '../../../../../src/main/cluster/client/api-client.js';
import { NAMESPACES, PODS, SERVICE_ACCOUNTS } from '../../../../../src/main/cluster/client/resources.js';
import { serviceAccountAdmission } from '../../../../../src/main/cluster/apiserver/admission/service-account.js';
import { type TestCluster, expectOk, expectStatus, makeCluster, podManifest } from '../../../helpers/cluster.js';
import { admissionCluster } from './admission-cluster.js';

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = admissionCluster();
  client = cluster.client('kubectl');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function mirror(name: string, spec: Partial<Pod['spec']> = {}): Pod {
  const pod = podManifest(name, { nodeName: 'node01' });
  pod.metadata.annotations = { 'kubernetes.io/config.mirror': 'abc' };
  Object.assign(pod.spec, spec);
  return pod;
}

describe('ServiceAccount admission', () => {
  it('runs a Pod as the default ServiceAccount with its token volume', () => {
    const created = expectOk(client.create<Pod>(PODS, 'default', podManifest('web')));
    expect(created.spec.serviceAccountName).toBe('default');
    expect(created.spec.serviceAccount).toBe('default');
    expect(created.spec.volumes?.[0]?.name).toMatch(/^kube-api-access-[a-z0-9]{5}$/);
  });

  it('refuses a Pod whose ServiceAccount does not exist, as kube-apiserver 1.32 does', () => {
    const body = podManifest('web');
    body.spec.serviceAccountName = 'builder';
    const status = expectStatus(client.create(PODS, 'default', body));
    expect(status.code).toBe(403);
    expect(status.message).toBe('pods "web" is forbidden: error looking up service account default/builder: serviceaccount "builder" not found');
  });

  it('refuses every Pod of a namespace whose default ServiceAccount is missing', () => {
    expectOk(client.delete(SERVICE_ACCOUNTS, 'default', 'default'));
    expect(expectStatus(client.create(PODS, 'default', podManifest('web'))).message).toBe(
      'pods "web" is forbidden: error looking up service account default/default: serviceaccount "default" not found',
    );
  });

  it("admits a Pod created right after its namespace when a ServiceAccount controller will make `default` (the plugin's retries)", () => {
    const waiting = makeCluster({ admission: [serviceAccountAdmission({ defaultAccountController: () => true })] });
    try {
      const admin = waiting.client();
      expectOk(admin.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }));
      expect(expectOk(admin.create<Pod>(PODS, 'team-a', podManifest('web'))).spec.serviceAccountName).toBe('default');
      const named = podManifest('named');
      named.spec.serviceAccountName = 'builder';
      expect(expectStatus(admin.create(PODS, 'team-a', named)).code).toBe(403);
    } finally {
      waiting.dispose();
    }
  });

  it('copies the account imagePullSecrets to a Pod that has none', () => {
    expectOk(client.create(SERVICE_ACCOUNTS, 'default', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'puller' }, imagePullSecrets: [{ name: 'registry' }] }));
    const body = podManifest('web');
    body.spec.serviceAccountName = 'puller';
    expect(expectOk(client.create<Pod>(PODS, 'default', body)).spec.imagePullSecrets).toEqual([{ name: 'registry' }]);
    const own = podManifest('own');
    own.spec.serviceAccountName = 'puller';
    own.spec.imagePullSecrets = [{ name: 'mine' }];
    expect(expectOk(client.create<Pod>(PODS, 'default', own)).spec.imagePullSecrets).toEqual([{ name: 'mine' }]);
  });

  it('leaves a mirror Pod without a ServiceAccount or token volume', () => {
    const created = expectOk(client.create<Pod>(PODS, 'default', mirror('etcd-node01')));
    expect(created.spec.serviceAccountName).toBeUndefined();
    expect(created.spec.volumes).toBeUndefined();
  });

  it.each<[string, Partial<Pod['spec']>, string]>([
    ['a ServiceAccount', { serviceAccountName: 'default' }, 'a mirror pod may not reference service accounts'],
    ['a Secret volume', { volumes: [{ name: 'certs', secret: { secretName: 'certs' } }] }, 'a mirror pod may not reference secrets'],
    [
      'a token projection',
      { volumes: [{ name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }] },
      'a mirror pod may not use ServiceAccountToken volume projections',
    ],
  ])('refuses a mirror Pod that references %s', (_name, spec, why) => {
    expect(expectStatus(client.create(PODS, 'default', mirror('static', spec))).message).toBe(`pods "static" is forbidden: ${why}`);
  });
});
