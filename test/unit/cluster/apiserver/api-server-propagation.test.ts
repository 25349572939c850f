import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigMap } from '../../../../src/shared/api/core.js';
import type { DeleteOptions } from '../../../../src/main/cluster/apiserver/types.js';
import { CONFIG_MAPS } from '../../../../src/main/cluster/client/resources.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
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

function create(name: string, finalizers?: string[]): ConfigMap {
  return expectOk(client.create<ConfigMap>(CONFIG_MAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(finalizers ? { finalizers } : {}) } }));
}

function stored(name: string): ConfigMap | undefined {
  const kv = cluster.store.range(`/registry/configmaps/default/${name}`).kvs[0];
  return kv ? (JSON.parse(kv.value) as ConfigMap) : undefined;
}

// The garbage collector that deletes dependents and then removes these finalizers is not part of
// the lab yet: until something removes them, such objects stay, marked for deletion.
describe('deletion propagation (DeleteOptions.propagationPolicy)', () => {
  it('Foreground marks the object with the foregroundDeletion finalizer and answers 200 with it', () => {
    create('cfg');
    const result = client.delete<ConfigMap>(CONFIG_MAPS, 'default', 'cfg', { propagationPolicy: 'Foreground' });
    expect(result).toMatchObject({ ok: true, code: 200 });
    const marked = expectOk(result);
    expect(marked.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(stored('cfg')?.metadata.finalizers).toEqual(['foregroundDeletion']);
  });

  it('Orphan adds the orphan finalizer (replacing foregroundDeletion), keeping the others', () => {
    create('cfg', ['example.com/hold', 'foregroundDeletion']);
    const marked = expectOk(client.delete<ConfigMap>(CONFIG_MAPS, 'default', 'cfg', { propagationPolicy: 'Orphan' }));
    expect(marked.metadata.finalizers).toEqual(['example.com/hold', 'orphan']);
  });

  it('Background (and no policy) deletes at once; Background drops a GC finalizer set earlier', () => {
    create('a');
    expectOk(client.delete(CONFIG_MAPS, 'default', 'a', { propagationPolicy: 'Background' }));
    expect(stored('a')).toBeUndefined();
    create('b');
    expectOk(client.delete(CONFIG_MAPS, 'default', 'b'));
    expect(stored('b')).toBeUndefined();
    create('c', ['orphan']);
    expectOk(client.delete(CONFIG_MAPS, 'default', 'c', { propagationPolicy: 'Background' }));
    expect(stored('c')).toBeUndefined();
  });

  it('a second delete does not change the finalizers of an object already being deleted', () => {
    create('cfg');
    expectOk(client.delete(CONFIG_MAPS, 'default', 'cfg', { propagationPolicy: 'Foreground' }));
    const revision = cluster.revision();
    expect(expectOk(client.delete<ConfigMap>(CONFIG_MAPS, 'default', 'cfg', { propagationPolicy: 'Orphan' })).metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(cluster.revision()).toBe(revision);
  });

  it('removing the last finalizer by update or patch then deletes the object', () => {
    create('a');
    const marked = expectOk(client.delete<ConfigMap>(CONFIG_MAPS, 'default', 'a', { propagationPolicy: 'Foreground' }));
    expectOk(client.update(CONFIG_MAPS, 'default', { ...marked, metadata: { ...marked.metadata, finalizers: [] } }));
    expect(stored('a')).toBeUndefined();
    create('b');
    expectOk(client.delete(CONFIG_MAPS, 'default', 'b', { propagationPolicy: 'Orphan' }));
    expectOk(client.patch(CONFIG_MAPS, 'default', 'b', 'json', [{ op: 'remove', path: '/metadata/finalizers' }]));
    expect(stored('b')).toBeUndefined();
  });

  it('refuses an unknown policy as ValidateDeleteOptions does, before reading the object', () => {
    create('cfg');
    const revision = cluster.revision();
    const status = expectStatus(client.delete(CONFIG_MAPS, 'default', 'cfg', { propagationPolicy: 'Sideways' } as unknown as DeleteOptions));
    expect(status).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Sideways": supported values: "Foreground", "Background", "Orphan", "nil"',
      details: { group: 'meta.k8s.io', kind: 'DeleteOptions', causes: [{ reason: 'FieldValueNotSupported', field: 'propagationPolicy' }] },
    });
    expect(expectStatus(client.delete(CONFIG_MAPS, 'default', 'ghost', { propagationPolicy: 'Sideways' } as unknown as DeleteOptions)).code).toBe(422);
    expect(cluster.revision()).toBe(revision);
  });
});
