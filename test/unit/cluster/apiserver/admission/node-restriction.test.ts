/** NodeRestriction admission: what a kubelet's identity may write, with kube-apiserver 1.32's messages. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../../../src/shared/api/core.js';
import type { ApiClient } from '../../../../../src/main/cluster/client/api-client.js';
import { nodeUser } from '../../../../../src/main/cluster/apiserver/auth/user.js';
import { LEASES, NODES, PODS } from '../../../../../src/main/cluster/client/resources.js';
import { type TestCluster, createNode, createPod, expectOk, expectStatus, podManifest } from '../../../helpers/cluster.js';
import { admissionCluster } from './admission-cluster.js';

let cluster: TestCluster;
let admin: ApiClient;
let kubelet: ApiClient;
let node01: Node;

beforeEach(() => {
  cluster = admissionCluster();
  admin = cluster.client('kubectl');
  node01 = createNode(admin, 'node01');
  createNode(admin, 'node02');
  kubelet = cluster.client('kubelet/node01', nodeUser('node01'));
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function mirrorPod(name: string, node = 'node01', uid = node01.metadata.uid): Pod {
  const pod = podManifest(name, { nodeName: node });
  pod.metadata.annotations = { 'kubernetes.io/config.mirror': 'hash' };
  pod.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: node, uid: uid ?? '', controller: true }];
  return pod;
}

describe('NodeRestriction', () => {
  it('lets a kubelet create its own mirror Pods', () => {
    expectOk(kubelet.create(PODS, 'kube-system', mirrorPod('etcd-node01')));
  });

  it.each<[string, () => Pod, string]>([
    ['an ordinary Pod', () => podManifest('web', { nodeName: 'node01' }), 'pod does not have "kubernetes.io/config.mirror" annotation, node "node01" can only create mirror pods'],
    ['a mirror Pod for another node', () => mirrorPod('web', 'node02'), 'node "node01" can only create pods with spec.nodeName set to itself'],
    [
      'a mirror Pod without an owner',
      () => ({ ...mirrorPod('web'), metadata: { ...mirrorPod('web').metadata, ownerReferences: [] } }),
      'node "node01" can only create pods with an owner reference set to itself',
    ],
    [
      'a mirror Pod that mounts a ConfigMap',
      () => ({ ...mirrorPod('web'), spec: { ...mirrorPod('web').spec, volumes: [{ name: 'config', configMap: { name: 'settings' } }] } }),
      'node "node01" can not create pods that reference configmaps',
    ],
    [
      'a mirror Pod that mounts a claim',
      () => ({ ...mirrorPod('web'), spec: { ...mirrorPod('web').spec, volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] } }),
      'node "node01" can not create pods that reference persistentvolumeclaims',
    ],
    ['a mirror Pod owned by a stale node uid', () => mirrorPod('web', 'node01', 'old-uid'), 'node node01 UID mismatch: expected old-uid got <uid>'],
  ])('refuses a kubelet creating %s', (_name, body, why) => {
    const status = expectStatus(kubelet.create(PODS, 'default', body()));
    expect([status.code, status.message]).toEqual([403, `pods "web" is forbidden: ${why.replace('<uid>', node01.metadata.uid ?? '')}`]);
  });

  it('lets a kubelet update the status of and delete only Pods bound to it', () => {
    const own = createPod(admin, 'own', { nodeName: 'node01' });
    const other = createPod(admin, 'other', { nodeName: 'node02' });
    expectOk(kubelet.updateStatus(PODS, 'default', { ...own, status: { phase: 'Running' } }));
    expect(expectStatus(kubelet.updateStatus(PODS, 'default', { ...other, status: { phase: 'Running' } })).message).toBe(
      'pods "other" is forbidden: node "node01" can only update pod status for pods with spec.nodeName set to itself',
    );
    expect(expectStatus(kubelet.delete(PODS, 'default', 'other')).message).toBe('pods "other" is forbidden: node "node01" can only delete pods with spec.nodeName set to itself');
    const latest = expectOk(admin.get<Pod>(PODS, 'default', 'own'));
    expect(expectStatus(kubelet.update(PODS, 'default', latest)).message).toBe('pods "own" is forbidden: unexpected operation "UPDATE", node "node01" can only create and delete mirror pods');
    expectOk(kubelet.delete(PODS, 'default', 'own', { gracePeriodSeconds: 0 }));
  });

  it('lets a kubelet modify only its own Node, without touching taints or restricted labels', () => {
    const node02 = expectOk(admin.get<Node>(NODES, undefined, 'node02'));
    expect(expectStatus(kubelet.update(NODES, undefined, node02)).message).toBe('nodes "node02" is forbidden: node "node01" is not allowed to modify node "node02"');
    const current = expectOk(kubelet.get<Node>(NODES, undefined, 'node01'));
    expect(expectStatus(kubelet.update(NODES, undefined, { ...current, spec: { taints: [{ key: 'x', effect: 'NoSchedule' }] } })).message).toBe(
      'nodes "node01" is forbidden: node "node01" is not allowed to modify taints',
    );
    const relabelled = { ...current, metadata: { ...current.metadata, labels: { ...current.metadata.labels, 'node-role.kubernetes.io/control-plane': '' } } };
    expect(expectStatus(kubelet.update(NODES, undefined, relabelled)).message).toBe('nodes "node01" is forbidden: is not allowed to modify labels: node-role.kubernetes.io/control-plane');
    const allowed = { ...current, metadata: { ...current.metadata, labels: { ...current.metadata.labels, 'topology.kubernetes.io/zone': 'a', team: 'x' } } };
    expectOk(kubelet.update(NODES, undefined, allowed));
  });

  it('keeps a kubelet to its own Lease in kube-node-lease', () => {
    const lease = (name: string): { apiVersion: string; kind: string; metadata: { name: string }; spec: object } => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name }, spec: { holderIdentity: name } });
    expectOk(kubelet.create(LEASES, 'kube-node-lease', lease('node01')));
    expect(expectStatus(kubelet.create(LEASES, 'kube-node-lease', lease('node02'))).message).toBe(
      'leases.coordination.k8s.io "node02" is forbidden: can only access node lease with the same name as the requesting node',
    );
    expect(expectStatus(kubelet.create(LEASES, 'default', lease('node01'))).message).toBe(
      'leases.coordination.k8s.io "node01" is forbidden: can only access leases in the "kube-node-lease" system namespace',
    );
  });

  it('does not restrict users that are not nodes', () => {
    expectOk(admin.create(PODS, 'default', podManifest('web', { nodeName: 'node02' })));
  });
});
