/** The scheduler against the API server: queueing, preemption, spread, affinity, host ports, volumes. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreEvent, Pod } from '../../../../src/shared/api/core.js';
import type { PersistentVolumeClaim } from '../../../../src/shared/api/storage.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { EVENTS, NODES, PERSISTENT_VOLUMES, PERSISTENT_VOLUME_CLAIMS, PODS, STORAGE_CLASSES } from '../../../../src/main/cluster/client/resources.js';
import { PersistentVolumeController } from '../../../../src/main/cluster/controllers/persistent-volume/pv-controller.js';
import { Scheduler } from '../../../../src/main/cluster/scheduler/scheduler.js';
import { CONTROL_PLANE_TAINT, type TestCluster, createNode, createPod, expectOk, makeCluster, podManifest } from '../../helpers/cluster.js';

let cluster: TestCluster;
let client: ApiClient;
let scheduler: Scheduler;

function startScheduler(): Scheduler {
  const s = cluster.disposables.add(new Scheduler(cluster.client('kube-scheduler'), cluster.clock, cluster.random.fork('kube-scheduler')));
  s.start();
  cluster.settle();
  return s;
}

function pod(name: string): Pod {
  return expectOk(client.get<Pod>(PODS, 'default', name));
}

function eventsFor(name: string): CoreEvent[] {
  return expectOk(client.list<CoreEvent>(EVENTS, 'default', { fieldSelector: `involvedObject.name=${name}` })).items;
}

function converge(ms = 100): void {
  cluster.settle();
  cluster.clock.advance(ms);
  cluster.settle();
}

function condition(name: string): string | undefined {
  return pod(name).status?.conditions?.find((c) => c.type === 'PodScheduled')?.message;
}

beforeEach(() => {
  cluster = makeCluster();
  client = cluster.client('kubectl');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

describe('FailedScheduling with mixed reasons', () => {
  it('counts each node once, sorts the reasons and explains preemption per node', () => {
    createNode(client, 'controlplane', { taints: [CONTROL_PLANE_TAINT] });
    createNode(client, 'node01', { labels: { disk: 'ssd' }, cpu: '1' });
    createNode(client, 'node02', { labels: { disk: 'ssd' }, unschedulable: true });
    createNode(client, 'node03', { labels: { disk: 'hdd' } });
    scheduler = startScheduler();
    const manifest = podManifest('picky', { cpu: '1500m' });
    manifest.spec.nodeSelector = { disk: 'ssd' };
    expectOk(client.create(PODS, 'default', manifest));
    converge();
    expect(condition('picky')).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable. " +
        'preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling..',
    );
  });
});

describe('the scheduling queue', () => {
  beforeEach(() => {
    createNode(client, 'node01', { cpu: '1' });
    scheduler = startScheduler();
  });

  it('retries after a relevant event only once the 1 s back-off has passed', () => {
    createPod(client, 'big', { cpu: '2' });
    converge(10);
    createNode(client, 'node02', { cpu: '4' });
    converge(100);
    expect(pod('big').spec.nodeName).toBeUndefined();
    converge(1000);
    expect(pod('big').spec.nodeName).toBe('node02');
  });

  it('ignores node changes no rejecting plugin cares about (heartbeats): no retry, no writes', () => {
    createPod(client, 'big', { cpu: '2' });
    converge(2000);
    const revision = cluster.revision();
    const node = expectOk(client.get<import('../../../../src/shared/api/core.js').Node>(NODES, undefined, 'node01'));
    node.status!.conditions![0]!.lastHeartbeatTime = '2025-01-01T00:00:10Z';
    expectOk(client.updateStatus(NODES, undefined, node));
    const afterHeartbeat = cluster.revision();
    converge(20_000);
    expect(afterHeartbeat).toBe(revision + 1);
    expect(cluster.revision()).toBe(afterHeartbeat);
    expect(eventsFor('big')[0]?.count).toBe(1);
  });

  it('schedules higher-priority Pods first', () => {
    const low = podManifest('low', { cpu: '600m' });
    const high = podManifest('high', { cpu: '600m' });
    high.spec.priority = 1000;
    expectOk(client.create(PODS, 'default', low));
    expectOk(client.create(PODS, 'default', high));
    converge();
    expect(pod('high').spec.nodeName).toBe('node01');
    expect(pod('low').spec.nodeName).toBeUndefined();
  });
});

describe('DefaultPreemption', () => {
  beforeEach(() => {
    createNode(client, 'node01', { cpu: '1' });
    createNode(client, 'node02', { cpu: '1' });
    scheduler = startScheduler();
  });

  it('nominates a node, evicts the least important victims with Preempted events, then binds', () => {
    for (const [name, priority] of [
      ['a', 100],
      ['b', 10],
    ] as const) {
      const m = podManifest(name, { cpu: '800m' });
      m.spec.priority = priority;
      m.spec.nodeName = name === 'a' ? 'node01' : 'node02';
      expectOk(client.create(PODS, 'default', m));
    }
    converge();
    const important = podManifest('important', { cpu: '800m' });
    important.spec.priority = 1000;
    const created = expectOk(client.create<Pod>(PODS, 'default', important));
    converge();
    // The victim with the lowest priority goes: b on node02.
    expect(pod('important').status?.nominatedNodeName).toBe('node02');
    expect(condition('important')).toBe('0/2 nodes are available: 2 Insufficient cpu.');
    const victim = expectOk(client.get<Pod>(PODS, 'default', 'b'));
    expect(victim.metadata.deletionTimestamp).toBeDefined();
    expect(victim.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'PreemptionByScheduler',
      message: 'default-scheduler: preempting to accommodate a higher priority pod',
    });
    expect(eventsFor('b').map((e) => [e.reason, e.message])).toContainEqual(['Preempted', `Preempted by pod ${created.metadata.uid} on node node02`]);
    expect(pod('a').metadata.deletionTimestamp).toBeUndefined();
    // While the victim terminates nothing relevant happens; at the 5-minute flush the preemptor
    // retries and waits for the victim rather than preempting again.
    converge(2000);
    expect(condition('important')).toBe('0/2 nodes are available: 2 Insufficient cpu.');
    converge(5 * 60_000);
    expect(condition('important')).toBe('0/2 nodes are available: 2 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node..');
    expectOk(client.delete(PODS, 'default', 'b', { gracePeriodSeconds: 0 }));
    converge(10_000);
    expect(pod('important').spec.nodeName).toBe('node02');
  });

  it('keeps the room preemption freed for the nominated Pod from lower-priority Pods', () => {
    const m = podManifest('victim', { cpu: '800m', nodeName: 'node01' });
    expectOk(client.create(PODS, 'default', m));
    expectOk(client.create(PODS, 'default', podManifest('other', { cpu: '800m', nodeName: 'node02' })));
    const important = podManifest('important', { cpu: '800m' });
    important.spec.priority = 1000;
    expectOk(client.create(PODS, 'default', important));
    converge();
    const nominated = pod('important').status?.nominatedNodeName;
    expect(nominated).toBeDefined();
    expectOk(client.delete(PODS, 'default', nominated === 'node01' ? 'victim' : 'other', { gracePeriodSeconds: 0 }));
    // A lower-priority Pod arriving first must not take the nominated Pod's room.
    createPod(client, 'sneaky', { cpu: '800m' });
    converge();
    expect(pod('sneaky').spec.nodeName).toBeUndefined();
    converge(2000);
    expect(pod('important').spec.nodeName).toBe(nominated);
  });

  it('does not preempt for a Pod with preemptionPolicy Never', () => {
    const m = podManifest('a', { cpu: '800m', nodeName: 'node01' });
    expectOk(client.create(PODS, 'default', m));
    const n = podManifest('b', { cpu: '800m', nodeName: 'node02' });
    expectOk(client.create(PODS, 'default', n));
    const polite = podManifest('polite', { cpu: '800m' });
    polite.spec.priority = 1000;
    polite.spec.preemptionPolicy = 'Never';
    expectOk(client.create(PODS, 'default', polite));
    converge();
    expect(condition('polite')).toBe('0/2 nodes are available: 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..');
    expect(pod('a').metadata.deletionTimestamp).toBeUndefined();
  });

  it('says where evicting every lower-priority Pod would still not be enough', () => {
    const m = podManifest('a', { cpu: '800m', nodeName: 'node01' });
    m.spec.priority = 5;
    expectOk(client.create(PODS, 'default', m));
    const huge = podManifest('huge', { cpu: '1500m' });
    huge.spec.priority = 10;
    expectOk(client.create(PODS, 'default', huge));
    converge();
    expect(condition('huge')).toBe(
      '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 1 Insufficient cpu, 1 No preemption victims found for incoming pod..',
    );
  });
});

describe('PodTopologySpread across 3 nodes', () => {
  it('spreads six Pods two per zone with maxSkew 1, then converges without writes', () => {
    for (const [name, zone] of [
      ['node01', 'a'],
      ['node02', 'b'],
      ['node03', 'c'],
    ]) {
      createNode(client, name!, { labels: { 'topology.kubernetes.io/zone': zone! }, cpu: '8' });
    }
    scheduler = startScheduler();
    for (let i = 0; i < 6; i++) {
      const m = podManifest(`web-${i}`, { labels: { app: 'web' } });
      m.spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }];
      expectOk(client.create(PODS, 'default', m));
    }
    converge();
    const counts: Record<string, number> = {};
    for (const p of expectOk(client.list<Pod>(PODS, 'default')).items) counts[p.spec.nodeName ?? '-'] = (counts[p.spec.nodeName ?? '-'] ?? 0) + 1;
    expect(counts).toEqual({ node01: 2, node02: 2, node03: 2 });
    const revision = cluster.revision();
    scheduler.start();
    converge(10_000);
    expect(cluster.revision()).toBe(revision);
  });
});

describe('InterPodAffinity and NodePorts end to end', () => {
  beforeEach(() => {
    createNode(client, 'node01');
    createNode(client, 'node02');
    scheduler = startScheduler();
  });

  it('keeps anti-affine replicas apart and explains the third one', () => {
    for (let i = 0; i < 3; i++) {
      const m = podManifest(`db-${i}`, { labels: { app: 'db' } });
      m.spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] } };
      expectOk(client.create(PODS, 'default', m));
      converge();
    }
    expect(new Set([pod('db-0').spec.nodeName, pod('db-1').spec.nodeName])).toEqual(new Set(['node01', 'node02']));
    expect(condition('db-2')).toBe(
      "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod..",
    );
  });

  it('puts host-port Pods on different nodes and explains the third', () => {
    for (let i = 0; i < 3; i++) {
      const m = podManifest(`hp-${i}`);
      m.spec.containers[0]!.ports = [{ containerPort: 80, hostPort: 8080 }];
      expectOk(client.create(PODS, 'default', m));
      converge();
    }
    expect(pod('hp-0').spec.nodeName).not.toBe(pod('hp-1').spec.nodeName);
    expect(condition('hp-2')).toBe(
      "0/2 nodes are available: 2 node(s) didn't have free ports for the requested pod ports. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod..",
    );
  });
});

describe('VolumeBinding', () => {
  function claim(name: string, storageClassName?: string): void {
    expectOk(
      client.create(PERSISTENT_VOLUME_CLAIMS, 'default', {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...(storageClassName !== undefined ? { storageClassName } : {}) },
      }),
    );
  }

  function podWithClaim(name: string, claimName: string): void {
    const m = podManifest(name);
    m.spec.volumes = [{ name: 'data', persistentVolumeClaim: { claimName } }];
    expectOk(client.create(PODS, 'default', m));
  }

  beforeEach(() => {
    createNode(client, 'node01');
    createNode(client, 'node02');
    scheduler = startScheduler();
  });

  it('waits on an unbound Immediate claim: pod has unbound immediate PersistentVolumeClaims', () => {
    claim('data', '');
    podWithClaim('app', 'data');
    converge();
    expect(condition('app')).toBe(
      '0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling..',
    );
  });

  it('names a missing claim', () => {
    podWithClaim('app', 'nope');
    converge();
    expect(condition('app')).toBe(
      '0/2 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling..',
    );
  });

  it('gives up on volumes that never bind after the 10-minute bind timeout, and tries again', () => {
    expectOk(
      client.create(STORAGE_CLASSES, undefined, {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'slow' },
        provisioner: 'example.com/absent',
        volumeBindingMode: 'WaitForFirstConsumer',
      } as never),
    );
    claim('data', 'slow');
    podWithClaim('app', 'data');
    converge(1000);
    const selected = expectOk(client.get<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS, 'default', 'data')).metadata.annotations?.['volume.kubernetes.io/selected-node'];
    expect(['node01', 'node02']).toContain(selected);
    expect(pod('app').spec.nodeName).toBeUndefined();
    expect(eventsFor('app')).toEqual([]);
    converge(600_000);
    expect(eventsFor('app').map((e) => [e.reason, e.message])).toEqual([['FailedScheduling', 'running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded']]);
  });

  it('provisions a WaitForFirstConsumer claim on the chosen node, then binds the Pod there', () => {
    cluster.disposables.add(new PersistentVolumeController(cluster.client('persistent-volume-binder'), cluster.clock)).start();
    expectOk(
      client.create(STORAGE_CLASSES, undefined, {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'local-path' },
        provisioner: 'rancher.io/local-path',
        volumeBindingMode: 'WaitForFirstConsumer',
        reclaimPolicy: 'Delete',
      } as never),
    );
    claim('data', 'local-path');
    podWithClaim('app', 'data');
    converge(1000);
    const bound = pod('app').spec.nodeName;
    expect(['node01', 'node02']).toContain(bound);
    const pvc = expectOk(client.get<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS, 'default', 'data'));
    expect(pvc.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe(bound);
    expect(pvc.status?.phase).toBe('Bound');
    const pv = expectOk(client.get(PERSISTENT_VOLUMES, undefined, pvc.spec.volumeName!));
    expect(JSON.stringify(pv)).toContain(`"values":["${bound}"]`);
    const revision = cluster.revision();
    scheduler.start();
    converge(10_000);
    expect(cluster.revision()).toBe(revision);
  });
});
