/** StorageClasses: defaults, provisioner checks, fixed fields, the `(default)` marker and storage. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { STORAGE_CLASSES } from '../../../../src/main/cluster/client/resources.js';
import type { StorageClass } from '../../../../src/main/cluster/apiserver/registry/storage-v1.js';
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

function storageClass(name: string, fields: Partial<StorageClass> = {}): StorageClass {
  return { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner: 'rancher.io/local-path', ...fields };
}

describe('StorageClass', () => {
  it('defaults reclaimPolicy and volumeBindingMode, stored under /registry/storageclasses/<name>', () => {
    const created = expectOk(client.create<StorageClass>(STORAGE_CLASSES, undefined, storageClass('standard')));
    expect(created).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
    const stored = JSON.parse(cluster.store.range('/registry/storageclasses/standard').kvs[0]!.value) as StorageClass;
    expect(stored.provisioner).toBe('rancher.io/local-path');
  });

  it.each<[string, StorageClass, string]>([
    ['no provisioner', storageClass('s', { provisioner: '' }), 'StorageClass.storage.k8s.io "s" is invalid: provisioner: Required value'],
    ['reclaimPolicy Recycle', storageClass('s', { reclaimPolicy: 'Recycle' }), 'StorageClass.storage.k8s.io "s" is invalid: reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"'],
    [
      'an unknown binding mode',
      storageClass('s', { volumeBindingMode: 'Later' }),
      'StorageClass.storage.k8s.io "s" is invalid: volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"',
    ],
  ])('refuses %s', (_name, body, message) => {
    expect(expectStatus(client.create(STORAGE_CLASSES, undefined, body)).message).toBe(message);
  });

  it('keeps provisioner, parameters and reclaimPolicy fixed', () => {
    const created = expectOk(client.create<StorageClass>(STORAGE_CLASSES, undefined, storageClass('s')));
    const status = expectStatus(client.update(STORAGE_CLASSES, undefined, { ...created, provisioner: 'other.io/x', parameters: { a: 'b' }, reclaimPolicy: 'Retain' }));
    expect(status.message).toBe(
      'StorageClass.storage.k8s.io "s" is invalid: [parameters: Forbidden: updates to parameters are forbidden., provisioner: Forbidden: updates to provisioner are forbidden., reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.]',
    );
    expectOk(client.update(STORAGE_CLASSES, undefined, { ...created, allowVolumeExpansion: true }));
  });

  it('prints NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE, marking the default class', () => {
    const annotations = { 'storageclass.kubernetes.io/is-default-class': 'true' };
    expectOk(client.create(STORAGE_CLASSES, undefined, storageClass('standard', { metadata: { name: 'standard', annotations }, allowVolumeExpansion: true })));
    expectOk(client.create(STORAGE_CLASSES, undefined, storageClass('slow', { volumeBindingMode: 'WaitForFirstConsumer', reclaimPolicy: 'Retain' })));
    const table = expectOk(client.listTable(STORAGE_CLASSES));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['slow', 'rancher.io/local-path', 'Retain', 'WaitForFirstConsumer', 'false', '0s'],
      ['standard (default)', 'rancher.io/local-path', 'Delete', 'Immediate', 'true', '0s'],
    ]);
  });
});
