import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreEvent, Lease, Node, Pod } from '../../../../../src/shared/api/core.js';
import { NodeLifecycleController } from '../../../../../src/main/cluster/controllers/node-lifecycle/node-lifecycle-controller.js';
import { TaintEvictionController } from '../../../../../src/main/cluster/controllers/node-lifecycle/taint-eviction.js';
import { EVENTS, LEASES, NODES, PODS } from '../../../../../src/main/cluster/client/resources.js';
import type { Kubelet } from '../../../../../src/main/cluster/kubelet/kubelet.js';
import { type TestCluster, createPod, expectOk, makeCluster } from '../../../helpers/cluster.js';
import { startIpam, startKubelet } from '../../../helpers/kubelet.js';

let cluster: TestCluster;

beforeEach(() => {
  cluster = makeCluster();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function start(): NodeLifecycleController {
  const controller = cluster.disposables.add(new NodeLifecycleController(cluster.client('node-controller'), cluster.clock));
  controller.start();
  cluster.settle();
  return controller;
}

function node(name: string): Node {
  return expectOk(cluster.client().get<Node>(NODES, undefined, name));
}

function pod(name: string): Pod {
  return expectOk(cluster.client().get<Pod>(PODS, 'default', name));
}

function events(): string[] {
  return expectOk(cluster.client().list<CoreEvent>(EVENTS, 'default'))
    .items.filter((e) => e.source?.component === 'node-controller')
    .map((e) => `${e.type ?? ''} ${e.reason ?? ''} ${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}: ${e.message ?? ''}`);
}

function taints(name: string): string[] {
  return (node(name).spec.taints ?? []).map((t) => `${t.key}:${t.effect}@${t.timeAdded ?? ''}`);
}

/** Two nodes with kubelets and a running Pod on node02; returns node02's kubelet. */
function twoNodes(): Kubelet {
  startIpam(cluster);
  startKubelet(cluster, 'node01', { address: '192.168.200.11' });
  const worker = startKubelet(cluster, 'node02', { address: '192.168.200.12' });
  createPod(cluster.client(), 'web', { nodeName: 'node02' });
  cluster.clock.advance(30_000);
  expect(pod('web').status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  return worker;
}

describe('NodeLifecycleController', () => {
  it('registers nodes (RegisteredNode) and, while heartbeats come, writes nothing more', () => {
    twoNodes();
    start();
    expect(events()).toEqual(['Normal RegisteredNode Node/node01: Registered Node node01 in Controller', 'Normal RegisteredNode Node/node02: Registered Node node02 in Controller']);
    cluster.clock.advance(5 * 60_000);
    expect(node('node02').status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(node('node02').spec.taints).toBeUndefined();
  });

  it('a silent node goes Unknown after the 50 s grace period, is tainted unreachable (NoSchedule, then NoExecute) and its Pods are marked not Ready', () => {
    const worker = twoNodes();
    start();
    const startedAt = cluster.clock.now();
    worker.dispose();
    const lastRenew = Date.parse(expectOk(cluster.client().get<Lease>(LEASES, 'kube-node-lease', 'node02')).spec.renewTime!);
    // Nothing happens inside the grace period.
    cluster.clock.advance(45_000);
    expect(node('node02').status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    cluster.clock.advance(20_000);
    const conditions = node('node02').status!.conditions!;
    const ready = conditions.find((c) => c.type === 'Ready')!;
    expect(ready).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      expect(conditions.find((c) => c.type === type)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    }
    const unknownAt = Date.parse(ready.lastTransitionTime!);
    // The monitor runs every 5 s and needs strictly more than 50 s since the last observed heartbeat.
    expect(unknownAt - lastRenew).toBeGreaterThan(50_000);
    expect(unknownAt - lastRenew).toBeLessThanOrEqual(60_000);
    expect(unknownAt).toBeGreaterThan(startedAt);
    // The NoExecute taint follows at the next pass, which reads the Unknown condition.
    expect(taints('node02')).toEqual([
      `node.kubernetes.io/unreachable:NoSchedule@${ready.lastTransitionTime!}`,
      `node.kubernetes.io/unreachable:NoExecute@${new Date(unknownAt + 5_000).toISOString().replace('.000Z', 'Z')}`,
    ]);
    expect(taints('node01')).toEqual([]);
    expect(pod('web').status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', lastTransitionTime: ready.lastTransitionTime });
    expect(events()).toEqual([
      'Normal RegisteredNode Node/node01: Registered Node node01 in Controller',
      'Normal RegisteredNode Node/node02: Registered Node node02 in Controller',
      'Normal NodeNotReady Node/node02: Node node02 status is now: NodeNotReady',
      'Warning NodeNotReady Pod/web: Node is not ready',
    ]);
    // Later passes write nothing while the node stays silent (node01's kubelet still renews its Lease).
    const before = [node('node02').metadata.resourceVersion, pod('web').metadata.resourceVersion, events().length];
    cluster.clock.advance(60_000);
    expect([node('node02').metadata.resourceVersion, pod('web').metadata.resourceVersion, events().length]).toEqual(before);
  });

  it('removes the unreachable taints when the kubelet comes back', () => {
    const worker = twoNodes();
    start();
    worker.dispose();
    cluster.clock.advance(70_000);
    expect(taints('node02')).toHaveLength(2);
    startKubelet(cluster, 'node02', { address: '192.168.200.12' });
    cluster.clock.advance(5_000);
    expect(node('node02').status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True');
    expect(node('node02').spec.taints).toBeUndefined();
  });

  it('does not taint when every node is down (full disruption: the control plane is more likely cut off)', () => {
    startIpam(cluster);
    const only = startKubelet(cluster, 'node01');
    start();
    only.dispose();
    cluster.clock.advance(120_000);
    expect(node('node01').status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('Unknown');
    // The NoSchedule condition taint follows the condition; NoExecute is held back.
    expect(taints('node01').map((t) => t.split('@')[0])).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
  });

  it('taints a NotReady node not-ready and a cordoned one unschedulable', () => {
    twoNodes();
    start();
    expectOk(cluster.client().patch(NODES, undefined, 'node01', 'merge', { spec: { unschedulable: true } }));
    cluster.settle();
    expect(taints('node01').map((t) => t.split('@')[0])).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    expectOk(cluster.client().patch(NODES, undefined, 'node01', 'merge', { spec: { unschedulable: false } }));
    cluster.settle();
    expect(node('node01').spec.taints).toBeUndefined();
  });
});

describe('NodeLifecycleController rate limiting', () => {
  it('taints NoExecute at most 0.1 nodes per second in a zone (--node-eviction-rate)', () => {
    startIpam(cluster);
    startKubelet(cluster, 'node01', { address: '192.168.200.11' });
    startKubelet(cluster, 'node02', { address: '192.168.200.12' });
    const a = startKubelet(cluster, 'node03', { address: '192.168.200.13' });
    const b = startKubelet(cluster, 'node04', { address: '192.168.200.14' });
    start();
    a.dispose();
    b.dispose();
    cluster.clock.advance(90_000);
    const noExecuteAt = (name: string): number => Date.parse(node(name).spec.taints!.find((t) => t.effect === 'NoExecute')!.timeAdded!);
    // Both went Unknown in the same pass; the second waits for the limiter's next token.
    expect(noExecuteAt('node04') - noExecuteAt('node03')).toBe(10_000);
  });
});

describe('NodeLifecycleController with the taint-eviction controller', () => {
  function startEviction(): void {
    cluster.disposables.add(new TaintEvictionController(cluster.client('taint-eviction-controller'), cluster.clock)).start();
  }

  function evictionEvents(): string[] {
    return expectOk(cluster.client().list<CoreEvent>(EVENTS, 'default'))
      .items.filter((e) => e.source?.component === 'taint-eviction-controller')
      .map((e) => e.message ?? '');
  }

  it('evicts the Pods of a node silent for 50 s + 300 s; the Pod stays Terminating with nobody to stop it', () => {
    const worker = twoNodes();
    start();
    startEviction();
    worker.dispose();
    cluster.clock.advance(5 * 60_000);
    expect(pod('web').metadata.deletionTimestamp).toBeUndefined();
    cluster.clock.advance(2 * 60_000);
    expect(pod('web').metadata.deletionTimestamp).toBeDefined();
    expect(evictionEvents()).toEqual(['Marking for deletion Pod default/web']);
    cluster.clock.advance(10 * 60_000);
    expect(pod('web').metadata.deletionTimestamp).toBeDefined();
  });

  it('cancels the eviction when the node comes back in time', () => {
    const worker = twoNodes();
    start();
    startEviction();
    worker.dispose();
    cluster.clock.advance(3 * 60_000);
    startKubelet(cluster, 'node02', { address: '192.168.200.12' });
    cluster.clock.advance(10 * 60_000);
    expect(pod('web').metadata.deletionTimestamp).toBeUndefined();
    expect(evictionEvents()).toEqual(['Cancelling deletion of Pod default/web']);
    expect(pod('web').status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True');
  });
});
