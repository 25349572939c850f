import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ControllerRevision } from '../../../../src/shared/api/apps.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { CONTROLLER_REVISIONS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = makeCluster();
  client = cluster.client('kube-controller-manager');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function revision(name: string, extra: Partial<ControllerRevision> = {}): ControllerRevision {
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u-1', controller: true, blockOwnerDeletion: true }],
    },
    data: { spec: { template: { $patch: 'replace' } } },
    revision: 1,
    ...extra,
  };
}

describe('ControllerRevision', () => {
  it('is stored as sent, with no generation or status (it has no spec)', () => {
    const created = expectOk(client.create<ControllerRevision>(CONTROLLER_REVISIONS, 'default', revision('web-6d4b9f7c8')));
    expect(created.metadata.generation).toBeUndefined();
    expect(created.status).toBeUndefined();
    expect(created.revision).toBe(1);
    expect(cluster.store.range('/registry/controllerrevisions/default/web-6d4b9f7c8').kvs).toHaveLength(1);
  });

  it.each<[string, Partial<ControllerRevision>, string]>([
    ['missing data', { data: undefined }, 'data: Required value: data is mandatory'],
    ['a negative revision', { revision: -1 }, 'revision: Invalid value: -1: must be greater than or equal to 0'],
  ])('refuses %s', (_name, extra, details) => {
    const manifest = revision('r', extra);
    if ('data' in extra && extra.data === undefined) delete manifest.data;
    expect(expectStatus(client.create(CONTROLLER_REVISIONS, 'default', manifest)).message).toBe(`ControllerRevision.apps "r" is invalid: ${details}`);
  });

  it('lets the revision number change but never the data', () => {
    const created = expectOk(client.create<ControllerRevision>(CONTROLLER_REVISIONS, 'default', revision('r', { data: { a: 1 } })));
    expect(expectOk(client.update<ControllerRevision>(CONTROLLER_REVISIONS, 'default', { ...created, revision: 3 })).revision).toBe(3);
    const status = expectStatus(client.patch(CONTROLLER_REVISIONS, 'default', 'r', 'merge', { data: { a: 2 } }));
    expect(status.message).toBe(
      'ControllerRevision.apps "r" is invalid: data: Invalid value: runtime.Unknown{TypeMeta:runtime.TypeMeta{APIVersion:"", Kind:""}, Raw:[]uint8{0x7b, 0x22, 0x61, 0x22, 0x3a, 0x32, 0x7d}, ContentEncoding:"", ContentType:"application/json"}: field is immutable',
    );
  });

  it('prints NAME CONTROLLER REVISION AGE, naming the owner kind.group/name', () => {
    expectOk(client.create(CONTROLLER_REVISIONS, 'default', revision('web-6d4b9f7c8')));
    expectOk(client.create(CONTROLLER_REVISIONS, 'default', { ...revision('orphan', { revision: 2 }), metadata: { name: 'orphan' } }));
    const table = expectOk(client.listTable(CONTROLLER_REVISIONS, 'default'));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Controller', 'Revision', 'Age']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['orphan', '<none>', 2, '0s'],
      ['web-6d4b9f7c8', 'statefulset.apps/web', 1, '0s'],
    ]);
  });

  it('is discovered without short names or categories', () => {
    expect(client.discovery().find((r) => r.name === 'controllerrevisions')).toMatchObject({ group: 'apps', shortNames: [], categories: [], subresources: [] });
  });
});
