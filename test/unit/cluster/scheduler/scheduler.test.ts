import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreEvent, Pod } from '../../../../src/shared/api/core.js';
import { EVENTS, NODES, PODS } from '../../../../src/main/cluster/client/resources.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { Scheduler } from '../../../../src/main/cluster/scheduler/scheduler.js';
import {
  CONTROL_PLANE_TAINT,
  type TestCluster,
  createNode,
  createPod,
  expectOk,
  makeCluster,
  podManifest,
} from '../../helpers/cluster.js';

const THREE_NODES_NO_CPU =
  '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
  'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..';

let cluster: TestCluster;
let client: ApiClient;
let scheduler: Scheduler;

function startScheduler(seed = 1): Scheduler {
  const s = cluster.disposables.add(new Scheduler(cluster.client('kube-scheduler'), cluster.clock, cluster.random.fork(`kube-scheduler/${seed}`)));
  s.start();
  cluster.settle();
  return s;
}

function kubeadmNodes(): void {
  createNode(client, 'controlplane', { labels: { 'node-role.kubernetes.io/control-plane': '' }, taints: [CONTROL_PLANE_TAINT] });
  createNode(client, 'node01');
  createNode(client, 'node02');
}

function pod(name: string): Pod {
  return expectOk(client.get<Pod>(PODS, 'default', name));
}

function eventsFor(name: string): CoreEvent[] {
  return expectOk(client.list<CoreEvent>(EVENTS, 'default', { fieldSelector: `involvedObject.name=${name}` })).items;
}

/** Step time until nothing is left to do now, then a little more: the scheduler has converged. */
function converge(ms = 100): void {
  cluster.settle();
  cluster.clock.advance(ms);
}

beforeEach(() => {
  cluster = makeCluster();
  client = cluster.client('kubectl');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

describe('Scheduler', () => {
  beforeEach(() => {
    kubeadmNodes();
    scheduler = startScheduler();
  });

  it('binds a Pod to a worker with room and records a Scheduled event', () => {
    createPod(client, 'web');
    converge();
    const bound = pod('web');
    expect(['node01', 'node02']).toContain(bound.spec.nodeName);
    expect(bound.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
    const events = eventsFor('web');
    expect(events.map((e) => [e.type, e.reason, e.message, e.source?.component])).toEqual([
      ['Normal', 'Scheduled', `Successfully assigned default/web to ${bound.spec.nodeName}`, 'default-scheduler'],
    ]);
  });

  it('never puts a Pod on the tainted control plane', () => {
    for (let i = 0; i < 12; i++) createPod(client, `p${i}`);
    converge();
    const nodes = expectOk(client.list<Pod>(PODS, 'default')).items.map((p) => p.spec.nodeName);
    expect(nodes).toHaveLength(12);
    expect(nodes.every((n) => n === 'node01' || n === 'node02')).toBe(true);
    expect(nodes).not.toContain('controlplane');
  });

  it('spreads Pods by LeastAllocated scoring', () => {
    for (let i = 0; i < 4; i++) {
      createPod(client, `p${i}`, { cpu: '500m' });
      converge();
    }
    const nodes = expectOk(client.list<Pod>(PODS, 'default')).items.map((p) => p.spec.nodeName);
    expect(nodes.filter((n) => n === 'node01')).toHaveLength(2);
    expect(nodes.filter((n) => n === 'node02')).toHaveLength(2);
  });

  it('uses the control plane when the Pod tolerates its taint', () => {
    const manifest = podManifest('tolerant');
    manifest.spec.tolerations = [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }];
    manifest.spec.nodeSelector = { 'node-role.kubernetes.io/control-plane': '' };
    expectOk(client.create(PODS, 'default', manifest));
    converge();
    expect(pod('tolerant').spec.nodeName).toBe('controlplane');
  });

  it('gives the exact FailedScheduling message when no node fits', () => {
    createPod(client, 'big', { cpu: '3' });
    converge();
    const p = pod('big');
    expect(p.spec.nodeName).toBeUndefined();
    expect(p.status?.conditions).toEqual([
      { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:00Z', reason: 'Unschedulable', message: THREE_NODES_NO_CPU },
    ]);
    expect(eventsFor('big').map((e) => [e.type, e.reason, e.message])).toEqual([['Warning', 'FailedScheduling', THREE_NODES_NO_CPU]]);
  });

  it('counts memory and Pod-slot shortages too', () => {
    createPod(client, 'hungry', { memory: '64Gi' });
    converge();
    expect(pod('hungry').status?.conditions?.[0]?.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient memory. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..',
    );
  });

  it('explains a nodeSelector that matches nothing', () => {
    const manifest = podManifest('picky');
    manifest.spec.nodeSelector = { disktype: 'ssd' };
    expectOk(client.create(PODS, 'default', manifest));
    converge();
    expect(pod('picky').status?.conditions?.[0]?.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. " +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..',
    );
  });

  it('waits quietly while nothing changes: no retries, no writes', () => {
    createPod(client, 'big', { cpu: '3' });
    converge();
    const revision = cluster.revision();
    cluster.clock.advance(60_000);
    expect(cluster.revision()).toBe(revision);
    expect(eventsFor('big')[0]?.count).toBe(1);
  });

  it('schedules a waiting Pod as soon as a node with room joins', () => {
    createPod(client, 'big', { cpu: '3' });
    converge();
    expect(pod('big').spec.nodeName).toBeUndefined();
    createNode(client, 'node03', { cpu: '4' });
    // NodeAdd moves the Pod out of the unschedulable Pods; its 1 s back-off still applies.
    converge(1000);
    expect(pod('big').spec.nodeName).toBe('node03');
    expect(eventsFor('big').map((e) => e.reason).sort()).toEqual(['FailedScheduling', 'Scheduled']);
  });

  it('schedules a waiting Pod when a bound Pod is deleted and frees room', () => {
    createPod(client, 'a', { cpu: '1500m' });
    createPod(client, 'b', { cpu: '1500m' });
    converge();
    createPod(client, 'c', { cpu: '1500m' });
    converge();
    expect(pod('c').spec.nodeName).toBeUndefined();
    const freed = pod('a').spec.nodeName;
    expectOk(client.delete(PODS, 'default', 'a', { gracePeriodSeconds: 0 }));
    converge(1000);
    expect(pod('c').spec.nodeName).toBe(freed);
  });

  it('schedules a waiting Pod when a node is uncordoned', () => {
    expectOk(client.patch(NODES, undefined, 'node01', 'merge', { spec: { unschedulable: true } }));
    expectOk(client.patch(NODES, undefined, 'node02', 'merge', { spec: { unschedulable: true } }));
    converge();
    createPod(client, 'web');
    converge();
    expect(pod('web').status?.conditions?.[0]?.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) were unschedulable. ' +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..',
    );
    expectOk(client.patch(NODES, undefined, 'node02', 'merge', { spec: { unschedulable: null } }));
    converge(1000);
    expect(pod('web').spec.nodeName).toBe('node02');
  });

  it('retries an unschedulable Pod after the 5-minute flush even without a cluster change', () => {
    createPod(client, 'big', { cpu: '3' });
    converge();
    cluster.clock.advance(5 * 60_000);
    cluster.settle();
    expect(eventsFor('big')[0]?.count).toBe(2);
  });

  it('leaves a Pod with spec.nodeName alone', () => {
    const since = cluster.tracer.lastSeq;
    createPod(client, 'pinned', { nodeName: 'controlplane' });
    converge();
    expect(pod('pinned').spec.nodeName).toBe('controlplane');
    expect(eventsFor('pinned')).toEqual([]);
    expect(cluster.tracer.recent(since).filter((e) => e.from === 'kube-scheduler' && e.verb !== 'watch')).toEqual([]);
    expect(scheduler.recentDecisions()).toEqual([]);
  });

  it('leaves a Pod for another scheduler alone', () => {
    const manifest = podManifest('custom');
    manifest.spec.schedulerName = 'my-scheduler';
    expectOk(client.create(PODS, 'default', manifest));
    converge();
    expect(pod('custom').spec.nodeName).toBeUndefined();
    expect(pod('custom').status?.conditions).toBeUndefined();
  });

  it('records every plugin verdict per node, the scores and the choice', () => {
    createPod(client, 'web');
    converge();
    const [record] = scheduler.recentDecisions();
    expect(record?.pod).toBe('default/web');
    expect(record?.selected).toBe(pod('web').spec.nodeName);
    const controlPlane = record!.filters.filter((f) => f.node === 'controlplane');
    expect(controlPlane.map((f) => f.plugin)).toEqual(['NodeUnschedulable', 'NodeName', 'TaintToleration']);
    expect(controlPlane[2]!.status).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
      plugin: 'TaintToleration',
    });
    // Plugins whose PreFilter returns Skip (NodeAffinity without a selector, NodePorts without host ports …) do not filter.
    expect(record!.filters.filter((f) => f.node === 'node01').map((f) => `${f.plugin}:${String(f.status)}`)).toEqual([
      'NodeUnschedulable:Success',
      'NodeName:Success',
      'TaintToleration:Success',
      'NodeResourcesFit:Success',
    ]);
    expect(record!.scores.map((s) => `${s.node}:${s.plugin}`)).toEqual([
      'node01:TaintToleration',
      'node01:NodeResourcesFit',
      'node02:TaintToleration',
      'node02:NodeResourcesFit',
    ]);
    expect(record!.scores.every((s) => s.score > 0 && s.score <= 100)).toBe(true);
  });

  it('records the failure message of an unschedulable decision', () => {
    createPod(client, 'big', { cpu: '3' });
    converge();
    const record = scheduler.recentDecisions().at(-1);
    expect(record?.selected).toBeUndefined();
    expect(record?.message).toBe(THREE_NODES_NO_CPU);
  });

  it('converges: a second pass after scheduling writes nothing', () => {
    for (let i = 0; i < 3; i++) createPod(client, `p${i}`);
    converge();
    const revision = cluster.revision();
    // Restarting the informers replays every Pod and Node to the scheduler: a full second pass.
    scheduler.start();
    converge(10_000);
    expect(cluster.revision()).toBe(revision);
  });
});

describe('Scheduler determinism', () => {
  function run(): string[] {
    const c = makeCluster({ seed: 7 });
    try {
      const k = c.client('kubectl');
      createNode(k, 'a');
      createNode(k, 'b');
      createNode(k, 'c');
      const s = c.disposables.add(new Scheduler(c.client('kube-scheduler'), c.clock, c.random.fork('kube-scheduler')));
      s.start();
      for (let i = 0; i < 6; i++) createPod(k, `p${i}`);
      c.settle();
      c.clock.advance(100);
      return expectOk(k.list<Pod>(PODS, 'default')).items.map((p) => `${p.metadata.name}:${p.spec.nodeName}`);
    } finally {
      c.dispose();
    }
  }

  it('breaks ties the same way for the same seed', () => {
    expect(run()).toEqual(run());
  });
});

describe('Scheduler without nodes', () => {
  it('reports that no nodes are available', () => {
    scheduler = startScheduler();
    createPod(client, 'web');
    converge();
    expect(pod('web').status?.conditions?.[0]).toMatchObject({ status: 'False', reason: 'Unschedulable', message: 'no nodes available to schedule pods' });
    createNode(client, 'node01');
    converge(1000);
    expect(pod('web').spec.nodeName).toBe('node01');
  });
});
