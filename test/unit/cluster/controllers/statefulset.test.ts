/** The StatefulSet controller against the in-memory API server (pkg/controller/statefulset 1.32 behaviour). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ControllerRevision, StatefulSet } from '../../../../src/shared/api/apps.js';
import type { CoreEvent, Pod } from '../../../../src/shared/api/core.js';
import type { KubeObject } from '../../../../src/shared/api/meta.js';
import { rfc3339 } from '../../../../src/main/base/duration.js';
import { StatefulSetController } from '../../../../src/main/cluster/controllers/statefulset/statefulset-controller.js';
import { CONTROLLER_REVISIONS, EVENTS, PERSISTENT_VOLUME_CLAIMS, PODS, STATEFUL_SETS } from '../../../../src/main/cluster/client/resources.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { createNode, expectOk, makeCluster, type TestCluster } from '../../helpers/cluster.js';
import { statefulSetManifest } from '../../helpers/workloads.js';

let cluster: TestCluster;
let client: ApiClient;

function start(): void {
  cluster.disposables.add(new StatefulSetController(cluster.client('statefulset-controller'), cluster.clock)).start();
  cluster.settle();
}

function allPods(): Pod[] {
  return expectOk(client.list<Pod>(PODS, 'default')).items;
}

function podNames(): string[] {
  return allPods()
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name!)
    .sort();
}

function sts(name = 'web'): StatefulSet {
  return expectOk(client.get<StatefulSet>(STATEFUL_SETS, 'default', name));
}

function events(reason: string): string[] {
  return expectOk(client.list<CoreEvent>(EVENTS, 'default'))
    .items.filter((e) => e.reason === reason)
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
    .map((e) => e.message ?? '');
}

/** The kubelet's part: every Pod not yet running becomes Running and Ready. */
function runPods(): void {
  for (let pod of allPods()) {
    if (pod.status?.phase === 'Running' || pod.metadata.deletionTimestamp) continue;
    // Bound, so that deleting it is graceful (an unscheduled Pod is deleted at once).
    if (!pod.spec.nodeName) expectOk(client.bind('default', pod.metadata.name!, 'node01'));
    pod = expectOk(client.get<Pod>(PODS, 'default', pod.metadata.name!));
    const now = rfc3339(cluster.clock.now());
    expectOk(
      client.updateStatus(PODS, 'default', { ...pod, status: { ...pod.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }] } }),
    );
  }
  cluster.settle();
}

/** The kubelet finishing graceful deletion. */
function finishDeletes(): void {
  for (const pod of allPods()) {
    if (pod.metadata.deletionTimestamp) expectOk(client.delete(PODS, 'default', pod.metadata.name!, { gracePeriodSeconds: 0 }));
  }
  cluster.settle();
}

function setImage(image: string, partition?: number): void {
  const current = sts();
  current.spec.template.spec.containers[0]!.image = image;
  if (partition !== undefined) current.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition } };
  expectOk(client.update(STATEFUL_SETS, 'default', current));
  cluster.settle();
}

beforeEach(() => {
  cluster = makeCluster();
  client = cluster.client();
  createNode(client, 'node01');
});
afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

describe('StatefulSet controller', () => {
  it('OrderedReady: creates web-0, web-1, web-2 one at a time, each after its predecessor is Running and Ready', () => {
    start();
    expectOk(client.create(STATEFUL_SETS, 'default', statefulSetManifest('web', { replicas: 3 })));
    cluster.settle();
    expect(podNames()).toEqual(['web-0']);
    cluster.clock.advance(60_000);
    cluster.settle();
    expect(podNames()).toEqual(['web-0']);
    runPods();
    expect(podNames()).toEqual(['web-0', 'web-1']);
    runPods();
    runPods();
    expect(podNames()).toEqual(['web-0', 'web-1', 'web-2']);

    const pod = allPods().find((p) => p.metadata.name === 'web-1')!;
    const status = sts().status!;
    expect(pod.metadata.labels).toEqual({
      app: 'web',
      'statefulset.kubernetes.io/pod-name': 'web-1',
      'apps.kubernetes.io/pod-index': '1',
      'controller-revision-hash': status.updateRevision,
    });
    expect(pod.metadata.generateName).toBe('web-');
    expect(pod.spec.hostname).toBe('web-1');
    expect(pod.spec.subdomain).toBe('web');
    expect(status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      currentRevision: status.updateRevision,
      updateRevision: status.updateRevision,
      collisionCount: 0,
      availableReplicas: 3,
    });
    const revisions = expectOk(client.list<ControllerRevision>(CONTROLLER_REVISIONS, 'default')).items;
    expect(revisions.map((r) => [r.metadata.name, r.revision])).toEqual([[status.updateRevision, 1]]);
    expect(revisions[0]!.metadata.labels).toEqual({ app: 'web', 'controller.kubernetes.io/hash': status.updateRevision!.slice('web-'.length) });
    expect(events('SuccessfulCreate')).toEqual([
      'create Pod web-0 in StatefulSet web successful',
      'create Pod web-1 in StatefulSet web successful',
      'create Pod web-2 in StatefulSet web successful',
    ]);

    // A second pass writes nothing.
    const revision = cluster.revision();
    cluster.clock.advance(300_000);
    cluster.settle();
    expect(cluster.revision()).toBe(revision);
  });

  it('scales down from the highest ordinal, one Pod at a time, waiting for each to be gone', () => {
    start();
    expectOk(client.create(STATEFUL_SETS, 'default', statefulSetManifest('web', { replicas: 3 })));
    cluster.settle();
    for (let i = 0; i < 3; i++) runPods();
    expectOk(client.patch(STATEFUL_SETS, 'default', 'web', 'merge', { spec: { replicas: 1 } }));
    cluster.settle();
    expect(podNames()).toEqual(['web-0', 'web-1']);
    cluster.clock.advance(10_000);
    cluster.settle();
    expect(podNames()).toEqual(['web-0', 'web-1']);
    finishDeletes();
    expect(podNames()).toEqual(['web-0']);
    finishDeletes();
    expect(podNames()).toEqual(['web-0']);
    expect(events('SuccessfulDelete')).toEqual(['delete Pod web-2 in StatefulSet web successful', 'delete Pod web-1 in StatefulSet web successful']);
    expect(sts().status).toMatchObject({ replicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 2 });
  });

  it('Parallel creates and deletes all at once', () => {
    start();
    expectOk(client.create(STATEFUL_SETS, 'default', statefulSetManifest('web', { replicas: 3, podManagementPolicy: 'Parallel' })));
    cluster.settle();
    expect(podNames()).toEqual(['web-0', 'web-1', 'web-2']);
    expectOk(client.patch(STATEFUL_SETS, 'default', 'web', 'merge', { spec: { replicas: 0 } }));
    cluster.settle();
    expect(podNames()).toEqual([]);
  });

  it('starts at ordinals.start', () => {
    start();
    expectOk(client.create(STATEFUL_SETS, 'default', statefulSetManifest('web', { replicas: 2, ordinals: { start: 5 } })));
    cluster.settle();
    runPods();
    runPods();
    expect(podNames()).toEqual(['web-5', 'web-6']);
  });

  it('partitioned RollingUpdate: only ordinals >= partition move to the update revision, highest first', () => {
    start();
    expectOk(client.create(STATEFUL_SETS, 'default', statefulSetManifest('web', { replicas: 3 })));
    cluster.settle();
    for (let i = 0; i < 3; i++) runPods();
    const first = sts().status!.currentRevision!;
    setImage('nginx:1.27', 2);
    const second = sts().status!.updateRevision!;
    expect(second).not.toBe(first);
    expect(events('SuccessfulDelete')).toEqual(['delete Pod web-2 in StatefulSet web successful']);
    finishDeletes();
    runPods();
    const revisions = Object.fromEntries(allPods().map((p) => [p.metadata.name, p.metadata.labels!['controller-revision-hash']]));
    expect(revisions).toEqual({ 'web-0': first, 'web-1': first, 'web-2': second });
    expect(sts().status).toMatchObject({ currentRevision: first, updateRevision: second, currentReplicas: 2, updatedReplicas: 1, replicas: 3, readyReplicas: 3 });
    // A Pod below the partition deleted by hand comes back at the current revision.
    expectOk(client.delete(PODS, 'default', 'web-0', { gracePeriodSeconds: 0 }));
    cluster.settle();
    expect(allPods().find((p) => p.metadata.name === 'web-0')!.spec.containers[0]!.image).toBe('nginx:1.25');
    runPods();

    // Partition 0: web-1 then web-0 roll, and the rollout completes.
    const current = sts();
    current.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
    expectOk(client.update(STATEFUL_SETS, 'default', current));
    cluster.settle();
    for (let i = 0; i < 4; i++) {
      finishDeletes();
      runPods();
    }
    expect(allPods().every((p) => p.spec.containers[0]!.image === 'nginx:1.27')).toBe(true);
    expect(sts().status).toMatchObject({ currentRevision: second, updateRevision: second, currentReplicas: 3, updatedReplicas: 3 });
    expect(events('SuccessfulDelete').slice(-2)).toEqual(['delete Pod web-1 in StatefulSet web successful', 'delete Pod web-0 in StatefulSet web successful']);
    const numbers = expectOk(client.list<ControllerRevision>(CONTROLLER_REVISIONS, 'default')).items.map((r) => r.revision).sort();
    expect(numbers).toEqual([1, 2]);

    // Rolling back to the first template renumbers its revision instead of making a new one.
    setImage('nginx:1.25');
    const back = expectOk(client.list<ControllerRevision>(CONTROLLER_REVISIONS, 'default')).items;
    expect(back.find((r) => r.metadata.name === first)!.revision).toBe(3);
    expect(sts().status!.updateRevision).toBe(first);
  });

  it('OnDelete keeps old Pods until they are deleted', () => {
    start();
    expectOk(client.create(STATEFUL_SETS, 'default', statefulSetManifest('web', { replicas: 2, updateStrategy: { type: 'OnDelete' } })));
    cluster.settle();
    runPods();
    runPods();
    setImage('nginx:1.27');
    expect(events('SuccessfulDelete')).toEqual([]);
    expectOk(client.delete(PODS, 'default', 'web-1', { gracePeriodSeconds: 0 }));
    cluster.settle();
    expect(allPods().find((p) => p.metadata.name === 'web-1')!.spec.containers[0]!.image).toBe('nginx:1.27');
  });

  it('creates a PersistentVolumeClaim per volumeClaimTemplate before the Pod and mounts it', () => {
    start();
    const manifest = statefulSetManifest('web', {
      replicas: 2,
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    });
    expectOk(client.create(STATEFUL_SETS, 'default', manifest));
    cluster.settle();
    runPods();
    const claims = expectOk(client.list<KubeObject>(PERSISTENT_VOLUME_CLAIMS, 'default')).items;
    expect(claims.map((c) => c.metadata.name).sort()).toEqual(['www-web-0', 'www-web-1']);
    expect(claims[0]!.metadata.labels).toEqual({ app: 'web' });
    expect(claims[0]!.metadata.ownerReferences).toBeUndefined();
    const pod = allPods().find((p) => p.metadata.name === 'web-0')!;
    expect(pod.spec.volumes?.[0]).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } });
    expect(events('SuccessfulCreate').slice(0, 2)).toEqual(['create Claim www-web-0 Pod web-0 in StatefulSet web success', 'create Pod web-0 in StatefulSet web successful']);
    const revision = cluster.revision();
    cluster.clock.advance(60_000);
    cluster.settle();
    expect(cluster.revision()).toBe(revision);
  });

  it('persistentVolumeClaimRetentionPolicy Delete/Delete: claims owned by the set, then by the Pod when scaled away', () => {
    start();
    const manifest = statefulSetManifest('web', {
      replicas: 2,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Delete' },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    });
    expectOk(client.create(STATEFUL_SETS, 'default', manifest));
    cluster.settle();
    runPods();
    runPods();
    const claim = (name: string) => expectOk(client.get<KubeObject>(PERSISTENT_VOLUME_CLAIMS, 'default', name));
    const set = sts();
    expect(claim('data-web-1').metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: set.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expectOk(client.patch(STATEFUL_SETS, 'default', 'web', 'merge', { spec: { replicas: 1 } }));
    cluster.settle();
    const web1 = allPods().find((p) => p.metadata.name === 'web-1')!;
    expect(claim('data-web-1').metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Pod', name: 'web-1', uid: web1.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(claim('data-web-0').metadata.ownerReferences?.[0]?.kind).toBe('StatefulSet');
  });

  it('recreates a failed Pod under the same name', () => {
    start();
    expectOk(client.create(STATEFUL_SETS, 'default', statefulSetManifest('web', { replicas: 1 })));
    cluster.settle();
    runPods();
    const pod = allPods()[0]!;
    expectOk(client.updateStatus(PODS, 'default', { ...pod, status: { ...pod.status, phase: 'Failed' } }));
    cluster.settle();
    finishDeletes();
    const again = allPods();
    expect(again.map((p) => p.metadata.name)).toEqual(['web-0']);
    expect(again[0]!.metadata.uid).not.toBe(pod.metadata.uid);
  });

  it('adopts the orphaned Pods of a set deleted with --cascade=orphan when it is created again', () => {
    start();
    expectOk(client.create(STATEFUL_SETS, 'default', statefulSetManifest('web', { replicas: 2 })));
    cluster.settle();
    runPods();
    runPods();
    const before = allPods().map((p) => p.metadata.uid);
    // What the garbage collector does for an orphaning delete: drop the owner references.
    expectOk(client.delete(STATEFUL_SETS, 'default', 'web'));
    for (const pod of allPods()) expectOk(client.patch(PODS, 'default', pod.metadata.name!, 'merge', { metadata: { ownerReferences: null } }));
    cluster.settle();
    expectOk(client.create(STATEFUL_SETS, 'default', statefulSetManifest('web', { replicas: 2 })));
    cluster.settle();
    const set = sts();
    expect(allPods().map((p) => p.metadata.uid)).toEqual(before);
    expect(allPods().every((p) => p.metadata.ownerReferences?.[0]?.uid === set.metadata.uid)).toBe(true);
    expect(set.status).toMatchObject({ replicas: 2, readyReplicas: 2 });
  });

  it('puts back the statefulset.kubernetes.io/pod-name label (identityMatches) with a SuccessfulUpdate event', () => {
    start();
    expectOk(client.create(STATEFUL_SETS, 'default', statefulSetManifest('web', { replicas: 1 })));
    cluster.settle();
    runPods();
    expectOk(client.patch(PODS, 'default', 'web-0', 'merge', { metadata: { labels: { 'statefulset.kubernetes.io/pod-name': 'other' } } }));
    cluster.settle();
    expect(allPods()[0]!.metadata.labels!['statefulset.kubernetes.io/pod-name']).toBe('web-0');
    expect(events('SuccessfulUpdate')).toEqual(['update Pod web-0 in StatefulSet web successful']);
  });
});
