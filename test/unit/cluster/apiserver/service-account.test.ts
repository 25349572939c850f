/** ServiceAccounts: name rules, secret references, storage and the 1.32 printer. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceAccount } from '../../../../src/shared/api/core.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { SERVICE_ACCOUNTS } from '../../../../src/main/cluster/client/resources.js';
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

function serviceAccount(name: string, fields: Partial<ServiceAccount> = {}): ServiceAccount {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name }, ...fields };
}

describe('ServiceAccount', () => {
  it('is not created by the API server in new namespaces (that is the ServiceAccount controller)', () => {
    expect(expectOk(client.list(SERVICE_ACCOUNTS, 'default')).items).toEqual([]);
  });

  it('stores under /registry/serviceaccounts/<namespace>/<name>, secret references trimmed to names', () => {
    const created = expectOk(
      client.create<ServiceAccount>(SERVICE_ACCOUNTS, 'default', serviceAccount('build', { secrets: [{ name: 'build-token', namespace: 'other', uid: 'x' }] })),
    );
    expect(created.secrets).toEqual([{ name: 'build-token' }]);
    expect(cluster.store.range('/registry/serviceaccounts/default/build').kvs).toHaveLength(1);
  });

  it('refuses a name that is not a DNS subdomain', () => {
    expect(expectStatus(client.create(SERVICE_ACCOUNTS, 'default', serviceAccount('Build_Bot'))).message).toBe(
      `ServiceAccount "Build_Bot" is invalid: metadata.name: Invalid value: "Build_Bot": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
  });

  it('prints NAME SECRETS AGE', () => {
    expectOk(client.create(SERVICE_ACCOUNTS, 'default', serviceAccount('default')));
    expectOk(client.create(SERVICE_ACCOUNTS, 'default', serviceAccount('build', { secrets: [{ name: 'a' }, { name: 'b' }] })));
    const table = expectOk(client.listTable(SERVICE_ACCOUNTS, 'default'));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Secrets', 'Age']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['build', 2, '0s'],
      ['default', 0, '0s'],
    ]);
  });
});

describe('core/v1 discovery', () => {
  it('lists the resources by name with kube-apiserver short names', () => {
    const core = client.discovery().filter((r) => r.group === '');
    expect(core.map((r) => `${r.name}${r.shortNames.length > 0 ? `(${r.shortNames.join(',')})` : ''}`)).toEqual([
      'bindings',
      'componentstatuses(cs)',
      'configmaps(cm)',
      'endpoints(ep)',
      'events(ev)',
      'limitranges(limits)',
      'namespaces(ns)',
      'nodes(no)',
      'persistentvolumeclaims(pvc)',
      'persistentvolumes(pv)',
      'pods(po)',
      'podtemplates',
      'replicationcontrollers(rc)',
      'resourcequotas(quota)',
      'secrets',
      'serviceaccounts(sa)',
      'services(svc)',
    ]);
    expect(core.find((r) => r.name === 'services')).toMatchObject({ categories: ['all'], subresources: ['proxy', 'status'] });
  });
});
