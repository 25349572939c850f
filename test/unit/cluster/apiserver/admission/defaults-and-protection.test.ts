/** NamespaceLifecycle, DefaultStorageClass, StorageObjectInUseProtection and DefaultIngressClass admission. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../../src/shared/api/meta.js';
import type { ApiClient } from '../../../../../src/main/cluster/client/api-client.js';
import { INGRESSES, INGRESS_CLASSES, NAMESPACES, PERSISTENT_VOLUMES, PERSISTENT_VOLUME_CLAIMS, STORAGE_CLASSES } from '../../../../../src/main/cluster/client/resources.js';
import type { PersistentVolumeClaim } from '../../../../../src/main/cluster/apiserver/registry/core-v1-storage.js';
import type { Ingress } from '../../../../../src/main/cluster/apiserver/registry/ingress.js';
import { type TestCluster, expectOk, expectStatus } from '../../../helpers/cluster.js';
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

function claim(name: string, spec: Partial<PersistentVolumeClaim['spec']> = {}, annotations?: Record<string, string>): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, ...(annotations ? { annotations } : {}) },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
  };
}

function storageClass(name: string, isDefault: boolean): KubeObject {
  const annotations = isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : undefined;
  return { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name, ...(annotations ? { annotations } : {}) }, provisioner: 'rancher.io/local-path' } as KubeObject;
}

describe('NamespaceLifecycle', () => {
  it.each(['default', 'kube-system', 'kube-public'])('refuses to delete the %s namespace, as kube-apiserver 1.32 does', (name) => {
    const status = expectStatus(client.delete(NAMESPACES, undefined, name));
    expect([status.code, status.message]).toEqual([403, `namespaces "${name}" is forbidden: this namespace may not be deleted`]);
  });

  it('deletes any other namespace', () => {
    expectOk(client.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }));
    expectOk(client.delete(NAMESPACES, undefined, 'team'));
  });
});

describe('DefaultStorageClass', () => {
  it('gives a claim without a class the default StorageClass, the newest when several', () => {
    expectOk(client.create(STORAGE_CLASSES, undefined, storageClass('standard', true)));
    expect(expectOk(client.create<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS, 'default', claim('a'))).spec.storageClassName).toBe('standard');
    cluster.clock.advance(1000);
    expectOk(client.create(STORAGE_CLASSES, undefined, storageClass('fast', true)));
    expect(expectOk(client.create<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS, 'default', claim('b'))).spec.storageClassName).toBe('fast');
  });

  it.each<[string, Partial<PersistentVolumeClaim['spec']>, Record<string, string> | undefined, string | undefined]>([
    ['a class of its own', { storageClassName: 'manual' }, undefined, 'manual'],
    ['an explicitly empty class', { storageClassName: '' }, undefined, ''],
    ['the beta class annotation', {}, { 'volume.beta.kubernetes.io/storage-class': 'manual' }, undefined],
  ])('leaves a claim with %s alone', (_name, spec, annotations, expected) => {
    expectOk(client.create(STORAGE_CLASSES, undefined, storageClass('standard', true)));
    expect(expectOk(client.create<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS, 'default', claim('data', spec, annotations))).spec.storageClassName).toBe(expected);
  });

  it('sets nothing when no class is the default', () => {
    expectOk(client.create(STORAGE_CLASSES, undefined, storageClass('standard', false)));
    expect(expectOk(client.create<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS, 'default', claim('data'))).spec.storageClassName).toBeUndefined();
  });
});

describe('StorageObjectInUseProtection', () => {
  it('adds kubernetes.io/pvc-protection to claims and kubernetes.io/pv-protection to volumes', () => {
    expect(expectOk(client.create(PERSISTENT_VOLUME_CLAIMS, 'default', claim('data'))).metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    const volume = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } } };
    expect(expectOk(client.create(PERSISTENT_VOLUMES, undefined, volume)).metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
  });

  it('keeps a claim until its finalizer is removed', () => {
    expectOk(client.create(PERSISTENT_VOLUME_CLAIMS, 'default', claim('data')));
    expect(expectOk(client.delete(PERSISTENT_VOLUME_CLAIMS, 'default', 'data')).metadata.deletionTimestamp).toBeDefined();
    expect(cluster.store.range('/registry/persistentvolumeclaims/default/data').kvs).toHaveLength(1);
  });
});

describe('DefaultIngressClass', () => {
  const BACKEND = { service: { name: 'web', port: { number: 80 } } };
  function ingress(name: string, spec: Ingress['spec'] = {}, annotations?: Record<string, string>): Ingress {
    return {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name, ...(annotations ? { annotations } : {}) },
      spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: BACKEND }] } }], ...spec },
    };
  }
  function ingressClass(name: string, isDefault: boolean): KubeObject {
    const annotations = isDefault ? { 'ingressclass.kubernetes.io/is-default-class': 'true' } : undefined;
    return { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name, ...(annotations ? { annotations } : {}) }, spec: { controller: 'k8s.io/ingress-nginx' } } as KubeObject;
  }

  it('gives an Ingress without a class the default IngressClass', () => {
    expectOk(client.create(INGRESS_CLASSES, undefined, ingressClass('other', false)));
    expectOk(client.create(INGRESS_CLASSES, undefined, ingressClass('nginx', true)));
    expect(expectOk(client.create<Ingress>(INGRESSES, 'default', ingress('web'))).spec?.ingressClassName).toBe('nginx');
  });

  it('leaves an Ingress that names a class, by field or by annotation', () => {
    expectOk(client.create(INGRESS_CLASSES, undefined, ingressClass('nginx', true)));
    expect(expectOk(client.create<Ingress>(INGRESSES, 'default', ingress('a', { ingressClassName: 'other' }))).spec?.ingressClassName).toBe('other');
    expect(expectOk(client.create<Ingress>(INGRESSES, 'default', ingress('b', {}, { 'kubernetes.io/ingress.class': 'traefik' }))).spec?.ingressClassName).toBeUndefined();
  });
});
