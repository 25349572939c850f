/** PersistentVolumes and PersistentVolumeClaims: defaults, key checks, claim immutability, printers, storage. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { PERSISTENT_VOLUMES, PERSISTENT_VOLUME_CLAIMS } from '../../../../src/main/cluster/client/resources.js';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../../src/main/cluster/apiserver/registry/core-v1-storage.js';
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

function volume(name: string, spec: Partial<PersistentVolume['spec']> = {}): PersistentVolume {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' }, ...spec },
  };
}

function claim(name: string, spec: Partial<PersistentVolumeClaim['spec']> = {}): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
  };
}

describe('PersistentVolume', () => {
  it('defaults Retain, Filesystem and phase Pending, stored under /registry/persistentvolumes/<name>', () => {
    const created = expectOk(client.create<PersistentVolume>(PERSISTENT_VOLUMES, undefined, volume('pv1')));
    expect(created.spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    expect(created.status?.phase).toBe('Pending');
    expect(created.status?.lastPhaseTransitionTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(cluster.store.range('/registry/persistentvolumes/pv1').kvs).toHaveLength(1);
  });

  it.each<[string, PersistentVolume, string]>([
    ['no volume source', volume('v', { hostPath: undefined }), 'PersistentVolume "v" is invalid: spec: Required value: must specify a volume type'],
    ['no access modes', volume('v', { accessModes: [] }), 'PersistentVolume "v" is invalid: spec.accessModes: Required value'],
    ['no capacity', volume('v', { capacity: {} }), 'PersistentVolume "v" is invalid: spec.capacity: Required value'],
    [
      'an unknown access mode',
      volume('v', { accessModes: ['ReadWriteSome'] }),
      'PersistentVolume "v" is invalid: spec.accessModes: Unsupported value: "ReadWriteSome": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    ],
    [
      'two volume sources',
      volume('v', { nfs: { server: 'nfs', path: '/' } }),
      'PersistentVolume "v" is invalid: spec.nfs: Forbidden: may not specify more than 1 volume type',
    ],
  ])('refuses %s', (_name, body, message) => {
    expect(expectStatus(client.create(PERSISTENT_VOLUMES, undefined, body)).message).toBe(message);
  });

  it('prints NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE', () => {
    expectOk(client.create(PERSISTENT_VOLUMES, undefined, volume('pv1', { accessModes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadOnlyMany'], storageClassName: 'manual', claimRef: { namespace: 'default', name: 'data' } })));
    const table = expectOk(client.listTable(PERSISTENT_VOLUMES));
    expect(table.columnDefinitions.filter((c) => c.priority === 0).map((c) => c.name)).toEqual([
      'Name', 'Capacity', 'Access Modes', 'Reclaim Policy', 'Status', 'Claim', 'StorageClass', 'VolumeAttributesClass', 'Reason', 'Age',
    ]);
    expect(table.rows[0]?.cells).toEqual(['pv1', '1Gi', 'RWO,ROX,RWX', 'Retain', 'Pending', 'default/data', 'manual', '<unset>', '', '0s', 'Filesystem']);
  });
});

describe('PersistentVolumeClaim', () => {
  it('defaults volumeMode Filesystem and phase Pending, stored under /registry/persistentvolumeclaims/<namespace>/<name>', () => {
    const created = expectOk(client.create<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS, 'default', claim('data')));
    expect(created.spec.volumeMode).toBe('Filesystem');
    expect(created.status).toEqual({ phase: 'Pending' });
    expect(cluster.store.range('/registry/persistentvolumeclaims/default/data').kvs).toHaveLength(1);
  });

  it.each<[string, PersistentVolumeClaim, string]>([
    ['no access modes', claim('c', { accessModes: [] }), 'PersistentVolumeClaim "c" is invalid: spec.accessModes: Required value: at least 1 access mode is required'],
    ['no storage request', claim('c', { resources: {} }), 'PersistentVolumeClaim "c" is invalid: spec.resources[storage]: Required value'],
    ['a zero storage request', claim('c', { resources: { requests: { storage: '0' } } }), 'PersistentVolumeClaim "c" is invalid: spec.resources[storage]: Invalid value: "0": must be greater than zero'],
  ])('refuses %s', (_name, body, message) => {
    expect(expectStatus(client.create(PERSISTENT_VOLUME_CLAIMS, 'default', body)).message).toBe(message);
  });

  it('lets a claim without a class gain one once, as the retroactive default StorageClass assignment does', () => {
    const created = expectOk(client.create<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS, 'default', claim('data')));
    expect(created.spec.storageClassName).toBeUndefined();
    const classed = expectOk(client.update<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS, 'default', { ...created, spec: { ...created.spec, storageClassName: 'standard' } }));
    expect(classed.spec.storageClassName).toBe('standard');
    expect(expectStatus(client.update(PERSISTENT_VOLUME_CLAIMS, 'default', { ...classed, spec: { ...classed.spec, storageClassName: 'fast' } })).code).toBe(422);
  });

  it('keeps the spec fixed after creation, save a first volumeName and growth of a bound claim', () => {
    const created = expectOk(client.create<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS, 'default', claim('data')));
    const status = expectStatus(client.update(PERSISTENT_VOLUME_CLAIMS, 'default', { ...created, spec: { ...created.spec, accessModes: ['ReadWriteMany'] } }));
    expect(status.message).toBe(
      'PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    );
    const grown = { ...created, spec: { ...created.spec, resources: { requests: { storage: '2Gi' } } } };
    expect(expectStatus(client.update(PERSISTENT_VOLUME_CLAIMS, 'default', grown)).code).toBe(422);
    const named = expectOk(client.update<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS, 'default', { ...created, spec: { ...created.spec, volumeName: 'pv1' } }));
    const bound = expectOk(client.updateStatus<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS, 'default', { ...named, status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } } }));
    const larger = expectOk(client.update<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS, 'default', { ...bound, spec: { ...bound.spec, resources: { requests: { storage: '2Gi' } } } }));
    expect(expectStatus(client.update(PERSISTENT_VOLUME_CLAIMS, 'default', { ...larger, spec: { ...larger.spec, resources: { requests: { storage: '1Gi' } } } })).message).toBe(
      'PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than previous value',
    );
  });

  it('prints NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE', () => {
    const created = expectOk(client.create<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS, 'default', claim('data', { storageClassName: 'standard', volumeName: 'pv1' })));
    expectOk(client.updateStatus(PERSISTENT_VOLUME_CLAIMS, 'default', { ...created, status: { phase: 'Bound', accessModes: ['ReadWriteOncePod'], capacity: { storage: '5Gi' } } }));
    expectOk(client.create(PERSISTENT_VOLUME_CLAIMS, 'default', claim('pending')));
    const table = expectOk(client.listTable(PERSISTENT_VOLUME_CLAIMS, 'default'));
    expect(table.columnDefinitions.filter((c) => c.priority === 0).map((c) => c.name)).toEqual([
      'Name', 'Status', 'Volume', 'Capacity', 'Access Modes', 'StorageClass', 'VolumeAttributesClass', 'Age',
    ]);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['data', 'Bound', 'pv1', '5Gi', 'RWOP', 'standard', '<unset>', '0s', 'Filesystem'],
      ['pending', 'Pending', '', '', '', '', '<unset>', '0s', 'Filesystem'],
    ]);
  });
});
