/** The PersistentVolume controller against the API server: static binding, provisioning, reclaim. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../../../src/shared/api/core.js';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../../../src/shared/api/storage.js';
import type { KubeObject } from '../../../../../src/shared/api/meta.js';
import type { ApiClient } from '../../../../../src/main/cluster/client/api-client.js';
import { EVENTS, PERSISTENT_VOLUMES, PERSISTENT_VOLUME_CLAIMS, STORAGE_CLASSES } from '../../../../../src/main/cluster/client/resources.js';
import { PersistentVolumeController, SYNC_PERIOD_MS } from '../../../../../src/main/cluster/controllers/persistent-volume/pv-controller.js';
import { type TestCluster, createNode, expectOk, makeCluster } from '../../../helpers/cluster.js';

let cluster: TestCluster;
let client: ApiClient;
let controller: PersistentVolumeController;

function start(): PersistentVolumeController {
  const c = cluster.disposables.add(new PersistentVolumeController(cluster.client('persistent-volume-binder'), cluster.clock));
  c.start();
  cluster.settle();
  return c;
}

function converge(ms = 100): void {
  cluster.settle();
  cluster.clock.advance(ms);
  cluster.settle();
}

function pv(name: string, storage: string, extra: Partial<PersistentVolume['spec']> = {}, labels?: Record<string, string>): void {
  expectOk(
    client.create(PERSISTENT_VOLUMES, undefined, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name, ...(labels ? { labels } : {}) },
      spec: { capacity: { storage }, accessModes: ['ReadWriteOnce'], hostPath: { path: `/data/${name}` }, ...extra },
    } as KubeObject),
  );
}

function pvc(name: string, storage: string, extra: Partial<PersistentVolumeClaim['spec']> = {}): void {
  expectOk(
    client.create(PERSISTENT_VOLUME_CLAIMS, 'default', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } }, ...extra },
    } as KubeObject),
  );
}

function storageClass(name: string, provisioner: string, volumeBindingMode = 'Immediate', reclaimPolicy = 'Delete'): void {
  expectOk(
    client.create(STORAGE_CLASSES, undefined, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner, volumeBindingMode, reclaimPolicy } as KubeObject),
  );
}

const getPv = (name: string): PersistentVolume => expectOk(client.get<PersistentVolume>(PERSISTENT_VOLUMES, undefined, name));
const getPvc = (name: string): PersistentVolumeClaim => expectOk(client.get<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS, 'default', name));
const events = (name: string): Array<[string | undefined, string | undefined, string | undefined]> =>
  expectOk(client.list<CoreEvent>(EVENTS, 'default', { fieldSelector: `involvedObject.name=${name}` })).items.map((e) => [e.type, e.reason, e.message]);

beforeEach(() => {
  cluster = makeCluster();
  client = cluster.client('kubectl');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

describe('static binding', () => {
  beforeEach(() => {
    controller = start();
  });

  it('binds a claim to the smallest matching volume, both ways, then writes nothing more', () => {
    pv('big', '10Gi', { storageClassName: 'manual' });
    pv('small', '2Gi', { storageClassName: 'manual' });
    pv('tiny', '500Mi', { storageClassName: 'manual' });
    pv('other-class', '2Gi', { storageClassName: 'fast' });
    converge();
    expect(getPv('small').status?.phase).toBe('Available');
    pvc('data', '1Gi', { storageClassName: 'manual' });
    converge();
    const claim = getPvc('data');
    expect(claim.spec.volumeName).toBe('small');
    expect(claim.metadata.annotations).toEqual({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(claim.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' } });
    const volume = getPv('small');
    expect(volume.status?.phase).toBe('Bound');
    expect(volume.metadata.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(volume.spec.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: claim.metadata.uid, apiVersion: 'v1' });
    expect(getPv('big').status?.phase).toBe('Available');
    const revision = cluster.revision();
    controller.start();
    converge(3 * SYNC_PERIOD_MS);
    expect(cluster.revision()).toBe(revision);
  });

  it('honours access modes, volumeMode and the claim selector', () => {
    pv('rwx', '5Gi', { accessModes: ['ReadWriteMany'] }, { tier: 'gold' });
    pv('block', '5Gi', { volumeMode: 'Block' }, { tier: 'gold' });
    pv('silver', '1Gi', {}, { tier: 'silver' });
    pv('gold', '5Gi', {}, { tier: 'gold' });
    pvc('data', '1Gi', { storageClassName: '', selector: { matchLabels: { tier: 'gold' } } });
    converge();
    expect(getPvc('data').spec.volumeName).toBe('gold');
  });

  it('binds a volume the user pre-bound to the claim, without bound-by-controller on the volume', () => {
    pv('reserved', '5Gi', { claimRef: { namespace: 'default', name: 'data' } });
    pv('smaller', '1Gi');
    converge();
    pvc('data', '1Gi', { storageClassName: '' });
    converge();
    expect(getPvc('data').spec.volumeName).toBe('reserved');
    expect(getPv('reserved').metadata.annotations).toBeUndefined();
    expect(getPv('smaller').status?.phase).toBe('Available');
  });

  it('says FailedBinding when nothing matches and no class is set, and binds a volume that appears at the next resync', () => {
    pvc('data', '1Gi', { storageClassName: '' });
    converge();
    expect(getPvc('data').status?.phase).toBe('Pending');
    expect(events('data')).toEqual([['Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set']]);
    pv('late', '1Gi');
    converge(SYNC_PERIOD_MS);
    expect(getPvc('data').spec.volumeName).toBe('late');
  });

  it('releases a volume whose claim is deleted; Retain keeps it Released', () => {
    pv('keep', '1Gi', { persistentVolumeReclaimPolicy: 'Retain' });
    pvc('data', '1Gi', { storageClassName: '' });
    converge();
    expect(getPv('keep').status?.phase).toBe('Bound');
    expectOk(client.delete(PERSISTENT_VOLUME_CLAIMS, 'default', 'data'));
    converge();
    expect(getPv('keep').status?.phase).toBe('Released');
    converge(SYNC_PERIOD_MS);
    expect(getPv('keep').status?.phase).toBe('Released');
  });
});

describe('dynamic provisioning', () => {
  beforeEach(() => {
    controller = start();
  });

  it('hands an Immediate claim to its provisioner, which makes pvc-<uid> with the class reclaim policy', () => {
    storageClass('standard', 'example.com/nfs', 'Immediate', 'Retain');
    pvc('data', '3Gi', { storageClassName: 'standard' });
    converge(2000);
    const claim = getPvc('data');
    const name = `pvc-${claim.metadata.uid}`;
    expect(claim.metadata.annotations).toEqual({
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      'volume.beta.kubernetes.io/storage-provisioner': 'example.com/nfs',
      'volume.kubernetes.io/storage-provisioner': 'example.com/nfs',
    });
    expect(claim.spec.volumeName).toBe(name);
    expect(claim.status?.phase).toBe('Bound');
    const volume = getPv(name);
    expect(volume.spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'standard', capacity: { storage: '3Gi' } });
    expect(volume.metadata.annotations).toEqual({ 'pv.kubernetes.io/provisioned-by': 'example.com/nfs' });
    expect(events('data').map(([, reason]) => reason)).toEqual(['ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']);
    expect(events('data')[0]![2]).toBe(
      "Waiting for a volume to be created either by the external provisioner 'example.com/nfs' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
    expect(events('data')[2]![2]).toBe(`Successfully provisioned volume ${name}`);
  });

  it('waits for the first consumer, then provisions on the selected node', () => {
    createNode(client, 'node01');
    storageClass('local-path', 'rancher.io/local-path', 'WaitForFirstConsumer');
    pvc('data', '1Gi', { storageClassName: 'local-path' });
    converge();
    expect(getPvc('data').status?.phase).toBe('Pending');
    expect(events('data')).toEqual([['Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding']]);
    expectOk(client.patch(PERSISTENT_VOLUME_CLAIMS, 'default', 'data', 'merge', { metadata: { annotations: { 'volume.kubernetes.io/selected-node': 'node01' } } }));
    converge(2000);
    const claim = getPvc('data');
    expect(claim.status?.phase).toBe('Bound');
    const volume = getPv(claim.spec.volumeName!);
    expect(volume.spec.nodeAffinity).toEqual({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node01'] }] }] } });
    expect(volume.spec.hostPath?.path).toBe(`/opt/local-path-provisioner/${claim.spec.volumeName}_default_data`);
  });

  it('deletes a provisioned volume with reclaimPolicy Delete when its claim goes', () => {
    storageClass('standard', 'example.com/nfs');
    pvc('data', '1Gi', { storageClassName: 'standard' });
    converge(2000);
    const name = getPvc('data').spec.volumeName!;
    expectOk(client.delete(PERSISTENT_VOLUME_CLAIMS, 'default', 'data'));
    converge(2000);
    expect(client.get(PERSISTENT_VOLUMES, undefined, name).ok).toBe(false);
  });

  it('leaves kubernetes.io/no-provisioner claims to hand-made volumes', () => {
    storageClass('local-storage', 'kubernetes.io/no-provisioner');
    pvc('data', '1Gi', { storageClassName: 'local-storage' });
    converge();
    expect(expectOk(client.list(PERSISTENT_VOLUMES)).items).toEqual([]);
    expect(getPvc('data').status?.phase).toBe('Pending');
  });
});
