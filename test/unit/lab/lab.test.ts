import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent, Lease, Namespace, Node, Pod } from '../../../src/shared/api/core.js';
import { DisposableStore } from '../../../src/shared/lifecycle.js';
import { VIRTUAL_EPOCH } from '../../../src/main/base/clock.js';
import { podDisplayStatus } from '../../../src/main/cluster/apiserver/registry/pod.js';
import { EVENTS, LEASES, NAMESPACES, NODES, PODS, PRIORITY_CLASSES } from '../../../src/main/cluster/client/resources.js';
import { Lab } from '../../../src/main/lab/lab.js';
import { expectOk, podManifest } from '../helpers/cluster.js';

let disposables = new DisposableStore();

afterEach(() => {
  disposables.dispose();
  disposables = new DisposableStore();
});

function lab(seed = 1, options: { workers?: number } = {}): Lab {
  return disposables.add(new Lab({ seed, virtualClock: true, ...options }));
}

/**
 * Everything the API server holds, resource by resource, as one JSON text: what etcd stores, seen
 * through the only door the engine allows.
 */
function clusterState(l: Lab): string {
  const client = l.client('test');
  const state: Record<string, unknown> = { etcd: l.etcdStatus(), clock: l.clock.now() };
  for (const resource of l.apiServer.discovery().filter((r) => r.verbs.includes('list'))) {
    const list = expectOk(client.list({ group: resource.group, version: resource.version, resource: resource.name }));
    state[`${resource.group}/${resource.version}/${resource.name}`] = list;
  }
  return JSON.stringify(state);
}

/** The same learner session, played on any lab. */
function playSession(l: Lab): void {
  const kubectl = l.client('kubectl');
  expectOk(kubectl.create(PODS, 'default', podManifest('nginx', { image: 'nginx:1.25' })));
  expectOk(kubectl.create(PODS, 'default', podManifest('cache', { image: 'redis:7.4', cpu: '250m' })));
  expectOk(kubectl.create(PODS, 'default', podManifest('typo', { image: 'ngnix' })));
  expectOk(kubectl.create(PODS, 'default', podManifest('huge', { cpu: '8' })));
  l.settle();
  l.clock.advance(20_000);
  expectOk(kubectl.delete(PODS, 'default', 'cache'));
  l.clock.advance(5_000);
  expectOk(kubectl.patch(NODES, undefined, 'node02', 'merge', { spec: { unschedulable: true } }));
  l.clock.advance(7 * 60_000);
}

describe('a new virtual lab', () => {
  it('reads 2025-01-01T00:00:00Z', () => {
    const l = lab();
    expect(l.clock.mode).toBe('virtual');
    expect(l.clock.now()).toBe(VIRTUAL_EPOCH);
    expect(new Date(l.clock.now()).toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('has the kubeadm namespaces', () => {
    const names = expectOk(lab().client('test').list<Namespace>(NAMESPACES)).items.map((n) => n.metadata.name);
    expect(names).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  });

  it('has controlplane, node01 and node02, all Ready, with /24 Pod CIDRs', () => {
    const nodes = expectOk(lab().client('test').list<Node>(NODES)).items;
    expect(nodes.map((n) => [n.metadata.name, n.spec.podCIDR, n.spec.podCIDRs])).toEqual([
      ['controlplane', '172.16.0.0/24', ['172.16.0.0/24']],
      ['node01', '172.16.1.0/24', ['172.16.1.0/24']],
      ['node02', '172.16.2.0/24', ['172.16.2.0/24']],
    ]);
    for (const node of nodes) {
      expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
      expect(node.spec.unschedulable).toBeUndefined();
    }
  });

  it('marks the control plane with its role label and NoSchedule taint, and only it', () => {
    const nodes = expectOk(lab().client('test').list<Node>(NODES)).items;
    const [controlPlane, ...workers] = nodes;
    expect(controlPlane!.metadata.labels).toMatchObject({ 'node-role.kubernetes.io/control-plane': '' });
    expect(controlPlane!.spec.taints).toEqual([{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }]);
    for (const worker of workers) {
      expect(worker.spec.taints).toBeUndefined();
      expect(Object.keys(worker.metadata.labels ?? {}).some((k) => k.startsWith('node-role.kubernetes.io/'))).toBe(false);
    }
  });

  it('prints nodes as kubectl get nodes would, the control plane up 10 minutes, workers joining later', () => {
    const table = expectOk(lab().client('test').listTable(NODES));
    expect(table.rows.map((r) => r.cells.slice(0, 5))).toEqual([
      ['controlplane', 'Ready', 'control-plane', '10m', 'v1.32.4'],
      ['node01', 'Ready', '<none>', '7m30s', 'v1.32.4'],
      ['node02', 'Ready', '<none>', '7m', 'v1.32.4'],
    ]);
  });

  it('has a fresh Lease for every node', () => {
    const leases = expectOk(lab().client('test').list<Lease>(LEASES, 'kube-node-lease')).items;
    expect(leases.map((l) => [l.metadata.name, l.spec.holderIdentity])).toEqual([
      ['controlplane', 'controlplane'],
      ['node01', 'node01'],
      ['node02', 'node02'],
    ]);
    for (const lease of leases) expect(Date.parse(lease.spec.renewTime ?? '')).toBeGreaterThan(VIRTUAL_EPOCH - 10_000);
  });

  it('booted without component errors and with nothing left to do in the foreground', () => {
    const l = lab();
    expect(l.componentErrors).toEqual([]);
    expect(l.clock.nextDue({ foregroundOnly: true })).toBeUndefined();
    expect(l.clock.nextDue()).toBeDefined();
  });

  it('has the workstation and the nodes as hosts', () => {
    const l = lab();
    expect([...l.hosts.keys()]).toEqual(['bastion', 'controlplane', 'node01', 'node02']);
    expect(l.findHost('192.168.200.11')?.name).toBe('node01');
    expect(l.findHost('nope')).toBeUndefined();
    expect(l.kubelets.size).toBe(3);
  });

  it('honours the number of workers', () => {
    const nodes = expectOk(lab(1, { workers: 3 }).client('test').list<Node>(NODES)).items;
    expect(nodes.map((n) => n.metadata.name)).toEqual(['controlplane', 'node01', 'node02', 'node03']);
    expect(nodes.map((n) => n.spec.podCIDR)).toEqual(['172.16.0.0/24', '172.16.1.0/24', '172.16.2.0/24', '172.16.3.0/24']);
  });
});

describe('running workloads', () => {
  it('schedules a Pod onto a worker and runs it', async () => {
    const l = lab();
    const kubectl = l.client('kubectl');
    expectOk(kubectl.create(PODS, 'default', podManifest('nginx')));
    const running = await l.waitUntil(() => {
      const pod = kubectl.get<Pod>(PODS, 'default', 'nginx');
      return pod.ok && pod.value.status?.phase === 'Running';
    }, 30_000);
    expect(running).toBe(true);
    const pod = expectOk(kubectl.get<Pod>(PODS, 'default', 'nginx'));
    expect(['node01', 'node02']).toContain(pod.spec.nodeName);
    expect(pod.status?.podIP).toMatch(pod.spec.nodeName === 'node01' ? /^172\.16\.1\./ : /^172\.16\.2\./);
    expect(podDisplayStatus(pod)).toBe('Running');
    const events = expectOk(kubectl.list<CoreEvent>(EVENTS, 'default', { fieldSelector: 'involvedObject.name=nginx' })).items;
    expect(events.map((e) => e.reason).sort()).toEqual(['Created', 'Pulled', 'Pulling', 'Scheduled', 'Started']);
    expect(l.componentErrors).toEqual([]);
  });

  it('waitUntil stops the clock as soon as the condition holds', async () => {
    const l = lab();
    const kubectl = l.client('kubectl');
    expectOk(kubectl.create(PODS, 'default', podManifest('nginx')));
    await l.waitUntil(() => expectOk(kubectl.get<Pod>(PODS, 'default', 'nginx')).spec.nodeName !== undefined, 60_000);
    expect(l.clock.now() - VIRTUAL_EPOCH).toBeLessThan(1000);
  });

  it('waitUntil gives up after the timeout, and sleep moves the clock exactly', async () => {
    const l = lab();
    expect(await l.waitUntil(() => false, 5_000)).toBe(false);
    expect(l.clock.now()).toBe(VIRTUAL_EPOCH + 5_000);
    await l.sleep(60_000);
    expect(l.clock.now()).toBe(VIRTUAL_EPOCH + 65_000);
  });

  it('waitUntil returns false at once when aborted', async () => {
    const l = lab();
    const controller = new AbortController();
    controller.abort();
    expect(await l.waitUntil(() => false, 60_000, controller.signal)).toBe(false);
    expect(l.clock.now()).toBe(VIRTUAL_EPOCH);
  });

  it('stays quiet while idle: only the heartbeats write', () => {
    const l = lab();
    const before = l.etcdStatus().revision;
    l.clock.advance(60_000);
    const leaseWrites = 3 * 6;
    expect(l.etcdStatus().revision - before).toBe(leaseWrites);
  });
});

describe('determinism', () => {
  it('gives byte-identical cluster state for the same seed and the same session', () => {
    const a = lab(42);
    const b = lab(42);
    expect(clusterState(a)).toBe(clusterState(b));
    playSession(a);
    playSession(b);
    const stateA = clusterState(a);
    expect(stateA).toBe(clusterState(b));
    // The session did something worth comparing.
    expect(stateA).toContain('ImagePullBackOff');
    expect(stateA).toContain('FailedScheduling');
    expect(stateA).toContain('"phase":"Running"');
    expect(a.componentErrors).toEqual([]);
  });

  it('gives a different cluster for a different seed', () => {
    expect(clusterState(lab(1))).not.toBe(clusterState(lab(2)));
  });

  it('records the same request trace for the same seed', () => {
    const a = lab(5);
    const b = lab(5);
    playSession(a);
    playSession(b);
    expect(JSON.stringify(a.tracer.recent())).toBe(JSON.stringify(b.tracer.recent()));
  });
});

describe('dispose', () => {
  it('cancels every pending task', () => {
    const l = new Lab({ seed: 1, virtualClock: true });
    expect(l.clock.nextDue()).toBeDefined();
    l.dispose();
    expect(l.clock.nextDue()).toBeUndefined();
  });
});

describe('a real-time lab', () => {
  it('starts at the wall clock and honours the speed option', () => {
    const before = Date.now();
    const l = disposables.add(new Lab({ seed: 1, speed: 5 }));
    expect(l.clock.mode).toBe('realtime');
    expect(l.clock.now()).toBeGreaterThanOrEqual(before - 1000);
    expect(l.clock.now()).toBeLessThanOrEqual(Date.now() + 60_000);
    expect((l.clock as unknown as { speed: number }).speed).toBe(5);
    expect(expectOk(l.client('test').list<Node>(NODES)).items).toHaveLength(3);
  });
});

describe('what kube-apiserver creates for itself at start-up', () => {
  it('has the two system PriorityClasses the control plane static Pods name', () => {
    const l = lab();
    const listed = expectOk(l.client('test').list(PRIORITY_CLASSES));
    expect(listed.items.map((pc) => [pc.metadata.name, pc.value, pc.globalDefault ?? false])).toEqual([
      ['system-cluster-critical', 2000000000, false],
      ['system-node-critical', 2000001000, false],
    ]);
  });
});
