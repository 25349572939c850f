/** The DaemonSet controller against the in-memory API server (pkg/controller/daemon 1.32 behaviour). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ControllerRevision, DaemonSet } from '../../../../src/shared/api/apps.js';
import type { CoreEvent, Node, Pod } from '../../../../src/shared/api/core.js';
import { rfc3339 } from '../../../../src/main/base/duration.js';
import { DaemonSetController } from '../../../../src/main/cluster/controllers/daemonset/daemonset-controller.js';
import { targetNodeName } from '../../../../src/main/cluster/controllers/daemonset/daemon-pod.js';
import { CONTROLLER_REVISIONS, DAEMON_SETS, EVENTS, NODES, PODS } from '../../../../src/main/cluster/client/resources.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { CONTROL_PLANE_TAINT, createNode, expectOk, makeCluster, type TestCluster } from '../../helpers/cluster.js';
import { daemonSetManifest } from '../../helpers/workloads.js';

let cluster: TestCluster;
let client: ApiClient;

function start(): DaemonSetController {
  const controller = cluster.disposables.add(new DaemonSetController(cluster.client('daemon-set-controller'), cluster.clock));
  controller.start();
  cluster.settle();
  return controller;
}

function pods(): Pod[] {
  return expectOk(client.list<Pod>(PODS, 'default')).items.filter((p) => !p.metadata.deletionTimestamp);
}

function ds(name = 'kube-proxy'): DaemonSet {
  return expectOk(client.get<DaemonSet>(DAEMON_SETS, 'default', name));
}

/** What the scheduler and the kubelet would do: bind the Pod to its affinity's node, run it Ready. */
function runPods(): void {
  for (const pod of pods()) {
    if (pod.status?.phase === 'Running') continue;
    const node = targetNodeName(pod)!;
    if (!pod.spec.nodeName) expectOk(client.bind('default', pod.metadata.name!, node));
    const bound = expectOk(client.get<Pod>(PODS, 'default', pod.metadata.name!));
    const now = rfc3339(cluster.clock.now());
    expectOk(
      client.updateStatus(PODS, 'default', {
        ...bound,
        status: { ...bound.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }] },
      }),
    );
  }
  cluster.settle();
}

/** Kubelets finishing graceful deletion: remove Pods marked for deletion. */
function finishDeletes(): void {
  for (const pod of expectOk(client.list<Pod>(PODS, 'default')).items) {
    if (pod.metadata.deletionTimestamp) expectOk(client.delete(PODS, 'default', pod.metadata.name!, { gracePeriodSeconds: 0 }));
  }
  cluster.settle();
}

beforeEach(() => {
  cluster = makeCluster();
  client = cluster.client();
  createNode(client, 'controlplane', { taints: [CONTROL_PLANE_TAINT], labels: { 'node-role.kubernetes.io/control-plane': '' } });
  createNode(client, 'node01');
  createNode(client, 'node02');
});
afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

describe('DaemonSet controller', () => {
  it('creates one Pod per untainted node with the node-name affinity and daemon tolerations, then writes nothing more', () => {
    start();
    expectOk(client.create(DAEMON_SETS, 'default', daemonSetManifest('kube-proxy')));
    cluster.settle();
    const created = pods();
    expect(created.map((p) => targetNodeName(p)).sort()).toEqual(['node01', 'node02']);
    const pod = created[0]!;
    expect(pod.metadata.name).toMatch(/^kube-proxy-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.metadata.generateName).toBe('kube-proxy-');
    expect(pod.metadata.labels).toMatchObject({ app: 'kube-proxy', 'pod-template-generation': '1' });
    expect(pod.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-proxy', uid: ds().metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(pod.spec.tolerations?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect(pod.spec.tolerations?.every((t) => t.tolerationSeconds === undefined)).toBe(true);
    const revisions = expectOk(client.list<ControllerRevision>(CONTROLLER_REVISIONS, 'default')).items;
    expect(revisions).toHaveLength(1);
    expect(revisions[0]!.revision).toBe(1);
    const hash = revisions[0]!.metadata.labels!['controller-revision-hash']!;
    expect(revisions[0]!.metadata.name).toBe(`kube-proxy-${hash}`);
    expect(pod.metadata.labels!['controller-revision-hash']).toBe(hash);
    expect(ds().status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 0, numberReady: 0, updatedNumberScheduled: 2, numberUnavailable: 2, observedGeneration: 1 });
    const events = expectOk(client.list<CoreEvent>(EVENTS, 'default')).items.filter((e) => e.reason === 'SuccessfulCreate');
    expect(events.map((e) => e.message).sort()).toEqual(created.map((p) => `Created pod: ${p.metadata.name!}`).sort());
    expect(events[0]!.source?.component).toBe('daemonset-controller');

    runPods();
    expect(ds().status).toMatchObject({ numberReady: 2, numberAvailable: 2 });
    expect(ds().status?.numberUnavailable).toBeUndefined();
    const revision = cluster.revision();
    cluster.clock.advance(60_000);
    cluster.settle();
    expect(cluster.revision()).toBe(revision);
  });

  it('runs on the control plane when the template tolerates its taint', () => {
    start();
    const manifest = daemonSetManifest('kube-proxy');
    manifest.spec.template.spec.tolerations = [{ operator: 'Exists' }];
    expectOk(client.create(DAEMON_SETS, 'default', manifest));
    cluster.settle();
    expect(pods().map((p) => targetNodeName(p)).sort()).toEqual(['controlplane', 'node01', 'node02']);
    expect(ds().status?.desiredNumberScheduled).toBe(3);
  });

  it('follows nodes: a joining node gets a Pod, a relabelled one loses it (nodeSelector), a NoExecute taint evicts', () => {
    start();
    const manifest = daemonSetManifest('kube-proxy');
    manifest.spec.template.spec.nodeSelector = { 'kubernetes.io/os': 'linux' };
    expectOk(client.create(DAEMON_SETS, 'default', manifest));
    cluster.settle();
    expect(pods()).toHaveLength(0);
    for (const name of ['node01', 'node02']) {
      const node = expectOk(client.get<Node>(NODES, undefined, name));
      expectOk(client.update(NODES, undefined, { ...node, metadata: { ...node.metadata, labels: { ...node.metadata.labels, 'kubernetes.io/os': 'linux' } } }));
    }
    cluster.settle();
    expect(pods().map((p) => targetNodeName(p)).sort()).toEqual(['node01', 'node02']);
    createNode(client, 'node03', { labels: { 'kubernetes.io/os': 'linux' } });
    cluster.settle();
    expect(pods().map((p) => targetNodeName(p)).sort()).toEqual(['node01', 'node02', 'node03']);
    expect(ds().status?.desiredNumberScheduled).toBe(3);

    // A NoSchedule taint keeps the running Pod (shouldContinueRunning); NoExecute removes it.
    const node03 = expectOk(client.get<Node>(NODES, undefined, 'node03'));
    expectOk(client.update(NODES, undefined, { ...node03, spec: { taints: [{ key: 'maintenance', effect: 'NoSchedule' }] } }));
    cluster.settle();
    expect(pods().map((p) => targetNodeName(p)).sort()).toEqual(['node01', 'node02', 'node03']);
    expect(ds().status).toMatchObject({ desiredNumberScheduled: 2, numberMisscheduled: 1 });
    const tainted = expectOk(client.get<Node>(NODES, undefined, 'node03'));
    expectOk(client.update(NODES, undefined, { ...tainted, spec: { taints: [{ key: 'maintenance', effect: 'NoExecute' }] } }));
    cluster.settle();
    expect(pods().map((p) => targetNodeName(p)).sort()).toEqual(['node01', 'node02']);
    const deletes = expectOk(client.list<CoreEvent>(EVENTS, 'default')).items.filter((e) => e.reason === 'SuccessfulDelete');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!.message).toMatch(/^Deleted pod: kube-proxy-[a-z0-9]{5}$/);
  });

  it('rolls a template change out one node at a time (maxUnavailable 1) and records revision 2', () => {
    start();
    expectOk(client.create(DAEMON_SETS, 'default', daemonSetManifest('kube-proxy')));
    cluster.settle();
    runPods();
    const before = pods().map((p) => p.metadata.name);
    const current = ds();
    current.spec.template.spec.containers[0]!.image = 'nginx:1.27';
    expectOk(client.update(DAEMON_SETS, 'default', current));
    cluster.settle();
    // One old Pod is being deleted; the other waits.
    const terminating = expectOk(client.list<Pod>(PODS, 'default')).items.filter((p) => p.metadata.deletionTimestamp);
    expect(terminating).toHaveLength(1);
    expect(ds().status).toMatchObject({ observedGeneration: 2 });
    expect(ds().status?.updatedNumberScheduled).toBeUndefined();
    for (let i = 0; i < 4; i++) {
      finishDeletes();
      runPods();
    }
    const after = pods();
    expect(after).toHaveLength(2);
    expect(after.some((p) => before.includes(p.metadata.name))).toBe(false);
    expect(after.every((p) => p.spec.containers[0]!.image === 'nginx:1.27' && p.metadata.labels!['pod-template-generation'] === '2')).toBe(true);
    const revisions = expectOk(client.list<ControllerRevision>(CONTROLLER_REVISIONS, 'default')).items.map((r) => r.revision).sort();
    expect(revisions).toEqual([1, 2]);
    expect(ds().status).toMatchObject({ desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 2 });
  });

  it('OnDelete leaves old Pods until they are deleted by hand', () => {
    start();
    expectOk(client.create(DAEMON_SETS, 'default', daemonSetManifest('kube-proxy', { updateStrategy: { type: 'OnDelete' } })));
    cluster.settle();
    runPods();
    const current = ds();
    current.spec.template.spec.containers[0]!.image = 'nginx:1.27';
    expectOk(client.update(DAEMON_SETS, 'default', current));
    cluster.settle();
    expect(expectOk(client.list<Pod>(PODS, 'default')).items.filter((p) => p.metadata.deletionTimestamp)).toHaveLength(0);
    expect(ds().status?.updatedNumberScheduled).toBeUndefined();
    const victim = pods()[0]!;
    expectOk(client.delete(PODS, 'default', victim.metadata.name!, { gracePeriodSeconds: 0 }));
    cluster.settle();
    expect(pods().filter((p) => p.spec.containers[0]!.image === 'nginx:1.27')).toHaveLength(1);
  });

  it('surges with maxSurge: the new Pod starts beside the old one, which goes once the new one is available', () => {
    start();
    expectOk(
      client.create(
        DAEMON_SETS,
        'default',
        daemonSetManifest('kube-proxy', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }),
      ),
    );
    cluster.settle();
    runPods();
    const current = ds();
    current.spec.template.spec.containers[0]!.image = 'nginx:1.27';
    expectOk(client.update(DAEMON_SETS, 'default', current));
    cluster.settle();
    expect(pods()).toHaveLength(3);
    runPods();
    expect(expectOk(client.list<Pod>(PODS, 'default')).items.filter((p) => p.metadata.deletionTimestamp)).toHaveLength(1);
    for (let i = 0; i < 4; i++) {
      finishDeletes();
      runPods();
    }
    expect(pods().map((p) => p.spec.containers[0]!.image)).toEqual(['nginx:1.27', 'nginx:1.27']);
  });

  it('replaces a failed daemon Pod with a FailedDaemonPod warning', () => {
    start();
    expectOk(client.create(DAEMON_SETS, 'default', daemonSetManifest('kube-proxy')));
    cluster.settle();
    const victim = pods()[0]!;
    expectOk(client.updateStatus(PODS, 'default', { ...victim, status: { ...victim.status, phase: 'Failed' } }));
    cluster.settle();
    finishDeletes();
    expect(pods().map((p) => p.metadata.name)).not.toContain(victim.metadata.name);
    expect(pods()).toHaveLength(2);
    const warning = expectOk(client.list<CoreEvent>(EVENTS, 'default')).items.find((e) => e.reason === 'FailedDaemonPod');
    expect(warning?.message).toBe(`Found failed daemon pod default/${victim.metadata.name!} on node ${targetNodeName(victim)!}, will try to kill it`);
  });

  it('adopts matching orphan Pods instead of creating new ones (ClaimPods)', () => {
    start();
    expectOk(client.create(DAEMON_SETS, 'default', daemonSetManifest('kube-proxy')));
    cluster.settle();
    const before = pods().map((p) => p.metadata.uid).sort();
    expectOk(client.delete(DAEMON_SETS, 'default', 'kube-proxy'));
    for (const pod of pods()) expectOk(client.patch(PODS, 'default', pod.metadata.name!, 'merge', { metadata: { ownerReferences: null } }));
    cluster.settle();
    expectOk(client.create(DAEMON_SETS, 'default', daemonSetManifest('kube-proxy')));
    cluster.settle();
    expect(pods().map((p) => p.metadata.uid).sort()).toEqual(before);
    expect(pods().every((p) => p.metadata.ownerReferences?.[0]?.uid === ds().metadata.uid)).toBe(true);
    expect(ds().status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2 });
  });

  it('backs off deleting Pods that keep failing on a node (failedPodsBackoff 1s, 2s, …)', () => {
    start();
    const manifest = daemonSetManifest('kube-proxy');
    manifest.spec.template.spec.nodeSelector = { 'kubernetes.io/hostname': 'node01' };
    expectOk(client.create(DAEMON_SETS, 'default', manifest));
    cluster.settle();
    // A kubelet that rejects every Pod at once.
    const failAll = () => {
      for (const pod of pods()) {
        if (pod.status?.phase !== 'Failed') expectOk(client.updateStatus(PODS, 'default', { ...pod, status: { ...pod.status, phase: 'Failed' } }));
      }
      cluster.settle();
    };
    const warnings = () => expectOk(client.list<CoreEvent>(EVENTS, 'default')).items.filter((e) => e.reason === 'FailedDaemonPod').reduce((n, e) => n + (e.count ?? 1), 0);
    failAll();
    expect(warnings()).toBe(1);
    failAll();
    expect(warnings()).toBe(1);
    cluster.clock.advance(1_000);
    failAll();
    expect(warnings()).toBe(2);
    cluster.clock.advance(1_000);
    failAll();
    expect(warnings()).toBe(2);
    cluster.clock.advance(1_000);
    failAll();
    expect(warnings()).toBe(3);
  });
});
